import type { App } from './app-types.js';

const CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "script-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

const ALWAYS: readonly (readonly [string, string])[] = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  ['X-Frame-Options', 'DENY'],
];
const HTML: readonly (readonly [string, string])[] = [...ALWAYS, ['Content-Security-Policy', CSP]];

/** The security headers every response carries (HTML also gets the Content-Security-Policy). */
export function securityHeaders(contentType: string): readonly (readonly [string, string])[] {
  return contentType.startsWith('text/html') ? HTML : ALWAYS;
}

export function registerSecurityHeaders(app: App): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of securityHeaders(String(reply.getHeader('content-type') ?? '')))
      reply.header(name, value);
    return payload;
  });
}

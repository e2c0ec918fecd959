// CSRF protection for every HTML form: a token bound to the visitor's session cookie (or, for
// visitors who are not signed in, to a random anonymous cookie), HMAC-signed with the secret.
// The JSON API is exempt: it authenticates staff with Bearer tokens, never with cookies.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfFailed } from './errors.js';
import { ANON_COOKIE, SESSION_COOKIE, cookieOptions } from './cookies.js';
import type { App } from './app-types.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function sign(secret: string, key: string): string {
  return createHmac('sha256', secret).update(`csrf:${key}`).digest('base64url');
}

function bindingKey(request: FastifyRequest): string | undefined {
  const session = request.cookies[SESSION_COOKIE];
  if (session) return `s:${session}`;
  const anon = request.cookies[ANON_COOKIE];
  return anon ? `a:${anon}` : undefined;
}

/** The token to put in a form's hidden `_csrf` field; sets the anonymous cookie if needed. */
export function csrfToken(app: App, request: FastifyRequest, reply: FastifyReply): string {
  let key = bindingKey(request);
  if (!key) {
    const anon = randomBytes(18).toString('base64url');
    reply.setCookie(ANON_COOKIE, anon, cookieOptions(app.ctx.config, 60 * 60 * 24 * 30));
    request.cookies[ANON_COOKIE] = anon;
    key = `a:${anon}`;
  }
  return sign(app.ctx.config.sessionSecret, key);
}

export function registerCsrf(app: App): void {
  app.addHook('preValidation', async (request) => {
    if (!UNSAFE.has(request.method) || request.url.startsWith('/api/')) return;
    const body = request.body;
    const sent =
      (isRecord(body) && '_csrf' in body ? String(body._csrf) : '') ||
      String(request.headers['x-csrf-token'] ?? '');
    const key = bindingKey(request);
    if (!key || !sent) throw csrfFailed();
    const expected = Buffer.from(sign(app.ctx.config.sessionSecret, key));
    const given = Buffer.from(sent);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw csrfFailed();
    if (isRecord(body)) delete body._csrf;
  });
}

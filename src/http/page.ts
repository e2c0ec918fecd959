// Sending whole pages: builds the layout context from the request and replies with HTML.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app-types.js';
import { prefersElderMode } from './cookies.js';
import { csrfToken } from './csrf.js';
import type { SafeHtml } from './html.js';
import { consoleLayout, publicLayout, type ConsolePageContext, type PublicPageContext } from './layout.js';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? '/';
}

export function publicContext(app: App, request: FastifyRequest): PublicPageContext {
  return {
    site: app.ctx.config.site,
    demo: app.ctx.demo,
    elder: prefersElderMode(request.cookies),
    path: pathOf(request),
  };
}

export function consoleContext(app: App, request: FastifyRequest, reply: FastifyReply): ConsolePageContext {
  return { ...publicContext(app, request), user: request.user, csrf: csrfToken(app, request, reply) };
}

export function sendHtml(reply: FastifyReply, page: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page.value);
}

export function sendPublicPage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  page: Parameters<typeof publicLayout>[1],
  status = 200,
): FastifyReply {
  return sendHtml(reply, publicLayout(publicContext(app, request), page), status);
}

/** Console pages get the CSRF token through `body(csrf)` so their forms can carry it. */
export function sendConsolePage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; body: (csrf: string) => SafeHtml },
  status = 200,
): FastifyReply {
  const ctx = consoleContext(app, request, reply);
  reply.header('Cache-Control', 'no-store');
  return sendHtml(reply, consoleLayout(ctx, { title: page.title, body: page.body(ctx.csrf) }), status);
}

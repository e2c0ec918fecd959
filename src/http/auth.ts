// Authentication and authorisation hooks. Every route must declare `config.permission`;
import type { FastifyRequest } from 'fastify';
import type { CurrentUser } from '../users/users.types.js';
// registering one without it fails at start-up (a test also walks every route).
import { forbidden, unauthorized } from './errors.js';
import { SESSION_COOKIE } from './cookies.js';
import { hasPermission, PERMISSIONS } from '../users/roles.js';
import { resolveApiToken, resolveSession } from '../users/users.service.js';
import type { App } from './app-types.js';

export class MissingPermissionError extends Error {}

export function registerAuth(app: App): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', undefined);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !(PERMISSIONS as readonly string[]).includes(permission)) {
      throw new MissingPermissionError(
        `Route ${String(route.method)} ${route.url} declares no valid config.permission`,
      );
    }
  });

  app.addHook('onRequest', async (request) => {
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === 'public') return;
    const db = app.ctx.db.kysely;
    if (request.url.startsWith('/api/')) {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (match?.[1]) request.user = (await resolveApiToken(db, match[1])) ?? null;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.user = (await resolveSession(db, token)) ?? null;
        if (request.user) request.sessionToken = token;
      }
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    const permission = request.routeOptions.config.permission;
    if (!permission || permission === 'public') return;
    if (!request.user) {
      if (!request.url.startsWith('/api/') && request.method === 'GET') {
        return reply.redirect(`/console/login?next=${encodeURIComponent(request.url)}`, 303);
      }
      throw unauthorized(
        request.url.startsWith('/api/') ? '需要有效的 API 令牌（Authorization: Bearer …）。' : undefined,
      );
    }
    if (!hasPermission(request.user.roles, permission)) throw forbidden();
  });
}

/** The signed-in user of a route whose permission is not 'public' (the hooks guarantee one). */
export function currentUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

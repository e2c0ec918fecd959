// Authentication and authorisation hooks. Every route must declare `config.permission`;
// registering one without it fails at start-up (a test also walks every route).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CurrentUser } from '../users/users.types.js';
import { forbidden, unauthorized } from './errors.js';
import { SESSION_COOKIE } from './cookies.js';
import { hasPermission, PERMISSIONS, type Permission } from '../users/roles.js';
import { resolveApiToken, resolveSession } from '../users/users.service.js';
import type { App } from './app-types.js';

export class MissingPermissionError extends Error {}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: Permission;
}

const declared = new WeakMap<App, DeclaredRoute[]>();

/** Every route registered on `app` with the permission it declares (the route-walking test reads it). */
export function declaredRoutes(app: App): readonly DeclaredRoute[] {
  return declared.get(app) ?? [];
}

export function registerAuth(app: App): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionToken', undefined);
  const routes: DeclaredRoute[] = [];
  declared.set(app, routes);

  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    if (!permission || !(PERMISSIONS as readonly string[]).includes(permission)) {
      throw new MissingPermissionError(
        `Route ${String(route.method)} ${route.url} declares no valid config.permission`,
      );
    }
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission });
    // Authorise as a route-level preValidation hook: it runs after the app-level CSRF check and
    // before the body is validated, so a caller without the permission gets 401/403, never a 400
    // that describes the route's schema.
    const hooks = route.preValidation === undefined ? [] : [route.preValidation].flat();
    if (!hooks.includes(authorise)) route.preValidation = [...hooks, authorise];
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
}

async function authorise(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const permission = request.routeOptions.config.permission;
  if (!permission || permission === 'public') return undefined;
  if (!request.user) {
    if (!request.url.startsWith('/api/') && request.method === 'GET') {
      return reply.redirect(`/console/login?next=${encodeURIComponent(request.url)}`, 303);
    }
    throw unauthorized(
      request.url.startsWith('/api/') ? '需要有效的 API 令牌（Authorization: Bearer …）。' : undefined,
    );
  }
  if (!hasPermission(request.user.roles, permission)) throw forbidden();
  return undefined;
}

/** The signed-in user of a route whose permission is not 'public' (the hooks guarantee one). */
export function currentUser(request: FastifyRequest): CurrentUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

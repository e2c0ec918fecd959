// Sign-in, sign-out and the signed-in user's own account (password, API tokens).
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { SESSION_COOKIE, cookieOptions } from '../http/cookies.js';
import { tooManyRequests } from '../http/errors.js';
import { sendConsolePage } from '../http/page.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { safeBackPath } from '../portal/portal.routes.js';
import { accountPage, loginPage } from './account.views.js';
import {
  changePassword,
  createApiToken,
  listApiTokens,
  login,
  logout,
  revokeApiToken,
} from './users.service.js';
import { SESSION_HOURS } from './users.types.js';

const FormString = Type.Optional(Type.String({ maxLength: 1000 }));

export async function accountRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  // Per client address: 20 sign-in attempts a minute, whatever the account.
  const loginLimiter = createRateLimiter({ max: 20, windowMs: 60_000 });

  app.get(
    '/console/login',
    {
      config: { permission: 'public' },
      schema: { querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500 })) }) },
    },
    async (request, reply) =>
      sendConsolePage(app, request, reply, {
        title: '登录',
        body: (csrf) => loginPage(csrf, { next: request.query.next ?? '' }),
      }),
  );

  app.post(
    '/console/login',
    {
      config: { permission: 'public' },
      schema: {
        body: Type.Object(
          { username: FormString, password: FormString, next: FormString },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (!loginLimiter.hit(request.ip)) throw tooManyRequests('登录尝试过于频繁，请一分钟后再试。');
      const { username = '', password = '', next = '' } = request.body;
      const outcome = await login(db, username, password);
      if (!outcome.ok) {
        return sendConsolePage(
          app,
          request,
          reply,
          { title: '登录', body: (csrf) => loginPage(csrf, { username, message: outcome.message, next }) },
          outcome.reason === 'locked' ? 423 : 401,
        );
      }
      reply.setCookie(
        SESSION_COOKIE,
        outcome.sessionToken,
        cookieOptions(app.ctx.config, SESSION_HOURS * 3600),
      );
      const target = safeBackPath(next);
      return reply.redirect(
        target.startsWith('/console') && target !== '/console/login' ? target : '/console',
        303,
      );
    },
  );

  app.post('/console/logout', { config: { permission: 'staff' } }, async (request, reply) => {
    if (request.sessionToken) await logout(db, request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/console/login', 303);
  });

  app.get(
    '/console/account',
    {
      config: { permission: 'staff' },
      schema: { querystring: Type.Object({ changed: Type.Optional(Type.String({ maxLength: 10 })) }) },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const tokens = await listApiTokens(db, user);
      return sendConsolePage(app, request, reply, {
        title: '我的账号',
        body: (csrf) => accountPage(csrf, { tokens, passwordChanged: request.query.changed !== undefined }),
      });
    },
  );

  app.post(
    '/console/account/password',
    {
      config: { permission: 'staff' },
      schema: {
        body: Type.Object(
          { current: FormString, next: FormString, confirm: FormString },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { current = '', next = '', confirm = '' } = request.body;
      const result = await changePassword(db, user, request.sessionToken, { current, next, confirm });
      if (result.ok) return reply.redirect('/console/account?changed', 303);
      const tokens = await listApiTokens(db, user);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '我的账号', body: (csrf) => accountPage(csrf, { tokens, passwordErrors: result.fields }) },
        400,
      );
    },
  );

  app.post(
    '/console/account/tokens',
    {
      config: { permission: 'staff' },
      schema: { body: Type.Object({ name: FormString }, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const result = await createApiToken(db, user, request.body.name ?? '');
      const tokens = await listApiTokens(db, user);
      if (!result.ok) {
        return sendConsolePage(
          app,
          request,
          reply,
          {
            title: '我的账号',
            body: (csrf) =>
              accountPage(csrf, { tokens, tokenErrors: result.fields, tokenName: request.body.name ?? '' }),
          },
          400,
        );
      }
      return sendConsolePage(app, request, reply, {
        title: '我的账号',
        body: (csrf) => accountPage(csrf, { tokens, newToken: result.value.token }),
      });
    },
  );

  app.post(
    '/console/account/tokens/:id/revoke',
    {
      config: { permission: 'staff' },
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
    },
    async (request, reply) => {
      const user = currentUser(request);
      await revokeApiToken(db, user, request.params.id);
      return reply.redirect('/console/account', 303);
    },
  );
}

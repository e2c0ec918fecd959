// The public portal's shell: home page, stylesheet, 长者模式 switch.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { ELDER_COOKIE, cookieOptions } from '../http/cookies.js';
import { sendPublicPage } from '../http/page.js';
import { homePage } from './portal.views.js';
import { listDepartmentDirectory } from '../orgs/orgs.service.js';

const CSS = readFileSync(new URL('./assets/site.css', import.meta.url), 'utf8');
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('hex').slice(0, 16)}"`;

/** Only same-site paths are followed back, never another host. */
export function safeBackPath(back: string | undefined): string {
  return back && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
}

export async function portalRoutes(app: App): Promise<void> {
  app.get('/', { config: { permission: 'public' } }, async (request, reply) => {
    const groups = await listDepartmentDirectory(app.ctx.db.kysely);
    return sendPublicPage(app, request, reply, { title: '首页', body: homePage(groups) });
  });

  app.get('/assets/site.css', { config: { permission: 'public' } }, async (request, reply) => {
    reply.header('ETag', CSS_ETAG).header('Cache-Control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });

  app.get(
    '/preferences/elder',
    {
      config: { permission: 'public' },
      schema: {
        querystring: Type.Object(
          {
            mode: Type.Union([Type.Literal('on'), Type.Literal('off')]),
            back: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (request.query.mode === 'on') {
        reply.setCookie(ELDER_COOKIE, '1', cookieOptions(app.ctx.config, 60 * 60 * 24 * 365));
      } else {
        reply.clearCookie(ELDER_COOKIE, { path: '/' });
      }
      reply.header('Cache-Control', 'no-store');
      return reply.redirect(safeBackPath(request.query.back), 303);
    },
  );
}

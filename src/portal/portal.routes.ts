// The public portal: home page, stylesheets, the 长者模式 switch, and the portal's other route
// plugins (政府信息公开 section, item pages, feeds and sitemaps, open-data downloads, JSON API).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { interpretationsOf, latestByCategory } from '../catalogue/public-items.service.js';
import type { ItemCategory } from '../catalogue/catalogue.types.js';
import type { App } from '../http/app-types.js';
import { publicTopics } from './portal.data.js';
import { ELDER_COOKIE, cookieOptions } from '../http/cookies.js';
import { listDepartmentDirectory } from '../orgs/orgs.service.js';
import { apiRoutes } from './api.routes.js';
import { exportRoutes } from './export.routes.js';
import { feedsRoutes } from './feeds.routes.js';
import { gkRoutes } from './gk.routes.js';
import { itemRoutes } from './item.routes.js';
import { sendCachedPublicPage } from './portal.cached-page.js';
import { openApiRoute } from './portal.openapi.js';
import { homePage } from './portal.views.js';

function asset(name: string): { text: string; etag: string } {
  const text = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
  return { text, etag: `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"` };
}

const CSS = asset('site.css');
const PRINT_CSS = asset('print.css');

/** The home page's columns: the latest items of these categories. */
export const HOME_COLUMNS: readonly ItemCategory[] = ['policy', 'interpretation', 'notice', 'news'];
const HOME_COLUMN_SIZE = 6;

/** Only same-site paths are followed back, never another host. */
export function safeBackPath(back: string | undefined): string {
  return back && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : '/';
}

function sendCss(request: FastifyRequest, reply: FastifyReply, css: { text: string; etag: string }) {
  reply.header('ETag', css.etag).header('Cache-Control', 'public, max-age=3600');
  if (request.headers['if-none-match'] === css.etag) return reply.code(304).send();
  return reply.type('text/css; charset=utf-8').send(css.text);
}

export async function portalRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get('/', { config: { permission: 'public' } }, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => {
      const [groups, columns, topics] = await Promise.all([
        listDepartmentDirectory(db),
        latestByCategory(db, HOME_COLUMNS, HOME_COLUMN_SIZE),
        publicTopics(app),
      ]);
      const policies = (columns.get('policy') ?? []).map((i) => i.itemId);
      const interpretations = await interpretationsOf(db, policies);
      return {
        title: '首页',
        body: homePage({
          groups,
          columns: HOME_COLUMNS.map((category) => ({ category, items: columns.get(category) ?? [] })),
          interpretations,
          keyAreas: topics.filter((t) => t.isKeyArea),
          hasSearch: app.hasRoute({ method: 'GET', url: '/search' }),
        }),
      };
    }),
  );

  app.get('/assets/site.css', { config: { permission: 'public' } }, async (request, reply) =>
    sendCss(request, reply, CSS),
  );
  app.get('/assets/print.css', { config: { permission: 'public' } }, async (request, reply) =>
    sendCss(request, reply, PRINT_CSS),
  );

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

  await app.register(gkRoutes);
  await app.register(itemRoutes);
  await app.register(feedsRoutes);
  await app.register(exportRoutes);
  await app.register(apiRoutes);
  await app.register(openApiRoute);
}

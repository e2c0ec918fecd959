// One item's public page (and its print view); a withdrawn item answers 410 with a notice.
import { Type } from '@sinclair/typebox';
import { findPublicItemByIndexNumber, lookupPublicItem } from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { notFound } from '../http/errors.js';
import { GK_SECTION_CRUMBS, catalogueHref } from './gk.views.js';
import { itemMetaTags, itemPage, withdrawnPage } from './item.views.js';
import { sendCachedPublicPage } from './portal.cached-page.js';
import { categoryLabel, itemHref } from './portal.format.js';
import { ItemParamsSchema } from './portal.schemas.js';

export async function itemRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const { config } = app.ctx;

  app.get(
    '/xxgk/items/:id',
    {
      config: { permission: 'public' },
      schema: {
        params: ItemParamsSchema,
        querystring: Type.Object(
          { print: Type.Optional(Type.Literal('1')) },
          { additionalProperties: false },
        ),
      },
    },
    (request, reply) =>
      sendCachedPublicPage(app, request, reply, async () => {
        const found = await lookupPublicItem(db, request.params.id);
        if (found.kind === 'missing') throw notFound('您访问的信息不存在或未公开。', 'item_not_found');
        if (found.kind === 'withdrawn') {
          return { title: '该信息已撤销', body: withdrawnPage(found.notice), status: 410 };
        }
        const p = found.page;
        const print = request.query.print === '1';
        const ctx = { site: config.site, publicBaseUrl: config.publicBaseUrl, print };
        return {
          title: p.item.title,
          headExtra: itemMetaTags(p, ctx),
          breadcrumbs: [
            ...GK_SECTION_CRUMBS,
            { href: catalogueHref({ category: p.item.category }), label: categoryLabel(p.item.category) },
          ],
          body: itemPage(p, ctx),
          // The body's bytes as stored take the place of BODY_BYTES_MARKER.
          bodyBytes: p.bodyHtmlBytes,
          bodyBytesName: p.bodyRevision,
        };
      }),
  );

  // 索引号 contain '/', so they travel as a query parameter: /xxgk/items/by-index?indexNumber=…
  app.get(
    '/xxgk/items/by-index',
    {
      config: { permission: 'public' },
      schema: {
        querystring: Type.Object(
          { indexNumber: Type.String({ minLength: 1, maxLength: 100 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const item = await findPublicItemByIndexNumber(db, request.query.indexNumber.trim());
      if (!item) throw notFound('没有这个索引号的公开信息。', 'item_not_found');
      return reply.redirect(itemHref(item.itemId), 301);
    },
  );
}

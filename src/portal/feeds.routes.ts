// Atom feeds (the whole site, each department, topic and category), sitemap.xml and robots.txt.
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import {
  countPublicItems,
  iteratePublicItems,
  latestPublicItems,
  publicItemIdAt,
  topicScope,
  type PublicItemFilter,
} from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { publicTopics } from './portal.data.js';
import { notFound } from '../http/errors.js';
import { getPublicDepartment } from '../orgs/orgs.service.js';
import { catalogueHref, topicHref } from './gk.views.js';
import {
  SITEMAP_MAX_URLS,
  URLSET_CLOSE,
  URLSET_OPEN,
  atomFeed,
  sitemapIndex,
  sitemapPlan,
  sitemapUrl,
} from './feeds.xml.js';
import { CACHE_CONTROL, sendCachedResponse } from './portal.cached-page.js';
import { categoryLabel, itemHref } from './portal.format.js';
import { CategoryLiteral } from './portal.schemas.js';

/** Entries per feed: the latest items. */
export const FEED_SIZE = 50;
const ATOM = 'application/atom+xml; charset=utf-8';
const XML = 'application/xml; charset=utf-8';

/** The site's own pages that a sitemap lists beside the items. */
const STATIC_PATHS = [
  '/',
  '/xxgk',
  '/xxgk/guide',
  '/xxgk/catalogue',
  '/xxgk/statutory',
  '/xxgk/topics',
  '/xxgk/open-data',
];

export async function feedsRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const { config } = app.ctx;
  const base = config.publicBaseUrl;
  const pub = { config: { permission: 'public' as const } };

  async function feed(
    filter: PublicItemFilter,
    info: { selfPath: string; htmlPath: string; title: string; subtitle: string },
  ) {
    const entries = await latestPublicItems(db, filter, FEED_SIZE);
    // The feed changes when one of its entries does: its time is the latest of theirs.
    const updated = entries.reduce<string | null>(
      (latest, e) => (latest === null || e.updatedAt > latest ? e.updatedAt : latest),
      null,
    );
    return {
      contentType: ATOM,
      body: atomFeed({ ...info, baseUrl: base, author: config.site.sponsor, updated }, entries),
    };
  }

  app.get('/feeds/all.atom', pub, (request, reply) =>
    sendCachedResponse(app, request, reply, () =>
      feed(
        {},
        {
          selfPath: '/feeds/all.atom',
          htmlPath: '/xxgk/catalogue',
          title: `${config.site.name}：政府信息公开`,
          subtitle: '最新主动公开的政府信息',
        },
      ),
    ),
  );

  app.get(
    '/feeds/departments/:id.atom',
    { ...pub, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) } },
    (request, reply) =>
      sendCachedResponse(app, request, reply, async () => {
        const d = await getPublicDepartment(db, request.params.id);
        return feed(
          { departmentId: d.id },
          {
            selfPath: `/feeds/departments/${d.id}.atom`,
            htmlPath: catalogueHref({ department: d.id }),
            title: `${d.fullName}：政府信息公开`,
            subtitle: `${d.fullName}最新主动公开的政府信息`,
          },
        );
      }),
  );

  app.get(
    '/feeds/topics/:slug.atom',
    { ...pub, schema: { params: Type.Object({ slug: Type.String({ maxLength: 100 }) }) } },
    (request, reply) =>
      sendCachedResponse(app, request, reply, async () => {
        const topics = await publicTopics(app);
        const topic = topics.find((t) => t.slug === request.params.slug);
        if (!topic) throw notFound('专栏不存在。', 'topic_not_found');
        return feed(
          { topicIds: topicScope(topics, topic.id) },
          {
            selfPath: `/feeds/topics/${encodeURIComponent(topic.slug)}.atom`,
            htmlPath: topicHref(topic),
            title: `${config.site.name}：${topic.name}`,
            subtitle: `专题专栏“${topic.name}”的最新信息`,
          },
        );
      }),
  );

  app.get(
    '/feeds/categories/:category.atom',
    { ...pub, schema: { params: Type.Object({ category: CategoryLiteral }) } },
    (request, reply) =>
      sendCachedResponse(app, request, reply, () => {
        const category = request.params.category;
        return feed(
          { category },
          {
            selfPath: `/feeds/categories/${category}.atom`,
            htmlPath: catalogueHref({ category }),
            title: `${config.site.name}：${categoryLabel(category)}`,
            subtitle: `最新发布的${categoryLabel(category)}`,
          },
        );
      }),
  );

  async function staticUrls(): Promise<string[]> {
    const topics = await publicTopics(app);
    return [...STATIC_PATHS, ...topics.map((t) => topicHref(t))].map((p) => base + p);
  }

  /** Items in id order, `max` of them from `fromId`, as sitemap <url> lines. */
  async function* itemUrls(fromId: number, max: number): AsyncGenerator<string> {
    for await (const e of iteratePublicItems(db, {}, { fromId, max, batchSize: 1000 })) {
      yield sitemapUrl(base + itemHref(e.itemId), e.updatedAt);
    }
  }

  app.get('/sitemap.xml', pub, async (_request, reply) => {
    const [items, pages] = await Promise.all([countPublicItems(db, {}), staticUrls()]);
    reply.header('Cache-Control', CACHE_CONTROL).type(XML);
    const plan = sitemapPlan(items, pages.length);
    if (plan.kind === 'index') return reply.send(sitemapIndex(plan.paths.map((p) => base + p)));
    return reply.send(
      Readable.from(
        (async function* () {
          yield URLSET_OPEN;
          for (const p of pages) yield sitemapUrl(p);
          yield* itemUrls(1, SITEMAP_MAX_URLS);
          yield URLSET_CLOSE;
        })(),
      ),
    );
  });

  app.get('/sitemaps/pages.xml', pub, async (_request, reply) => {
    const pages = await staticUrls();
    return reply
      .header('Cache-Control', CACHE_CONTROL)
      .type(XML)
      .send(URLSET_OPEN + pages.map((p) => sitemapUrl(p)).join('') + URLSET_CLOSE);
  });

  app.get(
    '/sitemaps/items-:n.xml',
    { ...pub, schema: { params: Type.Object({ n: Type.Integer({ minimum: 1, maximum: 100_000 }) }) } },
    async (request, reply) => {
      const startId = await publicItemIdAt(db, (request.params.n - 1) * SITEMAP_MAX_URLS);
      if (startId === undefined) throw notFound();
      return reply
        .header('Cache-Control', CACHE_CONTROL)
        .type(XML)
        .send(
          Readable.from(
            (async function* () {
              yield URLSET_OPEN;
              yield* itemUrls(startId, SITEMAP_MAX_URLS);
              yield URLSET_CLOSE;
            })(),
          ),
        );
    },
  );

  app.get('/robots.txt', pub, async (_request, reply) =>
    reply
      .header('Cache-Control', 'public, max-age=3600')
      .type('text/plain; charset=utf-8')
      .send(
        [
          'User-agent: *',
          'Disallow: /console',
          'Disallow: /preferences/',
          'Disallow: /api/',
          'Disallow: /open-data/',
          'Allow: /',
          `Sitemap: ${base}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );
}

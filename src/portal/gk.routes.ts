// The 政府信息公开 section: index, 公开指南, 公开目录, 法定主动公开内容, 年度报告, 专题专栏, 开放数据.
import { Type } from '@sinclair/typebox';
import {
  ANNUAL_REPORTS_SLUG,
  countPublicItems,
  listPublicPage,
  toFilter,
  topicScope,
  topicTree,
  type PublicItemFilter,
  type PublicTopic,
} from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { publicCount, publicFacets, publicTopics } from './portal.data.js';
import { notFound } from '../http/errors.js';
import { html } from '../http/html.js';
import { listAllDepartments, getPublicDepartment } from '../orgs/orgs.service.js';
import { DEFAULT_PAGE_SIZE, pageHref } from '../shared/pagination.js';
import { filterForm, itemTable } from './catalogue.views.js';
import {
  ANNUAL_REPORTS_PATH,
  GK_CRUMBS,
  GK_SECTION_CRUMBS,
  GK_TITLE,
  catalogueHref,
  gkIndexPage,
  guideIndexPage,
  guidePage,
  openDataPage,
  statutoryPage,
  topicHeader,
  topicHref,
  topicsIndexPage,
} from './gk.views.js';
import { STATUTORY_KINDS } from './gk.statutory.js';
import { sendCachedPublicPage } from './portal.cached-page.js';
import { categoryLabel } from './portal.format.js';
import { CatalogueQuerySchema, hasEmptyValues, readPublicQuery } from './portal.schemas.js';

const PAGE_SIZE = DEFAULT_PAGE_SIZE;
const PageQuery = Type.Object(
  { page: Type.Optional(Type.String({ pattern: '^[0-9]{0,6}$' })) },
  { additionalProperties: false },
);

/**
 * 年度报告: the items of the topic for 政府信息公开工作年度报告 (slug `annual-reports`, or a topic
 * whose name says 年度报告). Without such a topic there is no such column (and no link to it).
 */
export function annualReportTopic(topics: readonly PublicTopic[]): PublicTopic | undefined {
  return (
    topics.find((t) => t.slug === ANNUAL_REPORTS_SLUG) ?? topics.find((t) => t.name.includes('年度报告'))
  );
}

function pageOf(raw: string | undefined): { page: number; offset: number } {
  const page = raw ? Math.max(1, Number(raw)) : 1;
  return { page, offset: (page - 1) * PAGE_SIZE };
}

function feedLink(href: string, title: string) {
  return html`<link rel="alternate" type="application/atom+xml" href="${href}" title="${title}" />`;
}

async function listSection(
  app: App,
  path: string,
  filter: PublicItemFilter,
  rawPage: string | undefined,
  caption: string,
) {
  const { page, offset } = pageOf(rawPage);
  const total = await publicCount(app, filter);
  const list = await listPublicPage(app.ctx.db.kysely, filter, { limit: PAGE_SIZE, offset }, total);
  return itemTable({
    items: list.items,
    total: list.total,
    page,
    pageSize: PAGE_SIZE,
    href: (n) => pageHref(path, {}, n),
    caption,
  });
}

export async function gkRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const pub = { config: { permission: 'public' as const } };

  app.get('/xxgk', pub, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => {
      const topics = await publicTopics(app);
      const facets = await publicFacets(app, {}, topics);
      const keyAreas = topics.filter((t) => t.isKeyArea);
      return {
        title: GK_TITLE,
        body: gkIndexPage(facets, keyAreas, annualReportTopic(topics) !== undefined),
        breadcrumbs: GK_CRUMBS,
      };
    }),
  );

  app.get('/xxgk/guide', pub, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => ({
      title: '政府信息公开指南',
      body: guideIndexPage(await listAllDepartments(db, true)),
      breadcrumbs: GK_SECTION_CRUMBS,
    })),
  );

  app.get(
    '/xxgk/guide/:id',
    { ...pub, schema: { params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }) } },
    (request, reply) =>
      sendCachedPublicPage(app, request, reply, async () => {
        const d = await getPublicDepartment(db, request.params.id);
        const count = await countPublicItems(db, { departmentId: d.id });
        return {
          title: `${d.fullName}政府信息公开指南`,
          body: guidePage(d, count),
          breadcrumbs: [...GK_SECTION_CRUMBS, { href: '/xxgk/guide', label: '政府信息公开指南' }],
          headExtra: feedLink(`/feeds/departments/${d.id}.atom`, d.fullName),
        };
      }),
  );

  app.get(
    '/xxgk/catalogue',
    { ...pub, schema: { querystring: CatalogueQuerySchema } },
    async (request, reply) => {
      const q = request.query;
      const query = readPublicQuery(q);
      if (hasEmptyValues(q)) {
        const canonical = catalogueHref({
          ...(query.departmentId !== undefined ? { department: query.departmentId } : {}),
          ...(query.topicId !== undefined ? { topic: query.topicId } : {}),
          ...(query.category !== undefined ? { category: query.category } : {}),
          ...(query.year !== undefined ? { year: query.year } : {}),
        });
        return reply.redirect(pageHref(canonical, {}, q.page ? Number(q.page) : 1), 301);
      }
      return sendCachedPublicPage(app, request, reply, async () => {
        const topics = await publicTopics(app);
        const filter = await toFilter(db, query, topics);
        const { page, offset } = pageOf(q.page);
        const facets = await publicFacets(app, filter, topics);
        const list = await listPublicPage(db, filter, { limit: PAGE_SIZE, offset }, facets.total);
        const parts = [
          facets.departments.find((d) => d.key === query.departmentId)?.name,
          topics.find((t) => t.id === query.topicId)?.name,
          query.category ? categoryLabel(query.category) : undefined,
          query.year ? `${query.year} 年` : undefined,
        ].filter((p): p is string => Boolean(p));
        const title = parts.length > 0 ? `政府信息公开目录：${parts.join(' · ')}` : '政府信息公开目录';
        const feed =
          query.departmentId !== undefined && parts.length === 1
            ? `/feeds/departments/${query.departmentId}.atom`
            : query.category && parts.length === 1
              ? `/feeds/categories/${query.category}.atom`
              : '/feeds/all.atom';
        return {
          title,
          breadcrumbs: GK_SECTION_CRUMBS,
          headExtra: feedLink(feed, title),
          body: html`<h1>${title}</h1>
            ${filterForm({ department: query.departmentId, topic: query.topicId, category: query.category, year: query.year }, facets, topics)}
            ${itemTable({
              items: list.items,
              total: list.total,
              page,
              pageSize: PAGE_SIZE,
              href: (n) =>
                pageHref(
                  '/xxgk/catalogue',
                  { department: q.department, topic: q.topic, category: q.category, year: q.year },
                  n,
                ),
              caption: title,
            })}
            <p><a href="${feed}">订阅（Atom）</a></p>`,
        };
      });
    },
  );

  app.get('/xxgk/statutory', pub, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => {
      const topics = await publicTopics(app);
      const facets = await publicFacets(app, {}, topics);
      const catCount = new Map(facets.categories.map((c) => [c.key, c.count]));
      const entries = STATUTORY_KINDS.map((k) => ({
        text: k.text,
        links: [
          ...k.categories.map((c) => ({
            href: catalogueHref({ category: c }),
            label: categoryLabel(c),
            count: catCount.get(c) ?? 0,
          })),
          ...k.topics.flatMap((name) => {
            const t = topics.find((x) => x.name === name);
            return t ? [{ href: topicHref(t), label: t.name }] : [];
          }),
          ...k.pages,
        ],
      }));
      return { title: '法定主动公开内容', body: statutoryPage(entries), breadcrumbs: GK_SECTION_CRUMBS };
    }),
  );

  // 年度报告: a paginated list of its topic's items, with the topic's feed.
  app.get(ANNUAL_REPORTS_PATH, { ...pub, schema: { querystring: PageQuery } }, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => {
      const topics = await publicTopics(app);
      const topic = annualReportTopic(topics);
      if (!topic) throw notFound('本站尚未设置年度报告栏目。', 'column_not_found');
      const filter = { topicIds: topicScope(topics, topic.id) };
      const title = '政府信息公开工作年度报告';
      const feed = `/feeds/topics/${encodeURIComponent(topic.slug)}.atom`;
      const table = await listSection(app, ANNUAL_REPORTS_PATH, filter, request.query.page, title);
      return {
        title,
        breadcrumbs: GK_SECTION_CRUMBS,
        headExtra: feedLink(feed, title),
        body: html`${topicHeader({ ...topic, name: title }, feed)}${table}`,
      };
    }),
  );

  app.get('/xxgk/topics', pub, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => ({
      title: '专题专栏',
      body: topicsIndexPage(topicTree(await publicTopics(app))),
      breadcrumbs: GK_SECTION_CRUMBS,
    })),
  );

  app.get(
    '/xxgk/topics/:slug',
    {
      ...pub,
      schema: { params: Type.Object({ slug: Type.String({ maxLength: 100 }) }), querystring: PageQuery },
    },
    (request, reply) => {
      // The 年度报告 topic's column is the section's 年度报告 page.
      if (request.params.slug === ANNUAL_REPORTS_SLUG) {
        const page = request.query.page ? Number(request.query.page) : 1;
        return reply.redirect(pageHref(ANNUAL_REPORTS_PATH, {}, page), 301);
      }
      return sendCachedPublicPage(app, request, reply, async () => {
        const topics = await publicTopics(app);
        const topic = topics.find((t) => t.slug === request.params.slug);
        if (!topic) throw notFound('专栏不存在。', 'topic_not_found');
        const feed = `/feeds/topics/${encodeURIComponent(topic.slug)}.atom`;
        const table = await listSection(
          app,
          topicHref(topic),
          { topicIds: topicScope(topics, topic.id) },
          request.query.page,
          topic.name,
        );
        return {
          title: topic.name,
          breadcrumbs: [...GK_SECTION_CRUMBS, { href: '/xxgk/topics', label: '专题专栏' }],
          headExtra: feedLink(feed, topic.name),
          body: html`${topicHeader(topic, feed)}${table}`,
        };
      });
    },
  );

  app.get('/xxgk/open-data', pub, (request, reply) =>
    sendCachedPublicPage(app, request, reply, async () => ({
      title: '开放数据与订阅',
      breadcrumbs: GK_SECTION_CRUMBS,
      headExtra: feedLink('/feeds/all.atom', '全部政府信息'),
      body: openDataPage([{ href: '/feeds/all.atom', label: '全部主动公开信息（Atom）' }]),
    })),
  );
}

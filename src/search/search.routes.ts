// Search routes: the public page GET /search, the JSON API GET /api/v1/search and the page's
// stylesheet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listPublicTopics } from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { html } from '../http/html.js';
import { sendPublicPage } from '../http/page.js';
import { ApiErrorSchema } from '../portal/api.schemas.js';
import { itemHref } from '../portal/portal.format.js';
import {
  MAX_PAGE,
  PAGE_SIZE,
  SearchApiQuerySchema,
  SearchApiResponseSchema,
  SearchPageQuerySchema,
  type SearchApiResponse,
  type SearchPageQuery,
} from './search.schemas.js';
import { searchRelated } from './search.related.js';
import { indexBacklog } from './search.indexer.js';
import { searchPublic, VERIFY_BUDGET_MS } from './search.service.js';
import type { SearchQuery, SearchResult } from './search.types.js';
import { categoryOrUndefined, searchPage } from './search.views.js';

const CSS = readFileSync(new URL('./assets/search.css', import.meta.url), 'utf8');
const CSS_ETAG = `"${createHash('sha256').update(CSS).digest('hex').slice(0, 16)}"`;

function positiveInt(text: string | undefined, max: number): number | undefined {
  if (!text || !/^\d{1,9}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

/** Reads the page's query: an id or year out of range is ignored (the schema already refused non-digits). */
export function pageQuery(q: SearchPageQuery): SearchQuery {
  const year = positiveInt(q.year, 2100);
  return {
    q: (q.q ?? '').trim(),
    department: positiveInt(q.department, 2_147_483_647),
    topic: positiveInt(q.topic, 2_147_483_647),
    category: categoryOrUndefined(q.category),
    year: year !== undefined && year >= 1900 ? year : undefined,
    sort: q.sort === 'date' ? 'date' : 'relevance',
    page: Math.min(positiveInt(q.page, 1_000_000) ?? 1, MAX_PAGE),
    pageSize: PAGE_SIZE,
  };
}

function apiResponse(r: SearchResult): SearchApiResponse {
  return {
    total: r.total,
    approximate: r.approximate,
    page: r.query.page,
    pageSize: r.query.pageSize,
    pageCount: r.pageCount,
    terms: r.terms,
    hits: r.hits.map((h) => ({
      id: h.itemId,
      title: h.title,
      titleHtml: h.titleHtml,
      snippetHtml: h.snippetHtml,
      indexNumber: h.indexNumber,
      docNumber: h.docNumber,
      department: { id: h.departmentId, name: h.departmentName },
      publishedDate: h.publishedDate,
      category: h.category,
      categoryLabel: h.categoryLabel,
      titleMatch: h.titleMatch,
      numberMatch: h.numberMatch,
      url: itemHref(h.itemId),
    })),
    facets: r.facets,
  };
}

export async function searchRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const searchOptions = {
    postingCache: { maxBytes: app.ctx.config.searchCacheMb * 1024 * 1024 },
    verifyBudgetMs: VERIFY_BUDGET_MS,
  };

  app.get(
    '/search',
    { config: { permission: 'public' }, schema: { querystring: SearchPageQuerySchema } },
    async (request, reply) => {
      const query = pageQuery(request.query);
      // The 清单 and 双公示 matches are shown on the first page of an unfiltered search.
      const withRelated =
        query.q !== '' &&
        query.page === 1 &&
        query.department === undefined &&
        query.topic === undefined &&
        query.category === undefined &&
        query.year === undefined;
      const [result, topics, related] = await Promise.all([
        query.q ? searchPublic(db, query, searchOptions) : Promise.resolve(undefined),
        listPublicTopics(db),
        withRelated ? searchRelated(db, query.q) : Promise.resolve(undefined),
      ]);
      // Results change with every publication and withdrawal: never serve a stored copy.
      reply.header('Cache-Control', 'no-cache');
      return sendPublicPage(app, request, reply, {
        title: query.q ? `“${query.q}”的搜索结果` : '搜索',
        headExtra: html`<link rel="stylesheet" href="/assets/search.css" />`,
        body: searchPage({ query, result, topics, related, backlog: indexBacklog(db) }),
      });
    },
  );

  app.get(
    '/api/v1/search',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['搜索'],
        summary: '全文检索主动公开的政府信息（名称、内容概述、文号、索引号、正文和附件文字）',
        querystring: SearchApiQuerySchema,
        response: { 200: SearchApiResponseSchema, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const result = await searchPublic(
        db,
        {
          q: q.q,
          department: q.department,
          topic: q.topic,
          category: q.category,
          year: q.year,
          sort: q.sort ?? 'relevance',
          page: q.page ?? 1,
          pageSize: q.pageSize ?? PAGE_SIZE,
        },
        searchOptions,
      );
      reply.header('Cache-Control', 'no-cache');
      return apiResponse(result);
    },
  );

  app.get('/assets/search.css', { config: { permission: 'public' } }, async (request, reply) => {
    reply.header('ETag', CSS_ETAG).header('Cache-Control', 'public, max-age=3600');
    if (request.headers['if-none-match'] === CSS_ETAG) return reply.code(304).send();
    return reply.type('text/css; charset=utf-8').send(CSS);
  });
}

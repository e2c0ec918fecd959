// The public catalogue's JSON API: items (filters + cursor pagination), one item by id or by
// 索引号, and topics (departments are served by orgs at /api/v1/departments). 索引号 contain '/', so by-index takes it as a query parameter
// (?indexNumber=…), which survives every proxy and URL builder unencoded-slash rules.
import { Type } from '@sinclair/typebox';
import {
  decodeCursor,
  findPublicItemByIndexNumber,
  listPublicItemsByCursor,
  lookupPublicItem,
  toFilter,
  type PublicItemPage,
  type PublicListEntry,
  type LinkedItem,
} from '../catalogue/public-items.service.js';
import type { App } from '../http/app-types.js';
import { publicTopics } from './portal.data.js';
import { AppError, badRequest, notFound } from '../http/errors.js';
import {
  ApiErrorSchema,
  ItemDetailSchema,
  ItemsPageSchema,
  ItemsQuerySchema,
  TopicSchema,
} from './api.schemas.js';
import { topicHref } from './gk.views.js';
import { CACHE_CONTROL } from './portal.cached-page.js';
import { attachmentHref, categoryLabel, itemHref } from './portal.format.js';
import { ItemParamsSchema } from './portal.schemas.js';

const TAGS = ['公开目录'];

export async function apiRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const base = app.ctx.config.publicBaseUrl;
  const pub = { config: { permission: 'public' as const } };

  function summary(e: PublicListEntry) {
    return {
      id: e.itemId,
      indexNumber: e.indexNumber,
      title: e.title,
      summary: e.summary,
      docNumber: e.docNumber,
      issuer: e.issuer || e.departmentName,
      department: { id: e.departmentId, name: e.departmentName },
      signedDate: e.signedDate,
      publishedDate: e.publishedDate,
      publishedAt: e.publishedAt,
      updatedAt: e.updatedAt,
      topic: e.topicId === null ? null : { id: e.topicId, name: e.topicName ?? '' },
      category: e.category,
      categoryLabel: categoryLabel(e.category),
      validity: e.validity,
      version: e.version,
      url: base + itemHref(e.itemId),
    };
  }

  const linked = (l: LinkedItem) => ({
    id: l.itemId,
    title: l.title,
    indexNumber: l.indexNumber,
    url: base + itemHref(l.itemId),
  });

  function detail(p: PublicItemPage) {
    const entry: PublicListEntry = {
      ...p.item,
      departmentName: p.department?.fullName ?? '',
      topicName: p.topic?.name ?? null,
    };
    return {
      ...summary(entry),
      scope: p.item.scope,
      bodyHtml: p.item.bodyHtml,
      interpretationForm: p.item.interpretationForm,
      attachments: p.attachments.map((a) => ({
        id: a.id,
        fileName: a.fileName,
        mediaType: a.mediaType,
        size: a.size,
        url: base + attachmentHref(a.id, a.fileName),
      })),
      interpretations: p.interpretations.map(linked),
      policies: p.policies.map(linked),
      versions: p.versions.map((v) => ({
        version: v.version,
        title: v.title,
        changeNote: v.changeNote,
        publishedAt: v.publishedAt,
      })),
    };
  }

  async function itemById(id: number) {
    const found = await lookupPublicItem(db, id);
    if (found.kind === 'withdrawn') throw new AppError(410, 'item_withdrawn', '该信息已撤销。');
    if (found.kind === 'missing') throw notFound('没有这条公开信息。', 'item_not_found');
    return detail(found.page);
  }

  app.get(
    '/api/v1/items',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '主动公开的政府信息列表（按发布时间倒序，游标分页）',
        querystring: ItemsQuerySchema,
        response: { 200: ItemsPageSchema, 400: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (q.cursor !== undefined && !after) {
        throw badRequest(
          '游标无效，请使用上一页响应中的 nextCursor。',
          { cursor: '游标无效' },
          'invalid_cursor',
        );
      }
      const filter = await toFilter(db, {
        departmentId: q.department,
        topicId: q.topic,
        category: q.category,
        year: q.year,
      });
      const page = await listPublicItemsByCursor(db, filter, after, q.limit ?? 20);
      reply.header('Cache-Control', CACHE_CONTROL);
      return { items: page.items.map(summary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/items/by-index',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '按索引号查询一条信息（索引号含“/”，作为查询参数传递）',
        querystring: Type.Object(
          {
            indexNumber: Type.String({
              minLength: 1,
              maxLength: 100,
              description: '索引号，如 11421100MB0000000X/2024-00001',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ItemDetailSchema, 404: ApiErrorSchema, 410: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const item = await findPublicItemByIndexNumber(db, request.query.indexNumber.trim());
      if (!item) throw notFound('没有这个索引号的公开信息。', 'item_not_found');
      reply.header('Cache-Control', CACHE_CONTROL);
      return itemById(item.itemId);
    },
  );

  app.get(
    '/api/v1/items/:id',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '一条信息的全部公开内容（元数据、正文、附件、相关解读和修订记录）',
        params: ItemParamsSchema,
        response: { 200: ItemDetailSchema, 404: ApiErrorSchema, 410: ApiErrorSchema },
      },
    },
    async (request, reply) => {
      const body = await itemById(request.params.id);
      reply.header('Cache-Control', CACHE_CONTROL);
      return body;
    },
  );

  app.get(
    '/api/v1/topics',
    {
      ...pub,
      schema: { tags: TAGS, summary: '主题分类（两级）', response: { 200: Type.Array(TopicSchema) } },
    },
    async (_request, reply) => {
      const topics = await publicTopics(app);
      reply.header('Cache-Control', CACHE_CONTROL);
      return topics.map((t) => ({
        id: t.id,
        parentId: t.parentId,
        name: t.name,
        slug: t.slug,
        description: t.description,
        isKeyArea: t.isKeyArea,
        url: base + topicHref(t),
        feedUrl: `${base}/feeds/topics/${encodeURIComponent(t.slug)}.atom`,
      }));
    },
  );
}

// GET /api/v1/lists…: list types, published lists, a list's current entries (filter, search,
// sort, pages), one version, the diff between two versions and the version history.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { notFound } from '../http/errors.js';
import { exportJson } from './lists.export.js';
import {
  diffVersions,
  getList,
  getSnapshot,
  listPublishedLists,
  listTypes,
  listVersions,
  queryEntries,
} from './lists.service.js';
import type { ListSummary, ListType } from './lists.types.js';

const TAGS = ['清单'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export async function listsApiRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const pub = { config: { permission: 'public' as const } };

  async function publicList(id: number): Promise<{ list: ListSummary; type: ListType }> {
    const list = await getList(db, id);
    const type = (await listTypes(db)).find((t) => t.id === list.typeId);
    if (list.version === 0 || !type) throw notFound('该清单尚未公开。', 'list_not_published');
    return { list, type };
  }

  app.get(
    '/api/v1/lists/types',
    { ...pub, schema: { tags: TAGS, summary: '清单类型（字段定义）' } },
    async () =>
      (await listTypes(db)).map((t) => ({
        slug: t.slug,
        name: t.name,
        description: t.description,
        keyField: t.keyField,
        fields: t.fields,
      })),
  );

  app.get('/api/v1/lists', { ...pub, schema: { tags: TAGS, summary: '已公开的清单' } }, async () =>
    (await listPublishedLists(db)).map((l) => ({
      id: l.id,
      type: l.typeSlug,
      typeName: l.typeName,
      department: { id: l.departmentId, name: l.departmentName },
      version: l.version,
      entryCount: l.entryCount,
      updatedAt: l.updatedAt,
    })),
  );

  app.get(
    '/api/v1/lists/:id',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '清单当前版本的条目（可检索、筛选、排序、分页）',
        params: IdParams,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          filter: Type.Optional(
            Type.String({ maxLength: 500, description: '枚举字段筛选，如 power_type:行政许可,subject:某局' }),
          ),
          sort: Type.Optional(Type.String({ maxLength: 60 })),
          order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
          pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
        }),
      },
    },
    async (request) => {
      const { list, type } = await publicList(request.params.id);
      const q = request.query;
      const filters: Record<string, string> = {};
      for (const part of (q.filter ?? '').split(',')) {
        const [k, ...rest] = part.split(':');
        if (k && rest.length) filters[k] = rest.join(':');
      }
      const entries = await queryEntries(db, list, type, {
        q: q.q ?? '',
        filters,
        sort: q.sort ?? '',
        desc: q.order === 'desc',
      });
      const size = q.pageSize ?? 50;
      const page = q.page ?? 1;
      const slice = entries.slice((page - 1) * size, page * size);
      return {
        ...exportJson(list, type, list.version, slice),
        total: entries.length,
        page,
        pageSize: size,
      };
    },
  );

  app.get(
    '/api/v1/lists/:id/versions',
    { ...pub, schema: { tags: TAGS, summary: '版本记录', params: IdParams } },
    async (request) => {
      const { list } = await publicList(request.params.id);
      return (await listVersions(db, list.id)).map((v) => ({
        ...v,
        actorName: v.actorName.replace(/（[^）]*）$/, ''),
      }));
    },
  );

  app.get(
    '/api/v1/lists/:id/versions/:version',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '某一版本的全部条目',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), version: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request) => {
      const { list, type } = await publicList(request.params.id);
      const snap = await getSnapshot(db, list, request.params.version);
      return exportJson(list, type, snap.version, snap.entries);
    },
  );

  app.get(
    '/api/v1/lists/:id/diff',
    {
      ...pub,
      schema: {
        tags: TAGS,
        summary: '两个版本之间新增、修改、删除的条目',
        params: IdParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request) => {
      const { list } = await publicList(request.params.id);
      return {
        from: request.query.from,
        to: request.query.to,
        ...(await diffVersions(db, list, request.query.from, request.query.to)),
      };
    },
  );
}

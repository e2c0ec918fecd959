// Public pages of the 清单 column and the feedback form (CSRF, rate limit, honeypot).
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { csrfToken } from '../http/csrf.js';
import { notFound, tooManyRequests } from '../http/errors.js';
import { str } from '../http/forms.js';
import { sendPublicPage } from '../http/page.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { parsePage } from '../shared/pagination.js';
import { EXPORT_FORMATS, EXPORT_MEDIA_TYPES, exportFileName, exportList } from './lists.export.js';
import {
  columnPage,
  diffPage,
  entryPage,
  feedbackForm,
  feedbackThanksPage,
  HONEYPOT_FIELD,
  listHref,
  listPage,
  versionsPage,
} from './lists.public.views.js';
import {
  diffVersions,
  getEntry,
  getList,
  getSnapshot,
  listPublicAnswers,
  listPublishedLists,
  listTypes,
  listVersions,
  queryEntries,
  submitFeedback,
} from './lists.service.js';
import type { ListSummary, ListType } from './lists.types.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const EntryParams = Type.Object({ id: Type.Integer({ minimum: 1 }), entryId: Type.Integer({ minimum: 1 }) });
const FormString = Type.Optional(Type.String({ maxLength: 5000 }));
const PAGE_SIZE = 20;
const BREADCRUMBS = [
  { href: '/', label: '首页' },
  { href: '/lists', label: '清单' },
];

export function contentDisposition(fileName: string): string {
  return `attachment; filename="export.${fileName.split('.').pop() ?? 'bin'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function listsPublicRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const feedbackLimiter = createRateLimiter({ max: 10, windowMs: 60_000 });
  const pub = { config: { permission: 'public' as const } };

  /** A published list and its type (404 for lists never published). */
  async function publicList(id: number): Promise<{ list: ListSummary; type: ListType }> {
    const list = await getList(db, id);
    const type = (await listTypes(db)).find((t) => t.id === list.typeId);
    if (list.version === 0 || !type) throw notFound('该清单尚未公开。', 'list_not_published');
    return { list, type };
  }

  app.get('/lists', pub, async (request, reply) => {
    const [types, lists] = await Promise.all([listTypes(db), listPublishedLists(db)]);
    return sendPublicPage(app, request, reply, {
      title: '清单',
      breadcrumbs: [{ href: '/', label: '首页' }],
      body: columnPage(types, lists),
    });
  });

  app.get(
    '/lists/:id',
    {
      ...pub,
      schema: {
        params: IdParams,
        querystring: Type.Record(Type.String({ maxLength: 60 }), Type.String({ maxLength: 200 })),
      },
    },
    async (request, reply) => {
      const { list, type } = await publicList(request.params.id);
      const q = request.query;
      const filters: Record<string, string> = {};
      for (const f of type.fields)
        if (f.type === 'enum' && q[`f_${f.key}`]) filters[f.key] = str(q[`f_${f.key}`]);
      const query = {
        q: str(q.q),
        filters,
        sort: str(q.sort),
        order: str(q.order) === 'desc' ? 'desc' : 'asc',
        page: parsePage(q.page, PAGE_SIZE).page,
      };
      const all = await queryEntries(db, list, type, {
        q: query.q,
        filters,
        sort: query.sort,
        desc: query.order === 'desc',
      });
      const pageReq = parsePage(q.page, PAGE_SIZE);
      const answers = await listPublicAnswers(db, list.id);
      return sendPublicPage(app, request, reply, {
        title: `${list.departmentName}${type.name}`,
        breadcrumbs: BREADCRUMBS,
        body: listPage({
          list,
          type,
          entries: all.slice(pageReq.offset, pageReq.offset + PAGE_SIZE),
          total: all.length,
          query,
          pageSize: PAGE_SIZE,
          answers: answers.filter((a) => a.entryKey === null),
          csrf: csrfToken(app, request, reply),
        }),
      });
    },
  );

  app.get(
    '/lists/:id/entries/:entryId',
    { ...pub, schema: { params: EntryParams } },
    async (request, reply) => {
      const { list, type } = await publicList(request.params.id);
      const entry = await getEntry(db, list.id, request.params.entryId);
      const answers = await listPublicAnswers(db, list.id, entry.key);
      return sendPublicPage(app, request, reply, {
        title: entry.key,
        breadcrumbs: [
          ...BREADCRUMBS,
          { href: listHref(list.id), label: `${list.departmentName}${type.name}` },
        ],
        body: entryPage({ list, type, entry, answers, csrf: csrfToken(app, request, reply) }),
      });
    },
  );

  app.get('/lists/:id/versions', { ...pub, schema: { params: IdParams } }, async (request, reply) => {
    const { list, type } = await publicList(request.params.id);
    return sendPublicPage(app, request, reply, {
      title: `${type.name}版本记录`,
      breadcrumbs: [...BREADCRUMBS, { href: listHref(list.id), label: `${list.departmentName}${type.name}` }],
      body: versionsPage(list, type, await listVersions(db, list.id)),
    });
  });

  app.get(
    '/lists/:id/diff',
    {
      ...pub,
      schema: {
        params: IdParams,
        querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }),
      },
    },
    async (request, reply) => {
      const { list, type } = await publicList(request.params.id);
      const { from, to } = request.query;
      return sendPublicPage(app, request, reply, {
        title: '版本差异',
        breadcrumbs: [
          ...BREADCRUMBS,
          { href: listHref(list.id), label: `${list.departmentName}${type.name}` },
        ],
        body: diffPage(list, type, from, to, await diffVersions(db, list, from, to)),
      });
    },
  );

  for (const format of EXPORT_FORMATS) {
    app.get(
      `/lists/:id/export.${format}`,
      {
        ...pub,
        schema: {
          params: IdParams,
          querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        },
      },
      async (request, reply) => {
        const { list, type } = await publicList(request.params.id);
        const snap = await getSnapshot(db, list, request.query.version);
        return reply
          .header('Content-Type', EXPORT_MEDIA_TYPES[format])
          .header('Content-Disposition', contentDisposition(exportFileName(list, type, snap.version, format)))
          .send(exportList(format, list, type, snap.version, snap.entries));
      },
    );
  }

  const feedbackPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    listId: number,
    entry: string | undefined,
    v: Record<string, string>,
    errors?: Record<string, string>,
  ) => {
    reply.header('Cache-Control', 'no-store');
    return sendPublicPage(
      app,
      request,
      reply,
      {
        title: '提出意见建议',
        breadcrumbs: [...BREADCRUMBS, { href: listHref(listId), label: '清单' }],
        body: feedbackForm(csrfToken(app, request, reply), listId, entry, v, errors),
      },
      errors ? 400 : 200,
    );
  };

  app.get(
    '/lists/:id/feedback',
    {
      ...pub,
      schema: {
        params: IdParams,
        querystring: Type.Object({ entry: Type.Optional(Type.String({ maxLength: 500 })) }),
      },
    },
    async (request, reply) => {
      const { list } = await publicList(request.params.id);
      return feedbackPage(request, reply, list.id, request.query.entry, {});
    },
  );

  app.post(
    '/lists/:id/feedback',
    {
      ...pub,
      schema: {
        params: IdParams,
        body: Type.Object(
          {
            entry: FormString,
            name: FormString,
            contact: FormString,
            message: FormString,
            [HONEYPOT_FIELD]: FormString,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      if (!feedbackLimiter.hit(request.ip)) throw tooManyRequests('提交过于频繁，请一分钟后再试。');
      const { list } = await publicList(request.params.id);
      const b = request.body;
      const v = { name: b.name ?? '', contact: b.contact ?? '', message: b.message ?? '' };
      if (b[HONEYPOT_FIELD])
        return sendPublicPage(app, request, reply, {
          title: '意见已收到',
          body: feedbackThanksPage(list.id, ''),
        });
      const entries = b.entry
        ? await queryEntries(db, list, (await publicList(list.id)).type, {
            q: '',
            filters: {},
            sort: '',
            desc: false,
          })
        : [];
      const entryKey = b.entry && entries.some((e) => e.key === b.entry) ? b.entry : undefined;
      const result = await submitFeedback(db, list, { entryKey, ...v });
      if (!result.ok) return feedbackPage(request, reply, list.id, entryKey, v, result.fields);
      reply.header('Cache-Control', 'no-store');
      return sendPublicPage(app, request, reply, {
        title: '意见已收到',
        breadcrumbs: BREADCRUMBS,
        body: feedbackThanksPage(list.id, result.value.dueDate),
      });
    },
  );
}

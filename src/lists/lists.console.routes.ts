// Console routes of the 清单 module: my lists, entries (add, edit, delete), spreadsheet import
// (multipart), feedback answers, and list types (admins).
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { badRequest, notFound } from '../http/errors.js';
import { sendConsolePage } from '../http/page.js';
import { hasPermission } from '../users/roles.js';
import { boundaryOf, parseMultipart, type UploadedFile } from '../catalogue/attachments.multipart.js';
import { shanghaiDate } from '../shared/clock.js';
import {
  consoleHome,
  consoleListPage,
  entryFormPage,
  feedbackConsolePage,
  type ImportView,
} from './lists.console.views.js';
import {
  answerFeedback,
  findDepartmentList,
  getEntry,
  getListType,
  importEntries,
  IMPORT_MODES,
  listDepartmentFeedback,
  listDepartmentLists,
  listEntries,
  listTypes,
  removeEntry,
  saveEntry,
} from './lists.service.js';
import type { ListType } from './lists.types.js';

const FormString = Type.Optional(Type.String({ maxLength: 20000 }));
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) });
const EntryParams = Type.Object({
  slug: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }),
  entryId: Type.Integer({ minimum: 1 }),
});
/** Entry form: one `v_<key>` per field, the reason and the CSRF token. */
const EntryBody = Type.Record(
  Type.String({ pattern: '^(v_[a-z][a-z0-9_]{0,39}|reason)$' }),
  Type.String({ maxLength: 20000 }),
  {
    additionalProperties: false,
  },
);
export const LIST_IMPORT_MAX_BYTES = 20 * 1024 * 1024;

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

function valuesFrom(type: ListType, body: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of type.fields) out[f.key] = body[`v_${f.key}`] ?? '';
  return out;
}

export async function listsConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const manage = { config: { permission: 'lists.manage' as const } };

  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: LIST_IMPORT_MAX_BYTES },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      const parsed = boundary && Buffer.isBuffer(body) ? parseMultipart(body, boundary) : undefined;
      if (!parsed) return done(badRequest('上传的表单格式有误。'), undefined);
      done(null, { ...parsed.fields, ...(parsed.files.file ? { file: parsed.files.file } : {}) });
    },
  );

  app.get('/console/lists', manage, async (request, reply) => {
    const user = currentUser(request);
    const [types, mine, feedback] = await Promise.all([
      listTypes(db),
      listDepartmentLists(db, user.departmentId),
      listDepartmentFeedback(db, user.departmentId),
    ]);
    return sendConsolePage(app, request, reply, {
      title: '清单管理',
      body: () =>
        consoleHome(
          types,
          mine,
          feedback.filter((f) => f.status === 'open').length,
          hasPermission(user.roles, 'lists.types'),
        ),
    });
  });

  async function listPage(request: Parameters<typeof currentUser>[0], slug: string, report?: ImportView) {
    const user = currentUser(request);
    const type = await getListType(db, slug);
    const list = await findDepartmentList(db, type.id, user.departmentId);
    const entries = list ? await listEntries(db, list.id) : [];
    return { type, list, entries, ...(report ? { report } : {}) };
  }

  app.get('/console/lists/:slug', { ...manage, schema: { params: SlugParams } }, async (request, reply) => {
    const data = await listPage(request, request.params.slug);
    return sendConsolePage(app, request, reply, {
      title: data.type.name,
      body: (csrf) => consoleListPage({ csrf, ...data }),
    });
  });

  app.post(
    '/console/lists/:slug/import',
    {
      ...manage,
      bodyLimit: LIST_IMPORT_MAX_BYTES,
      schema: {
        params: SlugParams,
        body: Type.Object(
          {
            file: Type.Optional(Type.Unknown()),
            mode: FormString,
            validOnly: FormString,
            reason: FormString,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const type = await getListType(db, request.params.slug);
      const b = request.body;
      const mode = IMPORT_MODES.find((m) => m === b.mode) ?? 'merge';
      const file = isUploadedFile(b.file) && b.file.data.length > 0 ? b.file : undefined;
      const outcome = file
        ? await importEntries(db, user, type, {
            bytes: file.data,
            mode,
            validOnly: b.validOnly === '1',
            reason: b.reason ?? '',
          })
        : { ok: false as const, message: '请选择要导入的文件。' };
      const report: ImportView = outcome.ok
        ? {
            message: `已导入 ${outcome.imported} 行（${outcome.encoding}），生成第 ${outcome.version} 版。`,
            check: outcome.check,
            imported: outcome.imported,
          }
        : { message: outcome.message, check: outcome.check, reasonError: outcome.fields?.reason };
      const data = await listPage(request, type.slug, report);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: type.name, body: (csrf) => consoleListPage({ csrf, ...data }) },
        outcome.ok ? 200 : 400,
      );
    },
  );

  app.get(
    '/console/lists/:slug/new',
    { ...manage, schema: { params: SlugParams } },
    async (request, reply) => {
      const type = await getListType(db, request.params.slug);
      return sendConsolePage(app, request, reply, {
        title: '新增条目',
        body: (csrf) => entryFormPage({ csrf, type, entryId: undefined, values: {}, reason: '' }),
      });
    },
  );

  app.post(
    '/console/lists/:slug/new',
    { ...manage, schema: { params: SlugParams, body: EntryBody } },
    async (request, reply) => {
      const user = currentUser(request);
      const type = await getListType(db, request.params.slug);
      const values = valuesFrom(type, request.body);
      const reason = request.body.reason ?? '';
      const result = await saveEntry(db, user, type, { originalKey: undefined, values, reason });
      if (result.ok) return reply.redirect(`/console/lists/${type.slug}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '新增条目',
          body: (csrf) =>
            entryFormPage({ csrf, type, entryId: undefined, values, reason, errors: result.fields }),
        },
        400,
      );
    },
  );

  async function ownEntry(request: Parameters<typeof currentUser>[0], slug: string, entryId: number) {
    const user = currentUser(request);
    const type = await getListType(db, slug);
    const list = await findDepartmentList(db, type.id, user.departmentId);
    if (!list) throw notFound('没有这个条目。');
    return { user, type, entry: await getEntry(db, list.id, entryId) };
  }

  app.get(
    '/console/lists/:slug/entries/:entryId',
    { ...manage, schema: { params: EntryParams } },
    async (request, reply) => {
      const { type, entry } = await ownEntry(request, request.params.slug, request.params.entryId);
      return sendConsolePage(app, request, reply, {
        title: '修改条目',
        body: (csrf) => entryFormPage({ csrf, type, entryId: entry.id, values: entry.values, reason: '' }),
      });
    },
  );

  app.post(
    '/console/lists/:slug/entries/:entryId',
    { ...manage, schema: { params: EntryParams, body: EntryBody } },
    async (request, reply) => {
      const { user, type, entry } = await ownEntry(request, request.params.slug, request.params.entryId);
      const values = valuesFrom(type, request.body);
      const reason = request.body.reason ?? '';
      const result = await saveEntry(db, user, type, { originalKey: entry.key, values, reason });
      if (result.ok) return reply.redirect(`/console/lists/${type.slug}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '修改条目',
          body: (csrf) =>
            entryFormPage({ csrf, type, entryId: entry.id, values, reason, errors: result.fields }),
        },
        400,
      );
    },
  );

  app.post(
    '/console/lists/:slug/entries/:entryId/delete',
    {
      ...manage,
      schema: {
        params: EntryParams,
        body: Type.Object({ reason: FormString }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { user, type, entry } = await ownEntry(request, request.params.slug, request.params.entryId);
      const result = await removeEntry(db, user, type, entry.key, request.body.reason ?? '');
      if (result.ok) return reply.redirect(`/console/lists/${type.slug}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '修改条目',
          body: (csrf) =>
            entryFormPage({
              csrf,
              type,
              entryId: entry.id,
              values: entry.values,
              reason: '',
              errors: result.fields,
            }),
        },
        400,
      );
    },
  );

  app.get('/console/lists/feedback', manage, async (request, reply) => {
    const user = currentUser(request);
    const items = await listDepartmentFeedback(db, user.departmentId);
    return sendConsolePage(app, request, reply, {
      title: '清单意见建议',
      body: (csrf) => feedbackConsolePage(csrf, items, shanghaiDate()),
    });
  });

  app.post(
    '/console/lists/feedback/:id/answer',
    {
      ...manage,
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ answer: FormString, publish: FormString }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const result = await answerFeedback(db, user, request.params.id, {
        answer: request.body.answer ?? '',
        publish: request.body.publish === '1',
      });
      if (result.ok) return reply.redirect('/console/lists/feedback', 303);
      const items = await listDepartmentFeedback(db, user.departmentId);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '清单意见建议',
          body: (csrf) =>
            feedbackConsolePage(csrf, items, shanghaiDate(), {
              id: request.params.id,
              fields: result.fields,
            }),
        },
        400,
      );
    },
  );
}

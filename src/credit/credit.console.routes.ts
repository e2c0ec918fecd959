// Console routes of 双公示: the department's records, entry form, import (multipart), 信用修复
// and 撤销, and the late-publication counts for supervisors.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { badRequest } from '../http/errors.js';
import { sendConsolePage } from '../http/page.js';
import { boundaryOf, parseMultipart, type UploadedFile } from '../catalogue/attachments.multipart.js';
import { parsePage } from '../shared/pagination.js';
import { fieldsOf } from './credit.fields.js';
import {
  changeStatus,
  createRecord,
  getOwnRecord,
  importRecords,
  lateCounts,
  listDepartmentRecords,
  recordHistory,
  updateRecord,
  type CreditAction,
} from './credit.service.js';
import { isCreditKind } from './credit.types.js';
import { getImportJob, startImportJob } from './credit.jobs.js';
import {
  consoleCreditPage,
  consoleRecordPage,
  creditFormPage,
  importJobPage,
  lateReportPage,
} from './credit.views.js';

export const CREDIT_IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** Files larger than this are imported in the background with a progress page. */
export const CREDIT_IMPORT_JOB_BYTES = 256 * 1024;
const PAGE_SIZE = 50;
const FormString = Type.Optional(Type.String({ maxLength: 20000 }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const KindQuery = Type.Object({ kind: Type.Union([Type.Literal('license'), Type.Literal('penalty')]) });
const RecordBody = Type.Record(
  Type.String({ pattern: '^(XK|CF)_[A-Z_]{2,20}$|^BZ$' }),
  Type.String({ maxLength: 20000 }),
  { additionalProperties: false },
);

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

export async function creditConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  // Background imports still running: the server waits for them when it closes.
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    await Promise.all([...running]);
  });
  const manage = { config: { permission: 'credit.manage' as const } };

  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: CREDIT_IMPORT_MAX_BYTES },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      const parsed = boundary && Buffer.isBuffer(body) ? parseMultipart(body, boundary) : undefined;
      if (!parsed) return done(badRequest('上传的表单格式有误。'), undefined);
      done(null, { ...parsed.fields, ...(parsed.files.file ? { file: parsed.files.file } : {}) });
    },
  );

  async function listPage(user: ReturnType<typeof currentUser>, pageRaw: string | undefined) {
    const page = parsePage(pageRaw, PAGE_SIZE);
    const result = await listDepartmentRecords(db, user.departmentId, page);
    return { ...result, page: page.page, pageSize: PAGE_SIZE };
  }

  app.get(
    '/console/credit',
    {
      ...manage,
      schema: { querystring: Type.Object({ page: Type.Optional(Type.String({ maxLength: 10 })) }) },
    },
    async (request, reply) => {
      const data = await listPage(currentUser(request), request.query.page);
      return sendConsolePage(app, request, reply, {
        title: '双公示',
        body: (csrf) => consoleCreditPage({ csrf, ...data }),
      });
    },
  );

  app.post(
    '/console/credit/import',
    {
      ...manage,
      bodyLimit: CREDIT_IMPORT_MAX_BYTES,
      schema: {
        body: Type.Object(
          { file: Type.Optional(Type.Unknown()), kind: FormString, validOnly: FormString },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const b = request.body;
      const kind = b.kind && isCreditKind(b.kind) ? b.kind : 'license';
      const file = isUploadedFile(b.file) && b.file.data.length ? b.file : undefined;
      if (file && file.data.length > CREDIT_IMPORT_JOB_BYTES) {
        // A large file: import in the background and show its progress.
        const job = await startImportJob(db, user, {
          kind,
          bytes: file.data,
          fileName: file.fileName,
          validOnly: b.validOnly === '1',
        });
        running.add(job.finished);
        void job.finished.then(() => running.delete(job.finished));
        return reply.redirect(`/console/credit/imports/${job.id}`, 303);
      }
      const outcome = file
        ? await importRecords(db, user, {
            kind,
            bytes: file.data,
            fileName: file.fileName,
            validOnly: b.validOnly === '1',
          })
        : { ok: false as const, message: '请选择要导入的文件。', problems: [], badRows: 0 };
      const report = outcome.ok
        ? {
            ok: true,
            message: `已导入 ${outcome.imported} 条${outcome.late ? `，其中 ${outcome.late} 条超过 7 个工作日公示期限（已标记）` : ''}。`,
            problems: outcome.problems,
          }
        : { ok: false, message: outcome.message, problems: outcome.problems };
      const data = await listPage(user, undefined);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '双公示', body: (csrf) => consoleCreditPage({ csrf, ...data, report }) },
        outcome.ok ? 200 : 400,
      );
    },
  );

  app.get(
    '/console/credit/imports/:id',
    { ...manage, schema: { params: IdParams } },
    async (request, reply) => {
      const job = await getImportJob(db, currentUser(request), request.params.id);
      // Until the job ends the page reloads itself (the Refresh header: no JavaScript needed).
      if (job.status === 'validating' || job.status === 'importing') reply.header('Refresh', '2');
      return sendConsolePage(app, request, reply, {
        title: '导入进度',
        body: () => importJobPage(job),
      });
    },
  );

  app.get('/console/credit/new', { ...manage, schema: { querystring: KindQuery } }, async (request, reply) =>
    sendConsolePage(app, request, reply, {
      title: '录入',
      body: (csrf) => creditFormPage(csrf, request.query.kind, {}),
    }),
  );

  app.post(
    '/console/credit/new',
    { ...manage, schema: { querystring: KindQuery, body: RecordBody } },
    async (request, reply) => {
      const kind = request.query.kind;
      const values: Record<string, string> = {};
      for (const f of fieldsOf(kind)) values[f.key] = request.body[f.key] ?? '';
      const result = await createRecord(db, currentUser(request), kind, values);
      if (result.ok) return reply.redirect(`/console/credit/${result.value.id}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '录入', body: (csrf) => creditFormPage(csrf, kind, values, result.fields) },
        400,
      );
    },
  );

  app.get('/console/credit/late', { config: { permission: 'oversight.read' } }, async (request, reply) => {
    const rows = await lateCounts(db);
    return sendConsolePage(app, request, reply, {
      title: '双公示逾期统计',
      body: () => lateReportPage(rows),
    });
  });

  app.get('/console/credit/:id', { ...manage, schema: { params: IdParams } }, async (request, reply) => {
    const user = currentUser(request);
    const r = await getOwnRecord(db, user, request.params.id);
    const history = await recordHistory(db, user, r.id);
    return sendConsolePage(app, request, reply, {
      title: '双公示记录',
      body: (csrf) => consoleRecordPage(csrf, r, undefined, history),
    });
  });

  app.get('/console/credit/:id/edit', { ...manage, schema: { params: IdParams } }, async (request, reply) => {
    const r = await getOwnRecord(db, currentUser(request), request.params.id);
    return sendConsolePage(app, request, reply, {
      title: '修改',
      body: (csrf) => creditFormPage(csrf, r.kind, r.fields, undefined, { id: r.id, reason: '' }),
    });
  });

  app.post(
    '/console/credit/:id/edit',
    {
      ...manage,
      schema: {
        params: IdParams,
        body: Type.Record(
          Type.String({ pattern: '^(XK|CF)_[A-Z_]{2,20}$|^BZ$|^reason$' }),
          Type.String({ maxLength: 20000 }),
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const r = await getOwnRecord(db, user, request.params.id);
      const values: Record<string, string> = {};
      for (const f of fieldsOf(r.kind)) values[f.key] = request.body[f.key] ?? '';
      const reason = request.body.reason ?? '';
      const result = await updateRecord(db, user, r.id, values, reason);
      if (result.ok) return reply.redirect(`/console/credit/${r.id}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '修改',
          body: (csrf) => creditFormPage(csrf, r.kind, values, result.fields, { id: r.id, reason }),
        },
        400,
      );
    },
  );

  for (const action of ['repair', 'revoke'] as const satisfies readonly CreditAction[]) {
    app.post(
      `/console/credit/:id/${action}`,
      {
        ...manage,
        schema: {
          params: IdParams,
          body: Type.Object({ reason: FormString }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const result = await changeStatus(db, user, request.params.id, action, request.body.reason ?? '');
        if (result.ok) return reply.redirect(`/console/credit/${request.params.id}`, 303);
        const r = await getOwnRecord(db, user, request.params.id);
        return sendConsolePage(
          app,
          request,
          reply,
          { title: '双公示记录', body: (csrf) => consoleRecordPage(csrf, r, result.fields) },
          400,
        );
      },
    );
  }
}

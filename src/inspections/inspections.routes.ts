// Routes of 双随机一公开: public draws and results (+ JSON and CSV), and the console.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { badRequest } from '../http/errors.js';
import { sendConsolePage, sendPublicPage } from '../http/page.js';
import { boundaryOf, parseMultipart, type UploadedFile } from '../catalogue/attachments.multipart.js';
import { writeCsv } from '../lists/lists.tabular.js';
import { shanghaiDate } from '../shared/clock.js';
import { parsePage } from '../shared/pagination.js';
import {
  commitDraw,
  departmentMatters,
  getOwnDraw,
  getPublicDraw,
  importLibrary,
  LIBRARIES,
  listDepartmentDraws,
  listDrawResults,
  listEntities,
  listInspectors,
  searchPublicDraws,
  performDraw,
  recordResult,
  verifyDrawById,
  yearlyCoverage,
  type DrawInput,
} from './inspections.service.js';
import { librariesRoutes } from './inspections.libraries.routes.js';
import { plansRoutes } from './inspections.plans.routes.js';
import { OUTCOME_LABELS } from './inspections.types.js';
import { consoleDrawPage, consoleHomePage, coveragePage, drawPage, drawsPage } from './inspections.views.js';

/** Draws per page of the public list. */
const DRAWS_PAGE_SIZE = 20;
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const FormString = Type.Optional(Type.String({ maxLength: 5000 }));

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data);
}

export async function inspectionsRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const pub = { config: { permission: 'public' as const } };
  const manage = { config: { permission: 'inspections.manage' as const } };

  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 },
    (request, body, done) => {
      const boundary = boundaryOf(String(request.headers['content-type'] ?? ''));
      const parsed = boundary && Buffer.isBuffer(body) ? parseMultipart(body, boundary) : undefined;
      if (!parsed) return done(badRequest('上传的表单格式有误。'), undefined);
      done(null, { ...parsed.fields, ...(parsed.files.file ? { file: parsed.files.file } : {}) });
    },
  );

  await librariesRoutes(app);
  await plansRoutes(app);

  app.get(
    '/inspections',
    {
      ...pub,
      schema: {
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Optional(Type.String({ maxLength: 8 })),
        }),
      },
    },
    async (request, reply) => {
      const q = (request.query.q ?? '').trim();
      const page = parsePage(request.query.page, DRAWS_PAGE_SIZE);
      const found = await searchPublicDraws(db, q, page);
      return sendPublicPage(app, request, reply, {
        title: q ? `双随机一公开：“${q}”` : '双随机一公开',
        breadcrumbs: [{ href: '/', label: '首页' }],
        body: drawsPage({ ...found, q, page: page.page, pageSize: DRAWS_PAGE_SIZE }),
      });
    },
  );

  app.get('/inspections/draws/:id', { ...pub, schema: { params: IdParams } }, async (request, reply) => {
    const d = await getPublicDraw(db, request.params.id);
    const [results, verified] = await Promise.all([
      listDrawResults(db, d.id),
      d.seed ? verifyDrawById(db, d.id) : undefined,
    ]);
    return sendPublicPage(app, request, reply, {
      title: d.title,
      breadcrumbs: [
        { href: '/', label: '首页' },
        { href: '/inspections', label: '双随机一公开' },
      ],
      body: drawPage(d, results, verified),
    });
  });

  app.get(
    '/inspections/draws/:id/results.csv',
    { ...pub, schema: { params: IdParams } },
    async (request, reply) => {
      const d = await getPublicDraw(db, request.params.id);
      const results = await listDrawResults(db, d.id);
      const csv = writeCsv(
        ['检查对象', '统一社会信用代码', '执法检查人员', '检查结果', '说明', '检查结束日期', '公布日期'],
        results.map((r) => [
          r.entityName,
          r.creditCode,
          r.inspectors,
          OUTCOME_LABELS[r.outcome],
          r.note,
          r.inspectionEndDate,
          r.publishedDate,
        ]),
      );
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="draw-${d.id}-results.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/v1/inspections/draws',
    {
      ...pub,
      schema: {
        tags: ['双随机一公开'],
        summary: '抽取记录（可按抽查任务、事项、部门、检查对象名称或统一社会信用代码查找）',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }),
      },
    },
    async (request) =>
      (await searchPublicDraws(db, request.query.q ?? '', { limit: 100_000, offset: 0 })).draws.map((d) => ({
        id: d.id,
        title: d.title,
        matter: d.matter,
        department: d.departmentName,
        year: d.year,
        status: d.status,
        poolSize: d.poolSize,
        poolDigest: d.poolDigest,
      })),
  );

  app.get(
    '/api/v1/inspections/draws/:id',
    {
      ...pub,
      schema: { tags: ['双随机一公开'], summary: '一次抽取的全部公开数据（用于复核）', params: IdParams },
    },
    async (request) => {
      const d = await getPublicDraw(db, request.params.id);
      const results = await listDrawResults(db, d.id);
      return {
        id: d.id,
        status: d.status,
        data: d.data,
        poolDigest: d.poolDigest,
        commitment: d.commitment,
        seed: d.seed,
        result: d.result,
        committedAt: d.committedAt,
        drawnAt: d.drawnAt,
        results,
      };
    },
  );

  // ---- console
  async function home(
    request: Parameters<typeof currentUser>[0],
    extra: Partial<Parameters<typeof consoleHomePage>[0]> = {},
  ) {
    const user = currentUser(request);
    const [draws, matters, entities, inspectors] = await Promise.all([
      listDepartmentDraws(db, user.departmentId),
      departmentMatters(db, user.departmentId),
      listEntities(db, user.departmentId),
      listInspectors(db, user.departmentId),
    ]);
    return (csrf: string) =>
      consoleHomePage({
        csrf,
        draws,
        matters,
        entityCount: entities.length,
        inspectorCount: inspectors.length,
        ...extra,
      });
  }

  app.get('/console/inspections', manage, async (request, reply) =>
    sendConsolePage(app, request, reply, { title: '双随机一公开', body: await home(request) }),
  );

  app.post(
    '/console/inspections/import/:library',
    {
      ...manage,
      bodyLimit: 50 * 1024 * 1024,
      schema: {
        params: Type.Object({ library: Type.Union(LIBRARIES.map((l) => Type.Literal(l))) }),
        body: Type.Object({ file: Type.Optional(Type.Unknown()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const file = isUploadedFile(request.body.file) ? request.body.file : undefined;
      const outcome = file
        ? await importLibrary(db, currentUser(request), request.params.library, file.data)
        : { ok: false as const, message: '请选择文件。', problems: [] };
      const report = outcome.ok
        ? { ok: true, message: `已导入 ${outcome.imported} 条。`, problems: [] }
        : { ok: false, message: outcome.message, problems: outcome.problems };
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '双随机一公开', body: await home(request, { report }) },
        outcome.ok ? 200 : 400,
      );
    },
  );

  app.post(
    '/console/inspections/draws',
    {
      ...manage,
      schema: {
        body: Type.Object(
          {
            title: FormString,
            matter: FormString,
            industry: FormString,
            count: FormString,
            percent: FormString,
            inspectorsPerEntity: FormString,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const input: DrawInput = {
        title: b.title ?? '',
        matter: b.matter ?? '',
        industry: b.industry ?? '',
        count: b.count ?? '',
        percent: b.percent ?? '',
        inspectorsPerEntity: b.inspectorsPerEntity ?? '',
      };
      const result = await commitDraw(db, currentUser(request), input);
      if (result.ok) return reply.redirect(`/console/inspections/draws/${result.value}`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '双随机一公开', body: await home(request, { draw: input, errors: result.fields }) },
        400,
      );
    },
  );

  app.get(
    '/console/inspections/draws/:id',
    { ...manage, schema: { params: IdParams } },
    async (request, reply) => {
      const d = await getOwnDraw(db, currentUser(request), request.params.id);
      const results = await listDrawResults(db, d.id);
      return sendConsolePage(app, request, reply, {
        title: d.title,
        body: (csrf) => consoleDrawPage(csrf, d, results),
      });
    },
  );

  app.post(
    '/console/inspections/draws/:id/draw',
    { ...manage, schema: { params: IdParams } },
    async (request, reply) => {
      await performDraw(db, currentUser(request), request.params.id);
      return reply.redirect(`/console/inspections/draws/${request.params.id}`, 303);
    },
  );

  app.post(
    '/console/inspections/draws/:id/results',
    {
      ...manage,
      schema: {
        params: IdParams,
        body: Type.Object(
          { creditCode: FormString, outcome: FormString, note: FormString, inspectionEndDate: FormString },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const b = request.body;
      const result = await recordResult(db, user, request.params.id, {
        creditCode: b.creditCode ?? '',
        outcome: b.outcome ?? '',
        note: b.note ?? '',
        inspectionEndDate: b.inspectionEndDate ?? '',
      });
      if (result.ok) return reply.redirect(`/console/inspections/draws/${request.params.id}`, 303);
      const d = await getOwnDraw(db, user, request.params.id);
      const results = await listDrawResults(db, d.id);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: d.title, body: (csrf) => consoleDrawPage(csrf, d, results, result.fields) },
        400,
      );
    },
  );

  app.get(
    '/console/inspections/coverage',
    {
      config: { permission: 'oversight.read' },
      schema: {
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2200 })) }),
      },
    },
    async (request, reply) => {
      const year = request.query.year ?? Number(shanghaiDate().slice(0, 4));
      const rows = await yearlyCoverage(db, year);
      return sendConsolePage(app, request, reply, {
        title: '抽查覆盖情况',
        body: () => coveragePage(year, rows),
      });
    },
  );
}

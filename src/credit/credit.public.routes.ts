// Public lookup of 双公示 records and GET /api/v1/credit/records…: only records within their
// 公示期, personal data masked in pages and JSON alike.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { sendPublicPage } from '../http/page.js';
import { normaliseCreditCode } from '../orgs/credit-code.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { pageHref, parsePage } from '../shared/pagination.js';
import { fieldsOf } from './credit.fields.js';
import { publicFields, publicPartyName } from './credit.mask.js';
import { getPublicRecord, revocationNote, searchPublicRecords } from './credit.service.js';
import { CREDIT_KIND_LABELS, isCreditKind, type CreditQuery, type CreditRecord } from './credit.types.js';
import { lookupPage, recordPage, revokedPage, type LookupForm } from './credit.views.js';

const PAGE_SIZE = 20;
const Q = Type.Optional(Type.String({ maxLength: 100 }));
const LookupQuery = Type.Object({ name: Q, code: Q, department: Q, kind: Q, from: Q, to: Q, page: Q });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function toQuery(f: LookupForm): CreditQuery {
  const dept = Number(f.department);
  return {
    name: f.name.trim() || undefined,
    code: f.code.trim() ? normaliseCreditCode(f.code) : undefined,
    departmentId: Number.isInteger(dept) && dept > 0 ? dept : undefined,
    kind: isCreditKind(f.kind) ? f.kind : undefined,
    from: DATE.test(f.from) ? f.from : undefined,
    to: DATE.test(f.to) ? f.to : undefined,
  };
}

/** A record as the public API shows it (same masking as the page). */
export function publicRecordJson(r: CreditRecord) {
  const fields = publicFields(r.fields, r.partyCategory);
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: CREDIT_KIND_LABELS[r.kind],
    partyName: publicPartyName(r),
    creditCode: r.creditCode,
    docNumber: r.docNumber,
    decisionDate: r.decisionDate,
    department: { id: r.departmentId, name: r.departmentName },
    publishUntil: r.publishUntil,
    fields: Object.fromEntries(
      fieldsOf(r.kind)
        .filter((d) => fields[d.key])
        .map((d) => [d.key, fields[d.key]]),
    ),
  };
}

export async function creditPublicRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const pub = { config: { permission: 'public' as const } };

  app.get('/credit', { ...pub, schema: { querystring: LookupQuery } }, async (request, reply) => {
    const q = request.query;
    const form: LookupForm = {
      name: q.name ?? '',
      code: q.code ?? '',
      department: q.department ?? '',
      kind: q.kind ?? '',
      from: q.from ?? '',
      to: q.to ?? '',
    };
    const page = parsePage(q.page, PAGE_SIZE);
    const [result, departments] = await Promise.all([
      searchPublicRecords(db, toQuery(form), page),
      listAllDepartments(db, true),
    ]);
    return sendPublicPage(app, request, reply, {
      title: '双公示',
      breadcrumbs: [{ href: '/', label: '首页' }],
      body: lookupPage({
        form,
        departments,
        ...result,
        page: page.page,
        pageSize: PAGE_SIZE,
        href: (p) => pageHref('/credit', { ...form }, p),
      }),
    });
  });

  app.get('/credit/:id', { ...pub, schema: { params: IdParams } }, async (request, reply) => {
    const note = await revocationNote(db, request.params.id);
    if (note)
      return sendPublicPage(app, request, reply, { title: '该决定已撤销', body: revokedPage(note) }, 410);
    const r = await getPublicRecord(db, request.params.id);
    return sendPublicPage(app, request, reply, {
      title: `${CREDIT_KIND_LABELS[r.kind]}信息`,
      breadcrumbs: [
        { href: '/', label: '首页' },
        { href: '/credit', label: '双公示' },
      ],
      body: recordPage(r),
    });
  });

  app.get(
    '/api/v1/credit/records',
    {
      ...pub,
      schema: {
        tags: ['双公示'],
        summary: '查询公示中的行政许可、行政处罚信息（相对人名称部分匹配或统一社会信用代码精确匹配）',
        querystring: Type.Object({
          name: Q,
          code: Q,
          department: Type.Optional(Type.Integer({ minimum: 1 })),
          kind: Type.Optional(Type.Union([Type.Literal('license'), Type.Literal('penalty')])),
          from: Q,
          to: Q,
          page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const form: LookupForm = {
        name: q.name ?? '',
        code: q.code ?? '',
        department: String(q.department ?? ''),
        kind: q.kind ?? '',
        from: q.from ?? '',
        to: q.to ?? '',
      };
      const page = parsePage(String(q.page ?? 1), PAGE_SIZE);
      const result = await searchPublicRecords(db, toQuery(form), page);
      return {
        total: result.total,
        more: result.more,
        page: page.page,
        pageSize: PAGE_SIZE,
        records: result.records.map(publicRecordJson),
      };
    },
  );

  app.get(
    '/api/v1/credit/records/:id',
    { ...pub, schema: { tags: ['双公示'], summary: '一条公示中的信息', params: IdParams } },
    async (request) => publicRecordJson(await getPublicRecord(db, request.params.id)),
  );
}

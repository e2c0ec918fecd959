// Routes of the 年度抽查计划: the console (a department's plans and the plan form) and the public
// page listing the plans per department and year with the draws made against them.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage, sendPublicPage } from '../http/page.js';
import { shanghaiDate } from '../shared/clock.js';
import {
  findPlan,
  listPlans,
  PLAN_YEAR_MAX,
  PLAN_YEAR_MIN,
  plansWithProgress,
  savePlan,
  type PlanInput,
} from './inspections.plans.js';
import { consolePlansPage, planFormPage, publicPlansPage } from './inspections.plans.views.js';
import { writeCsv } from '../lists/lists.tabular.js';
import { departmentMatters } from './inspections.service.js';
import { DRAW_STATUSES } from './inspections.types.js';

const YearParams = Type.Object({ year: Type.Integer({ minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX }) });
/** The plan form: `matter_<row>`, `percent_<row>`, `draws_<row>`, `start_<row>`, `end_<row>` and `note`. */
const PlanBody = Type.Record(
  Type.String({ pattern: '^((matter|percent|draws|start|end)_\\d{1,3}|note)$' }),
  Type.String({ maxLength: 2000 }),
);

/** The public filter: department id and year (anything else is ignored). */
const PlanFilterQuery = Type.Object({
  department: Type.Optional(Type.String({ maxLength: 12 })),
  year: Type.Optional(Type.String({ maxLength: 6 })),
});

function planFilter(q: { department?: string | undefined; year?: string | undefined }) {
  const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
  return { departmentId: num(q.department), year: num(q.year) };
}

const thisYear = () => Number(shanghaiDate().slice(0, 4));

/** One planned matter of a plan, with what was drawn against it (GET /api/v1/inspections/plans). */
const PlanRowSchema = Type.Object(
  {
    planId: Type.Integer(),
    department: Type.Object({ id: Type.Integer(), name: Type.String() }),
    year: Type.Integer(),
    matter: Type.String({ description: '抽查事项' }),
    ratioPercent: Type.Union([Type.Number(), Type.Null()], { description: '计划抽查比例（%）' }),
    plannedDraws: Type.Union([Type.Integer(), Type.Null()], { description: '计划抽取次数' }),
    periodStart: Type.String({ format: 'date', description: '起始日期' }),
    periodEnd: Type.String({ format: 'date', description: '截止日期' }),
    drawn: Type.Integer({ description: '计划期内已完成的抽取次数' }),
    bestPercent: Type.Number({ description: '计划期内最高抽取比例（%）' }),
    reached: Type.Boolean({ description: '是否完成计划' }),
    draws: Type.Array(
      Type.Object({
        id: Type.Integer(),
        status: Type.Union(DRAW_STATUSES.map((s) => Type.Literal(s))),
        url: Type.String(),
      }),
    ),
  },
  { additionalProperties: false },
);

export async function plansRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const manage = { permission: 'inspections.manage' as const };

  app.get(
    '/inspections/plans',
    { config: { permission: 'public' }, schema: { querystring: PlanFilterQuery } },
    async (request, reply) => {
      const { departmentId, year } = planFilter(request.query);
      const [all, plans] = await Promise.all([
        listPlans(db),
        plansWithProgress(db, {
          ...(departmentId !== undefined ? { departmentId } : {}),
          ...(year !== undefined ? { year } : {}),
        }),
      ]);
      const departments = [...new Map(all.map((p) => [p.departmentId, p.departmentName]))].map(
        ([id, name]) => ({ id, name }),
      );
      const years = [...new Set(all.map((p) => p.year))].sort((a, b) => b - a);
      return sendPublicPage(app, request, reply, {
        title: '年度抽查计划',
        breadcrumbs: [
          { href: '/', label: '首页' },
          { href: '/inspections', label: '双随机一公开' },
        ],
        body: publicPlansPage({ plans, departments, years, departmentId, year }),
      });
    },
  );

  /** The same plans as open data: one row per planned matter with what was drawn against it. */
  async function planRows(query: { department?: string | undefined; year?: string | undefined }) {
    const { departmentId, year } = planFilter(query);
    const plans = await plansWithProgress(db, {
      ...(departmentId !== undefined ? { departmentId } : {}),
      ...(year !== undefined ? { year } : {}),
    });
    return plans.flatMap(({ plan, progress }) =>
      progress.map((p) => ({
        planId: plan.id,
        department: { id: plan.departmentId, name: plan.departmentName },
        year: plan.year,
        matter: p.item.matter,
        ratioPercent: p.item.ratioPercent,
        plannedDraws: p.item.plannedDraws,
        periodStart: p.item.periodStart,
        periodEnd: p.item.periodEnd,
        drawn: p.drawn,
        bestPercent: p.bestPercent,
        reached: p.reached,
        draws: p.draws.map((d) => ({ id: d.id, status: d.status, url: `/inspections/draws/${d.id}` })),
      })),
    );
  }

  app.get(
    '/inspections/plans.csv',
    { config: { permission: 'public' }, schema: { querystring: PlanFilterQuery } },
    async (request, reply) => {
      const rows = await planRows(request.query);
      const csv = writeCsv(
        [
          '部门',
          '年度',
          '抽查事项',
          '计划抽查比例（%）',
          '计划抽取次数',
          '起始日期',
          '截止日期',
          '已完成抽取次数',
          '最高抽取比例（%）',
          '是否完成计划',
        ],
        rows.map((r) => [
          r.department.name,
          String(r.year),
          r.matter,
          r.ratioPercent === null ? '' : String(r.ratioPercent),
          r.plannedDraws === null ? '' : String(r.plannedDraws),
          r.periodStart,
          r.periodEnd,
          String(r.drawn),
          String(r.bestPercent),
          r.reached ? '是' : '否',
        ]),
      );
      return reply
        .header('Content-Type', 'text/csv; charset=utf-8')
        .header('Content-Disposition', 'attachment; filename="inspection-plans.csv"')
        .send(csv);
    },
  );

  app.get(
    '/api/v1/inspections/plans',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['双随机一公开'],
        summary: '年度抽查计划（每个计划事项一行，含已进行的抽取）',
        querystring: PlanFilterQuery,
        response: { 200: Type.Array(PlanRowSchema) },
      },
    },
    async (request) => planRows(request.query),
  );

  app.get('/console/inspections/plans', { config: manage }, async (request, reply) => {
    const plans = await listPlans(db, { departmentId: currentUser(request).departmentId });
    const y = thisYear();
    return sendConsolePage(app, request, reply, {
      title: '年度抽查计划',
      body: () => consolePlansPage(plans, [y, y + 1]),
    });
  });

  async function formInput(departmentId: number, year: number): Promise<PlanInput> {
    const [matters, plan] = await Promise.all([
      departmentMatters(db, departmentId),
      findPlan(db, departmentId, year),
    ]);
    return {
      note: plan?.note ?? '',
      items: matters.map((matter) => {
        const i = plan?.items.find((x) => x.matter === matter);
        return {
          matter,
          percent: i?.ratioPercent != null ? String(i.ratioPercent) : '',
          draws: i?.plannedDraws != null ? String(i.plannedDraws) : '',
          start: i?.periodStart ?? '',
          end: i?.periodEnd ?? '',
        };
      }),
    };
  }

  app.get(
    '/console/inspections/plans/:year',
    { config: manage, schema: { params: YearParams } },
    async (request, reply) => {
      const { year } = request.params;
      const input = await formInput(currentUser(request).departmentId, year);
      return sendConsolePage(app, request, reply, {
        title: `${year} 年度抽查计划`,
        body: (csrf) => planFormPage({ csrf, year, input }),
      });
    },
  );

  app.post(
    '/console/inspections/plans/:year',
    { config: manage, schema: { params: YearParams, body: PlanBody } },
    async (request, reply) => {
      const { year } = request.params;
      const b = request.body;
      const items: PlanInput['items'] = [];
      for (let row = 0; b[`matter_${row}`] !== undefined; row++)
        items.push({
          matter: b[`matter_${row}`] ?? '',
          percent: b[`percent_${row}`] ?? '',
          draws: b[`draws_${row}`] ?? '',
          start: b[`start_${row}`] ?? '',
          end: b[`end_${row}`] ?? '',
        });
      const input: PlanInput = { note: b.note ?? '', items };
      const result = await savePlan(db, currentUser(request), year, input);
      if (result.ok) return reply.redirect('/console/inspections/plans', 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `${year} 年度抽查计划`,
          body: (csrf) => planFormPage({ csrf, year, input, errors: result.fields }),
        },
        400,
      );
    },
  );
}

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
import { departmentMatters } from './inspections.service.js';

const YearParams = Type.Object({ year: Type.Integer({ minimum: PLAN_YEAR_MIN, maximum: PLAN_YEAR_MAX }) });
/** The plan form: `matter_<row>`, `percent_<row>`, `draws_<row>`, `start_<row>`, `end_<row>` and `note`. */
const PlanBody = Type.Record(
  Type.String({ pattern: '^((matter|percent|draws|start|end)_\\d{1,3}|note)$' }),
  Type.String({ maxLength: 2000 }),
);

const thisYear = () => Number(shanghaiDate().slice(0, 4));

export async function plansRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const manage = { permission: 'inspections.manage' as const };

  app.get(
    '/inspections/plans',
    {
      config: { permission: 'public' },
      schema: {
        querystring: Type.Object({
          department: Type.Optional(Type.String({ maxLength: 12 })),
          year: Type.Optional(Type.String({ maxLength: 6 })),
        }),
      },
    },
    async (request, reply) => {
      const num = (v: string | undefined) => (v && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
      const departmentId = num(request.query.department);
      const year = num(request.query.year);
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

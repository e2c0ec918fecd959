// Integration: a department's 年度抽查计划 — validated per matter, saved and audited; a draw of a
// planned matter belongs to the plan; the public page lists plans per department and year with
// the draws against each; supervisors see plan against actual coverage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { planProgress } from './inspections.plans.js';
import type { DrawHead, Plan } from './inspections.types.js';

const A = '食品经营者经营条件检查';
const B = '特种设备使用单位检查';
const YEAR = Number(shanghaiDate().slice(0, 4));
/** A pattern of the parts in order, with any white space between them (the pages are formatted). */
function seq(...parts: (string | RegExp)[]): RegExp {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(parts.map((p) => (typeof p === 'string' ? esc(p) : p.source)).join('\\s*'));
}
const codes = Array.from({ length: 20 }, (_, i) => demoCreditCode(8000 + i));

describe('年度抽查计划', () => {
  let t: TestApp;
  let b: Browser;
  let other: Browser;
  let supervisor: Browser;
  let deptId = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    deptId = await makeDepartment(t, '市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: deptId });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
    const u2 = await makeUser(t, {
      roles: ['publisher'],
      departmentId: await makeDepartment(t, '市交通运输局'),
    });
    other = new Browser(t.app);
    await other.login(u2.username, u2.password);
    const s = await makeUser(t, { roles: ['supervisor'] });
    supervisor = new Browser(t.app);
    await supervisor.login(s.username, s.password);
    for (const name of [A, B]) {
      const r = await b.post(
        '/console/lists/sjcc/new',
        {
          v_name: name,
          v_category: '一般检查事项',
          v_targets: '经营者',
          v_subject: '市市场监督管理局',
          v_basis: '《食品安全法》',
          reason: '公布随机抽查事项清单',
        },
        { csrfFrom: '/console/lists/sjcc/new' },
      );
      expect(r.statusCode).toBe(303);
    }
    const entities = Buffer.from(
      `统一社会信用代码,名称\n${codes.map((c, i) => `${c},企业${i}`).join('\n')}\n`,
    );
    const staff = Buffer.from('执法证号,姓名\nZF101,甲\nZF102,乙\nZF103,丙\n');
    for (const [lib, data] of [
      ['entities', entities],
      ['inspectors', staff],
    ] as const)
      expect(
        (
          await uploadFile(
            b,
            `/console/inspections/import/${lib}`,
            '/console/inspections',
            { name: 'x.csv', data },
            {},
          )
        ).statusCode,
      ).toBe(200);
  });
  afterAll(async () => t.close());

  const url = `/console/inspections/plans/${YEAR}`;
  const row = (i: number, v: { percent?: string; draws?: string; start?: string; end?: string }) => ({
    [`matter_${i}`]: i === 0 ? A : B,
    [`percent_${i}`]: v.percent ?? '',
    [`draws_${i}`]: v.draws ?? '',
    [`start_${i}`]: v.start ?? '',
    [`end_${i}`]: v.end ?? '',
  });

  it('offers one row per matter of the 随机抽查事项清单 and refuses bad figures, naming the matter', async () => {
    const form = await b.get(url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="matter_0" value="${A}"`);
    expect(form.body).toContain(`name="matter_1" value="${B}"`);
    const r = await b.post(url, {
      ...row(0, { percent: '150', start: `${YEAR}-03-01`, end: `${YEAR}-06-30` }),
      ...row(1, { draws: '2', start: `${YEAR - 1}-12-01`, end: `${YEAR}-06-30` }),
      note: '',
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(`“${A}”的抽查比例应为 0–100 之间的数字`);
    expect(r.body).toContain(`“${B}”的开始日期应为 ${YEAR} 年内的日期`);
    expect(r.body).toContain('value="150"');
    const empty = await b.post(url, { ...row(0, {}), ...row(1, {}), note: '' });
    expect(empty.body).toContain('请至少为一个抽查事项填写计划');
    const reversed = await b.post(url, {
      ...row(0, { percent: '5', start: `${YEAR}-06-30`, end: `${YEAR}-03-01` }),
      note: '',
    });
    expect(reversed.body).toContain(`“${A}”的结束日期不能早于开始日期`);
    const forged = await b.post(url, {
      matter_0: '不在清单中的事项',
      percent_0: '5',
      draws_0: '',
      start_0: `${YEAR}-01-01`,
      end_0: `${YEAR}-12-31`,
      note: '',
    });
    expect(forged.body).toContain('“不在清单中的事项”不在本部门随机抽查事项清单中');
    expect(await t.db.kysely.selectFrom('insp_plans').selectAll().execute()).toHaveLength(0);
  });

  it('saves the plan (audited); a draw of a planned matter belongs to it', async () => {
    const r = await b.post(url, {
      ...row(0, { percent: '10', draws: '1', start: `${YEAR}-01-01`, end: `${YEAR}-12-31` }),
      ...row(1, { draws: '2', start: `${YEAR}-07-01`, end: `${YEAR}-12-31` }),
      note: '按照“双随机、一公开”监管工作要求制定。',
    });
    expect(r.statusCode).toBe(303);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'inspections.plan.save')
      .execute();
    expect(audit).toHaveLength(1);
    expect((await b.get(url)).body).toContain('value="10"');

    const draw = await b.post(
      '/console/inspections/draws',
      {
        title: '食品经营第一次抽查',
        matter: A,
        industry: '',
        count: '',
        percent: '10',
        inspectorsPerEntity: '2',
      },
      { csrfFrom: '/console/inspections' },
    );
    expect(draw.statusCode).toBe(303);
    const id = Number(/draws\/(\d+)/.exec(String(draw.headers.location))?.[1]);
    await b.post(
      `/console/inspections/draws/${id}/draw`,
      {},
      { csrfFrom: `/console/inspections/draws/${id}` },
    );
    const row1 = await t.db.kysely
      .selectFrom('insp_draws')
      .innerJoin('insp_plans', 'insp_plans.id', 'insp_draws.plan_id')
      .select(['insp_plans.year', 'insp_draws.status'])
      .where('insp_draws.id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row1).toEqual({ year: YEAR, status: 'drawn' });
    const drawPage = await t.app.inject(`/inspections/draws/${id}`);
    expect(drawPage.body).toContain(`href="/inspections/plans?department=${deptId}&amp;year=${YEAR}"`);
  });

  it('the public page lists the plans per department and year with what was drawn against each', async () => {
    const page = await t.app.inject(`/inspections/plans?year=${YEAR}&department=${deptId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`市市场监督管理局 ${YEAR} 年度抽查计划`);
    expect(page.body).toContain('按照“双随机、一公开”监管工作要求制定。');
    expect(page.body).toMatch(
      seq(
        '<td>',
        A,
        '</td>',
        '<td>',
        `抽查 10%，1 次（${YEAR}-01-01 至 ${YEAR}-12-31）`,
        '</td>',
        '<td>',
        '<ul>',
        '<li>',
        /<a href="\/inspections\/draws\/\d+">/,
        '食品经营第一次抽查',
        '</a',
        '>（已抽取，2/20）',
        '</li>',
        '</ul>',
        '</td>',
        '<td>',
        '是',
        '</td>',
      ),
    );
    expect(page.body).toMatch(
      seq(
        '<td>',
        B,
        '</td>',
        '<td>',
        `2 次（${YEAR}-07-01 至 ${YEAR}-12-31）`,
        '</td>',
        '<td>',
        '尚未抽取',
        '</td>',
        '<td>',
        '否',
        '</td>',
      ),
    );
    const none = await t.app.inject(`/inspections/plans?year=${YEAR - 1}`);
    expect(none.body).toContain('没有符合条件的抽查计划');
    expect((await t.app.inject('/inspections')).body).toContain('href="/inspections/plans"');
  });

  it('the plans are open data: CSV (UTF-8 BOM) and JSON, filtered like the page', async () => {
    const page = await t.app.inject(`/inspections/plans?year=${YEAR}&department=${deptId}`);
    expect(page.body).toContain(`href="/inspections/plans.csv?department=${deptId}&amp;year=${YEAR}"`);
    const csv = await t.app.inject(`/inspections/plans.csv?year=${YEAR}&department=${deptId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.rawPayload.toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFF部门,年度,抽查事项,计划抽查比例（%）,计划抽取次数,起始日期,截止日期,已完成抽取次数,最高抽取比例（%）,是否完成计划',
    );
    expect(lines).toContain(`市市场监督管理局,${YEAR},${A},10,1,${YEAR}-01-01,${YEAR}-12-31,1,10,是`);
    expect(lines).toContain(`市市场监督管理局,${YEAR},${B},,2,${YEAR}-07-01,${YEAR}-12-31,0,0,否`);

    const api = await t.app.inject(`/api/v1/inspections/plans?year=${YEAR}`);
    expect(api.statusCode).toBe(200);
    const rows = api.json<{ matter: string; reached: boolean; drawn: number; draws: { url: string }[] }[]>();
    expect(rows.map((r) => [r.matter, r.drawn, r.reached])).toEqual([
      [A, 1, true],
      [B, 0, false],
    ]);
    expect(rows[0]?.draws[0]?.url).toMatch(/^\/inspections\/draws\/\d+$/);
    const none = await t.app.inject(`/api/v1/inspections/plans?year=${YEAR - 1}`);
    expect(none.json()).toEqual([]);
    // The OpenAPI document describes the rows.
    const doc = (await t.app.inject('/api/v1/openapi.json')).json<{
      paths: Record<
        string,
        { get: { responses: Record<string, { content: Record<string, { schema: unknown }> }> } }
      >;
    }>();
    const schema =
      doc.paths['/api/v1/inspections/plans']?.get.responses['200']?.content['application/json']?.schema;
    expect(JSON.stringify(schema)).toContain('"reached"');
    expect(JSON.stringify(schema)).toContain('"bestPercent"');
  });

  it('supervisors see plan against actual coverage; another department plans only its own matters', async () => {
    const cov = await supervisor.get(`/console/inspections/coverage?year=${YEAR}`);
    expect(cov.statusCode).toBe(200);
    expect(cov.body).toMatch(
      seq(
        '<td>',
        A,
        '</td>',
        '<td>',
        '1',
        '</td>',
        '<td>',
        '10%',
        '</td>',
        '<td>',
        '是',
        '</td>',
        '<td>',
        '抽查 10%，1 次（',
        /[^<]*/,
        '</td>',
        '<td>',
        '是',
        '</td>',
      ),
    );
    expect(cov.body).toMatch(
      seq(
        '<td>',
        B,
        '</td>',
        '<td>',
        '0',
        '</td>',
        '<td>',
        '0%',
        '</td>',
        '<td>',
        '<strong>否</strong>',
        '</td>',
        '<td>',
        '2 次（',
        /[^<]*/,
        '</td>',
        '<td>',
        '<strong>否</strong>',
        '</td>',
      ),
    );
    expect((await b.get(`/console/inspections/coverage?year=${YEAR}`)).statusCode).toBe(403);

    const form = await other.get(url);
    expect(form.body).not.toContain(A);
    const r = await other.post(url, {
      ...row(0, { percent: '10', start: `${YEAR}-01-01`, end: `${YEAR}-12-31` }),
      note: '',
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(`“${A}”不在本部门随机抽查事项清单中`);
    expect(await t.db.kysely.selectFrom('insp_plans').selectAll().execute()).toHaveLength(1);
  });
});

describe('plan progress', () => {
  const plan: Plan = {
    id: 1,
    departmentId: 7,
    departmentName: '市市场监督管理局',
    year: 2026,
    note: '',
    items: [
      {
        matter: '食品经营检查',
        ratioPercent: 5,
        plannedDraws: 1,
        periodStart: '2026-07-01',
        periodEnd: '2026-09-30',
      },
    ],
    createdBy: '甲',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };
  const draw = (id: number, drawnAt: string | null, selectedCount: number): DrawHead => ({
    id,
    departmentId: 7,
    title: `第 ${id} 次`,
    matter: '食品经营检查',
    year: 2026,
    poolDigest: '',
    poolSize: 100,
    commitment: '',
    seed: drawnAt ? 'a'.repeat(64) : null,
    status: drawnAt ? 'drawn' : 'committed',
    committedAt: drawnAt ?? '2026-08-01T00:00:00.000Z',
    drawnAt,
    planId: 1,
    selectedCount,
  });

  it('counts only the draws made within the planned period (Asia/Shanghai dates)', () => {
    // 2026-06-30T16:30Z is 07-01 00:30 in Beijing: inside; 09-30T16:30Z is 10-01 in Beijing: outside.
    const [p] = planProgress(plan, [
      draw(1, '2026-06-30T16:30:00.000Z', 3),
      draw(2, '2026-09-30T16:30:00.000Z', 10),
      draw(3, null, 0),
    ]);
    expect(p).toMatchObject({ drawn: 1, bestPercent: 3, reached: false });
    expect(p?.draws).toHaveLength(3);
    const [q] = planProgress(plan, [draw(4, '2026-08-15T02:00:00.000Z', 5)]);
    expect(q).toMatchObject({ drawn: 1, bestPercent: 5, reached: true });
  });
});

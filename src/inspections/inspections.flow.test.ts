// Integration: 名录库 import, a committed then revealed draw, verify from public data (CLI), recusal
// across draws, results with the 20-working-day flag, coverage for supervisors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../calendar/calendar.dates.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { verifyDrawCommand } from './inspections.cli.js';

const codes = Array.from({ length: 40 }, (_, i) => demoCreditCode(9000 + i));

describe('双随机一公开', () => {
  let t: TestApp;
  let b: Browser;
  let firstDraw = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
    const matter = await b.post('/console/lists/sjcc/new', {
      v_name: '食品经营者经营条件检查',
      v_category: '一般检查事项',
      v_targets: '食品经营者',
      v_subject: '市市场监督管理局',
      v_basis: '《食品安全法》',
      reason: '公布随机抽查事项清单',
    });
    expect(matter.statusCode).toBe(303);
  });
  afterAll(async () => t.close());

  it('imports both libraries (a bad credit code blocks the whole file)', async () => {
    const bad = Buffer.from(
      `统一社会信用代码,名称,行业\n${codes[0]},企业0,餐饮\n91420000000000000X,坏企业,餐饮\n`,
    );
    const r1 = await uploadFile(
      b,
      '/console/inspections/import/entities',
      '/console/inspections',
      { name: 'e.csv', data: bad },
      {},
    );
    expect(r1.statusCode).toBe(400);
    expect(r1.body).toContain('第 3 行 统一社会信用代码：统一社会信用代码校验位不正确');
    const good = Buffer.from(
      `统一社会信用代码,名称,行业\n${codes.map((c, i) => `${c},企业${i},餐饮`).join('\n')}\n`,
    );
    expect(
      (
        await uploadFile(
          b,
          '/console/inspections/import/entities',
          '/console/inspections',
          { name: 'e.csv', data: good },
          {},
        )
      ).statusCode,
    ).toBe(200);
    const staff = Buffer.from(
      `执法证号,姓名,执法领域,回避对象\nZF001,甲,食品,${codes.join('、')}\nZF002,乙,食品,\nZF003,丙,食品,\nZF004,丁,食品,\n`,
    );
    const r2 = await uploadFile(
      b,
      '/console/inspections/import/inspectors',
      '/console/inspections',
      { name: 'i.csv', data: staff },
      {},
    );
    expect(r2.body).toContain('已导入 4 条');
  });

  it('publishes the pool digest and commitment first, reveals the seed at the draw; verify recomputes it', async () => {
    const res = await b.post(
      '/console/inspections/draws',
      {
        title: '2026 年第一次抽查',
        matter: '食品经营者经营条件检查',
        industry: '',
        count: '',
        percent: '10',
        inspectorsPerEntity: '2',
      },
      { csrfFrom: '/console/inspections' },
    );
    expect(res.statusCode).toBe(303);
    firstDraw = Number(/draws\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const before = await t.app.inject(`/inspections/draws/${firstDraw}`);
    expect(before.body).toMatch(/data-testid="pool-digest">[0-9a-f]{64}</);
    expect(before.body).toContain('抽取时公开');
    const secret = await t.db.kysely
      .selectFrom('insp_draws')
      .select('seed_secret')
      .where('id', '=', firstDraw)
      .executeTakeFirstOrThrow();
    expect(before.body).not.toContain(secret.seed_secret);
    expect(
      JSON.stringify((await t.app.inject(`/api/v1/inspections/draws/${firstDraw}`)).json()),
    ).not.toContain(secret.seed_secret);
    await b.post(
      `/console/inspections/draws/${firstDraw}/draw`,
      {},
      { csrfFrom: `/console/inspections/draws/${firstDraw}` },
    );
    const after = await t.app.inject(`/inspections/draws/${firstDraw}`);
    expect(after.body).toContain(secret.seed_secret);
    expect(after.body).toContain('本站已按公开算法复核：结果一致');
    const api = (await t.app.inject(`/api/v1/inspections/draws/${firstDraw}`)).json() as {
      result: { inspectors: string[] }[];
    };
    expect(api.result).toHaveLength(4);
    expect(api.result.every((s) => s.inspectors.length === 2 && !s.inspectors.includes('ZF001'))).toBe(true);
    const lines: string[] = [];
    expect(await verifyDrawCommand(t.db, ['verify', String(firstDraw)], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toBe(`抽取 ${firstDraw} 复核通过。`);
  });

  it('a second draw recuses the previous inspectors of each entity; tampering with a stored result fails verify', async () => {
    const res = await b.post(
      '/console/inspections/draws',
      {
        title: '第二次抽查',
        matter: '食品经营者经营条件检查',
        count: '40',
        percent: '',
        inspectorsPerEntity: '2',
      },
      { csrfFrom: '/console/inspections' },
    );
    const id = Number(/draws\/(\d+)/.exec(String(res.headers.location))?.[1]);
    await b.post(
      `/console/inspections/draws/${id}/draw`,
      {},
      { csrfFrom: `/console/inspections/draws/${id}` },
    );
    const first = (await t.app.inject(`/api/v1/inspections/draws/${firstDraw}`)).json() as {
      result: { creditCode: string; inspectors: string[] }[];
    };
    const second = (await t.app.inject(`/api/v1/inspections/draws/${id}`)).json() as {
      data: { conflicts: { reason: string }[] };
      result: { creditCode: string; inspectors: string[] }[];
    };
    expect(second.data.conflicts.filter((c) => c.reason === '上次检查该对象')).toHaveLength(8);
    for (const prev of first.result) {
      const now = second.result.find((s) => s.creditCode === prev.creditCode);
      expect(now?.inspectors.some((c) => prev.inspectors.includes(c))).toBe(false);
    }
    const tampered = second.result.map((s, i) => (i === 0 ? { ...s, inspectors: ['ZF001', 'ZF002'] } : s));
    await t.db.kysely
      .updateTable('insp_draws')
      .set({ result_json: JSON.stringify(tampered) })
      .where('id', '=', id)
      .execute();
    const lines: string[] = [];
    expect(await verifyDrawCommand(t.db, ['verify', String(id)], (l) => lines.push(l))).toBe(1);
    expect(lines.at(-1)).toBe('✗ 复核未通过：按公开算法重新计算的抽取结果与公布的结果不同');
  });

  it('results are published with a 20-working-day deadline (late ones flagged); coverage for supervisors', async () => {
    const draw = (await t.app.inject(`/api/v1/inspections/draws/${firstDraw}`)).json() as {
      result: { creditCode: string }[];
    };
    const [a, c] = draw.result;
    const today = shanghaiDate();
    const url = `/console/inspections/draws/${firstDraw}/results`;
    const csrfFrom = `/console/inspections/draws/${firstDraw}`;
    expect(
      (
        await b.post(
          url,
          { creditCode: a?.creditCode ?? '', outcome: 'no_problem', inspectionEndDate: today, note: '' },
          { csrfFrom },
        )
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await b.post(
          url,
          {
            creditCode: c?.creditCode ?? '',
            outcome: 'rectify',
            inspectionEndDate: addDays(today, -60),
            note: '责令限期整改',
          },
          { csrfFrom },
        )
      ).statusCode,
    ).toBe(303);
    const page = await b.get(csrfFrom);
    expect(page.body.match(/data-testid="late"/g)).toHaveLength(1);
    const pub = await t.app.inject(`/inspections/draws/${firstDraw}`);
    expect(pub.body).toContain('发现问题已责令整改：责令限期整改');
    const csv = await t.app.inject(`/inspections/draws/${firstDraw}/results.csv`);
    expect(csv.body).toContain('未发现问题');
    const sup = await makeUser(t, { roles: ['supervisor'] });
    const sb = new Browser(t.app);
    await sb.login(sup.username, sup.password);
    const cov = await sb.get('/console/inspections/coverage');
    expect(cov.statusCode).toBe(200);
    expect(cov.body).toMatch(/食品经营者经营条件检查<\/td>\s*<td>2<\/td>\s*<td>100%<\/td>\s*<td>是/);
  });

  it('the public finds draws by task, matter, department, an inspected entity or its credit code', async () => {
    const draw = (await t.app.inject(`/api/v1/inspections/draws/${firstDraw}`)).json() as {
      result: { creditCode: string; name: string }[];
    };
    const inspected = draw.result[0];
    const notInspected = codes.find((c) => !draw.result.some((r) => r.creditCode === c)) ?? '';
    const rowsOf = (body: string) => body.match(/<a href="\/inspections\/draws\/\d+">/g) ?? [];

    const all = await t.app.inject('/inspections');
    expect(rowsOf(all.body)).toHaveLength(2);
    for (const q of [
      '第一次抽查',
      '经营条件检查',
      '市场监督',
      inspected?.name ?? '?',
      inspected?.creditCode ?? '?',
    ]) {
      const res = await t.app.inject(`/inspections?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      expect(res.body, q).toContain(`href="/inspections/draws/${firstDraw}"`);
    }
    // An entity with a recorded result is found by its name; one never inspected is not.
    const byName = await t.app.inject(`/inspections?q=${encodeURIComponent(inspected?.name ?? '?')}`);
    expect(rowsOf(byName.body)).toHaveLength(1);
    const none = await t.app.inject(`/inspections?q=${notInspected}`);
    expect(none.body).toContain('data-testid="draws-none"');
    const api = await t.app.inject(`/api/v1/inspections/draws?q=${encodeURIComponent('第一次抽查')}`);
    expect(api.json<{ id: number; department: string }[]>()).toEqual([
      expect.objectContaining({ id: firstDraw, department: '市市场监督管理局' }),
    ]);
  });
});

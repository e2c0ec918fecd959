// Integration: import (bad rows → nothing; valid rows only), late flag, 公示期 expiry out of the
// public pages, search and API but kept in the console, masking, 撤销 with its note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../calendar/calendar.dates.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { idNumber } from './credit.test-ids.js';

const HEAD =
  'CF_WSH,行政相对人名称,CF_XDR_LB,CF_XDR_SHXYM,CF_XDR_ZJHM,CF_FR_ZJHM,违法行为类型,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_NR_FK,CF_JDRQ,CF_CFJG,CF_CFJGDM';

function row(o: {
  doc: string;
  name: string;
  cat?: string;
  code?: string;
  id?: string;
  fr?: string;
  fk?: string;
  date: string;
}): string {
  return [
    o.doc,
    o.name,
    o.cat ?? '法人及非法人组织',
    o.code ?? '',
    o.id ?? '',
    o.fr ?? '',
    '食品安全',
    '经营过期食品',
    '《食品安全法》',
    '罚款',
    '罚款',
    o.fk ?? '1',
    o.date,
    '黄冈市市场监督管理局',
    demoCreditCode(501),
  ].join(',');
}

async function count(t: TestApp): Promise<number> {
  const r = await t.db.kysely
    .selectFrom('credit_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('双公示: import, deadlines, 公示期, masking', () => {
  let t: TestApp;
  let b: Browser;
  const today = shanghaiDate();
  const recentCode = demoCreditCode(601);
  const expiredCode = demoCreditCode(602);
  const lateCode = demoCreditCode(603);
  const frId = idNumber('19800101', '456');
  const personId = idNumber('19920505', '789');
  const rows = [
    row({ doc: 'R1', name: '黄冈新鲜超市有限公司', code: recentCode, fr: frId, date: today }),
    row({ doc: 'R2', name: '黄冈陈年食品有限公司', code: expiredCode, date: addDays(today, -800) }),
    row({ doc: 'R3', name: '黄冈迟到餐饮有限公司', code: lateCode, date: addDays(today, -40) }),
    row({ doc: 'R4', name: '李四', cat: '自然人', id: personId, date: today }),
  ];
  const bad = [
    row({ doc: 'B1', name: '坏数据一', code: '91420000000000000X', date: today }),
    row({ doc: 'B2', name: '坏数据二', code: demoCreditCode(604), fk: '-3', date: addDays(today, 5) }),
  ];

  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '黄冈市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  it('a file with bad rows saves nothing and reports every bad row', async () => {
    const data = Buffer.from([HEAD, rows[0], bad[0], rows[1], bad[1]].join('\n'), 'utf8');
    const res = await uploadFile(
      b,
      '/console/credit/import',
      '/console/credit',
      { name: 'cf.csv', data },
      { kind: 'penalty' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('有 2 行数据有误，未导入任何数据');
    expect(res.body).toMatch(
      /<td>3<\/td>\s*<td>统一社会信用代码（CF_XDR_SHXYM）<\/td>\s*<td>统一社会信用代码校验位不正确/,
    );
    expect(res.body).toMatch(
      /<td>5<\/td>\s*<td>罚款金额（万元）（CF_NR_FK）<\/td>\s*<td>金额不能为负数<\/td>/,
    );
    expect(res.body).toMatch(/<td>5<\/td>\s*<td>处罚决定日期（CF_JDRQ）<\/td>\s*<td>决定日期不能晚于今天/);
    expect(await count(t)).toBe(0);
  });

  it('"import the valid rows" imports exactly those; a late record is flagged', async () => {
    const data = Buffer.from([HEAD, ...rows, ...bad].join('\n'), 'utf8');
    const res = await uploadFile(
      b,
      '/console/credit/import',
      '/console/credit',
      { name: 'cf.csv', data },
      { kind: 'penalty', validOnly: '1' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('已导入 4 条，其中 2 条超过 7 个工作日公示期限（已标记）');
    const saved = await t.db.kysely
      .selectFrom('credit_records')
      .select(['doc_number', 'late'])
      .orderBy('doc_number')
      .execute();
    expect(saved.map((r) => [r.doc_number, r.late])).toEqual([
      ['R1', 0],
      ['R2', 1],
      ['R3', 1],
      ['R4', 0],
    ]);
    const consolePage = await b.get('/console/credit');
    expect(consolePage.body.match(/data-testid="late"/g)).toHaveLength(2);
  });

  it('an expired 公示期 drops the record from the public lookup, record page and API, not from the console', async () => {
    const byCode = await t.app.inject(`/credit?code=${expiredCode}`);
    expect(byCode.body).toContain('共 0 条');
    const api = (await t.app.inject(`/api/v1/credit/records?code=${expiredCode}`)).json() as {
      total: number;
    };
    expect(api.total).toBe(0);
    const rec = await t.db.kysely
      .selectFrom('credit_records')
      .select('id')
      .where('doc_number', '=', 'R2')
      .executeTakeFirstOrThrow();
    expect((await t.app.inject(`/credit/${rec.id}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/credit/records/${rec.id}`)).statusCode).toBe(404);
    const staff = await b.get(`/console/credit/${rec.id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.body).toContain('黄冈陈年食品有限公司');
    const current = await t.app.inject(`/credit?code=${recentCode}`);
    expect(current.body).toContain('共 1 条');
  });

  it('lookup by partial name; natural persons are masked and not found by name; ID numbers masked in page and API', async () => {
    const byName = await t.app.inject(`/credit?name=${encodeURIComponent('迟到')}`);
    expect(byName.body).toContain('黄冈迟到餐饮有限公司');
    expect((await t.app.inject(`/credit?name=${encodeURIComponent('李四')}`)).body).toContain('共 0 条');
    const all = await t.app.inject('/credit');
    expect(all.body).toContain('李*');
    expect(all.body).not.toContain('李四');
    const api = (await t.app.inject('/api/v1/credit/records')).json() as {
      records: { docNumber: string; partyName: string; fields: Record<string, string> }[];
    };
    const person = api.records.find((r) => r.docNumber === 'R4');
    expect(person?.partyName).toBe('李*');
    expect(person?.fields.CF_XDR_ZJHM).toBe(`${personId.slice(0, 4)}**********${personId.slice(-4)}`);
    const company = api.records.find((r) => r.docNumber === 'R1');
    expect(company?.fields.CF_FR_ZJHM).toBe(`${frId.slice(0, 4)}**********${frId.slice(-4)}`);
    const rec = await t.db.kysely
      .selectFrom('credit_records')
      .select('id')
      .where('doc_number', '=', 'R1')
      .executeTakeFirstOrThrow();
    const page = await t.app.inject(`/credit/${rec.id}`);
    expect(page.body).not.toContain(frId);
    expect(JSON.stringify(api)).not.toContain(personId);
  });

  it('撤销 removes a record with a public note; 信用修复 before the minimum period is refused', async () => {
    const rec = await t.db.kysely
      .selectFrom('credit_records')
      .select('id')
      .where('doc_number', '=', 'R1')
      .executeTakeFirstOrThrow();
    const early = await b.post(
      `/console/credit/${rec.id}/repair`,
      { reason: '已履行处罚并作出信用承诺' },
      { csrfFrom: `/console/credit/${rec.id}` },
    );
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('最短公示期未满');
    const res = await b.post(
      `/console/credit/${rec.id}/revoke`,
      { reason: '经行政复议撤销' },
      { csrfFrom: `/console/credit/${rec.id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject(`/credit/${rec.id}`);
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('经行政复议撤销');
    expect((await t.app.inject(`/credit?code=${recentCode}`)).body).toContain('共 0 条');
    expect((await b.get(`/console/credit/${rec.id}`)).body).toContain('已撤销');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'credit.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['credit.import', 'credit.revoke']);
  });

  it('one record entered in the console; JSON import with Chinese headers', async () => {
    const res = await b.post(
      '/console/credit/new?kind=license',
      {
        XK_XDR_MC: '黄冈某药房有限公司',
        XK_XDR_LB: '法人及非法人组织',
        XK_XDR_SHXYM: demoCreditCode(605),
        XK_XKWS: '药品经营许可证',
        XK_WSH: '鄂黄药许〔2026〕1号',
        XK_XKLB: '普通',
        XK_NR: '药品零售',
        XK_JDRQ: today,
        XK_YXQZ: today,
        XK_YXQZI: addDays(today, 1000),
        XK_XKJG: '黄冈市市场监督管理局',
        XK_XKJGDM: demoCreditCode(501),
      },
      { csrfFrom: '/console/credit/new?kind=license' },
    );
    expect(res.statusCode).toBe(303);
    const json = JSON.stringify([
      {
        行政相对人名称: '黄冈甲公司',
        行政相对人类别: '法人及非法人组织',
        统一社会信用代码: demoCreditCode(606),
        行政许可决定文书名称: '决定书',
        行政许可决定文书号: 'J1',
        许可类别: '普通',
        许可内容: '经营',
        许可决定日期: today,
        有效期自: today,
        有效期至: addDays(today, 10),
        许可机关: '某局',
        许可机关统一社会信用代码: demoCreditCode(501),
      },
    ]);
    const imp = await uploadFile(
      b,
      '/console/credit/import',
      '/console/credit',
      { name: 'xk.json', data: Buffer.from(json) },
      { kind: 'license' },
    );
    expect(imp.statusCode).toBe(200);
    expect((await t.app.inject(`/api/v1/credit/records?kind=license`)).json()).toMatchObject({ total: 2 });
  });
});

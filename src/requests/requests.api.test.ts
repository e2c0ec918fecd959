// The staff JSON API: every outcome code reaches its row of table 三; the clock actions
// (consultation, extension, fee); 行政复议/诉讼 feed table 四; statistics with requests carried
// into and out of a year and every integrity check holding; permission walls; public tracking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { createApiToken, getUser } from '../users/users.service.js';
import { OUTCOME_INFO, OUTCOMES, type Outcome } from './requests.outcomes.js';

const PERSON = {
  applicantCategory: 'natural',
  name: '王五',
  idType: 'resident_id',
  idNumber: '11010519491231002X',
  phone: '0713-8888888',
  formWanted: 'paper',
  deliveryWanted: 'pickup',
};
const COMPANY = {
  applicantCategory: 'commercial',
  name: '黄冈某某建材有限公司',
  idType: 'credit_code',
  idNumber: demoCreditCode(777),
  phone: '13800000000',
  formWanted: 'electronic',
  deliveryWanted: 'online',
};

describe('requests JSON API', () => {
  let t: TestApp;
  let deptA: number;
  let tokenA: string;
  let tokenB: string;
  let tokenSup: string;

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: Record<string, string>) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  async function tokenFor(
    roles: ('request_officer' | 'supervisor')[],
    departmentId?: number,
  ): Promise<string> {
    const u = await makeUser(t, { roles, ...(departmentId ? { departmentId } : {}) });
    const created = await createApiToken(t.db.kysely, await getUser(t.db.kysely, u.id), 'test');
    if (!created.ok) throw new Error('no token');
    return created.value.token;
  }

  async function register(
    token: string,
    extra: Record<string, string>,
  ): Promise<{ id: number; number: string; code: string }> {
    const res = await call(token, 'POST', '/api/v1/requests', {
      channel: 'in_person',
      infoTitle: `某项目批复${Math.random()}`,
      ...PERSON,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function act(token: string, id: number, action: string, body: Record<string, string> = {}) {
    const res = await call(token, 'POST', `/api/v1/requests/${id}/${action}`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
    deptA = await makeDepartment(t, '黄冈市统计测试局');
    tokenA = await tokenFor(['request_officer'], deptA);
    tokenB = await tokenFor(['request_officer']);
    tokenSup = await tokenFor(['supervisor']);
  });
  afterAll(async () => t.close());

  it('validates a registration with field errors and stores nothing', async () => {
    const res = await call(tokenA, 'POST', '/api/v1/requests', {
      channel: 'post',
      ...PERSON,
      idNumber: '110105194913310021',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields.idNumber).toBe('居民身份证号码中的出生日期无效');
  });

  it('runs consultation, extension and fee through the API and moves the deadline', async () => {
    const r = await register(tokenA, { receivedDate: '2025-09-15' });
    let d = await act(tokenA, r.id, 'start_consultation', {
      date: '2025-09-26',
      party: '某某公司（第三方）',
    });
    expect(d.status).toBe('consultation');
    expect(d.clock.paused).toBe('consultation');
    d = await act(tokenA, r.id, 'end_consultation', { date: '2025-10-15', body: '第三方同意公开' });
    expect(d.clock.deadline).toBe('2025-10-30');
    const twice = await call(tokenA, 'POST', `/api/v1/requests/${r.id}/extend`, {
      date: '2025-10-16',
      days: '25',
      approver: '李主任',
      body: '因情况复杂延期',
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.fields.days).toContain('最长不超过 20 个工作日');
    d = await act(tokenA, r.id, 'extend', {
      date: '2025-10-16',
      days: '5',
      approver: '李主任',
      body: '因情况复杂延期',
    });
    expect(d.clock.deadline).toBe('2025-11-06');
    const again = await call(tokenA, 'POST', `/api/v1/requests/${r.id}/extend`, {
      date: '2025-10-17',
      days: '5',
      approver: '李主任',
      body: '再延期',
    });
    expect(again.json().error.fields.days).toContain('只能延长一次');
    d = await act(tokenA, r.id, 'issue_fee_notice', { date: '2025-10-20', body: '按件计收 100 元' });
    expect(d.status).toBe('fee');
    d = await act(tokenA, r.id, 'record_fee_paid', { date: '2025-10-22' });
    expect(d.status).toBe('received');
    // 2 working days (10-21, 10-22) not counted
    expect(d.clock.deadline).toBe('2025-11-10');
    d = await act(tokenA, r.id, 'decide', { date: '2025-11-05', outcome: 'disclosed' });
    expect(d.status).toBe('decided');
    expect(d.tableRow).toBe('r1');
  });

  it('keeps requests apart: another department gets 404, a supervisor reads but cannot act', async () => {
    const r = await register(tokenA, { receivedDate: '2026-11-02' });
    expect((await call(tokenB, 'GET', `/api/v1/requests/${r.id}`)).statusCode).toBe(404);
    expect(
      (await call(tokenB, 'POST', `/api/v1/requests/${r.id}/message`, { direction: 'to', body: 'x' }))
        .statusCode,
    ).toBe(404);
    const list = await call(tokenB, 'GET', '/api/v1/requests');
    expect(list.json().items.map((i: { id: number }) => i.id)).not.toContain(r.id);
    const sup = await call(tokenSup, 'GET', `/api/v1/requests/${r.id}`);
    expect(sup.statusCode).toBe(200);
    expect(sup.json().applicant.name).toBe('王五');
    expect(
      (await call(tokenSup, 'POST', `/api/v1/requests/${r.id}/message`, { direction: 'to', body: 'x' }))
        .statusCode,
    ).toBe(403);
    const supList = await call(tokenSup, 'GET', `/api/v1/requests?department=${deptA}`);
    expect(supList.json().items.map((i: { id: number }) => i.id)).toContain(r.id);
    // An officer asking for another department's statistics gets their own department's.
    const stats = await call(tokenB, 'GET', `/api/v1/requests/statistics?year=2026&department=${deptA}`);
    expect(stats.statusCode).toBe(200);
    expect(stats.json().departmentId).not.toBe(deptA);
  });

  it('answers the public tracking endpoint with the number and code only, without personal data', async () => {
    const r = await register(tokenA, { receivedDate: '2026-11-02' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests/track',
      payload: { number: r.number, code: r.code },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('received');
    expect(res.body).not.toContain('王五');
    expect(res.body).not.toContain('11010519491231002X');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/requests/track',
      payload: { number: r.number, code: 'WRONG' },
    });
    expect(bad.statusCode).toBe(404);
  });

  it('maps every outcome code to its row of table 三 and feeds table 四', async () => {
    const dept = await makeDepartment(t, '黄冈市结果测试局');
    const token = await tokenFor(['request_officer'], dept);
    const first = await register(token, { receivedDate: '2026-10-09', infoTitle: '某路段改造批复' });
    await act(token, first.id, 'decide', { date: '2026-10-12', outcome: 'disclosed' });
    const expected: Record<string, number> = {};
    for (const outcome of OUTCOMES) {
      const applicant = outcome.startsWith('refused') ? COMPANY : PERSON;
      const r = await register(token, {
        ...applicant,
        receivedDate: '2026-10-09',
        infoTitle: outcome === 'repeat' ? '某路段改造批复' : `信息 ${outcome}`,
      });
      const body: Record<string, string> = { date: '2026-10-22', outcome, reason: '理由见正文' };
      if (outcome === 'partial') body.ground = 'third_party_rights';
      if (outcome === 'repeat') body.relatedNumber = first.number;
      if (outcome === 'no_correction')
        await act(token, r.id, 'ask_correction', {
          date: '2026-10-12',
          dueDate: '2026-10-20',
          body: '请补充',
        });
      if (outcome === 'fee_unpaid')
        await act(token, r.id, 'issue_fee_notice', { date: '2026-10-12', body: '100 元' });
      const d = await act(token, r.id, 'decide', body);
      expect(d.outcome).toBe(outcome);
      expect(d.tableRow).toBe(OUTCOME_INFO[outcome as Outcome].row);
      if (outcome.startsWith('refused') || outcome === 'partial') {
        expect(d.replyLetter).toContain('应当先申请行政复议');
        expect(d.replyLetter).not.toContain('6 个月内');
      } else expect(d.replyLetter).toContain('6 个月内依法向人民法院提起行政诉讼');
      const row = OUTCOME_INFO[outcome as Outcome].row;
      const col = outcome.startsWith('refused') ? 'commercial' : 'natural';
      expected[`${row}:${col}`] = (expected[`${row}:${col}`] ?? 0) + 1;
      if (outcome === 'refused_process_info') {
        await act(token, r.id, 'record_review', {
          kind: 'reconsideration',
          date: '2026-11-02',
          result: 'upheld',
        });
        await act(token, r.id, 'record_review', {
          kind: 'litigation',
          date: '2026-11-20',
          result: 'pending',
          afterReconsideration: '1',
        });
        const d2 = await act(token, r.id, 'record_review', {
          kind: 'litigation',
          date: '2026-11-21',
          result: 'pending',
        });
        await act(token, r.id, 'update_review', { reviewId: String(d2.reviews[2].id), result: 'corrected' });
      }
    }
    expected['r1:natural'] = (expected['r1:natural'] ?? 0) + 1; // the first request
    const res = await call(tokenSup, 'GET', `/api/v1/requests/statistics?year=2026&department=${dept}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.table3).toHaveLength(25);
    const rows = Object.fromEntries(
      s.table3.map((r: { row: string; values: Record<string, number> }) => [r.row, r.values]),
    );
    for (const r of s.table3.filter((x: { row: string }) => x.row.startsWith('r'))) {
      for (const col of ['natural', 'commercial'])
        expect(r.values[col], `${r.row}:${col}`).toBe(expected[`${r.row}:${col}`] ?? 0);
    }
    expect(rows.new.total).toBe(OUTCOMES.length + 1);
    expect(rows.total.total).toBe(OUTCOMES.length + 1);
    expect(rows.carried_out.total).toBe(0);
    expect(rows.r3_4.commercial).toBe(1);
    expect(rows.r2.natural).toBe(1);
    expect(s.table4.reconsideration_upheld).toBe(1);
    expect(s.table4.reconsideration_total).toBe(1);
    expect(s.table4.after_pending).toBe(1);
    expect(s.table4.direct_corrected).toBe(1);
    expect(s.table4.direct_total).toBe(1);
    expect(s.ok).toBe(true);
    expect(s.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('carries requests into and out of a year, and the checks hold across years', async () => {
    const dept = await makeDepartment(t, '黄冈市结转测试局');
    const token = await tokenFor(['request_officer'], dept);
    const a = await register(token, { receivedDate: '2025-12-19' });
    const b = await register(token, { receivedDate: '2025-12-19', ...COMPANY });
    await register(token, { receivedDate: '2025-12-29' }); // still open
    await register(token, { receivedDate: '2026-03-02' }); // still open
    await register(token, { receivedDate: '2024-12-30', infoTitle: '上上年' }).then((r) =>
      act(token, r.id, 'decide', { date: '2025-01-06', outcome: 'disclosed' }),
    );
    await act(token, a.id, 'decide', { date: '2025-12-24', outcome: 'not_held', reason: '经检索不存在' });
    await act(token, b.id, 'decide', { date: '2026-01-09', outcome: 'disclosed' });
    const get = async (year: number) =>
      (await call(tokenSup, 'GET', `/api/v1/requests/statistics?year=${year}&department=${dept}`)).json();
    const rowsOf = (s: { table3: { row: string; values: Record<string, number> }[] }) =>
      Object.fromEntries(s.table3.map((r) => [r.row, r.values]));
    const y25 = await get(2025);
    const y26 = await get(2026);
    const r25 = rowsOf(y25);
    const r26 = rowsOf(y26);
    expect(r25.new?.total).toBe(3);
    expect(r25.carried_in?.total).toBe(1);
    expect(r25.total?.total).toBe(2);
    expect(r25.carried_out?.total).toBe(2);
    expect(r25.carried_out?.commercial).toBe(1);
    expect(r26.carried_in).toEqual(r25.carried_out);
    expect(r26.new?.total).toBe(1);
    expect(r26.total?.total).toBe(1);
    expect(r26.carried_out?.total).toBe(2);
    expect(y25.ok && y26.ok).toBe(true);
    expect(
      y26.checks.find((c: { label: string }) => c.label.includes('2025 年“四、结转下年度继续办理”'))?.ok,
    ).toBe(true);
    const csv = await call(tokenSup, 'GET', `/api/v1/requests/statistics.csv?year=2026&department=${dept}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('二、上年结转政府信息公开申请数量,1,1,0,0,0,0,2');
    // City-wide includes every department.
    const city = await call(tokenSup, 'GET', '/api/v1/requests/statistics?year=2026');
    expect(city.json().scope).toBe('全市');
    expect(rowsOf(city.json()).new?.total).toBeGreaterThan(r26.new?.total ?? 0);
    expect(city.json().ok).toBe(true);
  });
});

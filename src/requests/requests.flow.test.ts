// The life of a request through the HTTP routes: a citizen applies online (validation, honeypot,
// resubmission), tracks it, an officer confirms receipt, asks for 补正 (day 8 refused, day 7
// allowed), records it, decides, edits and sends the reply; the citizen reads and downloads it.
// Permission walls: another department's officer gets 404; no personal data in the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { addDays } from '../calendar/calendar.dates.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../shared/clock.js';

const VALID_ID = '11010519491231002X';

const APPLICATION = {
  applicantCategory: 'natural',
  name: '张三',
  idType: 'resident_id',
  idNumber: VALID_ID,
  phone: '13912345678',
  email: 'zhangsan@example.com',
  address: '',
  infoTitle: '2025年城区道路改造项目立项批复',
  infoDocNumber: '',
  infoIndexNumber: '',
  infoDescription: '',
  formWanted: 'electronic',
  deliveryWanted: 'online',
};

describe('a request from application to reply letter', () => {
  let t: TestApp;
  let deptA: number;
  let officerA: Browser;
  let officerB: Browser;
  let citizen: Browser;
  let number = '';
  let code = '';
  let id = 0;

  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('requests')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
    deptA = await makeDepartment(t, '黄冈市测试局');
    const a = await makeUser(t, { roles: ['request_officer'], departmentId: deptA });
    const b = await makeUser(t, { roles: ['request_officer'] });
    officerA = new Browser(t.app);
    officerB = new Browser(t.app);
    await officerA.login(a.username, a.password);
    await officerB.login(b.username, b.password);
    citizen = new Browser(t.app);
  });
  afterAll(async () => t.close());

  it('shows the application form without a 用途 field, with the active departments', async () => {
    const res = await citizen.get('/ysq');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('政府信息公开申请');
    expect(res.body).toContain('黄冈市测试局');
    expect(res.body).not.toContain('用途</label>');
    expect(res.body).toContain('name="website"');
  });

  it('re-renders a wrong application with every problem named, keeps what was typed, stores nothing', async () => {
    const res = await citizen.post('/ysq', {
      ...APPLICATION,
      departmentId: String(deptA),
      idNumber: '110105194912310021',
      phone: '123',
      infoTitle: '',
      formWanted: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('居民身份证号码校验位不正确');
    expect(res.body).toContain('请填写有效的手机号码');
    expect(res.body).toContain('请填写所需信息的名称、文号或便于查询的内容描述');
    expect(res.body).toContain('请选择信息的载体形式');
    expect(res.body).toContain('value="张三"');
    expect(await count()).toBe(0);
  });

  it('checks a 统一社会信用代码 for an organisation', async () => {
    const res = await citizen.post('/ysq', {
      ...APPLICATION,
      departmentId: String(deptA),
      applicantCategory: 'legal_services',
      idType: 'credit_code',
      idNumber: '91420000MA4XXXXX1X',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('统一社会信用代码');
    expect(await count()).toBe(0);
  });

  it('stores nothing when the hidden honeypot field is filled', async () => {
    const res = await citizen.post('/ysq', {
      ...APPLICATION,
      departmentId: String(deptA),
      website: 'http://spam',
    });
    expect(res.statusCode).toBe(200);
    expect(await count()).toBe(0);
  });

  it('accepts an application: 申请编号 and 查询码 shown once; an identical resubmission returns the first', async () => {
    const res = await citizen.post('/ysq', { ...APPLICATION, departmentId: String(deptA) });
    expect(res.statusCode).toBe(200);
    number = /data-testid="request-number">([^<]+)</.exec(res.body)?.[1] ?? '';
    code = /data-testid="tracking-code">([^<]+)</.exec(res.body)?.[1] ?? '';
    expect(number).toMatch(/^YSQ-\d{4}-000001$/);
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const again = await citizen.post('/ysq', { ...APPLICATION, departmentId: String(deptA) });
    expect(again.body).toContain(number);
    expect(await count()).toBe(1);
    const row = await t.db.kysely.selectFrom('requests').selectAll().executeTakeFirstOrThrow();
    id = row.id;
    expect(row.tracking_hash).not.toContain(code);
    // The rest of the story happens in November 2026: date the submission back to 30 October.
    await t.db.kysely
      .updateTable('requests')
      .set({ submitted_at: '2026-10-30T02:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it('tracks the request with the number and code; a wrong code gets 404 and no data', async () => {
    const ok = await citizen.get(`/ysq/track?number=${number}&code=${encodeURIComponent(code)}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('已提交，待确认收到');
    expect(ok.body).not.toContain(VALID_ID);
    const bad = await citizen.get(`/ysq/track?number=${number}&code=AAAA-AAAA-AAAA-AAAA`);
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('申请编号或查询码不正确');
    expect(bad.body).not.toContain('黄冈市测试局');
  });

  it("hides the request from another department's officer (404) and from the public", async () => {
    expect((await officerB.get(`/console/requests/${id}`)).statusCode).toBe(404);
    const list = await officerB.get('/console/requests');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(number);
    const act = await officerB.post(
      `/console/requests/${id}/actions/confirm_receipt`,
      { date: '2026-11-02' },
      { csrfFrom: '/console/requests' },
    );
    expect(act.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: `/console/requests/${id}` });
    expect(anon.statusCode).toBe(303);
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/requests/${id}` });
    expect(api.statusCode).toBe(401);
  });

  it('the officer confirms receipt; the deadline is 20 working days later', async () => {
    const list = await officerA.get('/console/requests');
    expect(list.body).toContain(number);
    const res = await officerA.post(
      `/console/requests/${id}/actions/confirm_receipt`,
      { date: '2026-11-02' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = await officerA.get(`/console/requests/${id}`);
    expect(page.body).toContain('2026-11-30');
    expect(page.body).toContain('最迟于 2026-11-11 前一次性告知');
  });

  it('refuses 补正 on the 8th working day with a clear message and saves nothing', async () => {
    const res = await officerA.post(
      `/console/requests/${id}/actions/ask_correction`,
      { date: '2026-11-12', dueDate: '2026-11-26', body: '请说明项目所在区域' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('7 个工作日内一次性告知（最迟 2026-11-11）');
    expect(res.body).toContain('请说明项目所在区域');
    const events = await t.db.kysely
      .selectFrom('request_events')
      .select('kind')
      .where('request_id', '=', id)
      .execute();
    expect(events.map((e) => e.kind)).not.toContain('correction_requested');
  });

  it('asks 补正 on day 7; the citizen sees it on the tracking page; the clock stops', async () => {
    const res = await officerA.post(
      `/console/requests/${id}/actions/ask_correction`,
      { date: '2026-11-11', dueDate: '2026-11-25', body: '请说明项目所在区域和大致时间' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const track = await citizen.get(`/ysq/track?number=${number}&code=${encodeURIComponent(code)}`);
    expect(track.body).toContain('待申请人补正');
    expect(track.body).toContain('请说明项目所在区域和大致时间');
    expect(track.body).toContain('2026年11月25日');
    const page = await officerA.get(`/console/requests/${id}`);
    expect(page.body).toContain('补正中，期限暂停');
  });

  it('records the 补正: 20 working days again from that day', async () => {
    const res = await officerA.post(
      `/console/requests/${id}/actions/record_correction`,
      { date: '2026-11-16', body: '已补充区域' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = await officerA.get(`/console/requests/${id}`);
    // 2026-11-16 + 20 working days = 2026-12-14
    expect(page.body).toContain('2026-12-14');
  });

  it('refuses a refusal without a reason, then decides 予以公开 with a generated letter', async () => {
    const bad = await officerA.post(
      `/console/requests/${id}/actions/decide`,
      { date: '2026-11-20', outcome: 'refused_process_info', reason: '' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不予公开应当说明理由');
    const res = await officerA.post(
      `/console/requests/${id}/actions/decide`,
      { date: '2026-11-20', outcome: 'disclosed', reason: '见附件《立项批复》。' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = await officerA.get(`/console/requests/${id}`);
    expect(page.body).toContain('政府信息公开申请答复告知书');
    expect(page.body).toContain('6 个月内');
    expect(page.body).toContain('张三');
  });

  it('edits the letter, sends the reply; the citizen reads and downloads it', async () => {
    const page = await officerA.get(`/console/requests/${id}`);
    const letter = /name="letter"[^>]*>\n?([\s\S]*?)<\/textarea>/.exec(page.body)?.[1] ?? '';
    expect(letter).toContain('答复告知书');
    const edited = `${letter
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .trim()}\n联系人：李四`;
    expect(
      (
        await officerA.post(
          `/console/requests/${id}/actions/edit_letter`,
          { letter: edited },
          { csrfFrom: `/console/requests/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    const before = await citizen.get(`/ysq/track?number=${number}&code=${encodeURIComponent(code)}`);
    expect(before.body).not.toContain('data-testid="reply-letter"');
    expect(
      (
        await officerA.post(
          `/console/requests/${id}/actions/send_reply`,
          { date: '2026-11-23', method: 'online' },
          { csrfFrom: `/console/requests/${id}` },
        )
      ).statusCode,
    ).toBe(303);
    const track = await citizen.get(`/ysq/track?number=${number}&code=${encodeURIComponent(code)}`);
    expect(track.body).toContain('已办结');
    expect(track.body).toContain('data-testid="reply-letter"');
    expect(track.body).toContain('联系人：李四');
    const dl = await citizen.get(`/ysq/track/letter?number=${number}&code=${encodeURIComponent(code)}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-disposition']).toContain('attachment');
    expect(dl.body).toContain('联系人：李四');
  });

  it('audits every step in the same transaction, without personal data', async () => {
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('entity_type', '=', 'request')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'request_submitted',
      'request_confirm_receipt',
      'request_ask_correction',
      'request_record_correction',
      'request_decide',
      'request_edit_letter',
      'request_send_reply',
    ]);
    const all = JSON.stringify(rows);
    expect(all).not.toContain('张三');
    expect(all).not.toContain(VALID_ID);
    expect(all).not.toContain('13912345678');
  });

  it('refuses an action the status does not allow (409) and changes nothing', async () => {
    const res = await officerA.post(
      `/console/requests/${id}/actions/confirm_receipt`,
      { date: '2026-11-02' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(409);
  });

  it('registers an application received in person, starting the clock that day', async () => {
    const res = await officerA.post(
      '/console/requests',
      { ...APPLICATION, channel: 'in_person', receivedDate: '2026-11-27' },
      { csrfFrom: '/console/requests/new' },
    );
    expect(res.statusCode).toBe(303);
    const page = await officerA.get(res.headers.location ?? '');
    expect(page.body).toContain('当面提交');
    expect(page.body).toContain('data-testid="repeat-hint"');
    const tomorrow = addDays(shanghaiDate(), 1);
    const bad = await officerA.post(
      '/console/requests',
      { ...APPLICATION, channel: 'online', receivedDate: tomorrow },
      { csrfFrom: '/console/requests/new' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择收到申请的渠道');
    expect(bad.body).toContain('收到日期不能晚于今天');
  });
});

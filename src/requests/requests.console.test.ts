// The console: the dashboard's due-soon / overdue flags (officer and supervisor city-wide), the
// 主动公开 conversion through the catalogue, the reply-letter settings, the statistics page and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { getCalendar, loadBundledCalendar } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../shared/clock.js';

const PERSON = {
  applicantCategory: 'natural',
  name: '赵六',
  idType: 'passport',
  idNumber: 'E12345678',
  phone: '13912345678',
  formWanted: 'paper',
  deliveryWanted: 'pickup',
  infoTitle: '城区停车场规划方案',
};

describe('requests console', () => {
  let t: TestApp;
  let dept: number;
  let officer: Browser;
  let supervisor: Browser;
  let other: Browser;

  const register = async (extra: Record<string, string>) => {
    const res = await officer.post(
      '/console/requests',
      { ...PERSON, channel: 'post', ...extra },
      { csrfFrom: '/console/requests/new' },
    );
    expect(res.statusCode, res.body).toBe(303);
    return Number(/(\d+)$/.exec(res.headers.location ?? '')?.[1]);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
    dept = await makeDepartment(t, '黄冈市看板测试局');
    const o = await makeUser(t, { roles: ['request_officer'], departmentId: dept });
    const s = await makeUser(t, { roles: ['supervisor'] });
    const x = await makeUser(t, { roles: ['request_officer'] });
    officer = new Browser(t.app);
    supervisor = new Browser(t.app);
    other = new Browser(t.app);
    await officer.login(o.username, o.password);
    await supervisor.login(s.username, s.password);
    await other.login(x.username, x.password);
  });
  afterAll(async () => t.close());

  it('flags requests due within 3 working days and overdue ones, for the officer and city-wide', async () => {
    const cal = await getCalendar(t.db.kysely);
    const today = shanghaiDate();
    const soon = cal.addWorkdays(today, -18).date; // deadline 2 working days from today
    const late = cal.addWorkdays(today, -25).date;
    const fresh = cal.addWorkdays(today, -1).date;
    await register({ receivedDate: soon, infoTitle: '即将到期的申请' });
    await register({ receivedDate: late, infoTitle: '超期的申请' });
    await register({ receivedDate: fresh, infoTitle: '新申请' });
    const page = await officer.get('/console/requests');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="due-soon-count">1<');
    expect(page.body).toContain('data-testid="overdue-count">1<');
    expect(page.body).toContain('即将到期');
    expect(page.body).toContain('已超期');
    // Overdue first.
    expect(page.body.indexOf('超期的申请')).toBeLessThan(page.body.indexOf('新申请'));
    const city = await supervisor.get('/console/requests');
    expect(city.body).toContain('黄冈市看板测试局');
    expect(city.body).toContain('data-testid="overdue-count">1<');
    const none = await other.get('/console/requests');
    expect(none.body).not.toContain('超期的申请');
    expect((await other.get('/console/requests/statistics')).statusCode).toBe(200);
  });

  it('suggests 主动公开 when several applicants ask for the same information, and creates a catalogue draft', async () => {
    await register({ receivedDate: shanghaiDate(), infoTitle: '城区公共停车场布局规划' });
    const id = await register({
      receivedDate: shanghaiDate(),
      infoTitle: '城区公共停车场布局规划',
      idNumber: 'E99999999',
      name: '钱七',
    });
    const page = await officer.get(`/console/requests/${id}`);
    expect(page.body).toContain('data-testid="proactive-hint"');
    expect(page.body).toContain('另有 1 位申请人申请过相同信息');
    const res = await officer.post(
      `/console/requests/${id}/convert`,
      {},
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const row = await t.db.kysely
      .selectFrom('requests')
      .select('catalogue_item_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.catalogue_item_id).not.toBeNull();
    const item = await t.db.kysely
      .selectFrom('items')
      .selectAll()
      .where('id', '=', row.catalogue_item_id ?? 0)
      .executeTakeFirstOrThrow();
    expect(item.title).toBe('城区公共停车场布局规划');
    expect(item.status).toBe('draft');
    expect(item.department_id).toBe(dept);
    expect(item.body).not.toContain('钱七');
    const after = await officer.get(`/console/requests/${id}`);
    expect(after.body).toContain(`/console/items/${row.catalogue_item_id}`);
  });

  it("names the department's 行政复议机关 in the reply letter", async () => {
    const bad = await officer.post(
      '/console/requests/settings',
      { reviewBody: '' },
      { csrfFrom: '/console/requests/settings' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写行政复议机关的名称');
    expect(
      (
        await officer.post(
          '/console/requests/settings',
          { reviewBody: '黄冈市人民政府' },
          { csrfFrom: '/console/requests/settings' },
        )
      ).statusCode,
    ).toBe(303);
    const id = await register({ receivedDate: shanghaiDate(), infoTitle: '某某内部会议纪要' });
    const res = await officer.post(
      `/console/requests/${id}/actions/decide`,
      { outcome: 'refused_process_info', reason: '属于内部讨论记录' },
      { csrfFrom: `/console/requests/${id}` },
    );
    expect(res.statusCode).toBe(303);
    const page = await officer.get(`/console/requests/${id}`);
    expect(page.body).toContain('60 日内向黄冈市人民政府申请行政复议');
    expect(page.body).toContain('应当先申请行政复议');
  });

  it('shows tables 三 and 四 with the template rows and the checks, and exports CSV', async () => {
    const year = Number(shanghaiDate().slice(0, 4));
    const page = await supervisor.get(`/console/requests/statistics?year=${year}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(page.body).toContain('rowspan="22"');
    expect(page.body).toContain('8.属于行政查询事项');
    expect(page.body).toContain('5.要求行政机关确认或重新出具已获取信息');
    expect(page.body).toContain('未经复议直接起诉');
    expect(page.body).not.toContain('✗ 不相符');
    expect((page.body.match(/✓ 相符/g) ?? []).length).toBeGreaterThan(10);
    const csv = await supervisor.get(
      `/console/requests/statistics?year=${year}&department=${dept}&format=csv`,
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('黄冈市看板测试局');
    expect(csv.body).toContain('（七）总计');
  });
});

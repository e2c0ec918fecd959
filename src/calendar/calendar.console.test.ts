import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeUser, type TestApp } from '../../test/helpers/app.js';
import { searchAudit } from '../audit/audit.service.js';
import { listCalendarYears, loadBundledCalendar } from './calendar.service.js';

describe('calendar console', () => {
  let t: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
    const u = await makeUser(t, { roles: ['admin'] });
    admin = new Browser(t.app);
    await admin.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  const deadline = async (from: string, n: number) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/calendar/add?from=${from}&workdays=${n}` })).json()
      .date;
  const calendarAudit = async () =>
    (await searchAudit(t.db.kysely, { entityType: 'calendar_year' }, { limit: 100, offset: 0 })).entries;

  it('lists the years with their status and counts, each linked', async () => {
    const res = await admin.get('/console/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<a href="/console/calendar/2024">2024 年</a>');
    expect(res.body).toMatch(
      /2024 年<\/a><\/th>\s*<td>正式公布<\/td>\s*<td>[^<]+<\/td>\s*<td>30<\/td>\s*<td>8<\/td>/,
    );
    const year = await admin.get('/console/calendar/2024');
    expect(year.statusCode).toBe(200);
    expect(year.body).toContain('状态：正式公布');
    expect(year.body).toContain('2024年10月1日');
  });

  it('adds an off day: the API answer shifts, the change is audited, a notice is shown', async () => {
    expect(await deadline('2024-09-30', 1)).toBe('2024-10-08');
    const res = await admin.post(
      '/console/calendar/2024/days',
      {
        date: '2024-10-08',
        kind: 'off',
        name: '国庆节',
      },
      { csrfFrom: '/console/calendar/2024' },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/calendar/2024?done=added');
    expect((await admin.get('/console/calendar/2024?done=added')).body).toContain('已添加该日期。');
    expect(await deadline('2024-09-30', 1)).toBe('2024-10-09');
    const [entry] = await calendarAudit();
    expect(entry).toMatchObject({ action: 'calendar_day_added', entityId: '2024' });
    expect(JSON.parse(entry!.summary)).toEqual({
      year: 2024,
      date: '2024-10-08',
      kind: 'off',
      name: '国庆节',
    });
    expect(entry!.actorName).toContain('用户');

    const removed = await admin.post(
      '/console/calendar/2024/days/2024-10-08/delete',
      {},
      { csrfFrom: '/console/calendar/2024' },
    );
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/console/calendar/2024?done=removed');
    expect(await deadline('2024-09-30', 1)).toBe('2024-10-08');
    expect((await calendarAudit())[0]).toMatchObject({ action: 'calendar_day_removed' });
  });

  it('rejects a bad entry with the error summary, keeps what was typed and changes nothing', async () => {
    const auditBefore = (await calendarAudit()).length;
    const res = await admin.post(
      '/console/calendar/2024/days',
      {
        date: '2024-10-09',
        kind: 'workday',
        name: '国庆节',
      },
      { csrfFrom: '/console/calendar/2024' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('调休上班日必须是星期六或星期日');
    expect(res.body).toContain('value="2024-10-09"');
    const outside = await admin.post(
      '/console/calendar/2024/days',
      {
        date: '2025-01-02',
        kind: 'off',
        name: '',
      },
      { csrfFrom: '/console/calendar/2024' },
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('<a href="#f-date">日期：日期须在 2024 年内</a>');
    expect(outside.body).toContain('<a href="#f-name">节日名称：请填写节日名称，例如 国庆节</a>');
    const gone = await admin.post(
      '/console/calendar/2024/days/2024-03-01/delete',
      {},
      { csrfFrom: '/console/calendar/2024' },
    );
    expect(gone.statusCode).toBe(400);
    expect(gone.body).toContain('2024-03-01 没有登记，可能已被删除');
    expect(await deadline('2024-10-08', 1)).toBe('2024-10-09');
    expect(await calendarAudit()).toHaveLength(auditBefore);
  });

  it('opens a new year, adds a 调休 day as a draft and then publishes it', async () => {
    const open = await admin.get('/console/calendar?year=2027');
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe('/console/calendar/2027');
    const bad = await admin.get('/console/calendar?year=27');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年份应为四位数字，例如 2027');

    const page = await admin.get('/console/calendar/2027');
    expect(page.body).toContain('状态：草稿（不生效）');
    await admin.post(
      '/console/calendar/2027/days',
      { date: '2027-01-01', kind: 'off', name: '元旦' },
      { csrfFrom: '/console/calendar/2027' },
    );
    expect(await deadline('2026-12-31', 1)).toBe('2027-01-01'); // still a draft

    const missing = await admin.post(
      '/console/calendar/2027/official',
      { source: '', note: '' },
      { csrfFrom: '/console/calendar/2027' },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('<a href="#f-source">依据：请填写依据');
    const published = await admin.post(
      '/console/calendar/2027/official',
      {
        source: '国办发明电〔2026〕7号',
        note: '',
      },
      { csrfFrom: '/console/calendar/2027' },
    );
    expect(published.headers.location).toBe('/console/calendar/2027?done=official');
    expect(await deadline('2026-12-31', 1)).toBe('2027-01-04');

    const draft = await admin.post(
      '/console/calendar/2027/unofficial',
      {},
      { csrfFrom: '/console/calendar/2027' },
    );
    expect(draft.headers.location).toBe('/console/calendar/2027?done=unofficial');
    expect(await deadline('2026-12-31', 1)).toBe('2027-01-01');
    const actions = (await calendarAudit()).slice(0, 3).map((e) => e.action);
    expect(actions).toEqual(['calendar_year_unofficial', 'calendar_year_official', 'calendar_day_added']);
  });

  it('imports a year from pasted JSON, or re-renders the errors and saves nothing', async () => {
    const json = JSON.stringify({
      '2028': {
        off: [{ date: '2028-01-03', name: '元旦' }],
        workdays: [{ date: '2028-01-08', name: '元旦', weekday: 6 }],
      },
    });
    const bad = await admin.post(
      '/console/calendar/import',
      { json: json.replace('2028-01-08', '2028-01-07'), source: '测试通知', official: 'yes' },
      { csrfFrom: '/console/calendar' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('data-testid="error-summary"');
    expect(bad.body).toContain('2028 年 workdays 第 1 项（2028-01-07）');
    expect(bad.body).toContain('测试通知');
    expect((await listCalendarYears(t.db.kysely)).some((y) => y.year === 2028)).toBe(false);

    const good = await admin.post(
      '/console/calendar/import',
      { json, source: '测试通知', official: 'yes' },
      { csrfFrom: '/console/calendar' },
    );
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/console/calendar?done=imported');
    expect(await deadline('2027-12-31', 1)).toBe('2028-01-04');
    expect(await deadline('2028-01-07', 1)).toBe('2028-01-08');
    expect((await calendarAudit())[0]).toMatchObject({ action: 'calendar_year_imported', entityId: '2028' });
  });

  it('is for admins only: other staff get 403 and change nothing', async () => {
    const u = await makeUser(t, { roles: ['publisher', 'supervisor'] });
    const b = new Browser(t.app);
    await b.login(u.username, u.password);
    expect((await b.get('/console/calendar')).statusCode).toBe(403);
    expect((await b.get('/console/calendar/2024')).statusCode).toBe(403);
    const post = await b.post(
      '/console/calendar/2024/days',
      { date: '2024-10-08', kind: 'off', name: '国庆节' },
      { csrfFrom: '/console' },
    );
    expect(post.statusCode).toBe(403);
    expect(await deadline('2024-09-30', 1)).toBe('2024-10-08');
    const anonymous = await t.app.inject({ method: 'GET', url: '/console/calendar' });
    expect(anonymous.statusCode).toBe(303);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await admin.post(
      '/console/calendar/2024/days',
      { date: '2024-10-08', kind: 'off', name: '国庆节' },
      { csrf: null },
    );
    expect(res.statusCode).toBe(403);
    expect(await deadline('2024-09-30', 1)).toBe('2024-10-08');
  });
});

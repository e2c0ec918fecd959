import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadBundledCalendar } from './calendar.service.js';

describe('期限计算器 (public page)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
  });
  afterAll(async () => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('shows both forms and the rule, without any answer yet', async () => {
    const res = await get('/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>期限计算器</h1>');
    expect(res.body).toMatch(/<form method="get" action="\/calendar"[^>]*data-testid="add-form"/);
    expect(res.body).toContain('<label for="f-from"');
    expect(res.body).toContain('<label for="f-workdays"');
    expect(res.body).toContain('<label for="f-start"');
    expect(res.body).toContain('<label for="f-end"');
    expect(res.body).toContain('起算日不计入');
    expect(res.body).not.toContain('data-testid="add-result"');
  });

  it('computes a deadline with its weekday, the holidays and the 调休 days in between', async () => {
    const res = await get('/calendar?from=2024-09-30&workdays=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/data-testid="deadline">\s*<strong>2024年10月8日 星期二<\/strong>/);
    expect(res.body).toContain('国庆节：2024年10月1日至2024年10月7日放假，共');
    expect(res.body).not.toContain('data-testid="unofficial-warning"');

    const long = await get('/calendar?from=2024-09-20&workdays=20');
    expect(long.body).toContain('2024年10月23日 星期三');
    expect(long.body).toContain('2024年9月29日（星期日）：国庆节调休，上班');
    expect(long.body).toContain('2024年10月12日（星期六）：国庆节调休，上班');
    expect(long.body).toContain('value="2024-09-20"');
    expect(long.body).toContain('value="20"');
  });

  it('lists only the days stepped over: after the start date, up to the deadline', async () => {
    const fromHoliday = await get('/calendar?from=2024-10-03&workdays=1');
    expect(fromHoliday.body).toContain('2024年10月8日 星期二');
    expect(fromHoliday.body).toContain('国庆节：2024年10月4日至2024年10月7日放假');
    const fromMakeupDay = await get('/calendar?from=2024-09-29&workdays=2');
    expect(fromMakeupDay.body).toContain('2024年10月8日 星期二');
    expect(fromMakeupDay.body).not.toContain('2024年9月29日（星期日）：国庆节调休');
    const backwards = await get('/calendar?from=2024-10-08&workdays=-2');
    expect(backwards.body).toContain('2024年9月29日 星期日');
    expect(backwards.body).toContain('2024年9月29日（星期日）：国庆节调休，上班');
    expect(backwards.body).toContain('国庆节：2024年10月1日至2024年10月7日放假');
    const same = await get('/calendar?from=2024-10-03&workdays=0');
    expect(same.body).toContain('2024年10月3日 星期四');
    expect(same.body).toContain('期间没有法定节假日。');
  });

  it('warns when a year has no official data', async () => {
    const res = await get('/calendar?from=2026-12-31&workdays=1');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2027年1月1日 星期五');
    expect(res.body).toContain('2027年的节假日安排尚未公布，仅按周末计算');
  });

  it('counts working days between two dates', async () => {
    const res = await get('/calendar?start=2024-10-01&end=2024-10-31');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<strong data-testid="workday-count">19</strong>');
    expect(res.body).toContain('国庆节：2024年10月1日至2024年10月7日放假');
  });

  it('re-renders bad input with the error summary, Chinese field messages and what was typed (400)', async () => {
    const res = await get('/calendar?from=2024-02-30&workdays=abc');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('<a href="#f-from">起算日期：日期不存在：2024年2月只有 29 天</a>');
    expect(res.body).toContain('<a href="#f-workdays">工作日数：工作日数须为整数，例如 20</a>');
    expect(res.body).toContain('id="f-from-error"');
    expect(res.body).toContain('value="2024-02-30"');
    expect(res.body).toContain('value="abc"');
    expect(res.body).not.toContain('data-testid="add-result"');

    const range = await get('/calendar?from=2024-09-30&workdays=5000');
    expect(range.statusCode).toBe(400);
    expect(range.body).toContain('工作日数须在 -1000 至 1000 之间');

    const count = await get('/calendar?start=2024-10-31&end=2024-10-01');
    expect(count.statusCode).toBe(400);
    expect(count.body).toContain('<a href="#f-end">结束日期：结束日期不能早于起始日期</a>');
  });

  it('escapes what was typed', async () => {
    const res = await get(`/calendar?from=${encodeURIComponent('"><script>x</script>')}&workdays=1`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>x</script>');
    expect(res.body).toContain('&quot;&gt;&lt;script&gt;');
  });
});

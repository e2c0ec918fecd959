import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { loadBundledCalendar } from './calendar.service.js';

describe('public calendar API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
  });
  afterAll(async () => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers whether a day is a working day, with its holiday name', async () => {
    const off = await get('/api/v1/calendar/days/2024-10-01');
    expect(off.statusCode).toBe(200);
    expect(off.headers['cache-control']).toBe('public, max-age=300');
    expect(off.json()).toEqual({ date: '2024-10-01', workday: false, official: true, name: '国庆节' });
    expect((await get('/api/v1/calendar/days/2024-09-29')).json()).toEqual({
      date: '2024-09-29',
      workday: true,
      official: true,
      name: '国庆节',
    });
    expect((await get('/api/v1/calendar/days/2024-10-08')).json()).toEqual({
      date: '2024-10-08',
      workday: true,
      official: true,
    });
    expect((await get('/api/v1/calendar/days/2030-10-01')).json()).toEqual({
      date: '2030-10-01',
      workday: true,
      official: false,
    });
  });

  it('adds working days, forwards and backwards', async () => {
    const res = await get('/api/v1/calendar/add?from=2024-09-30&workdays=1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.json()).toEqual({ from: '2024-09-30', workdays: 1, date: '2024-10-08', official: true });
    expect((await get('/api/v1/calendar/add?from=2024-10-08&workdays=-1')).json()).toMatchObject({
      date: '2024-09-30',
    });
    expect((await get('/api/v1/calendar/add?from=2024-09-20&workdays=20')).json()).toMatchObject({
      date: '2024-10-23',
    });
    expect((await get('/api/v1/calendar/add?from=2026-12-31&workdays=1')).json()).toEqual({
      from: '2026-12-31',
      workdays: 1,
      date: '2027-01-01',
      official: false,
    });
  });

  it('counts working days in a closed interval', async () => {
    const res = await get('/api/v1/calendar/count?from=2024-10-01&to=2024-10-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.json()).toEqual({ from: '2024-10-01', to: '2024-10-31', workdays: 19, official: true });
    expect((await get('/api/v1/calendar/count?from=2030-01-01&to=2030-01-31')).json()).toEqual({
      from: '2030-01-01',
      to: '2030-01-31',
      workdays: 23,
      official: false,
    });
  });

  it.each([
    ['/api/v1/calendar/days/2024-02-30', 'date', '日期不存在：2024年2月只有 29 天'],
    ['/api/v1/calendar/days/abc', 'date', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['/api/v1/calendar/days/1899-12-31', 'date', '年份须在 1900 至 2200 之间'],
    ['/api/v1/calendar/add?from=2024-02-30&workdays=1', 'from', '日期不存在：2024年2月只有 29 天'],
    ['/api/v1/calendar/add?from=abc&workdays=1', 'from', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['/api/v1/calendar/add?from=2024-09-30&workdays=abc', 'workdays', '必须是数字'],
    ['/api/v1/calendar/add?from=2024-09-30&workdays=1.5', 'workdays', '必须是数字'],
    ['/api/v1/calendar/add?from=2024-09-30&workdays=1001', 'workdays', '不能大于 1000'],
    ['/api/v1/calendar/add?from=2024-09-30&workdays=-1001', 'workdays', '不能小于 -1000'],
    ['/api/v1/calendar/add?from=2024-09-30', 'workdays', '必须填写'],
    ['/api/v1/calendar/count?from=2024-10-31&to=2024-10-01', 'to', '结束日期不能早于起始日期'],
    ['/api/v1/calendar/count?from=2024-10-01&to=2024-13-01', 'to', '月份须在 01 至 12 之间'],
    ['/api/v1/calendar/count?to=2024-10-01', 'from', '必须填写'],
  ])('%s → 400 naming the field %s', async (url, field, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toBe('请求参数有误，请检查标出的项目。');
    expect(body.error.fields).toEqual({ [field]: message });
  });

  it('accepts the limits ±1000', async () => {
    expect((await get('/api/v1/calendar/add?from=2024-09-30&workdays=1000')).statusCode).toBe(200);
    expect((await get('/api/v1/calendar/add?from=2024-09-30&workdays=-1000')).statusCode).toBe(200);
  });
});

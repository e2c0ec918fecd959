// Storage and service on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/helpers/db.js';
import { searchAudit, verifyAuditChain } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/audit.types.js';
import type { Db } from '../db/database.js';
import {
  addCalendarDay,
  importCalendarYears,
  markYearOfficial,
  markYearUnofficial,
  removeCalendarDay,
} from './calendar.admin.js';
import {
  addWorkdays,
  BUNDLED_SOURCE,
  countWorkdays,
  describeDay,
  getCalendar,
  getCalendarYear,
  listCalendarYears,
  loadBundledCalendar,
} from './calendar.service.js';

const ADMIN: AuditActor = { userId: null, name: '测试管理员', departmentId: null };

async function calendarAudit(db: Db) {
  return (await searchAudit(db.kysely, { entityType: 'calendar_year' }, { limit: 100, offset: 0 })).entries;
}

describe('calendar storage and service', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  it('loads the bundled years into an empty database once, quickly, in one audited step', async () => {
    expect((await addWorkdays(db.kysely, '2024-09-30', 1)).official).toBe(false); // nothing yet
    const started = Date.now();
    expect(await loadBundledCalendar(db.kysely)).toBe(10);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await loadBundledCalendar(db.kysely)).toBe(0);

    const years = await listCalendarYears(db.kysely);
    expect(years.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years.find((y) => y.year === 2024)).toEqual({
      year: 2024,
      official: true,
      source: BUNDLED_SOURCE,
      offDays: 30,
      workdays: 8,
    });
    const audit = await calendarAudit(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'calendar_bundled_loaded', actorName: '系统' });
    expect(JSON.parse(audit[0]!.summary)).toMatchObject({
      years: [2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026],
    });
  });

  it('answers from the database (the in-process cache is cleared by the loader)', async () => {
    expect(await addWorkdays(db.kysely, '2024-09-30', 1)).toMatchObject({
      date: '2024-10-08',
      official: true,
    });
    expect(await describeDay(db.kysely, '2024-10-01')).toMatchObject({
      workday: false,
      official: true,
      entry: { name: '国庆节', kind: 'off' },
    });
    expect(await countWorkdays(db.kysely, '2024-10-01', '2024-10-31')).toMatchObject({ workdays: 19 });
    expect(await getCalendar(db.kysely)).toBe(await getCalendar(db.kysely));
  });

  it('adds and removes an entry, audited, and the answers follow at once', async () => {
    const added = await addCalendarDay(db.kysely, ADMIN, 2024, {
      date: '2024-10-08',
      kind: 'off',
      name: '国庆节',
    });
    expect(added).toEqual({ ok: true, value: { date: '2024-10-08', kind: 'off', name: '国庆节' } });
    expect((await addWorkdays(db.kysely, '2024-09-30', 1)).date).toBe('2024-10-09');

    const again = await addCalendarDay(db.kysely, ADMIN, 2024, {
      date: '2024-10-08',
      kind: 'off',
      name: '国庆节',
    });
    expect(again).toEqual({
      ok: false,
      fields: { date: '该日期已登记为“国庆节”放假（休息日），如需更改请先删除原记录' },
    });

    const removed = await removeCalendarDay(db.kysely, ADMIN, 2024, '2024-10-08');
    expect(removed.ok).toBe(true);
    expect((await addWorkdays(db.kysely, '2024-09-30', 1)).date).toBe('2024-10-08');
    expect(await removeCalendarDay(db.kysely, ADMIN, 2024, '2024-10-08')).toEqual({
      ok: false,
      fields: { date: '2024-10-08 没有登记，可能已被删除' },
    });

    const actions = (await calendarAudit(db)).map((e) => e.action);
    expect(actions.slice(0, 2)).toEqual(['calendar_day_removed', 'calendar_day_added']);
    expect((await verifyAuditChain(db.kysely)).ok).toBe(true);
  });

  it('rejects a weekday 调休 entry and a date outside the year, saving nothing', async () => {
    const before = (await getCalendarYear(db.kysely, 2024)).days.length;
    const auditBefore = (await calendarAudit(db)).length;
    expect(
      await addCalendarDay(db.kysely, ADMIN, 2024, { date: '2024-10-09', kind: 'workday', name: '国庆节' }),
    ).toEqual({
      ok: false,
      fields: { date: '调休上班日必须是星期六或星期日：星期一至星期五本来就是工作日，无需登记' },
    });
    expect(
      (await addCalendarDay(db.kysely, ADMIN, 2024, { date: '2025-01-01', kind: 'off', name: '元旦' })).ok,
    ).toBe(false);
    expect((await getCalendarYear(db.kysely, 2024)).days).toHaveLength(before);
    expect(await calendarAudit(db)).toHaveLength(auditBefore);
  });

  it('keeps a draft year out of the answers until it is marked official', async () => {
    await addCalendarDay(db.kysely, ADMIN, 2027, { date: '2027-01-01', kind: 'off', name: '元旦' });
    expect(await addWorkdays(db.kysely, '2026-12-31', 1)).toMatchObject({
      date: '2027-01-01',
      official: false,
    });
    expect((await listCalendarYears(db.kysely)).find((y) => y.year === 2027)).toMatchObject({
      official: false,
      offDays: 1,
    });

    expect(await markYearOfficial(db.kysely, ADMIN, 2027, { source: ' ', note: '' })).toEqual({
      ok: false,
      fields: { source: '请填写依据，例如 国务院办公厅关于2027年部分节假日安排的通知' },
    });
    const marked = await markYearOfficial(db.kysely, ADMIN, 2027, {
      source: '国办发明电〔2026〕1号',
      note: '',
    });
    expect(marked.ok).toBe(true);
    expect(await addWorkdays(db.kysely, '2026-12-31', 1)).toMatchObject({
      date: '2027-01-04',
      official: true,
    });

    expect((await markYearUnofficial(db.kysely, ADMIN, 2027)).ok).toBe(true);
    expect(await addWorkdays(db.kysely, '2026-12-31', 1)).toMatchObject({
      date: '2027-01-01',
      official: false,
    });
    expect((await markYearUnofficial(db.kysely, ADMIN, 2027)).ok).toBe(false);
    expect((await getCalendarYear(db.kysely, 2027)).days).toHaveLength(1); // the draft is kept
  });

  it('imports years from JSON, replacing their days, or refuses the whole file', async () => {
    const file = JSON.stringify({
      '2027': {
        off: [
          { date: '2027-01-01', name: '元旦' },
          { date: '2027-10-01', name: '国庆节' },
        ],
        workdays: [{ date: '2027-09-26', name: '国庆节' }],
      },
      '2028': { off: [{ date: '2028-01-01', name: '元旦' }], workdays: [] },
    });
    const result = await importCalendarYears(db.kysely, SYSTEM_ACTOR, {
      json: file,
      source: '测试通知',
      official: true,
    });
    expect(result).toEqual({
      ok: true,
      value: [
        { year: 2027, offDays: 2, workdays: 1 },
        { year: 2028, offDays: 1, workdays: 0 },
      ],
    });
    expect(await describeDay(db.kysely, '2027-09-26')).toMatchObject({ workday: true, official: true });
    expect((await getCalendarYear(db.kysely, 2027)).days.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-09-26',
      '2027-10-01',
    ]);

    const bad = JSON.stringify({
      '2027': { off: [], workdays: [] },
      '2029': { off: [{ date: '2029-02-30', name: '春节' }] },
    });
    const refused = await importCalendarYears(db.kysely, SYSTEM_ACTOR, {
      json: bad,
      source: 'x',
      official: true,
    });
    expect(refused).toEqual({
      ok: false,
      fields: { json: '2029 年 off 第 1 项（2029-02-30）：日期不存在：2029年2月只有 28 天' },
    });
    expect((await getCalendarYear(db.kysely, 2027)).days).toHaveLength(3);
    expect((await getCalendarYear(db.kysely, 2029)).official).toBeUndefined();

    const draft = await importCalendarYears(db.kysely, SYSTEM_ACTOR, {
      json: JSON.stringify({ '2028': { off: [], workdays: [] } }),
      source: '',
      official: false,
    });
    expect(draft.ok).toBe(true);
    expect((await getCalendarYear(db.kysely, 2028)).official).toBeUndefined();
    expect(
      await importCalendarYears(db.kysely, SYSTEM_ACTOR, { json: file, source: '', official: true }),
    ).toEqual({
      ok: false,
      fields: { source: '请填写依据，例如 国务院办公厅关于2027年部分节假日安排的通知' },
    });
  });
});

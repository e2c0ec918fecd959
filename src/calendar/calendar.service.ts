// The working-day calendar: answers built from the database, and the bundled official data.
//
// Caching: the Calendar is built once per database handle and kept in memory. The edits in
// calendar.admin.ts clear it at once in this process; other processes (several app servers on one
// PostgreSQL) pick an edit up within CALENDAR_CACHE_TTL_MS, when their copy expires.
import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { nowIso } from '../shared/clock.js';
import { addDays } from './calendar.dates.js';
import * as repo from './calendar.repository.js';
import {
  Calendar,
  holidayBlocks,
  type AddAnswer,
  type CalendarEntry,
  type CountAnswer,
  type DayAnswer,
  type HolidayBlock,
} from './calendar.rules.js';
import { parseCalendarJson, type CalendarYearData } from './calendar.validation.js';
import type { CalendarYearDetail, CalendarYearSummary } from './calendar.types.js';

export const CALENDAR_CACHE_TTL_MS = 60_000;

/** The `source` recorded for the years loaded from the bundled holidays.json. */
export const BUNDLED_SOURCE = '国务院办公厅关于部分节假日安排的通知（系统内置数据）';

interface CacheEntry {
  calendar: Promise<Calendar>;
  loadedAt: number;
}

const cache = new WeakMap<Kysely<Database>, CacheEntry>();

async function buildCalendar(db: Kysely<Database>): Promise<Calendar> {
  const [days, years] = await Promise.all([repo.listDays(db), repo.listYears(db)]);
  return new Calendar(
    days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
    years.map((y) => y.year),
  );
}

/** The current Calendar (cached per database handle; see CALENDAR_CACHE_TTL_MS). */
export function getCalendar(db: Kysely<Database>): Promise<Calendar> {
  const hit = cache.get(db);
  if (hit && Date.now() - hit.loadedAt < CALENDAR_CACHE_TTL_MS) return hit.calendar;
  const entry: CacheEntry = { calendar: buildCalendar(db), loadedAt: Date.now() };
  cache.set(db, entry);
  entry.calendar.catch(() => {
    if (cache.get(db) === entry) cache.delete(db);
  });
  return entry.calendar;
}

/** Forgets the cached Calendar; every edit calls it after its transaction commits. */
export function invalidateCalendarCache(db: Kysely<Database>): void {
  cache.delete(db);
}

export async function describeDay(db: Kysely<Database>, date: string): Promise<DayAnswer> {
  return (await getCalendar(db)).day(date);
}

export async function isWorkday(db: Kysely<Database>, date: string): Promise<boolean> {
  return (await getCalendar(db)).isWorkday(date);
}

export async function addWorkdays(db: Kysely<Database>, from: string, n: number): Promise<AddAnswer> {
  return (await getCalendar(db)).addWorkdays(from, n);
}

export async function countWorkdays(db: Kysely<Database>, from: string, to: string): Promise<CountAnswer> {
  return (await getCalendar(db)).countWorkdays(from, to);
}

/** What the 期限计算器 shows between two dates: the named holidays and the 调休 working days. */
export interface IntervalDetails {
  holidays: HolidayBlock[];
  makeupWorkdays: CalendarEntry[];
}

/** The named days in the closed interval [from, to]. */
export function intervalDetails(calendar: Calendar, from: string, to: string): IntervalDetails {
  const entries = calendar.entriesBetween(from, to);
  return { holidays: holidayBlocks(entries), makeupWorkdays: entries.filter((e) => e.kind === 'workday') };
}

/** The named days an addWorkdays answer stepped over: after the start date, up to the deadline. */
export function deadlineDetails(calendar: Calendar, answer: AddAnswer): IntervalDetails {
  if (answer.date === answer.from) return { holidays: [], makeupWorkdays: [] };
  return answer.date > answer.from
    ? intervalDetails(calendar, addDays(answer.from, 1), answer.date)
    : intervalDetails(calendar, answer.date, addDays(answer.from, -1));
}

export async function listCalendarYears(db: Kysely<Database>): Promise<CalendarYearSummary[]> {
  const [known, years, counts] = await Promise.all([
    repo.listKnownYears(db),
    repo.listYears(db),
    repo.countDaysByYear(db),
  ]);
  return known.map((year) => {
    const official = years.find((y) => y.year === year);
    const count = (kind: string) => counts.find((c) => c.year === year && c.kind === kind)?.count ?? 0;
    return {
      year,
      official: official !== undefined,
      source: official?.source ?? '',
      offDays: count('off'),
      workdays: count('workday'),
    };
  });
}

export async function getCalendarYear(db: Kysely<Database>, year: number): Promise<CalendarYearDetail> {
  const [official, days] = await Promise.all([repo.findYear(db, year), repo.listDays(db, year)]);
  return { year, official, days };
}

let bundled: CalendarYearData[] | undefined;

/** The official calendar shipped with the application (holidays.json, 2017–2026). */
export function bundledCalendar(): CalendarYearData[] {
  if (!bundled) {
    const parsed = parseCalendarJson(readFileSync(new URL('./holidays.json', import.meta.url), 'utf8'));
    if (!parsed.ok) throw new Error(`holidays.json is invalid: ${JSON.stringify(parsed.fields)}`);
    bundled = parsed.value;
  }
  return bundled;
}

/**
 * Loads the bundled official years that the database does not have yet (neither a year row nor
 * any day): idempotent, one transaction, audited as the system. Returns the number of years loaded.
 */
export async function loadBundledCalendar(db: Kysely<Database>): Promise<number> {
  const data = bundledCalendar();
  const loaded = await db.transaction().execute(async (trx) => {
    await lockResource(trx, 'calendar');
    const known = new Set(await repo.listKnownYears(trx));
    const missing = data.filter((y) => !known.has(y.year));
    if (missing.length === 0) return [];
    const now = nowIso();
    await repo.insertDays(
      trx,
      missing.flatMap((y) => y.entries),
      now,
    );
    for (const y of missing)
      await repo.upsertYear(trx, { year: y.year, source: BUNDLED_SOURCE, note: '' }, now);
    await appendAudit(trx, SYSTEM_ACTOR, {
      action: 'calendar_bundled_loaded',
      entityType: 'calendar_year',
      entityId: missing.map((y) => y.year).join(','),
      departmentId: null,
      summary: { years: missing.map((y) => y.year), days: missing.reduce((n, y) => n + y.entries.length, 0) },
    });
    return missing;
  });
  if (loaded.length > 0) invalidateCalendarCache(db);
  return loaded.length;
}

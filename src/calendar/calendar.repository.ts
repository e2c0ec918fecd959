// The only file of the calendar module with queries: calendar_days (the exceptional dates) and
// calendar_years (a row means the year's official notice is in force).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { isDayKind, type CalendarEntry } from './calendar.rules.js';
import type { CalendarDayRow, CalendarYearRow } from './calendar.table.js';
import type { CalendarDay, CalendarYear } from './calendar.types.js';

function dayRowToDay(row: CalendarDayRow): CalendarDay {
  if (!isDayKind(row.kind)) throw new Error(`calendar_days.kind has an unknown value: ${row.kind}`);
  return { date: row.date, year: row.year, kind: row.kind, name: row.name, updatedAt: row.updated_at };
}

function yearRowToYear(row: CalendarYearRow): CalendarYear {
  return { year: row.year, source: row.source, note: row.note, updatedAt: row.updated_at };
}

export async function listDays(db: Kysely<Database>, year?: number): Promise<CalendarDay[]> {
  let query = db.selectFrom('calendar_days').selectAll().orderBy('date');
  if (year !== undefined) query = query.where('year', '=', year);
  return (await query.execute()).map(dayRowToDay);
}

export async function findDay(db: Kysely<Database>, date: string): Promise<CalendarDay | undefined> {
  const row = await db.selectFrom('calendar_days').selectAll().where('date', '=', date).executeTakeFirst();
  return row ? dayRowToDay(row) : undefined;
}

export async function listYears(db: Kysely<Database>): Promise<CalendarYear[]> {
  return (await db.selectFrom('calendar_years').selectAll().orderBy('year').execute()).map(yearRowToYear);
}

export async function findYear(db: Kysely<Database>, year: number): Promise<CalendarYear | undefined> {
  const row = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  return row ? yearRowToYear(row) : undefined;
}

/** Number of days off and 调休 workdays stored per year. */
export async function countDaysByYear(
  db: Kysely<Database>,
): Promise<{ year: number; kind: string; count: number }[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select(['year', 'kind', db.fn.countAll<number>().as('count')])
    .groupBy(['year', 'kind'])
    .execute();
  return rows.map((r) => ({ year: r.year, kind: r.kind, count: Number(r.count) }));
}

/** Years that have either a calendar_years row or any stored day. */
export async function listKnownYears(db: Kysely<Database>): Promise<number[]> {
  const fromYears = await db.selectFrom('calendar_years').select('year').execute();
  const fromDays = await db.selectFrom('calendar_days').select('year').distinct().execute();
  return [...new Set([...fromYears, ...fromDays].map((r) => r.year))].sort((a, b) => a - b);
}

export async function insertDays(
  trx: Transaction<Database>,
  entries: readonly CalendarEntry[],
  now: string,
): Promise<void> {
  // Chunks keep each statement well below SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < entries.length; i += 500) {
    const chunk = entries.slice(i, i + 500);
    await trx
      .insertInto('calendar_days')
      .values(
        chunk.map((e) => ({
          date: e.date,
          year: Number(e.date.slice(0, 4)),
          kind: e.kind,
          name: e.name,
          updated_at: now,
        })),
      )
      .execute();
  }
}

export async function deleteDay(trx: Transaction<Database>, date: string): Promise<number> {
  const result = await trx.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteDaysOfYear(trx: Transaction<Database>, year: number): Promise<number> {
  const result = await trx.deleteFrom('calendar_days').where('year', '=', year).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function upsertYear(
  trx: Transaction<Database>,
  year: { year: number; source: string; note: string },
  now: string,
): Promise<void> {
  await trx
    .insertInto('calendar_years')
    .values({ year: year.year, source: year.source, note: year.note, updated_at: now })
    .onConflict((oc) =>
      oc.column('year').doUpdateSet({ source: year.source, note: year.note, updated_at: now }),
    )
    .execute();
}

export async function deleteYear(trx: Transaction<Database>, year: number): Promise<number> {
  const result = await trx.deleteFrom('calendar_years').where('year', '=', year).executeTakeFirst();
  return Number(result.numDeletedRows);
}

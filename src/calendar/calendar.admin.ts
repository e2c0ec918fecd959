// Admin edits of the calendar: add or remove an entry, mark a year official or not, import years.
// Each edit is validated, written with its audit entry in one transaction (nothing half-saved),
// and clears the cached Calendar of this process.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { parseDate, yearOf } from './calendar.dates.js';
import * as repo from './calendar.repository.js';
import { DAY_KIND_LABELS, type CalendarEntry } from './calendar.rules.js';
import { invalidateCalendarCache } from './calendar.service.js';
import type { CalendarDayInput, CalendarImportInput, ImportedYear } from './calendar.types.js';
import { MAX_SOURCE_LENGTH, parseCalendarJson, validateEntry } from './calendar.validation.js';

const MAX_NOTE_LENGTH = 500;

async function edit<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>, now: string) => Promise<Result<T>>,
): Promise<Result<T>> {
  const result = await db.transaction().execute(async (trx) => {
    await lockResource(trx, 'calendar');
    return work(trx, nowIso());
  });
  if (result.ok) invalidateCalendarCache(db);
  return result;
}

function audit(trx: Transaction<Database>, actor: AuditActor, action: string, year: number, summary: object) {
  return appendAudit(trx, actor, {
    action,
    entityType: 'calendar_year',
    entityId: year,
    departmentId: null,
    summary: { year, ...summary },
  });
}

export function addCalendarDay(
  db: Kysely<Database>,
  actor: AuditActor,
  year: number,
  input: CalendarDayInput,
): Promise<Result<CalendarEntry>> {
  const checked = validateEntry(year, input);
  if (!checked.ok) return Promise.resolve(invalid(checked.fields));
  const entry = checked.value;
  return edit(db, async (trx, now) => {
    const existing = await repo.findDay(trx, entry.date);
    if (existing) {
      return invalid({
        date: `该日期已登记为“${existing.name}”${DAY_KIND_LABELS[existing.kind]}，如需更改请先删除原记录`,
      });
    }
    await repo.insertDays(trx, [entry], now);
    await audit(trx, actor, 'calendar_day_added', year, { ...entry });
    return ok(entry);
  });
}

export function removeCalendarDay(
  db: Kysely<Database>,
  actor: AuditActor,
  year: number,
  date: string,
): Promise<Result<CalendarEntry>> {
  const parsed = parseDate(date);
  if (!parsed.ok || yearOf(parsed.date) !== year) {
    return Promise.resolve(invalid({ date: parsed.ok ? `日期须在 ${year} 年内` : parsed.message }));
  }
  return edit(db, async (trx) => {
    const existing = await repo.findDay(trx, parsed.date);
    if (!existing) return invalid({ date: `${parsed.date} 没有登记，可能已被删除` });
    await repo.deleteDay(trx, parsed.date);
    const entry: CalendarEntry = { date: existing.date, kind: existing.kind, name: existing.name };
    await audit(trx, actor, 'calendar_day_removed', year, { ...entry });
    return ok(entry);
  });
}

function validateSource(source: string, note: string): FieldErrors {
  const fields: FieldErrors = {};
  if (source.trim() === '') fields.source = '请填写依据，例如 国务院办公厅关于2027年部分节假日安排的通知';
  else if ([...source.trim()].length > MAX_SOURCE_LENGTH)
    fields.source = `依据不能超过 ${MAX_SOURCE_LENGTH} 个字`;
  if ([...note.trim()].length > MAX_NOTE_LENGTH) fields.note = `备注不能超过 ${MAX_NOTE_LENGTH} 个字`;
  return fields;
}

/** The year's entries take effect: answers touching it become official. */
export function markYearOfficial(
  db: Kysely<Database>,
  actor: AuditActor,
  year: number,
  input: { source: string; note: string },
): Promise<Result<true>> {
  const fields = validateSource(input.source, input.note);
  if (Object.keys(fields).length > 0) return Promise.resolve(invalid(fields));
  const source = input.source.trim();
  const note = input.note.trim();
  return edit(db, async (trx, now) => {
    const before = await repo.findYear(trx, year);
    await repo.upsertYear(trx, { year, source, note }, now);
    await audit(trx, actor, 'calendar_year_official', year, {
      source,
      note,
      ...(before ? { before: { source: before.source, note: before.note } } : {}),
    });
    return ok(true);
  });
}

/** The year goes back to draft: its entries are kept but answers use weekends alone. */
export function markYearUnofficial(
  db: Kysely<Database>,
  actor: AuditActor,
  year: number,
): Promise<Result<true>> {
  return edit(db, async (trx) => {
    const before = await repo.findYear(trx, year);
    if (!before) return invalid({}, `${year} 年本来就不是正式公布的安排。`);
    await repo.deleteYear(trx, year);
    await audit(trx, actor, 'calendar_year_unofficial', year, { before: { source: before.source } });
    return ok(true);
  });
}

/**
 * Imports years from JSON of the shape of holidays.json. Each year in the file replaces that
 * year's stored days; `official` decides whether the years take effect or stay drafts.
 */
export function importCalendarYears(
  db: Kysely<Database>,
  actor: AuditActor,
  input: CalendarImportInput,
): Promise<Result<ImportedYear[]>> {
  const parsed = parseCalendarJson(input.json);
  const fields: FieldErrors = parsed.ok ? {} : { ...parsed.fields };
  if (input.official) Object.assign(fields, validateSource(input.source, ''));
  if (!parsed.ok || Object.keys(fields).length > 0) return Promise.resolve(invalid(fields));
  const source = input.source.trim();
  return edit(db, async (trx, now) => {
    const imported: ImportedYear[] = [];
    for (const { year, entries } of parsed.value) {
      const replaced = await repo.deleteDaysOfYear(trx, year);
      await repo.insertDays(trx, entries, now);
      if (input.official) await repo.upsertYear(trx, { year, source, note: '' }, now);
      else await repo.deleteYear(trx, year);
      const counts: ImportedYear = {
        year,
        offDays: entries.filter((e) => e.kind === 'off').length,
        workdays: entries.filter((e) => e.kind === 'workday').length,
      };
      await audit(trx, actor, 'calendar_year_imported', year, {
        official: input.official,
        source: input.official ? source : '',
        offDays: counts.offDays,
        workdays: counts.workdays,
        replacedDays: replaced,
      });
      imported.push(counts);
    }
    return ok(imported);
  });
}

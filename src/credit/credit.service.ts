// Use-cases of 双公示: enter or import records (all-or-nothing unless the user keeps the valid
// rows), the 7-working-day check, 信用修复 and 撤销 (nothing is deleted), public lookup.
import type { Kysely } from 'kysely';
import { appendAudit, searchAudit } from '../audit/audit.service.js';
import { getCalendar } from '../calendar/calendar.service.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, ok, type Result } from '../http/errors.js';
import type { RowProblem } from '../lists/lists.import.js';
import { mapHeaders, type Table } from '../lists/lists.tabular.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { readImportTable } from './credit.csv.js';
import { maskId } from './credit.mask.js';
import { addMonths, checkRecord, fieldsOf, PUBLICATION_MONTHS, type CheckedRecord } from './credit.fields.js';
import * as repo from './credit.repository.js';
import {
  CREDIT_PUBLISH_WORKDAYS,
  type CreditKind,
  type CreditQuery,
  type CreditRecord,
} from './credit.types.js';

export { lateCounts } from './credit.repository.js';
export { publicPartyName } from './credit.mask.js';

async function withDeadline(
  db: Kysely<Database>,
  kind: CreditKind,
  departmentId: number,
  records: readonly CheckedRecord[],
  today: string,
): Promise<repo.NewRecord[]> {
  const calendar = await getCalendar(db);
  const due = new Map<string, string>(); // a file has few distinct decision dates
  return records.map((r) => {
    let dueDate = due.get(r.decisionDate);
    if (dueDate === undefined) {
      dueDate = calendar.addWorkdays(r.decisionDate, CREDIT_PUBLISH_WORKDAYS).date;
      due.set(r.decisionDate, dueDate);
    }
    return { ...r, kind, departmentId, publishedDate: today, dueDate, late: today > dueDate };
  });
}

/** Enters one record for the user's department. */
export async function createRecord(
  db: Kysely<Database>,
  user: CurrentUser,
  kind: CreditKind,
  raw: Record<string, string>,
  today: string = shanghaiDate(),
): Promise<Result<{ id: number; late: boolean }>> {
  const checked = checkRecord(kind, raw, today);
  if (!checked.ok) return invalid(checked.errors);
  const [record] = await withDeadline(db, kind, user.departmentId, [checked.record], today);
  if (!record) return invalid({});
  const id = await db.transaction().execute(async (trx) => {
    const [newId = 0] = await repo.insertRecords(trx, [record], nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'credit.create',
      entityType: 'credit_record',
      entityId: newId,
      summary: { kind, docNumber: record.docNumber, decisionDate: record.decisionDate, late: record.late },
    });
    return newId;
  });
  return ok({ id, late: record.late });
}

/** A JSON import (an array of objects keyed by code or Chinese name) as a table. */
function jsonTable(text: string): Table | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  if (!Array.isArray(raw)) return undefined;
  const headers: string[] = [];
  for (const o of raw)
    if (typeof o === 'object' && o !== null)
      for (const k of Object.keys(o)) if (!headers.includes(k)) headers.push(k);
  const rows = raw.map((o: unknown, i) => ({
    rowNumber: i + 1,
    cells: headers.map((h) => {
      const v: unknown =
        typeof o === 'object' && o !== null ? Object.entries(o).find(([k]) => k === h)?.[1] : undefined;
      return v === undefined || v === null ? '' : String(v);
    }),
  }));
  return { headers, rows };
}

export interface CreditImportInput {
  kind: CreditKind;
  bytes: Buffer;
  fileName: string;
  validOnly: boolean;
}

export type CreditImportOutcome =
  | { ok: true; imported: number; late: number; problems: RowProblem[]; badRows: number }
  | { ok: false; message: string; problems: RowProblem[]; badRows: number };

/** Progress of an import: rows checked, then records saved (called often; must not wait). */
export type ImportProgress = (phase: 'validating' | 'importing', done: number, total: number) => void;
const PROGRESS_EVERY = 2000;

/**
 * Imports a file of records for the user's department: every row checked first, then all saved
 * in one transaction (all or nothing; with `validOnly`, exactly the valid rows).
 */
export async function importRecords(
  db: Kysely<Database>,
  user: CurrentUser,
  input: CreditImportInput,
  today: string = shanghaiDate(),
  onProgress?: ImportProgress,
): Promise<CreditImportOutcome> {
  let table: Table | undefined;
  if (/\.json$/i.test(input.fileName)) table = jsonTable(input.bytes.toString('utf8'));
  else {
    const read = readImportTable(input.bytes);
    table = read.ok ? read.table : undefined;
  }
  if (!table)
    return {
      ok: false,
      message: '无法读取该文件（支持 CSV、XLSX 和 JSON 数组）。',
      problems: [],
      badRows: 0,
    };
  const defs = fieldsOf(input.kind);
  const { columns } = mapHeaders(table.headers, defs);
  const missing = defs.filter((f) => f.required && !columns.includes(f));
  if (missing.length)
    return {
      ok: false,
      message: '文件缺少必填列，未导入任何数据。',
      problems: missing.map((f) => ({
        row: 1,
        column: `${f.label}（${f.key}）`,
        message: `缺少必填列“${f.label}”`,
      })),
      badRows: 0,
    };
  const valid: CheckedRecord[] = [];
  const problems: RowProblem[] = [];
  let badRows = 0;
  for (const [i, row] of table.rows.entries()) {
    const raw: Record<string, string> = {};
    columns.forEach((f, c) => {
      if (f) raw[f.key] = row.cells[c] ?? '';
    });
    const r = checkRecord(input.kind, raw, today);
    if (r.ok) valid.push(r.record);
    else {
      badRows++;
      for (const [k, message] of Object.entries(r.errors)) {
        const f = defs.find((d) => d.key === k);
        problems.push({ row: row.rowNumber, column: f ? `${f.label}（${f.key}）` : k, message });
      }
    }
    if (i % PROGRESS_EVERY === 0) {
      onProgress?.('validating', i, table.rows.length);
      await new Promise((resolve) => setImmediate(resolve)); // let the server answer meanwhile
    }
  }
  onProgress?.('validating', table.rows.length, table.rows.length);
  if (badRows > 0 && !input.validOnly)
    return {
      ok: false,
      message: `有 ${badRows} 行数据有误，未导入任何数据。请修改后重新导入，或选择“只导入正确的行”。`,
      problems,
      badRows,
    };
  if (valid.length === 0) return { ok: false, message: '没有可以导入的正确行。', problems, badRows };
  const records = await withDeadline(db, input.kind, user.departmentId, valid, today);
  await db.transaction().execute(async (trx) => {
    await repo.insertRecords(trx, records, nowIso(), (done) =>
      onProgress?.('importing', done, records.length),
    );
    await appendAudit(trx, actorOf(user), {
      action: 'credit.import',
      entityType: 'credit_record',
      entityId: 0,
      summary: { kind: input.kind, imported: records.length, skippedBadRows: badRows, file: input.fileName },
    });
  });
  return {
    ok: true,
    imported: records.length,
    late: records.filter((r) => r.late).length,
    problems,
    badRows,
  };
}

export async function getOwnRecord(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<CreditRecord> {
  const r = await repo.findRecord(db, id);
  if (!r || r.departmentId !== user.departmentId) throw notFound('没有这条记录。');
  return r;
}

export const listDepartmentRecords = (
  db: Kysely<Database>,
  departmentId: number,
  page: { limit: number; offset: number },
) => repo.listDepartmentRecords(db, departmentId, page);

export const CREDIT_ACTIONS = ['repair', 'revoke'] as const;
export type CreditAction = (typeof CREDIT_ACTIONS)[number];

/**
 * 信用修复 (a penalty leaves public view early, once the minimum 公示期 has passed) or 撤销 (a
 * revoked decision comes down with a note). The record stays in the console and the audit log.
 */
export async function changeStatus(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  action: CreditAction,
  reason: string,
  today: string = shanghaiDate(),
): Promise<Result<null>> {
  const r = await getOwnRecord(db, user, id);
  const why = reason.trim();
  if (why.length < 4)
    return invalid({
      reason: action === 'repair' ? '请说明信用修复的依据（至少 4 个字）' : '请说明撤销的原因（至少 4 个字）',
    });
  if (r.status !== 'active') return invalid({ reason: '该记录已不在公示中' });
  if (action === 'repair') {
    if (r.kind !== 'penalty') return invalid({ reason: '信用修复只适用于行政处罚信息' });
    if (r.severity !== 'minor' && r.severity !== '') {
      const earliest = addMonths(r.decisionDate, PUBLICATION_MONTHS[r.severity].min);
      if (today < earliest) return invalid({ reason: `最短公示期未满，${earliest} 起方可信用修复` });
    }
  }
  await db.transaction().execute(async (trx) => {
    await repo.setStatus(trx, id, action === 'repair' ? 'repaired' : 'revoked', why, today, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: `credit.${action}`,
      entityType: 'credit_record',
      entityId: id,
      summary: { reason: why, docNumber: r.docNumber },
    });
  });
  return ok(null);
}

export const searchPublicRecords = (
  db: Kysely<Database>,
  q: CreditQuery,
  page: { limit: number; offset: number },
  today: string = shanghaiDate(),
) => repo.searchPublic(db, q, today, page);

export async function getPublicRecord(
  db: Kysely<Database>,
  id: number,
  today: string = shanghaiDate(),
): Promise<CreditRecord> {
  const r = await repo.findPublicRecord(db, id, today);
  if (!r) throw notFound('该信息不存在或已不在公示期内。', 'credit_record_not_public');
  return r;
}

/** The note shown where a revoked decision was (行政处罚法 art. 48: withdrawn with an explanation). */
export async function revocationNote(
  db: Kysely<Database>,
  id: number,
): Promise<{ date: string; reason: string } | undefined> {
  const r = await repo.findRecord(db, id);
  return r && r.status === 'revoked' ? { date: r.statusDate ?? '', reason: r.statusReason } : undefined;
}

const ID_FIELD = /_(FR|XDR)_ZJHM$/;

/**
 * Corrects a record of the user's department: the same checks as entry, a reason, an audit entry
 * with every changed field (ID numbers masked in the log). Status and publication date stay; the
 * 7-working-day deadline follows a corrected decision date.
 */
export async function updateRecord(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  raw: Record<string, string>,
  reason: string,
  today: string = shanghaiDate(),
): Promise<Result<null>> {
  const r = await getOwnRecord(db, user, id);
  const checked = checkRecord(r.kind, raw, today);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  const why = reason.trim();
  if (why.length < 4) errors.reason = '请说明修改原因（至少 4 个字）';
  if (!checked.ok || Object.keys(errors).length) return invalid(errors);
  const record = checked.record;
  const changes: Record<string, { before: string; after: string }> = {};
  for (const f of fieldsOf(r.kind)) {
    const before = r.fields[f.key] ?? '';
    const after = record.fields[f.key] ?? '';
    if (before !== after)
      changes[f.key] = ID_FIELD.test(f.key)
        ? { before: maskId(before), after: maskId(after) }
        : { before, after };
  }
  if (Object.keys(changes).length === 0) return invalid({ reason: '没有修改任何字段' });
  const calendar = await getCalendar(db);
  const dueDate = calendar.addWorkdays(record.decisionDate, CREDIT_PUBLISH_WORKDAYS).date;
  await db.transaction().execute(async (trx) => {
    await repo.updateRecord(trx, id, { ...record, dueDate, late: r.publishedDate > dueDate }, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'credit.update',
      entityType: 'credit_record',
      entityId: id,
      summary: { reason: why, changes },
    });
  });
  return ok(null);
}

export interface RecordHistoryEntry {
  at: string;
  actorName: string;
  action: string;
  reason: string;
  changes: { field: string; before: string; after: string }[];
}

/** What happened to a record (entry, corrections, 信用修复, 撤销), newest first, from the audit log. */
export async function recordHistory(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<RecordHistoryEntry[]> {
  const r = await getOwnRecord(db, user, id);
  const labels = new Map(fieldsOf(r.kind).map((f) => [f.key, f.label]));
  const { entries } = await searchAudit(
    db,
    { entityType: 'credit_record', departmentId: r.departmentId },
    { limit: 2000, offset: 0 },
  );
  return entries
    .filter((e) => e.entityId === String(id))
    .map((e) => {
      const summary = JSON.parse(e.summary) as { reason?: unknown; changes?: unknown };
      const changes =
        typeof summary.changes === 'object' && summary.changes !== null
          ? Object.entries(summary.changes as Record<string, { before?: unknown; after?: unknown }>).map(
              ([k, v]) => ({
                field: labels.get(k) ?? k,
                before: String(v.before ?? ''),
                after: String(v.after ?? ''),
              }),
            )
          : [];
      return {
        at: e.at,
        actorName: e.actorName,
        action: e.action,
        reason: typeof summary.reason === 'string' ? summary.reason : '',
        changes,
      };
    });
}

// Import jobs: a large upload runs in the background so that the department sees its progress
// (rows checked, then records saved) on a page that refreshes itself. The import itself is
// importRecords: every row checked first, then one transaction, all or nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { notFound } from '../http/errors.js';
import type { RowProblem } from '../lists/lists.import.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import type { CurrentUser } from '../users/users.types.js';
import * as repo from './credit.repository.js';
import { importRecords, type CreditImportInput } from './credit.service.js';

export const IMPORT_JOB_STATUSES = ['validating', 'importing', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
/** Problems kept with a job (the count of bad rows is always exact). */
const MAX_PROBLEMS = 1000;

export interface ImportJob {
  id: number;
  kind: string;
  fileName: string;
  status: ImportJobStatus;
  total: number;
  processed: number;
  imported: number;
  late: number;
  badRows: number;
  message: string;
  problems: RowProblem[];
  createdAt: string;
}

/** Progress of running jobs in this process (the database row is written when a phase ends). */
const live = new Map<number, { status: ImportJobStatus; processed: number; total: number }>();

function parseProblems(json: string): RowProblem[] {
  const raw: unknown = JSON.parse(json);
  return Array.isArray(raw) ? (raw as RowProblem[]) : [];
}

async function run(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  input: CreditImportInput,
  today: string,
): Promise<void> {
  try {
    const outcome = await importRecords(db, user, input, today, (phase, done, total) => {
      live.set(id, { status: phase, processed: done, total });
    });
    const total = live.get(id)?.total ?? 0;
    const problemsJson = JSON.stringify(outcome.problems.slice(0, MAX_PROBLEMS));
    await repo.updateImportJob(
      db,
      id,
      outcome.ok
        ? {
            status: 'done',
            total,
            processed: total,
            imported: outcome.imported,
            late: outcome.late,
            badRows: outcome.badRows,
            message: `已导入 ${outcome.imported} 条${outcome.late ? `，其中 ${outcome.late} 条超过 7 个工作日公示期限（已标记）` : ''}。`,
            problemsJson,
          }
        : { status: 'failed', total, badRows: outcome.badRows, message: outcome.message, problemsJson },
      nowIso(),
    );
  } catch {
    await repo.updateImportJob(
      db,
      id,
      { status: 'failed', message: '导入时发生错误，未导入任何数据。请稍后重新上传。' },
      nowIso(),
    );
  } finally {
    live.delete(id);
  }
}

/** Starts an import in the background; `finished` settles when it is done (never rejects). */
export async function startImportJob(
  db: Kysely<Database>,
  user: CurrentUser,
  input: CreditImportInput,
  today: string = shanghaiDate(),
): Promise<{ id: number; finished: Promise<void> }> {
  const id = await repo.insertImportJob(
    db,
    {
      departmentId: user.departmentId,
      kind: input.kind,
      fileName: input.fileName,
      validOnly: input.validOnly,
      createdBy: user.displayName,
    },
    nowIso(),
  );
  live.set(id, { status: 'validating', processed: 0, total: 0 });
  return { id, finished: run(db, user, id, input, today) };
}

/** A job of the user's department, with its live progress while it runs. */
export async function getImportJob(db: Kysely<Database>, user: CurrentUser, id: number): Promise<ImportJob> {
  const row = await repo.findImportJob(db, id);
  if (!row || row.departmentId !== user.departmentId) throw notFound('没有这次导入。');
  const running = live.get(id);
  let status = IMPORT_JOB_STATUSES.find((s) => s === row.status) ?? 'failed';
  let message = row.message;
  if (!running && (status === 'validating' || status === 'importing')) {
    // Not running in this process any more (the server restarted): the transaction never committed.
    status = 'failed';
    message = '导入已中断（服务重启），未导入任何数据。请重新上传。';
  }
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    status: running?.status ?? status,
    total: running?.total ?? row.total,
    processed: running?.processed ?? row.processed,
    imported: row.imported,
    late: row.late,
    badRows: row.badRows,
    message,
    problems: parseProblems(row.problemsJson),
    createdAt: row.createdAt,
  };
}

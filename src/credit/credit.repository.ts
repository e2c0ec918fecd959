// The only file of the credit domain with SQL.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { likePattern } from '../db/dialect.js';
import type { CheckedRecord } from './credit.fields.js';
import {
  CREDIT_STATUSES,
  isCreditKind,
  NATURAL_PERSON,
  SEVERITIES,
  type CreditKind,
  type CreditQuery,
  type CreditRecord,
  type CreditStatus,
} from './credit.types.js';

type Db = Kysely<Database> | Transaction<Database>;

function parseFields(json: string): Record<string, string> {
  const raw: unknown = JSON.parse(json);
  const out: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null)
    for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}

function base(db: Db) {
  return db
    .selectFrom('credit_records')
    .innerJoin('departments', 'departments.id', 'credit_records.department_id')
    .selectAll('credit_records')
    .select('departments.full_name');
}

type Row = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

function rowToRecord(r: Row): CreditRecord {
  return {
    id: r.id,
    kind: isCreditKind(r.kind) ? r.kind : 'license',
    departmentId: r.department_id,
    departmentName: r.full_name,
    fields: parseFields(r.fields_json),
    partyName: r.party_name,
    partyCategory: r.party_category,
    creditCode: r.credit_code,
    docNumber: r.doc_number,
    category: r.category,
    decisionDate: r.decision_date,
    severity: SEVERITIES.find((s) => s === r.severity) ?? '',
    publishUntil: r.publish_until,
    publishedDate: r.published_date,
    dueDate: r.due_date,
    late: r.late === 1,
    status: CREDIT_STATUSES.find((s) => s === r.status) ?? 'active',
    statusReason: r.status_reason,
    statusDate: r.status_date,
  };
}

export interface NewRecord extends CheckedRecord {
  kind: CreditKind;
  departmentId: number;
  publishedDate: string;
  dueDate: string;
  late: boolean;
}

export async function insertRecords(
  trx: Transaction<Database>,
  records: readonly NewRecord[],
  at: string,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < records.length; i += 500) {
    const rows = await trx
      .insertInto('credit_records')
      .values(
        records.slice(i, i + 500).map((r) => ({
          kind: r.kind,
          department_id: r.departmentId,
          fields_json: JSON.stringify(r.fields),
          party_name: r.partyName,
          party_category: r.partyCategory,
          credit_code: r.creditCode,
          doc_number: r.docNumber,
          category: r.category,
          decision_date: r.decisionDate,
          severity: r.severity,
          publish_until: r.publishUntil,
          published_date: r.publishedDate,
          due_date: r.dueDate,
          late: r.late ? 1 : 0,
          status: 'active',
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function findRecord(db: Db, id: number): Promise<CreditRecord | undefined> {
  const row = await base(db).where('credit_records.id', '=', id).executeTakeFirst();
  return row && rowToRecord(row);
}

/** Records the public may see on `today`: active; licences, or penalties (not 轻微) within their 公示期. */
function publicQuery(db: Db, q: CreditQuery, today: string) {
  let query = base(db)
    .where('credit_records.status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('credit_records.kind', '=', 'license'),
        eb.and([
          eb('credit_records.severity', '<>', 'minor'),
          eb('credit_records.publish_until', '>=', today),
        ]),
      ]),
    );
  if (q.code) query = query.where('credit_records.credit_code', '=', q.code);
  // Natural persons are never found by name (their names are personal data).
  if (q.name)
    query = query
      .where('credit_records.party_name', 'like', likePattern(q.name))
      .where('credit_records.party_category', '<>', NATURAL_PERSON);
  if (q.departmentId !== undefined) query = query.where('credit_records.department_id', '=', q.departmentId);
  if (q.kind) query = query.where('credit_records.kind', '=', q.kind);
  if (q.from) query = query.where('credit_records.decision_date', '>=', q.from);
  if (q.to) query = query.where('credit_records.decision_date', '<=', q.to);
  return query;
}

export async function searchPublic(
  db: Db,
  q: CreditQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; records: CreditRecord[] }> {
  const [rows, count] = await Promise.all([
    publicQuery(db, q, today)
      .orderBy('credit_records.decision_date', 'desc')
      .orderBy('credit_records.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    publicQuery(db, q, today)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), records: rows.map(rowToRecord) };
}

export async function findPublicRecord(db: Db, id: number, today: string): Promise<CreditRecord | undefined> {
  const row = await publicQuery(db, {}, today).where('credit_records.id', '=', id).executeTakeFirst();
  return row && rowToRecord(row);
}

export async function listDepartmentRecords(
  db: Db,
  departmentId: number,
  page: { limit: number; offset: number },
): Promise<{ total: number; records: CreditRecord[] }> {
  const [rows, count] = await Promise.all([
    base(db)
      .where('credit_records.department_id', '=', departmentId)
      .orderBy('credit_records.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('credit_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('department_id', '=', departmentId)
      .executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), records: rows.map(rowToRecord) };
}

export async function setStatus(
  trx: Transaction<Database>,
  id: number,
  status: CreditStatus,
  reason: string,
  date: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable('credit_records')
    .set({ status, status_reason: reason, status_date: date, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Late records (published after 决定日期 + 7 working days) per department. */
export async function lateCounts(
  db: Db,
): Promise<{ departmentId: number; departmentName: string; total: number; late: number }[]> {
  const rows = await db
    .selectFrom('credit_records')
    .innerJoin('departments', 'departments.id', 'credit_records.department_id')
    .select(['departments.id', 'departments.full_name'])
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>('credit_records.late').as('late'),
    ])
    .groupBy(['departments.id', 'departments.full_name'])
    .orderBy(sql`2`)
    .execute();
  return rows.map((r) => ({
    departmentId: r.id,
    departmentName: r.full_name,
    total: Number(r.total),
    late: Number(r.late ?? 0),
  }));
}

// The only file of the credit domain with SQL.
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
} from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { CheckedRecord } from './credit.fields.js';
import { foldName, nameTokens, queryTokens } from './credit.name.js';
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

const COLUMNS = [
  'credit_records.id',
  'credit_records.kind',
  'credit_records.department_id',
  'credit_records.fields_json',
  'credit_records.party_name',
  'credit_records.party_category',
  'credit_records.credit_code',
  'credit_records.doc_number',
  'credit_records.category',
  'credit_records.decision_date',
  'credit_records.severity',
  'credit_records.publish_until',
  'credit_records.published_date',
  'credit_records.due_date',
  'credit_records.late',
  'credit_records.status',
  'credit_records.status_reason',
  'credit_records.status_date',
] as const;

function base(db: Db) {
  return db
    .selectFrom('credit_records')
    .innerJoin('departments', 'departments.id', 'credit_records.department_id')
    .select(COLUMNS)
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

/** The tokens of a record's name, space-separated ('' for natural persons: not searchable by name). */
function tokensOf(partyName: string, partyCategory: string): { folded: string; tokens: string } {
  const folded = foldName(partyName);
  return { folded, tokens: partyCategory === NATURAL_PERSON ? '' : nameTokens(folded).join(' ') };
}

/** Rows per INSERT statement (one JSON parameter: no per-value parameters to build or bind). */
const INSERT_BATCH = 2000;

const INSERT_COLUMNS = [
  'kind',
  'department_id',
  'fields_json',
  'party_name',
  'party_category',
  'credit_code',
  'doc_number',
  'category',
  'decision_date',
  'severity',
  'publish_until',
  'published_date',
  'due_date',
  'late',
  'status',
  'name_folded',
  'created_at',
  'updated_at',
] as const;
const PG_TYPES: Record<(typeof INSERT_COLUMNS)[number], string> = {
  kind: 'text',
  department_id: 'integer',
  fields_json: 'text',
  party_name: 'text',
  party_category: 'text',
  credit_code: 'text',
  doc_number: 'text',
  category: 'text',
  decision_date: 'text',
  severity: 'text',
  publish_until: 'text',
  published_date: 'text',
  due_date: 'text',
  late: 'integer',
  status: 'text',
  name_folded: 'text',
  created_at: 'text',
  updated_at: 'text',
};
const COLUMN_LIST = sql.raw(INSERT_COLUMNS.join(', '));
const SQLITE_VALUES = sql.raw(INSERT_COLUMNS.map((c, i) => `value ->> '$[${i}]'`).join(', '));
const PG_VALUES = sql.raw(INSERT_COLUMNS.map((c) => `x.${c}`).join(', '));
const PG_RECORD = sql.raw(INSERT_COLUMNS.map((c) => `${c} ${PG_TYPES[c]}`).join(', ') + ', tokens text');

/**
 * Inserts records in batches, each batch one statement with the rows as a JSON parameter (the
 * caller's transaction makes the whole insert all or nothing). Returns the new ids in order.
 */
export async function insertRecords(
  trx: Transaction<Database>,
  records: readonly NewRecord[],
  at: string,
  onBatch?: (done: number) => void,
): Promise<number[]> {
  const pg = dialectOf(trx) === 'postgres';
  const ids: number[] = [];
  for (let i = 0; i < records.length; i += INSERT_BATCH) {
    const batch = records.slice(i, i + INSERT_BATCH);
    const tokens: string[] = [];
    const rows = batch.map((r) => {
      const t = tokensOf(r.partyName, r.partyCategory);
      tokens.push(t.tokens);
      const values = [
        r.kind,
        r.departmentId,
        JSON.stringify(r.fields),
        r.partyName,
        r.partyCategory,
        r.creditCode,
        r.docNumber,
        r.category,
        r.decisionDate,
        r.severity,
        r.publishUntil,
        r.publishedDate,
        r.dueDate,
        r.late ? 1 : 0,
        'active',
        t.folded,
        at,
        at,
      ];
      return pg
        ? { ...Object.fromEntries(INSERT_COLUMNS.map((c, k) => [c, values[k]])), tokens: t.tokens }
        : values;
    });
    const json = JSON.stringify(rows);
    // Ids are assigned in the order of the SELECT (one statement, one writer of these rows), so
    // sorted ids match the batch's order.
    const result = pg
      ? await sql<{ id: number }>`INSERT INTO credit_records (${COLUMN_LIST}, name_tokens)
          SELECT ${PG_VALUES}, array_to_tsvector(string_to_array(x.tokens, ' '))
          FROM json_to_recordset(CAST(${json} AS json)) AS x(${PG_RECORD})
          RETURNING id`.execute(trx)
      : await sql<{ id: number }>`INSERT INTO credit_records (${COLUMN_LIST})
          SELECT ${SQLITE_VALUES} FROM json_each(${json}) ORDER BY key
          RETURNING id`.execute(trx);
    const batchIds = result.rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    ids.push(...batchIds);
    if (!pg) {
      const fts = JSON.stringify(batchIds.map((id, k) => [id, tokens[k] ?? '']).filter(([, t]) => t !== ''));
      await sql`INSERT INTO credit_name_fts (rowid, tokens)
        SELECT value ->> '$[0]', value ->> '$[1]' FROM json_each(${fts})`.execute(trx);
    }
    onBatch?.(ids.length);
  }
  return ids;
}

export async function findRecord(db: Db, id: number): Promise<CreditRecord | undefined> {
  const row = await base(db).where('credit_records.id', '=', id).executeTakeFirst();
  return row && rowToRecord(row);
}

/**
 * A name query: its folded text and its index tokens. Every match is checked for the exact folded
 * substring; the tokens only find candidates.
 */
interface NameMatch {
  postgres: boolean;
  folded: string;
  tokens: string[];
}

/** Counts of a common name stop here (the page says "more than"). */
export const COUNT_LIMIT = 1000;

function contains(name: NameMatch) {
  return name.postgres
    ? sql<boolean>`strpos(credit_records.name_folded, ${name.folded}) > 0`
    : sql<boolean>`instr(credit_records.name_folded, ${name.folded}) > 0`;
}

function hasTokens(db: Db, tokens: readonly string[]) {
  return dialectOf(db) === 'postgres'
    ? sql<boolean>`credit_records.name_tokens @@ CAST(${tokens.join(' & ')} AS tsquery)`
    : sql<boolean>`credit_records.id IN (SELECT rowid FROM credit_name_fts WHERE credit_name_fts MATCH ${tokens.join(' ')})`;
}

/**
 * Records the public may see on `today`: active; licences, or penalties (not 轻微) within their
 * 公示期. `name` narrows to names containing the query (never natural persons, whose names are
 * personal data).
 */
function publicWhere(
  eb: ExpressionBuilder<Database, 'credit_records'>,
  q: CreditQuery,
  today: string,
  name: NameMatch | undefined,
): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [
    eb('credit_records.status', '=', 'active'),
    eb.or([
      eb('credit_records.kind', '=', 'license'),
      eb.and([eb('credit_records.severity', '<>', 'minor'), eb('credit_records.publish_until', '>=', today)]),
    ]),
  ];
  if (q.code) and.push(eb('credit_records.credit_code', '=', q.code));
  if (name) {
    and.push(contains(name), eb('credit_records.party_category', '<>', NATURAL_PERSON));
  }
  if (q.departmentId !== undefined) and.push(eb('credit_records.department_id', '=', q.departmentId));
  if (q.kind) and.push(eb('credit_records.kind', '=', q.kind));
  if (q.from) and.push(eb('credit_records.decision_date', '>=', q.from));
  if (q.to) and.push(eb('credit_records.decision_date', '<=', q.to));
  return eb.and(and);
}

function publicQuery(db: Db, q: CreditQuery, today: string, name?: NameMatch) {
  return base(db).where((eb) => publicWhere(eb, q, today, name));
}

/**
 * Rows of the date index read first by a name query (see recentMatches): enough for a common
 * name's page and count, and to tell a frequent name from a rare one.
 */
const RECENT_WINDOW = 5000;
/**
 * A name with at least this many matches among the RECENT_WINDOW newest public records is
 * counted in date order (about 50,000 index entries at most, on average, to reach the cap);
 * fewer, through the name index.
 */
const FREQUENT = 100;

/**
 * The ids (newest first) of the public records among the RECENT_WINDOW newest ones whose name
 * contains the query, up to COUNT_LIMIT + 1. The date index holds every column this reads, so it
 * never touches the table; a common name (有限公司, 黄冈) fills it without reading the name
 * index, whose lists for such tokens are long.
 */
async function recentMatches(db: Db, q: CreditQuery, today: string, name: NameMatch): Promise<number[]> {
  const recent = db
    .selectFrom('credit_records')
    .select([
      'credit_records.id',
      'credit_records.decision_date',
      'credit_records.name_folded',
      'credit_records.party_category',
    ])
    .where((eb) => publicWhere(eb, q, today, undefined))
    .orderBy('credit_records.decision_date', 'desc')
    .orderBy('credit_records.id', 'desc')
    .limit(RECENT_WINDOW);
  const rows = await db
    .selectFrom(recent.as('w'))
    .select('w.id')
    .where(
      name.postgres
        ? sql<boolean>`strpos(w.name_folded, ${name.folded}) > 0`
        : sql<boolean>`instr(w.name_folded, ${name.folded}) > 0`,
    )
    .where('w.party_category', '<>', NATURAL_PERSON)
    .orderBy('w.decision_date', 'desc')
    .orderBy('w.id', 'desc')
    .limit(COUNT_LIMIT + 1)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of public records matching a name, newest first, read along the date index (index only). */
function idsByDate(db: Db, q: CreditQuery, today: string, name: NameMatch) {
  return db
    .selectFrom('credit_records')
    .select('credit_records.id')
    .where((eb) => publicWhere(eb, q, today, name))
    .orderBy('credit_records.decision_date', 'desc')
    .orderBy('credit_records.id', 'desc');
}

export async function searchPublic(
  db: Db,
  q: CreditQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; more: boolean; records: CreditRecord[] }> {
  const folded = q.name ? foldName(q.name) : '';
  if (!q.name || folded === '') return searchAll(db, q, today, page);
  const postgres = dialectOf(db) === 'postgres';
  const walk: NameMatch = { postgres, folded, tokens: queryTokens(folded) };
  const recent = await recentMatches(db, q, today, walk);
  // A page beyond the recent matches of a frequent name: its ids in date order, then its rows.
  const byDate = async () =>
    byIdsInOrder(
      db,
      (await idsByDate(db, q, today, walk).limit(page.limit).offset(page.offset).execute()).map((r) => r.id),
    );
  const pageOf = () =>
    recent.length >= page.offset + page.limit
      ? byIdsInOrder(db, recent.slice(page.offset, page.offset + page.limit))
      : byDate();
  if (recent.length > COUNT_LIMIT) return { total: COUNT_LIMIT, more: true, records: await pageOf() };
  if (recent.length >= FREQUENT) {
    const [records, n] = await Promise.all([
      pageOf(),
      db
        .selectFrom(
          idsByDate(db, q, today, walk)
            .limit(COUNT_LIMIT + 1)
            .as('m'),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n)),
    ]);
    return { total: Math.min(n, COUNT_LIMIT), more: n > COUNT_LIMIT, records };
  }
  // A rarer name: its public matches through the name index (each re-checked for the substring),
  // all of them up to the cap, with their dates to sort the page.
  const matches = await db
    .selectFrom(
      (postgres
        ? db.selectFrom('credit_records').where(hasTokens(db, walk.tokens))
        : db
            .selectFrom('credit_name_fts')
            .innerJoin('credit_records', 'credit_records.id', 'credit_name_fts.rowid')
            .where(sql<boolean>`credit_name_fts MATCH ${walk.tokens.join(' ')}`)
      )
        .select(['credit_records.id', 'credit_records.decision_date'])
        .where((eb) => publicWhere(eb, q, today, walk))
        .limit(COUNT_LIMIT + 1)
        .as('m'),
    )
    .select(['m.id', 'm.decision_date'])
    .execute();
  if (matches.length > COUNT_LIMIT) return { total: COUNT_LIMIT, more: true, records: await pageOf() };
  const ids = matches
    .sort((a, b) =>
      a.decision_date === b.decision_date ? b.id - a.id : a.decision_date < b.decision_date ? 1 : -1,
    )
    .slice(page.offset, page.offset + page.limit)
    .map((r) => r.id);
  return { total: matches.length, more: false, records: await byIdsInOrder(db, ids) };
}

/** The records with these ids, newest first. */
async function byIdsInOrder(db: Db, ids: readonly number[]): Promise<CreditRecord[]> {
  if (ids.length === 0) return [];
  const rows = await base(db)
    .where('credit_records.id', 'in', ids)
    .orderBy(sql`credit_records.decision_date || ''`, 'desc')
    .orderBy('credit_records.id', 'desc')
    .execute();
  return rows.map(rowToRecord);
}

/** A page of public records, newest first (no name: read along the date index). */
async function datePage(
  db: Db,
  q: CreditQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<CreditRecord[]> {
  const rows = await publicQuery(db, q, today)
    .orderBy('credit_records.decision_date', 'desc')
    .orderBy('credit_records.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(rowToRecord);
}

async function searchAll(
  db: Db,
  q: CreditQuery,
  today: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; more: boolean; records: CreditRecord[] }> {
  const [records, n] = await Promise.all([
    datePage(db, q, today, page),
    db
      .selectFrom('credit_records')
      .where((eb) => publicWhere(eb, q, today, undefined))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n)),
  ]);
  return { total: n, more: false, records };
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

// ---- import jobs

export interface ImportJobRow {
  id: number;
  departmentId: number;
  kind: string;
  fileName: string;
  validOnly: boolean;
  status: string;
  total: number;
  processed: number;
  imported: number;
  late: number;
  badRows: number;
  message: string;
  problemsJson: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export async function insertImportJob(
  db: Db,
  job: { departmentId: number; kind: string; fileName: string; validOnly: boolean; createdBy: string },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('credit_import_jobs')
    .values({
      department_id: job.departmentId,
      kind: job.kind,
      file_name: job.fileName,
      valid_only: job.validOnly ? 1 : 0,
      status: 'validating',
      created_by: job.createdBy,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateImportJob(
  db: Db,
  id: number,
  change: Partial<{
    status: string;
    total: number;
    processed: number;
    imported: number;
    late: number;
    badRows: number;
    message: string;
    problemsJson: string;
  }>,
  at: string,
): Promise<void> {
  await db
    .updateTable('credit_import_jobs')
    .set({
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.total !== undefined ? { total: change.total } : {}),
      ...(change.processed !== undefined ? { processed: change.processed } : {}),
      ...(change.imported !== undefined ? { imported: change.imported } : {}),
      ...(change.late !== undefined ? { late: change.late } : {}),
      ...(change.badRows !== undefined ? { bad_rows: change.badRows } : {}),
      ...(change.message !== undefined ? { message: change.message } : {}),
      ...(change.problemsJson !== undefined ? { problems_json: change.problemsJson } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: Db, id: number): Promise<ImportJobRow | undefined> {
  const r = await db.selectFrom('credit_import_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return (
    r && {
      id: r.id,
      departmentId: r.department_id,
      kind: r.kind,
      fileName: r.file_name,
      validOnly: r.valid_only === 1,
      status: r.status,
      total: r.total,
      processed: r.processed,
      imported: r.imported,
      late: r.late,
      badRows: r.bad_rows,
      message: r.message,
      problemsJson: r.problems_json,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }
  );
}

/** Replaces a record's fields after a correction (status and publication date unchanged). */
export async function updateRecord(
  trx: Transaction<Database>,
  id: number,
  r: CheckedRecord & { dueDate: string; late: boolean },
  at: string,
): Promise<void> {
  const pg = dialectOf(trx) === 'postgres';
  const t = tokensOf(r.partyName, r.partyCategory);
  await trx
    .updateTable('credit_records')
    .set({
      fields_json: JSON.stringify(r.fields),
      party_name: r.partyName,
      party_category: r.partyCategory,
      credit_code: r.creditCode,
      doc_number: r.docNumber,
      category: r.category,
      decision_date: r.decisionDate,
      severity: r.severity,
      publish_until: r.publishUntil,
      due_date: r.dueDate,
      late: r.late ? 1 : 0,
      name_folded: t.folded,
      ...(pg ? { name_tokens: sql<string>`array_to_tsvector(string_to_array(${t.tokens}, ' '))` } : {}),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
  if (!pg) {
    await trx.deleteFrom('credit_name_fts').where('rowid', '=', id).execute();
    if (t.tokens) await trx.insertInto('credit_name_fts').values({ rowid: id, tokens: t.tokens }).execute();
  }
}

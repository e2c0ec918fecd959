// The only file of the lists domain with SQL: list types, lists, entries, versions, feedback.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { parseFields, parseSnapshot, parseValues } from './lists.json.js';
import type { ListFeedbackTable, ListTypesTable } from './lists.table.js';
import {
  FEEDBACK_STATUSES,
  type Feedback,
  type ListEntry,
  type ListField,
  type ListSummary,
  type ListType,
  type ListVersion,
  type SnapshotEntry,
} from './lists.types.js';

type Db = Kysely<Database> | Transaction<Database>;

function typeRowToType(r: Selectable<ListTypesTable>): ListType {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    fields: parseFields(r.fields_json),
    keyField: r.key_field,
    builtin: r.builtin === 1,
  };
}

export async function listTypes(db: Db): Promise<ListType[]> {
  const rows = await db.selectFrom('list_types').selectAll().orderBy('id').execute();
  return rows.map(typeRowToType);
}

export async function findTypeBySlug(db: Db, slug: string): Promise<ListType | undefined> {
  const row = await db.selectFrom('list_types').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && typeRowToType(row);
}

export async function insertType(
  db: Db,
  t: {
    slug: string;
    name: string;
    description: string;
    fields: readonly ListField[];
    keyField: string;
    builtin: boolean;
  },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('list_types')
    .values({
      slug: t.slug,
      name: t.name,
      description: t.description,
      fields_json: JSON.stringify(t.fields),
      key_field: t.keyField,
      builtin: t.builtin ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findTypeById(db: Db, id: number): Promise<ListType | undefined> {
  const row = await db.selectFrom('list_types').selectAll().where('id', '=', id).executeTakeFirst();
  return row && typeRowToType(row);
}

export async function updateType(
  trx: Transaction<Database>,
  id: number,
  t: { name: string; description: string; fields: readonly ListField[] },
  at: string,
): Promise<void> {
  await trx
    .updateTable('list_types')
    .set({ name: t.name, description: t.description, fields_json: JSON.stringify(t.fields), updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** The departments keeping a list of a type (for locking their lists in a fixed order). */
export async function departmentsWithListOfType(db: Db, typeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('lists')
    .select('department_id')
    .where('list_type_id', '=', typeId)
    .orderBy('department_id')
    .execute();
  return rows.map((r) => r.department_id);
}

/** The current entries of every department's list of a type, with the department's name. */
export async function entriesOfType(
  db: Db,
  typeId: number,
): Promise<{ departmentName: string; key: string; values: Record<string, string> }[]> {
  const rows = await db
    .selectFrom('list_entries')
    .innerJoin('lists', 'lists.id', 'list_entries.list_id')
    .innerJoin('departments', 'departments.id', 'lists.department_id')
    .select(['departments.full_name', 'list_entries.entry_key', 'list_entries.values_json'])
    .where('lists.list_type_id', '=', typeId)
    .orderBy('lists.department_id')
    .orderBy('list_entries.id')
    .execute();
  return rows.map((r) => ({
    departmentName: r.full_name,
    key: r.entry_key,
    values: parseValues(r.values_json),
  }));
}

const summaryColumns = [
  'lists.id',
  'lists.list_type_id',
  'lists.department_id',
  'lists.version',
  'lists.entry_count',
  'lists.updated_at',
  'list_types.slug',
  'list_types.name as type_name',
  'departments.full_name',
] as const;

function summaryQuery(db: Db) {
  return db
    .selectFrom('lists')
    .innerJoin('list_types', 'list_types.id', 'lists.list_type_id')
    .innerJoin('departments', 'departments.id', 'lists.department_id')
    .select(summaryColumns);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function summaryRowToSummary(r: SummaryRow): ListSummary {
  return {
    id: r.id,
    typeId: r.list_type_id,
    typeSlug: r.slug,
    typeName: r.type_name,
    departmentId: r.department_id,
    departmentName: r.full_name,
    version: r.version,
    entryCount: r.entry_count,
    updatedAt: r.updated_at,
  };
}

export async function findListById(db: Db, id: number): Promise<ListSummary | undefined> {
  const row = await summaryQuery(db).where('lists.id', '=', id).executeTakeFirst();
  return row && summaryRowToSummary(row);
}

export async function findList(
  db: Db,
  typeId: number,
  departmentId: number,
): Promise<ListSummary | undefined> {
  const row = await summaryQuery(db)
    .where('lists.list_type_id', '=', typeId)
    .where('lists.department_id', '=', departmentId)
    .executeTakeFirst();
  return row && summaryRowToSummary(row);
}

/** Lists with at least one published version (public), or every list of a department. */
export async function listLists(
  db: Db,
  filter: { departmentId?: number; publishedOnly: boolean },
): Promise<ListSummary[]> {
  let q = summaryQuery(db);
  if (filter.publishedOnly) q = q.where('lists.version', '>', 0);
  if (filter.departmentId !== undefined) q = q.where('lists.department_id', '=', filter.departmentId);
  const rows = await q
    .orderBy('lists.list_type_id')
    .orderBy('departments.sort_order')
    .orderBy('lists.id')
    .execute();
  return rows.map(summaryRowToSummary);
}

export async function insertList(
  trx: Transaction<Database>,
  typeId: number,
  departmentId: number,
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('lists')
    .values({
      list_type_id: typeId,
      department_id: departmentId,
      version: 0,
      entry_count: 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listEntries(db: Db, listId: number): Promise<(ListEntry & { searchText: string })[]> {
  const rows = await db
    .selectFrom('list_entries')
    .select(['id', 'entry_key', 'values_json', 'search_text', 'updated_at'])
    .where('list_id', '=', listId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.entry_key,
    values: parseValues(r.values_json),
    updatedAt: r.updated_at,
    searchText: r.search_text,
  }));
}

/** Entry ids (with their values) of a list whose search text contains `needle` (already lower-cased). */
export async function searchEntryIds(db: Db, listId: number, pattern: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('list_entries')
    .select('id')
    .where('list_id', '=', listId)
    .where('search_text', 'like', pattern)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Current entries of published lists whose search text contains the pattern (site-wide search). */
export async function searchPublishedEntries(
  db: Db,
  pattern: string,
  limit: number,
): Promise<{
  total: number;
  hits: { list: ListSummary; fields: ListField[]; keyField: string; entry: ListEntry }[];
}> {
  const matching = db
    .selectFrom('list_entries')
    .innerJoin('lists', 'lists.id', 'list_entries.list_id')
    .where('lists.version', '>', 0)
    .where('list_entries.search_text', 'like', pattern);
  const [rows, count] = await Promise.all([
    summaryQuery(db)
      .innerJoin('list_entries', 'list_entries.list_id', 'lists.id')
      .select([
        'list_entries.id as entry_id',
        'list_entries.entry_key',
        'list_entries.values_json',
        'list_entries.updated_at as entry_updated_at',
        'list_types.fields_json',
        'list_types.key_field',
      ])
      .where('lists.version', '>', 0)
      .where('list_entries.search_text', 'like', pattern)
      .orderBy('lists.list_type_id')
      .orderBy('departments.sort_order')
      .orderBy('list_entries.id')
      .limit(limit)
      .execute(),
    matching.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    hits: rows.map((r) => ({
      list: summaryRowToSummary(r),
      fields: parseFields(r.fields_json),
      keyField: r.key_field,
      entry: {
        id: r.entry_id,
        key: r.entry_key,
        values: parseValues(r.values_json),
        updatedAt: r.entry_updated_at,
      },
    })),
  };
}

export async function findEntry(db: Db, listId: number, entryId: number): Promise<ListEntry | undefined> {
  const r = await db
    .selectFrom('list_entries')
    .select(['id', 'entry_key', 'values_json', 'updated_at'])
    .where('list_id', '=', listId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  return r && { id: r.id, key: r.entry_key, values: parseValues(r.values_json), updatedAt: r.updated_at };
}

/** Makes the stored entries equal to `next`: updates kept keys in place, inserts new ones, deletes the rest. */
export async function writeEntries(
  trx: Transaction<Database>,
  listId: number,
  next: readonly (SnapshotEntry & { searchText: string })[],
  at: string,
): Promise<void> {
  const current = await trx
    .selectFrom('list_entries')
    .select(['id', 'entry_key', 'values_json'])
    .where('list_id', '=', listId)
    .execute();
  const byKey = new Map(current.map((r) => [r.entry_key, r]));
  const keep = new Set<string>();
  const inserts = [];
  for (const e of next) {
    keep.add(e.key);
    const json = JSON.stringify(e.values);
    const old = byKey.get(e.key);
    if (!old)
      inserts.push({
        list_id: listId,
        entry_key: e.key,
        values_json: json,
        search_text: e.searchText,
        created_at: at,
        updated_at: at,
      });
    else if (old.values_json !== json)
      await trx
        .updateTable('list_entries')
        .set({ values_json: json, search_text: e.searchText, updated_at: at })
        .where('id', '=', old.id)
        .execute();
  }
  const gone = current.filter((r) => !keep.has(r.entry_key)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += 500)
    await trx
      .deleteFrom('list_entries')
      .where('id', 'in', gone.slice(i, i + 500))
      .execute();
  for (let i = 0; i < inserts.length; i += 200)
    await trx
      .insertInto('list_entries')
      .values(inserts.slice(i, i + 200))
      .execute();
}

export async function insertVersion(
  trx: Transaction<Database>,
  v: {
    listId: number;
    version: number;
    entries: readonly SnapshotEntry[];
    added: number;
    changed: number;
    removed: number;
    actorUserId: number | null;
    actorName: string;
    reason: string;
  },
  at: string,
): Promise<void> {
  await trx
    .insertInto('list_versions')
    .values({
      list_id: v.listId,
      version: v.version,
      entries_json: JSON.stringify(v.entries),
      entry_count: v.entries.length,
      added: v.added,
      changed: v.changed,
      removed: v.removed,
      actor_user_id: v.actorUserId,
      actor_name: v.actorName,
      reason: v.reason,
      created_at: at,
    })
    .execute();
  await trx
    .updateTable('lists')
    .set({ version: v.version, entry_count: v.entries.length, updated_at: at })
    .where('id', '=', v.listId)
    .execute();
}

export async function listVersions(db: Db, listId: number): Promise<ListVersion[]> {
  const rows = await db
    .selectFrom('list_versions')
    .select(['version', 'entry_count', 'added', 'changed', 'removed', 'actor_name', 'reason', 'created_at'])
    .where('list_id', '=', listId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    entryCount: r.entry_count,
    added: r.added,
    changed: r.changed,
    removed: r.removed,
    actorName: r.actor_name,
    reason: r.reason,
    createdAt: r.created_at,
  }));
}

export async function findSnapshot(
  db: Db,
  listId: number,
  version: number,
): Promise<SnapshotEntry[] | undefined> {
  const row = await db
    .selectFrom('list_versions')
    .select('entries_json')
    .where('list_id', '=', listId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && parseSnapshot(row.entries_json);
}

function feedbackRowToFeedback(r: Selectable<ListFeedbackTable>): Feedback {
  return {
    id: r.id,
    listId: r.list_id,
    entryKey: r.entry_key,
    name: r.name,
    contact: r.contact,
    message: r.message,
    receivedDate: r.received_date,
    dueDate: r.due_date,
    status: FEEDBACK_STATUSES.find((s) => s === r.status) ?? 'open',
    answer: r.answer,
    answerPublic: r.answer_public === 1,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
  };
}

export async function insertFeedback(
  db: Db,
  f: {
    listId: number;
    entryKey: string | null;
    name: string;
    contact: string;
    message: string;
    receivedDate: string;
    dueDate: string;
  },
  at: string,
): Promise<number> {
  const row = await db
    .insertInto('list_feedback')
    .values({
      list_id: f.listId,
      entry_key: f.entryKey,
      name: f.name,
      contact: f.contact,
      message: f.message,
      received_date: f.receivedDate,
      due_date: f.dueDate,
      status: 'open',
      created_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listFeedbackOfDepartment(
  db: Db,
  departmentId: number,
): Promise<(Feedback & { listName: string })[]> {
  const rows = await db
    .selectFrom('list_feedback')
    .innerJoin('lists', 'lists.id', 'list_feedback.list_id')
    .innerJoin('list_types', 'list_types.id', 'lists.list_type_id')
    .selectAll('list_feedback')
    .select('list_types.name as list_name')
    .where('lists.department_id', '=', departmentId)
    .orderBy('list_feedback.status', 'desc')
    .orderBy('list_feedback.due_date')
    .execute();
  return rows.map((r) => ({ ...feedbackRowToFeedback(r), listName: r.list_name }));
}

export async function findFeedback(db: Db, id: number): Promise<Feedback | undefined> {
  const row = await db.selectFrom('list_feedback').selectAll().where('id', '=', id).executeTakeFirst();
  return row && feedbackRowToFeedback(row);
}

export async function answerFeedback(
  trx: Transaction<Database>,
  id: number,
  a: { answer: string; answerPublic: boolean; answeredBy: string },
  at: string,
): Promise<void> {
  await trx
    .updateTable('list_feedback')
    .set({
      answer: a.answer,
      answer_public: a.answerPublic ? 1 : 0,
      answered_by: a.answeredBy,
      answered_at: at,
      status: 'answered',
    })
    .where('id', '=', id)
    .execute();
}

/** Answers the department chose to publish, for a list (entryKey undefined) or one entry. */
export async function publicAnswers(db: Db, listId: number, entryKey?: string): Promise<Feedback[]> {
  let q = db
    .selectFrom('list_feedback')
    .selectAll()
    .where('list_id', '=', listId)
    .where('status', '=', 'answered')
    .where('answer_public', '=', 1);
  if (entryKey !== undefined) q = q.where('entry_key', '=', entryKey);
  const rows = await q.orderBy('answered_at', 'desc').execute();
  return rows.map(feedbackRowToFeedback);
}

// The search index's queries: the only place with SQL for search. SQLite keeps the tokens in the
// FTS5 table search_fts (rowid = sort_key); PostgreSQL keeps them in search_docs.tokens (tsvector,
// GIN). Both answer the same TokenMatch: an AND of tokens, OR-groups (topic and its sub-topics)
// and an optional NOT (the body tier excludes title matches). Reads public_items and attachments
// (the public projection, per the catalogue contract) to build documents.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf, lockResource } from '../db/dialect.js';
import {
  SLOTS_PER_DAY,
  type FacetDimension,
  type HitRow,
  type IndexRow,
  type IndexSource,
  type TokenMatch,
  type Verify,
} from './search.types.js';

type Db = Kysely<Database>;

// --- Reading what to index ---------------------------------------------------------------------

/** The public rows and attachment texts of these items (items without a public row are absent). */
export async function loadIndexSources(db: Db, itemIds: readonly number[]): Promise<IndexSource[]> {
  if (itemIds.length === 0) return [];
  const [rows, attachments] = await Promise.all([
    db
      .selectFrom('public_items')
      .select([
        'item_id',
        'index_number',
        'department_id',
        'issuer',
        'title',
        'summary',
        'doc_number',
        'published_date',
        'year',
        'topic_id',
        'category',
        'body_html',
      ])
      .where('item_id', 'in', itemIds)
      .execute(),
    db
      .selectFrom('attachments')
      .select(['item_id', 'extracted_text'])
      .where('item_id', 'in', itemIds)
      .where('extracted_text', '<>', '')
      .orderBy('item_id')
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
  ]);
  const texts = new Map<number, string[]>();
  for (const a of attachments) {
    const list = texts.get(a.item_id) ?? [];
    list.push(a.extracted_text);
    texts.set(a.item_id, list);
  }
  return rows.map((r) => ({
    itemId: r.item_id,
    indexNumber: r.index_number,
    departmentId: r.department_id,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    publishedDate: r.published_date,
    year: r.year,
    topicId: r.topic_id,
    category: r.category,
    bodyHtml: r.body_html,
    attachmentTexts: texts.get(r.item_id) ?? [],
  }));
}

/** Public item ids after `afterId`, in id order (for rebuilding the whole index in batches). */
export async function listPublicItemIds(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('public_items')
    .select('item_id')
    .where('item_id', '>', afterId)
    .orderBy('item_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.item_id);
}

// --- Writing the index -------------------------------------------------------------------------

/** The item's current sort key and date, if it is indexed. */
export async function findIndexed(
  trx: Transaction<Database>,
  itemId: number,
): Promise<{ sortKey: number; publishedDate: string } | undefined> {
  const row = await trx
    .selectFrom('search_docs')
    .select(['sort_key', 'published_date'])
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row ? { sortKey: Number(row.sort_key), publishedDate: row.published_date } : undefined;
}

/**
 * A free sort key for a document of day `day`: the next slot of that day, or — when a day has
 * more than SLOTS_PER_DAY documents — the first free key after it. PostgreSQL serialises the
 * allocation with a transaction lock so that two publications never take the same key.
 */
export async function allocateSortKey(trx: Transaction<Database>, day: number): Promise<number> {
  await lockResource(trx, 'search_docs.sort_key');
  const base = day * SLOTS_PER_DAY;
  const last = base + SLOTS_PER_DAY - 1;
  const row = await trx
    .selectFrom('search_docs')
    .select((eb) => eb.fn.max('sort_key').as('k'))
    .where('sort_key', '>=', base)
    .where('sort_key', '<=', last)
    .executeTakeFirst();
  const max = row?.k === null || row?.k === undefined ? undefined : Number(row.k);
  if (max === undefined) return base;
  if (max < last) return max + 1;
  const gap = await sql<{ k: number }>`
    SELECT min(a.sort_key) + 1 AS k FROM search_docs a
    WHERE a.sort_key >= ${last}
      AND NOT EXISTS (SELECT 1 FROM search_docs b WHERE b.sort_key = a.sort_key + 1)`.execute(trx);
  return Number(gap.rows[0]?.k ?? last + 1);
}

export async function upsertIndexRow(
  trx: Transaction<Database>,
  row: IndexRow,
  previousKey: number | undefined,
): Promise<void> {
  const values = {
    item_id: row.itemId,
    sort_key: row.sortKey,
    department_id: row.departmentId,
    topic_id: row.topicId,
    category: row.category,
    year: row.year,
    published_date: row.publishedDate,
    title_folded: row.titleFolded,
    content_folded: row.contentFolded,
    indexed_at: row.indexedAt,
  };
  if (dialectOf(trx) === 'postgres') {
    const tokens = sql<string>`array_to_tsvector(${row.tokens}::text[])`;
    await trx
      .insertInto('search_docs')
      .values({ ...values, tokens })
      .onConflict((oc) =>
        oc.column('item_id').doUpdateSet({ ...values, tokens: sql<string>`excluded.tokens` }),
      )
      .execute();
    return;
  }
  if (previousKey !== undefined) await deleteFtsRow(trx, previousKey);
  await trx
    .insertInto('search_docs')
    .values(values)
    .onConflict((oc) => oc.column('item_id').doUpdateSet(values))
    .execute();
  await sql`INSERT INTO search_fts (rowid, tokens) VALUES (${row.sortKey}, ${row.tokens.join(' ')})`.execute(
    trx,
  );
}

async function deleteFtsRow(trx: Transaction<Database>, sortKey: number): Promise<void> {
  await sql`DELETE FROM search_fts WHERE rowid = ${sortKey}`.execute(trx);
}

export async function deleteIndexRow(trx: Transaction<Database>, itemId: number): Promise<void> {
  const found = await findIndexed(trx, itemId);
  if (!found) return;
  if (dialectOf(trx) === 'sqlite') await deleteFtsRow(trx, found.sortKey);
  await trx.deleteFrom('search_docs').where('item_id', '=', itemId).execute();
}

/** Indexed items that are no longer public (left behind by an interrupted rebuild). */
export async function listOrphans(db: Db): Promise<number[]> {
  const rows = await db
    .selectFrom('search_docs')
    .select('item_id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('public_items')
            .select('public_items.item_id')
            .whereRef('public_items.item_id', '=', 'search_docs.item_id'),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.item_id);
}

// --- Querying ----------------------------------------------------------------------------------

function ftsQuote(token: string): string {
  return `"${token.replace(/"/g, '""')}"`;
}

/** FTS5 query syntax for a match. */
export function ftsExpression(m: TokenMatch): string {
  const parts = [
    ...m.all.map(ftsQuote),
    ...m.anyOf.map((g) => (g.length === 1 ? ftsQuote(g[0] ?? '') : `(${g.map(ftsQuote).join(' OR ')})`)),
  ];
  const positive = parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(' AND ')})`;
  return m.not ? `${positive} NOT ${ftsExpression(m.not)}` : positive;
}

function tsQuote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** tsquery input syntax for a match (lexemes taken as they are, no parsing or stemming). */
export function tsqueryExpression(m: TokenMatch): string {
  const parts = [...m.all.map(tsQuote), ...m.anyOf.map((g) => `(${g.map(tsQuote).join(' | ')})`)];
  const positive = `(${parts.join(' & ')})`;
  return m.not ? `${positive} & !${tsqueryExpression(m.not)}` : positive;
}

/**
 * The FROM/WHERE core shared by the queries: documents (alias d) matching `m`, containing every
 * verify text, and not among `exclude` (sort keys).
 */
function matching(
  db: Db,
  m: TokenMatch,
  verify: Verify | undefined,
  exclude: readonly number[],
): RawBuilder<unknown> {
  const pg = dialectOf(db) === 'postgres';
  const conditions: RawBuilder<unknown>[] = pg
    ? [sql`d.tokens @@ ${tsqueryExpression(m)}::tsquery`]
    : [sql`search_fts MATCH ${ftsExpression(m)}`];
  for (const text of verify?.texts ?? [])
    conditions.push(
      pg ? sql`strpos(d.content_folded, ${text}) > 0` : sql`instr(d.content_folded, ${text}) > 0`,
    );
  if (exclude.length) conditions.push(sql`d.sort_key NOT IN (${sql.join(exclude)})`);
  const from = pg ? sql`search_docs d` : sql`search_fts f JOIN search_docs d ON d.sort_key = f.rowid`;
  return sql`FROM ${from} WHERE ${sql.join(conditions, sql` AND `)}`;
}

/**
 * Runs a read-only search on one connection. PostgreSQL's planner underestimates what reading
 * every row's tsvector costs and picks a sequential scan for common tokens (≈ 300 ms at 20,000
 * documents against ≈ 5 ms through the GIN index), so search queries run with seqscan disabled.
 */
export async function withSearchReader<T>(db: Db, fn: (reader: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return fn(db);
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    return fn(trx);
  });
}

export async function countMatches(
  db: Db,
  m: TokenMatch,
  verify: Verify | undefined,
  exclude: readonly number[] = [],
): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n ${matching(db, m, verify, exclude)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Matching documents, newest first (largest sort key first). */
export async function listMatches(
  db: Db,
  m: TokenMatch,
  verify: Verify | undefined,
  exclude: readonly number[],
  page: { limit: number; offset: number },
): Promise<{ itemId: number; sortKey: number }[]> {
  if (page.limit <= 0) return [];
  const r = await sql<{ item_id: number; sort_key: number }>`
    SELECT d.item_id, d.sort_key ${matching(db, m, verify, exclude)}
    ORDER BY d.sort_key DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return r.rows.map((x) => ({ itemId: Number(x.item_id), sortKey: Number(x.sort_key) }));
}

/** Counts of matching documents per value of one filter column. */
export async function facetCounts(
  db: Db,
  dimension: FacetDimension,
  m: TokenMatch,
  verify: Verify | undefined,
): Promise<{ key: string | number | null; count: number }[]> {
  const column = sql.ref(`d.${dimension}`);
  const r = await sql<{ k: string | number | null; n: number }>`
    SELECT ${column} AS k, count(*) AS n ${matching(db, m, verify, [])} GROUP BY ${column}`.execute(db);
  return r.rows.map((x) => ({ key: x.k, count: Number(x.n) }));
}

/** Which of these documents contain every text (exact verification of a page of candidates). */
export async function verifyItems(db: Db, itemIds: readonly number[], verify: Verify): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set();
  const pg = dialectOf(db) === 'postgres';
  const conditions = verify.texts.map((t) =>
    pg ? sql`strpos(content_folded, ${t}) > 0` : sql`instr(content_folded, ${t}) > 0`,
  );
  const r = await sql<{ item_id: number }>`
    SELECT item_id FROM search_docs
    WHERE item_id IN (${sql.join(itemIds)}) AND ${sql.join(conditions, sql` AND `)}`.execute(db);
  return new Set(r.rows.map((x) => Number(x.item_id)));
}

export interface NumberMatch {
  itemId: number;
  sortKey: number;
  departmentId: number;
  topicId: number | null;
  category: string;
  year: number;
}

/** Indexed public items whose 文号 or 索引号 is exactly this (normalised) text. */
export async function findByNumber(db: Db, docNumber: string, indexNumber: string): Promise<NumberMatch[]> {
  const rows = await db
    .selectFrom('public_items as p')
    .innerJoin('search_docs as d', 'd.item_id', 'p.item_id')
    .select(['p.item_id', 'd.sort_key', 'd.department_id', 'd.topic_id', 'd.category', 'd.year'])
    .where((eb) => eb.or([eb('p.doc_number', '=', docNumber), eb('p.index_number', '=', indexNumber)]))
    .orderBy('d.sort_key', 'desc')
    .limit(5)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    sortKey: Number(r.sort_key),
    departmentId: r.department_id,
    topicId: r.topic_id,
    category: r.category,
    year: r.year,
  }));
}

/** What a result shows, for a page of hits. */
export async function loadHits(db: Db, itemIds: readonly number[]): Promise<HitRow[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('public_items')
    .select([
      'item_id',
      'index_number',
      'department_id',
      'issuer',
      'title',
      'summary',
      'doc_number',
      'published_date',
      'topic_id',
      'category',
      'body_html',
    ])
    .where('item_id', 'in', itemIds)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    indexNumber: r.index_number,
    departmentId: r.department_id,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    publishedDate: r.published_date,
    topicId: r.topic_id,
    category: r.category,
    bodyHtml: r.body_html,
  }));
}

/** Attachment texts of these items (for snippets when the body does not contain the terms). */
export async function loadAttachmentTexts(
  db: Db,
  itemIds: readonly number[],
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('attachments')
    .select(['item_id', 'extracted_text'])
    .where('item_id', 'in', itemIds)
    .where('extracted_text', '<>', '')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.extracted_text]);
  return out;
}

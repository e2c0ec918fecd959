// The search index's queries: the only place with SQL for search. SQLite keeps the tokens in the
// FTS5 table search_fts (rowid = sort_key); PostgreSQL keeps them in search_tokens (tsvector, GIN),
// in two halves by a hash of the sort key that a search queries at once. Both answer the same
// question — which documents have all of these tokens — with the same result: their sort keys.
// Reads public_items and attachments (the public projection, per the catalogue contract) to build
// documents.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf, likePattern, lockResource } from '../db/dialect.js';
import type { TokenSpec } from './search.document.js';
import { ascending } from './search.results.js';
import {
  SLOTS_PER_DAY,
  type DocAttributes,
  type HitRow,
  type IndexRow,
  type IndexSource,
  type Verify,
} from './search.types.js';

type Db = Kysely<Database>;

/** The halves of PostgreSQL's token table (search_tokens_0 and _1, migration 2026-12-06T1600). */
const TOKEN_SHARDS = [0, 1] as const;

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

/**
 * Public item ids after `afterId` that have no index row yet, in id order (a bulk import indexes
 * its items after writing them; this also finds those of an import that was interrupted between
 * the two).
 */
export async function listUnindexedItemIds(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('public_items as p')
    .select('p.item_id')
    .where('p.item_id', '>', afterId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('search_docs as d').select('d.item_id').whereRef('d.item_id', '=', 'p.item_id'))),
    )
    .orderBy('p.item_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.item_id);
}

/**
 * How many public items there are and how many index rows: a cheap first look (each count reads
 * one index) before the anti-join of listUnindexedItemIds, which reads every public item.
 */
export async function publicAndIndexedCounts(db: Db): Promise<{ publicItems: number; indexed: number }> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('public_items').select(eb.fn.countAll<number>().as('n')).as('public_items'),
      eb.selectFrom('search_docs').select(eb.fn.countAll<number>().as('n')).as('indexed'),
    ])
    .executeTakeFirstOrThrow();
  return { publicItems: Number(row.public_items), indexed: Number(row.indexed) };
}

// --- Writing the index -------------------------------------------------------------------------

/** The current sort keys and dates of those of these items that are indexed. */
export async function findIndexed(
  trx: Transaction<Database>,
  itemIds: readonly number[],
): Promise<Map<number, { sortKey: number; publishedDate: string }>> {
  const out = new Map<number, { sortKey: number; publishedDate: string }>();
  if (itemIds.length === 0) return out;
  const rows = await trx
    .selectFrom('search_docs')
    .select(['item_id', 'sort_key', 'published_date'])
    .where('item_id', 'in', itemIds)
    .execute();
  for (const r of rows) out.set(r.item_id, { sortKey: Number(r.sort_key), publishedDate: r.published_date });
  return out;
}

/**
 * Serialises sort-key allocation: PostgreSQL takes a transaction lock so that two publications
 * never take the same key (SQLite runs one write transaction at a time anyway).
 */
export async function lockSortKeys(trx: Transaction<Database>): Promise<void> {
  await lockResource(trx, 'search_docs.sort_key');
}

/** The largest sort key in use on each of these days (days without documents are absent). */
export async function lastKeysOfDays(
  trx: Transaction<Database>,
  days: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (days.length === 0) return out;
  const values = sql.join(
    days.map(
      (d) =>
        sql`(CAST(${d} AS integer), CAST(${d * SLOTS_PER_DAY} AS bigint), CAST(${(d + 1) * SLOTS_PER_DAY} AS bigint))`,
    ),
  );
  const r = await sql<{ day: number; k: number }>`
    WITH days (day, first_key, next_day) AS (VALUES ${values})
    SELECT days.day AS day, max(s.sort_key) AS k FROM days
    JOIN search_docs s ON s.sort_key >= days.first_key AND s.sort_key < days.next_day
    GROUP BY days.day`.execute(trx);
  for (const row of r.rows) out.set(Number(row.day), Number(row.k));
  return out;
}

/**
 * For a day whose slots are all taken: the first free key after `key` (its last slot, or the key
 * its previous overflow took). Walks the sort-key index upwards from `key` and stops at the first
 * gap, so the cost is the length of the run of taken keys, not the size of the index (PostgreSQL
 * planned the earlier min() over every later key as a scan of the whole table: 250 ms per document
 * at 100,000 documents; SQLite's min() optimisation already stopped at the first match).
 */
export async function firstFreeKeyAfter(trx: Transaction<Database>, key: number): Promise<number> {
  const r = await sql<{ k: number }>`
    SELECT a.sort_key + 1 AS k FROM search_docs a
    WHERE a.sort_key >= ${key}
      AND NOT EXISTS (SELECT 1 FROM search_docs b WHERE b.sort_key = a.sort_key + 1)
    ORDER BY a.sort_key
    LIMIT 1`.execute(trx);
  const k = r.rows[0]?.k;
  return k === undefined ? key : Number(k);
}

/** Takes the next index version (call after lockSortKeys, so versions commit in order). */
export async function nextVersion(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('search_meta')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .returning('version')
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** Writes index rows (insert or replace); `previousKeys` are the rows' current keys, if indexed. */
export async function upsertIndexRows(
  trx: Transaction<Database>,
  rows: readonly IndexRow[],
  previousKeys: ReadonlyMap<number, number>,
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((row) => ({
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
    version: row.version,
  }));
  const pg = dialectOf(trx) === 'postgres';
  await deleteTokens(
    trx,
    rows.flatMap((r) => {
      const k = previousKeys.get(r.itemId);
      return k === undefined ? [] : [k];
    }),
  );
  await trx
    .insertInto('search_docs')
    .values(values)
    .onConflict((oc) =>
      oc.column('item_id').doUpdateSet((eb) => ({
        sort_key: eb.ref('excluded.sort_key'),
        department_id: eb.ref('excluded.department_id'),
        topic_id: eb.ref('excluded.topic_id'),
        category: eb.ref('excluded.category'),
        year: eb.ref('excluded.year'),
        published_date: eb.ref('excluded.published_date'),
        title_folded: eb.ref('excluded.title_folded'),
        content_folded: eb.ref('excluded.content_folded'),
        indexed_at: eb.ref('excluded.indexed_at'),
        version: eb.ref('excluded.version'),
      })),
    )
    .execute();
  if (pg)
    await trx
      .insertInto('search_tokens')
      .values(
        rows.map((r) => ({
          sort_key: r.sortKey,
          tokens: sql<string>`array_to_tsvector(string_to_array(${r.tokens.join(' ')}, ' '))`,
        })),
      )
      .execute();
  else {
    const fts = sql.join(rows.map((r) => sql`(${r.sortKey}, ${r.tokens.join(' ')})`));
    await sql`INSERT INTO search_fts (rowid, tokens) VALUES ${fts}`.execute(trx);
  }
}

/** The token rows of these sort keys (SQLite's FTS5 rows, PostgreSQL's search_tokens rows). */
async function deleteTokens(trx: Transaction<Database>, sortKeys: readonly number[]): Promise<void> {
  if (sortKeys.length === 0) return;
  await (
    dialectOf(trx) === 'postgres'
      ? sql`DELETE FROM search_tokens WHERE sort_key IN (${sql.join(sortKeys)})`
      : sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(sortKeys)})`
  ).execute(trx);
}

/**
 * Removes an item's index row and tokens. Takes a new index version, as every write to the index
 * does: searches that kept lists of keys (the posting-list cache) drop them.
 */
export async function deleteIndexRow(trx: Transaction<Database>, itemId: number): Promise<void> {
  const found = (await findIndexed(trx, [itemId])).get(itemId);
  if (!found) return;
  await lockSortKeys(trx);
  await nextVersion(trx);
  await deleteTokens(trx, [found.sortKey]);
  await trx.deleteFrom('search_docs').where('item_id', '=', itemId).execute();
}

/** Whether the index is empty (a first build can then load before building the GIN index). */
export async function indexIsEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('search_docs').select('item_id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * PostgreSQL: drops the GIN indexes for a first build into an empty index (building them once at
 * the end is about twice as fast as maintaining them row by row); SQLite: nothing to do.
 */
export async function suspendTokenIndex(db: Db): Promise<void> {
  if (dialectOf(db) === 'postgres') await sql`DROP INDEX IF EXISTS search_tokens_gin`.execute(db);
}

/**
 * PostgreSQL: builds the two halves' GIN indexes at once, on two connections, then the parent
 * index, which takes them over (PostgreSQL attaches a partition's matching index instead of
 * building another).
 */
export async function restoreTokenIndex(db: Db): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await Promise.all(
    TOKEN_SHARDS.map((shard) =>
      db.transaction().execute(async (trx) => {
        await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
        const table = sql.table(`search_tokens_${shard}`);
        const index = sql.id(`search_tokens_${shard}_tokens_idx`);
        await sql`CREATE INDEX IF NOT EXISTS ${index} ON ${table} USING gin (tokens)`.execute(trx);
      }),
    ),
  );
  await sql`CREATE INDEX IF NOT EXISTS search_tokens_gin ON search_tokens USING gin (tokens)`.execute(db);
}

/** Pages a step of compactTokenIndex writes: up to about 0.9 s of SQLite's write lock at 100,000 items. */
const COMPACT_STEP_PAGES = 256;

/**
 * SQLite: merges the FTS5 index into one segment. Each batch of indexed documents adds a segment,
 * and a token's list is then read from every segment that has it and merged in this process. After
 * a bulk build of 100,000 documents (bench catalogue) merging took 8 s and cut the time of reading
 * lists by about a fifth, warm or cold. In steps of COMPACT_STEP_PAGES, each its own write, so that
 * another process's write waits at most about a second (its busy timeout is 5 s), not the whole
 * merge; this process does nothing else meanwhile (for the CLI; the server's indexer merges in
 * small steps between requests, compactInSteps). PostgreSQL: nothing (its GIN indexes are built
 * whole after a bulk build, restoreTokenIndex).
 */
export async function compactTokenIndex(db: Db): Promise<void> {
  while (await mergeTokenIndexStep(db, COMPACT_STEP_PAGES));
}

/**
 * SQLite: one step of merging the FTS5 index towards one segment, writing about `pages` pages
 * (FTS5's 'merge' with a negative count merges whatever segments there are; 16 pages took at most
 * 11 ms on the bench catalogue). True when the step merged something, so that another may; false
 * when the index is one segment already (FTS5: fewer than two changes). PostgreSQL: false.
 */
export async function mergeTokenIndexStep(db: Db, pages: number): Promise<boolean> {
  if (dialectOf(db) === 'postgres') return false;
  return db.connection().execute(async (c) => {
    const changes = async () =>
      Number((await sql<{ n: number }>`SELECT total_changes() AS n`.execute(c)).rows[0]?.n ?? 0);
    const before = await changes();
    await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ${-Math.max(1, pages)})`.execute(c);
    return (await changes()) - before >= 2;
  });
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

function tsQuote(token: string): string {
  return `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** "12,345,6789" → [12, 345, 6789] (a digit loop: several times faster than split + Number). */
function parseKeys(text: string | null | undefined): Int32Array {
  if (!text) return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const keys = new Int32Array(count);
  let n = 0;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      keys[k++] = n;
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  keys[k] = n;
  return keys;
}

function concatKeys(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The halves' keys of PostgreSQL's search_shard_keys function (migration 2026-12-06T1600; its
 * search_shard_keys_containing, no longer called since keysContaining reads the candidates' texts,
 * was dropped by 2026-12-07T1700).
 */
async function shardKeys(db: Db, tokens: readonly TokenSpec[]): Promise<Int32Array> {
  // One per half of the index (sequential scans disabled in them), at once on two pooled connections.
  const q = tokens.map((t) => tsQuote(t.token) + (t.prefix ? ':*' : '')).join(' & ');
  const halves = await Promise.all(
    TOKEN_SHARDS.map(async (shard) => {
      const r = await sql<{ k: string | null }>`
        SELECT search_shard_keys(${q}::tsquery, ${shard}::integer) AS k`.execute(db);
      return parseKeys(r.rows[0]?.k);
    }),
  );
  return ascending(concatKeys(halves));
}

/**
 * Sort keys of the documents that have every token, ascending (SQLite's FTS5 gives them in order;
 * PostgreSQL's bitmap scan in table order). One row comes back whatever the number of matches
 * (the keys joined in one string), which is several times faster than a row per document.
 */
export async function matchingKeys(db: Db, tokens: readonly TokenSpec[]): Promise<Int32Array> {
  if (tokens.length === 0) return new Int32Array(0);
  if (dialectOf(db) === 'postgres') return shardKeys(db, tokens);
  const expression = tokens.map((t) => ftsQuote(t.token) + (t.prefix ? ' *' : '')).join(' AND ');
  const r = await sql<{ k: string | null }>`
    SELECT group_concat(rowid) AS k FROM search_fts WHERE search_fts MATCH ${expression}`.execute(db);
  return ascending(parseKeys(r.rows[0]?.k));
}

/**
 * Whether a search may read a common token's list alone to keep it (see cachedMatchingKeys in the
 * service). On SQLite the lists are read in this process and reading one alone costs about what
 * it saves the next time; on PostgreSQL the backends intersect the lists themselves, and reading
 * them alone as well made the bench's first pass twice as slow (p95 68–91 ms against 35–40 without
 * the cache), so there only lists read alone anyway are kept.
 */
export function readsCommonTokensAlone(db: Db): boolean {
  return dialectOf(db) !== 'postgres';
}

/**
 * SQLite's test that a document's folded text contains `text`. LIKE, not instr(): on 313
 * candidates of about 20 KB each (bench catalogue), past reading them, LIKE took 5.4 ms and
 * instr() 10.4. Both sides are folded (lower case), so LIKE's ASCII case folding changes nothing.
 */
function sqliteContains(text: string) {
  return sql<boolean>`content_folded LIKE ${likePattern(text)} ESCAPE '\\'`;
}

/** The condition that a document's folded text contains every one of `texts`. */
function containsEvery(db: Db, texts: readonly string[]) {
  const pg = dialectOf(db) === 'postgres';
  return sql.join(
    texts.map((t) => (pg ? sql<boolean>`strpos(content_folded, ${t}) > 0` : sqliteContains(t))),
    sql` AND `,
  );
}

/** The newest candidates keysContaining always checks, whatever its budget (PostgreSQL: its first round). */
export const VERIFY_FIRST_ROUND = 16;
/** The most candidates one round of keysContaining checks (PostgreSQL). */
export const VERIFY_MAX_ROUND = 200;
/** A later round smaller than this is not worth its statement: the budget is spent. */
export const VERIFY_MIN_ROUND = 8;

/**
 * How many candidates keysContaining's next round checks on PostgreSQL, `checked` of them having
 * taken `elapsedMs` and `left` still unchecked: as many as the rest of `budgetMs` allows at that
 * pace, but no more than `checked` (the pace of cached documents says nothing of the next ones,
 * which may not be) nor VERIFY_MAX_ROUND; 0 when fewer than VERIFY_MIN_ROUND fit and fewer than
 * all that are left (the budget is spent).
 */
export function verifyRoundSize(elapsedMs: number, checked: number, left: number, budgetMs: number): number {
  if (!Number.isFinite(budgetMs)) return VERIFY_MAX_ROUND;
  const time = budgetMs - elapsedMs;
  if (time <= 0 || checked <= 0 || left <= 0) return 0;
  const fit = elapsedMs > 0 ? Math.floor((time * checked) / elapsedMs) : VERIFY_MAX_ROUND;
  return fit < Math.min(VERIFY_MIN_ROUND, left) ? 0 : Math.min(fit, checked, VERIFY_MAX_ROUND);
}

/** One of PostgreSQL's statements in keysContaining: those of these keys whose documents contain every text. */
async function chunkContaining(db: Db, keys: Int32Array, texts: readonly string[]): Promise<Int32Array> {
  const r = await sql<{ k: string | null }>`
    SELECT string_agg(sort_key::text, ',') AS k FROM search_docs
    WHERE sort_key = ANY(${`{${keys.join(',')}}`}::bigint[]) AND ${containsEvery(db, texts)}`.execute(db);
  return parseKeys(r.rows[0]?.k);
}

/** What keysContaining found. */
export interface Containing {
  /** Checked candidates whose documents contain every text, ascending. */
  found: Int32Array;
  /** Candidates left unchecked when the time budget ran out, ascending (all older than the checked). */
  unchecked: Int32Array;
  /** How many candidates were checked. */
  checked: number;
}

/**
 * The candidates (sort keys of documents that have every token, from matchingKeys) whose documents
 * contain every text, each document's folded text read newest first. With a `budgetMs`, the older
 * candidates left when it has run out stay unchecked, but the newest VERIFY_FIRST_ROUND are always
 * checked (a short list whole). Reading the texts is what a cold page cache makes slow: 400
 * candidates took about 35 ms on SQLite when the file had been evicted, 2–4 ms when cached (bench
 * catalogue), and statements of a fixed 50 candidates overran a 10 ms budget by up to 12 ms; by
 * how much a part-cached list overruns cannot be told from the pace of its first candidates.
 * - SQLite reads one statement row by row and, once the newest VERIFY_FIRST_ROUND are checked,
 *   looks at the time after each document read: it overruns by one document's read at most. (It
 *   holds the one connection meanwhile: concurrent searches wait, and their wait counts against
 *   their own budgets.)
 * - PostgreSQL checks in rounds, each split into four statements run at once on four pooled
 *   connections (with two, about 5 % of the bench's queries ran past the budget with everything
 *   cached): the first of VERIFY_FIRST_ROUND, each later one as large as the time left allows at
 *   the pace so far, and at most as large as all before it (verifyRoundSize).
 */
export async function keysContaining(
  db: Db,
  candidates: Int32Array,
  texts: readonly string[],
  budgetMs = Number.POSITIVE_INFINITY,
): Promise<Containing> {
  if (texts.length === 0 || candidates.length === 0)
    return { found: candidates, unchecked: new Int32Array(0), checked: candidates.length };
  const { found, end } =
    dialectOf(db) === 'postgres'
      ? await containingInRounds(db, candidates, texts, budgetMs)
      : await containingStreamed(db, candidates, texts, budgetMs);
  return { found: ascending(found), unchecked: candidates.slice(0, end), checked: candidates.length - end };
}

/** What a reader of keysContaining found, and `end`: candidates[0, end) were left unchecked. */
interface Checked {
  found: Int32Array;
  end: number;
}

/** PostgreSQL's keysContaining: rounds of four statements at once (see there). */
async function containingInRounds(
  db: Db,
  candidates: Int32Array,
  texts: readonly string[],
  budgetMs: number,
): Promise<Checked> {
  const started = performance.now();
  const found: Int32Array[] = [];
  let end = candidates.length;
  let round = Number.isFinite(budgetMs) ? VERIFY_FIRST_ROUND : VERIFY_MAX_ROUND;
  while (end > 0 && round > 0) {
    const from = Math.max(0, end - round);
    const per = Math.ceil((end - from) / 4);
    const chunks: Int32Array[] = [];
    for (let at = end; at > from; at -= per) chunks.push(candidates.subarray(Math.max(from, at - per), at));
    found.push(...(await Promise.all(chunks.map((c) => chunkContaining(db, c, texts)))));
    end = from;
    round = verifyRoundSize(performance.now() - started, candidates.length - end, end, budgetMs);
  }
  return { found: concatKeys(found), end };
}

/** SQLite's keysContaining: one statement read row by row, newest first (see there). */
async function containingStreamed(
  db: Db,
  candidates: Int32Array,
  texts: readonly string[],
  budgetMs: number,
): Promise<Checked> {
  const started = performance.now();
  const rows = db
    .selectFrom('search_docs')
    .select(['sort_key', sql<number>`${containsEvery(db, texts)}`.as('ok')])
    .where(sql<boolean>`sort_key IN (SELECT value FROM json_each(${`[${candidates.join(',')}]`}))`)
    .orderBy('sort_key', 'desc')
    .stream();
  const matched: number[] = [];
  let end = candidates.length;
  for await (const row of rows) {
    const key = Number(row.sort_key);
    if (row.ok) matched.push(key);
    // Candidates without a row (removed meanwhile) count as checked: they match nothing.
    while (end > 0 && (candidates[end - 1] ?? 0) >= key) end--;
    const hurried = candidates.length - end >= VERIFY_FIRST_ROUND && performance.now() - started > budgetMs;
    if (end > 0 && hurried) return { found: Int32Array.from(matched), end };
  }
  return { found: Int32Array.from(matched), end: 0 };
}

/** The index's version (incremented by every write). */
export async function indexVersion(db: Db): Promise<number> {
  const row = await db.selectFrom('search_meta').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(row?.version ?? 0);
}

const ATTRIBUTE_COLUMNS = [
  'sort_key',
  'item_id',
  'department_id',
  'topic_id',
  'category',
  'year',
  'version',
] as const;

function toAttributes(r: {
  sort_key: number;
  item_id: number;
  department_id: number;
  topic_id: number | null;
  category: string;
  year: number;
  version: number;
}): DocAttributes {
  return {
    sortKey: Number(r.sort_key),
    itemId: r.item_id,
    departmentId: r.department_id,
    topicId: r.topic_id,
    category: r.category,
    year: r.year,
    version: Number(r.version),
  };
}

/** Filter values of the documents written after `version`. */
export async function attributesSince(db: Db, version: number): Promise<DocAttributes[]> {
  const rows = await db
    .selectFrom('search_docs')
    .select(ATTRIBUTE_COLUMNS)
    .where('version', '>', version)
    .execute();
  return rows.map(toAttributes);
}

/** Filter values of these documents (by sort key). */
export async function attributesOf(db: Db, sortKeys: readonly number[]): Promise<DocAttributes[]> {
  if (sortKeys.length === 0) return [];
  const rows = await db
    .selectFrom('search_docs')
    .select(ATTRIBUTE_COLUMNS)
    .where('sort_key', 'in', sortKeys)
    .execute();
  return rows.map(toAttributes);
}

/** Which of these documents contain every text (exact verification of a page of candidates). */
export async function verifyItems(db: Db, itemIds: readonly number[], verify: Verify): Promise<Set<number>> {
  if (itemIds.length === 0) return new Set();
  const r = await sql<{ item_id: number }>`
    SELECT item_id FROM search_docs
    WHERE item_id IN (${sql.join(itemIds)}) AND ${containsEvery(db, verify.texts)}`.execute(db);
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

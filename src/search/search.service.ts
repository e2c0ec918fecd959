// Search over the public catalogue: keeping the index in step with public_items (the catalogue
// calls reindexPublicItem in its publishing transactions) and answering searches.
//
// A query is split into terms (search.text.ts); a document matches when it contains every term's
// exact characters. The index finds every such document (each term's character bigrams); terms of
// 1–2 characters and ASCII words are found exactly, longer terms are checked against the stored
// folded text — all candidates when there are at most VERIFY_LIMIT (and, on the routes, while
// VERIFY_BUDGET_MS lasts), otherwise the hits shown (the total is then flagged approximate, and
// estimated when part of the candidates was checked). Ranking ("relevance, then recency"): an
// exact 文号/索引号 match first, then documents whose title has the terms, then the rest, each group
// newest first.
import type { Kysely, Transaction } from 'kysely';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type ItemCategory } from '../catalogue/catalogue.types.js';
import { normaliseDocNumber } from '../catalogue/doc-number.js';
import { listPublicTopics, topicScope, type PublicTopic } from '../catalogue/public-items.service.js';
import type { Database } from '../db/database.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { nowIso } from '../shared/clock.js';
import { contentTokens, dayNumber, indexRowOf, titleTokens, type TokenSpec } from './search.document.js';
import { highlightAll, htmlSnippet, snippet } from './search.highlight.js';
import {
  DEFAULT_MIN_CACHED_KEYS,
  DEFAULT_POSTING_CACHE_MB,
  PostingCache,
  tokenKey,
  type PostingCacheLimits,
} from './search.postings.js';
import * as repo from './search.repository.js';
import {
  AttributeStore,
  estimateCounts,
  intersectAll,
  intersectSorted,
  pageOfKeys,
  sortedHas,
  type Counted,
  type ResultFilters,
} from './search.results.js';
import { parseQuery, type QueryTerm } from './search.text.js';
import {
  type FacetValue,
  type HitRow,
  SLOTS_PER_DAY,
  type IndexRow,
  type IndexSource,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from './search.types.js';

type Db = Kysely<Database>;

/** Up to this many candidates are checked one by one for the exact characters of longer terms. */
export const VERIFY_LIMIT = 400;

/**
 * How long the routes let a search check candidates for the exact characters (SearchOptions
 * verifyBudgetMs). Cached, 400 candidates take 2–4 ms; read from disk, about 35 ms on SQLite (bench
 * catalogue, file evicted from the page cache), which made the first searches after a quiet hour
 * the slowest: past the budget the total is shown as approximate, as past VERIFY_LIMIT.
 */
export const VERIFY_BUDGET_MS = 10;

/**
 * After indexing at least this many items at once, the index is merged into one segment on SQLite
 * (repo.compactTokenIndex; the server's indexer does it in steps): a bulk build leaves many.
 */
export const COMPACT_AFTER_ITEMS = 1_000;

// --- Indexing ------------------------------------------------------------------------------------

/** (Re)indexes an item from its public_items row, or removes it from the index when it has none. */
export async function reindexPublicItem(trx: Transaction<Database>, itemId: number): Promise<void> {
  const sources = await repo.loadIndexSources(trx, [itemId]);
  if (sources.length) await indexSources(trx, sources, nowIso());
  else await repo.deleteIndexRow(trx, itemId);
}

/**
 * Indexes every public item that has no index row yet, `batchSize` items per transaction: the
 * second phase of a bulk import (which writes its items first and indexes them here, in large
 * batches), and the repair of an import interrupted between the two. A first build into an empty
 * index loads the rows before building PostgreSQL's GIN index, as reindexAll does.
 */
export async function indexUnindexed(
  db: Db,
  opts: {
    batchSize?: number;
    onProgress?: (done: number) => void;
    betweenBatches?: () => Promise<void>;
    /** Merge the index into one segment after indexing at least this many (default COMPACT_AFTER_ITEMS). */
    compactAfter?: number;
  } = {},
): Promise<{ indexed: number }> {
  const batchSize = opts.batchSize ?? 500;
  const firstBuild = await repo.indexIsEmpty(db);
  let suspended = false;
  let indexed = 0;
  let after = 0;
  try {
    for (;;) {
      const ids = await repo.listUnindexedItemIds(db, after, batchSize);
      if (ids.length === 0) break;
      if (firstBuild && !suspended && ids.length === batchSize) {
        await repo.suspendTokenIndex(db);
        suspended = true;
      }
      await indexItems(db, ids);
      await opts.betweenBatches?.();
      indexed += ids.length;
      after = ids[ids.length - 1] ?? after;
      opts.onProgress?.(indexed);
    }
  } finally {
    if (suspended) await repo.restoreTokenIndex(db);
  }
  if (indexed >= (opts.compactAfter ?? COMPACT_AFTER_ITEMS)) await repo.compactTokenIndex(db);
  return { indexed };
}

/** Indexes these public items in one transaction (the background indexer's batch). */
export async function indexItems(db: Db, itemIds: readonly number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await indexSources(trx, await repo.loadIndexSources(trx, itemIds), nowIso());
  });
}

export async function removeFromIndex(trx: Transaction<Database>, itemId: number): Promise<void> {
  await repo.deleteIndexRow(trx, itemId);
}

/** How many rows one statement writes when rebuilding. */
const WRITE_BATCH = 50;

/**
 * Indexes documents: a document keeps its sort key while its publication date stays the same,
 * otherwise takes the next free slot of its day (see SLOTS_PER_DAY).
 */
async function indexSources(
  trx: Transaction<Database>,
  sources: readonly IndexSource[],
  at: string,
): Promise<void> {
  await repo.lockSortKeys(trx);
  const version = await repo.nextVersion(trx);
  const existing = await repo.findIndexed(
    trx,
    sources.map((s) => s.itemId),
  );
  const keep = (s: IndexSource) => {
    const e = existing.get(s.itemId);
    return e && dayNumber(e.publishedDate) === dayNumber(s.publishedDate) ? e.sortKey : undefined;
  };
  const days = [
    ...new Set(sources.filter((s) => keep(s) === undefined).map((s) => dayNumber(s.publishedDate))),
  ];
  const last = await repo.lastKeysOfDays(trx, days);
  const previous = new Map([...existing].map(([id, e]) => [id, e.sortKey]));
  const rows: IndexRow[] = [];
  const crowded: IndexSource[] = [];
  for (const s of sources) {
    let key = keep(s);
    if (key === undefined) {
      const day = dayNumber(s.publishedDate);
      const next = (last.get(day) ?? day * SLOTS_PER_DAY - 1) + 1;
      if (next < (day + 1) * SLOTS_PER_DAY) {
        key = next;
        last.set(day, next);
      } else {
        crowded.push(s);
        continue;
      }
    }
    rows.push(indexRowOf(s, key, at, version));
  }
  for (let i = 0; i < rows.length; i += WRITE_BATCH)
    await repo.upsertIndexRows(trx, rows.slice(i, i + WRITE_BATCH), previous);
  // A day with more documents than slots: each further one takes the first free key after it
  // (looked for from the key the day's previous overflow took, so a batch walks each run once).
  const overflow = new Map<number, number>();
  for (const s of crowded) {
    const day = dayNumber(s.publishedDate);
    const from = overflow.get(day) ?? (day + 1) * SLOTS_PER_DAY - 1;
    const key = await repo.firstFreeKeyAfter(trx, from);
    await repo.upsertIndexRows(trx, [indexRowOf(s, key, at, version)], previous);
    overflow.set(day, key);
  }
}

/**
 * Rebuilds the index from public_items, `batchSize` items per transaction (searches keep working
 * meanwhile), then removes entries of items that are no longer public. A first build into an
 * empty index loads the rows before building PostgreSQL's GIN index; on SQLite a large rebuild
 * ends by merging the index into one segment.
 */
export async function reindexAll(
  db: Db,
  opts: { batchSize?: number; onProgress?: (done: number) => void; compactAfter?: number } = {},
): Promise<{ indexed: number; removed: number }> {
  const firstBuild = await repo.indexIsEmpty(db);
  if (firstBuild) await repo.suspendTokenIndex(db);
  let result: { indexed: number; removed: number };
  try {
    result = await rebuild(db, opts.batchSize ?? 200, opts.onProgress);
  } finally {
    // Unconditional: also repairs an index left dropped by an interrupted first build.
    await repo.restoreTokenIndex(db);
  }
  if (result.indexed >= (opts.compactAfter ?? COMPACT_AFTER_ITEMS)) await repo.compactTokenIndex(db);
  return result;
}

async function rebuild(
  db: Db,
  batchSize: number,
  onProgress: ((done: number) => void) | undefined,
): Promise<{ indexed: number; removed: number }> {
  let after = 0;
  let indexed = 0;
  for (;;) {
    const ids = await repo.listPublicItemIds(db, after, batchSize);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      const at = nowIso();
      await indexSources(trx, await repo.loadIndexSources(trx, ids), at);
    });
    indexed += ids.length;
    after = ids[ids.length - 1] ?? after;
    onProgress?.(indexed);
  }
  const orphans = await repo.listOrphans(db);
  if (orphans.length)
    await db.transaction().execute(async (trx) => {
      for (const id of orphans) await repo.deleteIndexRow(trx, id);
    });
  return { indexed, removed: orphans.length };
}

// --- Searching -----------------------------------------------------------------------------------

const stores = new WeakMap<Db, AttributeStore>();

/** This process's copy of the documents' filter values, brought up to the index's `version`. */
async function attributeStore(db: Db, version: number): Promise<AttributeStore> {
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new AttributeStore()));
  if (version > store.version) {
    const seen = store.version;
    store.put(await repo.attributesSince(db, seen));
    // Concurrent refreshes: never move the version backwards.
    store.version = Math.max(store.version, version);
  }
  return store;
}

const postingCaches = new WeakMap<Db, PostingCache>();

/** This process's posting-list cache for `db`, with the caller's limits. */
function postingCacheFor(db: Db, limits: PostingCacheLimits): PostingCache {
  let cache = postingCaches.get(db);
  if (!cache) postingCaches.set(db, (cache = new PostingCache(limits)));
  cache.limits = limits;
  return cache;
}

/** How much this process's posting-list cache for `db` holds (for tests and operators). */
export function postingCacheSize(db: Db): { lists: number; bytes: number } {
  return postingCaches.get(db)?.size ?? { lists: 0, bytes: 0 };
}

/**
 * The sort keys of the documents that have every token, ascending (read-only: it may be the cached
 * list itself). Cached lists are taken as they are; the other tokens are read together in one
 * query, where a rare one keeps the work small. On SQLite (readsCommonTokensAlone), when every one
 * of those is known to be common (no rare token can narrow them), one of them is read alone instead
 * and kept: filling the cache costs a call at most one list more than reading them together, and
 * never a query with a rare token. A token left alone in the query is kept on both databases.
 * `version` is the index version read before any list.
 */
async function cachedMatchingKeys(
  db: Db,
  cache: PostingCache,
  version: number,
  tokens: readonly TokenSpec[],
): Promise<Int32Array> {
  if (tokens.length === 0 || !cache.enabled) return repo.matchingKeys(db, tokens);
  const lists: Int32Array[] = [];
  const uncached: TokenSpec[] = [];
  for (const t of tokens) {
    const hit = cache.get(tokenKey(t));
    if (hit) lists.push(hit);
    else uncached.push(t);
  }
  const allCommon = repo.readsCommonTokensAlone(db) && uncached.every((t) => cache.isCommon(tokenKey(t)));
  const alone = allCommon ? uncached[0] : undefined;
  const together = alone ? uncached.slice(1) : uncached;
  // (SQLite runs the two one after the other; on PostgreSQL there is never a token read alone.)
  const [read, rest] = await Promise.all([
    alone ? repo.matchingKeys(db, [alone]) : undefined,
    together.length ? repo.matchingKeys(db, together) : undefined,
  ]);
  if (alone && read) {
    cache.put(version, tokenKey(alone), read);
    lists.push(read);
  }
  if (rest) {
    lists.push(rest);
    const [only] = together;
    if (together.length === 1 && only) cache.put(version, tokenKey(only), rest);
    else if (rest.length >= cache.limits.minKeys) cache.markCommon(together.map(tokenKey));
  }
  return intersectAll(lists);
}

function emptyResult(query: SearchQuery, terms: string[]): SearchResult {
  return {
    query,
    terms,
    hits: [],
    total: 0,
    approximate: false,
    pageCount: 0,
    facets: { departments: [], topics: [], categories: [], years: [] },
  };
}

/** Items whose 文号 or 索引号 is the query (any bracket form of the year). */
async function numberMatches(db: Db, q: string): Promise<repo.NumberMatch[]> {
  const text = q.trim();
  if (text.length < 4 || text.length > 100) return [];
  return repo.findByNumber(db, normaliseDocNumber(text), text);
}

function withinFilters(p: repo.NumberMatch, f: ResultFilters): boolean {
  return (
    (f.departmentId === undefined || p.departmentId === f.departmentId) &&
    (f.topicIds === undefined || (p.topicId !== null && f.topicIds.includes(p.topicId))) &&
    (f.category === undefined || p.category === f.category) &&
    (f.year === undefined || p.year === f.year)
  );
}

export interface SearchOptions {
  /** Check candidates one by one up to this many (default VERIFY_LIMIT). */
  verifyLimit?: number;
  /**
   * Stop checking candidates after this long and flag the total approximate (default: no limit;
   * the routes give VERIFY_BUDGET_MS). SQLite looks at the time after each document read,
   * PostgreSQL after each round; the newest few are always checked (repo.keysContaining).
   */
  verifyBudgetMs?: number;
  /** The posting-list cache's size (0 turns it off) and shortest list kept. */
  postingCache?: Partial<PostingCacheLimits>;
}

export async function searchPublic(
  db: Db,
  query: SearchQuery,
  options: SearchOptions = {},
): Promise<SearchResult> {
  const verifyLimit = options.verifyLimit ?? VERIFY_LIMIT;
  const terms = parseQuery(query.q);
  if (terms.length === 0) return emptyResult(query, []);
  const inexact = terms.filter((t) => !t.exact).map((t) => t.text);
  const relevance = query.sort === 'relevance';

  const cache = postingCacheFor(db, {
    maxBytes: options.postingCache?.maxBytes ?? DEFAULT_POSTING_CACHE_MB * 1024 * 1024,
    minKeys: options.postingCache?.minKeys ?? DEFAULT_MIN_CACHED_KEYS,
  });
  // The version first: what the cache and the filter values are brought to.
  const version = await repo.indexVersion(db);
  cache.at(version);
  // Independent reads, concurrently (PostgreSQL runs them on separate pooled connections).
  const [topics, departmentList, store, candidates, titleKeys, numbered] = await Promise.all([
    listPublicTopics(db),
    listAllDepartments(db),
    attributeStore(db, version),
    cachedMatchingKeys(db, cache, version, contentTokens(terms)),
    relevance
      ? cachedMatchingKeys(db, cache, version, titleTokens(terms))
      : Promise.resolve(new Int32Array(0)),
    relevance ? numberMatches(db, query.q) : Promise.resolve([]),
  ]);
  const filters: ResultFilters = {
    departmentId: query.department,
    topicIds: query.topic === undefined ? undefined : topicScope(topics, query.topic),
    category: query.category,
    year: query.year,
  };
  // Longer terms: check candidates for the exact characters when there are few enough, and while
  // the time budget lasts (otherwise the total is flagged approximate, as for too many).
  let checked: repo.Containing = { found: candidates, unchecked: new Int32Array(0), checked: 0 };
  let approximate = inexact.length > 0 && candidates.length > verifyLimit;
  if (inexact.length && !approximate)
    checked = await repo.keysContaining(db, candidates, inexact, options.verifyBudgetMs);
  // Budget run out: the checked candidates count as they are, the unchecked at the share of the
  // checked that matched, smoothed ((found + 1) / (checked + 2)) so that a list whose newest
  // candidates all failed still counts its older ones as possible matches.
  const partly = checked.unchecked.length > 0;
  const rate = (checked.found.length + 1) / (checked.checked + 2);
  const count = (): { counted: Counted; total: number; estimated: boolean } => {
    const found = store.countAndFilter(checked.found, filters);
    const rest = partly ? store.countAndFilter(checked.unchecked, filters) : undefined;
    // Unchecked candidates that the filters all leave out change nothing: the count is exact.
    if (!rest || (rest.keys.length === 0 && rest.missing.length === 0))
      return { counted: found, total: found.keys.length, estimated: false };
    return { ...estimateCounts(found, rest, rate), estimated: true };
  };
  let { counted, total: matches, estimated } = count();
  if (counted.missing.length) {
    // Documents indexed after the store was brought up to date (a concurrent publication).
    store.put(await repo.attributesOf(db, counted.missing));
    ({ counted, total: matches, estimated } = count());
  }
  if (estimated) approximate = true;
  const titled = intersectSorted(counted.keys, titleKeys);
  const pinned = numbered.filter((p) => withinFilters(p, filters));
  const pinnedKeys = pinned.map((p) => p.sortKey);
  const pinnedOnly = pinnedKeys.filter((k) => !sortedHas(counted.keys, k)).length;
  const total = matches + pinnedOnly;
  // Pages reach every key still possible (an estimate counts fewer than that).
  const reachable = counted.keys.length + pinnedOnly;
  const pageKeys = pageOfKeys(
    counted.keys,
    titled,
    pinnedKeys,
    (query.page - 1) * query.pageSize,
    query.pageSize,
  );
  const ids = pageKeys.map((k) => {
    const pin = pinned.find((p) => p.sortKey === k);
    return {
      itemId: pin?.itemId ?? store.itemIdOf(k) ?? 0,
      numberMatch: pin !== undefined,
      titleMatch: sortedHas(titled, k),
      // Checked already (keysContaining found it): no need to read its text again.
      known: estimated && sortedHas(checked.found, k),
    };
  });
  const departments = new Map(departmentList.map((d) => [d.id, d.fullName]));
  // Approximate results: the hits shown that were not checked yet are, for the exact characters
  // (in parallel with building them; a hit that fails is dropped).
  const unknown = ids.filter((x) => !x.known).map((x) => x.itemId);
  const [hits, exact] = await Promise.all([
    hitsOf(db, ids, terms, departments),
    approximate ? repo.verifyItems(db, unknown, { texts: inexact }) : Promise.resolve(undefined),
  ]);
  const known = new Set(ids.filter((x) => x.known).map((x) => x.itemId));
  return {
    query,
    terms: terms.map((t) => t.text),
    hits: exact ? hits.filter((h) => h.numberMatch || known.has(h.itemId) || exact.has(h.itemId)) : hits,
    total,
    approximate,
    pageCount: Math.ceil(Math.max(total, reachable) / query.pageSize),
    facets: facetsOf(counted, topics, departments),
  };
}

async function hitsOf(
  db: Db,
  ids: readonly { itemId: number; numberMatch: boolean; titleMatch: boolean }[],
  terms: readonly QueryTerm[],
  departments: ReadonlyMap<number, string>,
): Promise<SearchHit[]> {
  const rows = await repo.loadHits(
    db,
    ids.map((x) => x.itemId),
  );
  const byId = new Map(rows.map((r) => [r.itemId, r]));
  const needAttachments: number[] = [];
  const snippets = new Map<number, string>();
  for (const row of rows) {
    const s = snippetOf(row, terms);
    if (s === undefined) needAttachments.push(row.itemId);
    else snippets.set(row.itemId, s);
  }
  const attachmentTexts = await repo.loadAttachmentTexts(db, needAttachments);
  const hits: SearchHit[] = [];
  for (const { itemId, numberMatch, titleMatch } of ids) {
    const row = byId.get(itemId);
    if (!row) continue;
    const category = categoryOf(row.category);
    const fromAttachments = (attachmentTexts.get(itemId) ?? []).map((t) => snippet(t, terms)).find(Boolean);
    const titleHtml = highlightAll(row.title, terms);
    hits.push({
      itemId,
      title: row.title,
      titleHtml,
      snippetHtml: snippets.get(itemId) ?? fromAttachments ?? '',
      indexNumber: row.indexNumber,
      docNumber: row.docNumber,
      departmentId: row.departmentId,
      departmentName: departments.get(row.departmentId) ?? row.issuer,
      publishedDate: row.publishedDate,
      category,
      categoryLabel: ITEM_CATEGORY_LABELS[category],
      titleMatch,
      numberMatch,
    });
  }
  return hits;
}

/** The snippet from the summary, else the body, else the 文号 (undefined: look in attachments). */
function snippetOf(row: HitRow, terms: readonly QueryTerm[]): string | undefined {
  return snippet(row.summary, terms) ?? htmlSnippet(row.bodyHtml, terms) ?? snippet(row.docNumber, terms);
}

function categoryOf(value: string): ItemCategory {
  return ITEM_CATEGORIES.find((c) => c === value) ?? 'other';
}

/** Facet values with names: departments by count, first-level topics (rolled up), categories, years. */
function facetsOf(
  c: Counted,
  topics: readonly PublicTopic[],
  names: ReadonlyMap<number, string>,
): SearchFacets {
  const parentOf = new Map(topics.map((t) => [t.id, t.parentId ?? t.id]));
  const rolled = new Map<number, number>();
  for (const [id, n] of c.topics) {
    const top = parentOf.get(id);
    if (top !== undefined) rolled.set(top, (rolled.get(top) ?? 0) + n);
  }
  const byCount = <K>(a: FacetValue<K>, b: FacetValue<K>) =>
    b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  return {
    departments: [...c.departments]
      .map(([id, count]) => ({ value: id, label: names.get(id) ?? '', count }))
      .sort(byCount),
    topics: topics
      .filter((t) => t.parentId === null && rolled.has(t.id))
      .map((t) => ({ value: t.id, label: t.name, count: rolled.get(t.id) ?? 0 })),
    categories: ITEM_CATEGORIES.flatMap((cat) => {
      const n = c.categories.get(cat);
      return n ? [{ value: cat, label: ITEM_CATEGORY_LABELS[cat], count: n }] : [];
    }),
    years: [...c.years]
      .map(([year, count]) => ({ value: year, label: `${year}年`, count }))
      .sort((a, b) => b.value - a.value),
  };
}

// Search over the public catalogue: keeping the index in step with public_items (the catalogue
// calls reindexPublicItem in its publishing transactions) and answering searches.
//
// A query is split into terms (search.text.ts); a document matches when it contains every term's
// exact characters. The index finds every such document (each term's character bigrams); terms of
// 1–2 characters and ASCII words are found exactly, longer terms are checked against the stored
// folded text — all candidates when there are at most VERIFY_LIMIT, otherwise the hits shown (the
// total is then flagged approximate). Ranking ("relevance, then recency"): an exact 文号/索引号 match
// first, then documents whose title has the terms, then the rest, each group newest first.
import type { Kysely, Transaction } from 'kysely';
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type ItemCategory } from '../catalogue/catalogue.types.js';
import { normaliseDocNumber } from '../catalogue/doc-number.js';
import { listPublicTopics, topicScope, type PublicTopic } from '../catalogue/public-items.service.js';
import type { Database } from '../db/database.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { nowIso } from '../shared/clock.js';
import {
  contentMatch,
  dayNumber,
  indexRowOf,
  titleMatch,
  type FilterName,
  type SearchFilters,
} from './search.document.js';
import { highlightAll, snippet } from './search.highlight.js';
import * as repo from './search.repository.js';
import { htmlToText, parseQuery, type QueryTerm } from './search.text.js';
import {
  type FacetDimension,
  type FacetValue,
  type HitRow,
  type SearchFacets,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type TokenMatch,
  type Verify,
} from './search.types.js';

type Db = Kysely<Database>;

/** Up to this many candidates are checked one by one for the exact characters of longer terms. */
export const VERIFY_LIMIT = 1000;

// --- Indexing ------------------------------------------------------------------------------------

/** (Re)indexes an item from its public_items row, or removes it from the index when it has none. */
export async function reindexPublicItem(trx: Transaction<Database>, itemId: number): Promise<void> {
  const [source] = await repo.loadIndexSources(trx, [itemId]);
  if (!source) {
    await repo.deleteIndexRow(trx, itemId);
    return;
  }
  const existing = await repo.findIndexed(trx, itemId);
  const sameDay = existing && dayNumber(existing.publishedDate) === dayNumber(source.publishedDate);
  const sortKey = sameDay
    ? existing.sortKey
    : await repo.allocateSortKey(trx, dayNumber(source.publishedDate));
  await repo.upsertIndexRow(trx, indexRowOf(source, sortKey, nowIso()), existing?.sortKey);
}

export async function removeFromIndex(trx: Transaction<Database>, itemId: number): Promise<void> {
  await repo.deleteIndexRow(trx, itemId);
}

/**
 * Rebuilds the index from public_items, in batches of `batchSize` items per transaction (searches
 * keep working meanwhile), then removes entries of items that are no longer public.
 */
export async function reindexAll(
  db: Db,
  opts: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<{ indexed: number; removed: number }> {
  const batchSize = opts.batchSize ?? 500;
  let after = 0;
  let indexed = 0;
  for (;;) {
    const ids = await repo.listPublicItemIds(db, after, batchSize);
    if (ids.length === 0) break;
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await reindexPublicItem(trx, id);
    });
    indexed += ids.length;
    after = ids[ids.length - 1] ?? after;
    opts.onProgress?.(indexed);
  }
  const orphans = await repo.listOrphans(db);
  if (orphans.length)
    await db.transaction().execute(async (trx) => {
      for (const id of orphans) await repo.deleteIndexRow(trx, id);
    });
  return { indexed, removed: orphans.length };
}

// --- Searching -----------------------------------------------------------------------------------

interface Plan {
  terms: QueryTerm[];
  filters: SearchFilters;
  /** Folded texts of the terms the index cannot find exactly. */
  inexact: string[];
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

/** Decides whether counting must check documents one by one (see VERIFY_LIMIT). */
async function verifyFor(
  db: Db,
  plan: Plan,
  m: TokenMatch,
): Promise<{ verify?: Verify; approximate: boolean }> {
  if (plan.inexact.length === 0) return { approximate: false };
  const candidates = await repo.countMatches(db, m, undefined);
  return candidates <= VERIFY_LIMIT
    ? { verify: { texts: plan.inexact }, approximate: false }
    : { approximate: true };
}

export async function searchPublic(db: Db, query: SearchQuery): Promise<SearchResult> {
  const terms = parseQuery(query.q);
  if (terms.length === 0) return emptyResult(query, []);
  const topics = await listPublicTopics(db);
  const filters: SearchFilters = {
    departmentId: query.department,
    topicIds: query.topic === undefined ? undefined : topicScope(topics, query.topic),
    category: query.category,
    year: query.year,
  };
  const plan: Plan = { terms, filters, inexact: terms.filter((t) => !t.exact).map((t) => t.text) };

  return repo.withSearchReader(db, async (r) => {
    const all = contentMatch(terms, filters);
    const { verify, approximate } = await verifyFor(r, plan, all);
    const pinned = query.sort === 'relevance' ? await pinnedWithinFilters(r, query.q, filters) : [];
    const exclude = pinned.map((p) => p.sortKey);
    const total = (await repo.countMatches(r, all, verify, exclude)) + pinned.length;
    const offset = (query.page - 1) * query.pageSize;
    const ids: { itemId: number; numberMatch: boolean }[] = pinned
      .slice(offset, offset + query.pageSize)
      .map((p) => ({ itemId: p.itemId, numberMatch: true }));
    let titleIds = new Set<number>();
    if (query.sort === 'relevance') {
      const titles = titleMatch(terms, filters);
      const nTitle = await repo.countMatches(r, titles, verify, exclude);
      const fromTitle = await repo.listMatches(r, titles, verify, exclude, {
        offset: Math.max(0, offset - pinned.length),
        limit: Math.min(query.pageSize - ids.length, Math.max(0, pinned.length + nTitle - offset)),
      });
      titleIds = new Set(fromTitle.map((x) => x.itemId));
      ids.push(...fromTitle.map((x) => ({ itemId: x.itemId, numberMatch: false })));
      const fromBody = await repo.listMatches(r, { ...all, not: titles }, verify, exclude, {
        offset: Math.max(0, offset - pinned.length - nTitle),
        limit: query.pageSize - ids.length,
      });
      ids.push(...fromBody.map((x) => ({ itemId: x.itemId, numberMatch: false })));
    } else {
      const rows = await repo.listMatches(r, all, verify, [], { offset, limit: query.pageSize });
      ids.push(...rows.map((x) => ({ itemId: x.itemId, numberMatch: false })));
    }
    let shown = ids;
    if (approximate && plan.inexact.length) {
      const ok = await repo.verifyItems(
        r,
        ids.map((x) => x.itemId),
        { texts: plan.inexact },
      );
      shown = ids.filter((x) => x.numberMatch || ok.has(x.itemId));
    }
    const departments = new Map((await listAllDepartments(r)).map((d) => [d.id, d.fullName]));
    const hits = await hitsOf(r, shown, terms, titleIds, departments);
    const facets = await facetsOf(r, plan, verify, topics, departments);
    return {
      query,
      terms: terms.map((t) => t.text),
      hits,
      total,
      approximate,
      pageCount: Math.ceil(total / query.pageSize),
      facets,
    };
  });
}

/** Items whose 文号 or 索引号 is the query (normalised: any bracket form of the year), within the filters. */
async function pinnedWithinFilters(db: Db, q: string, f: SearchFilters): Promise<repo.NumberMatch[]> {
  const text = q.trim();
  if (text.length < 4 || text.length > 100) return [];
  const found = await repo.findByNumber(db, normaliseDocNumber(text), text);
  return found.filter(
    (p) =>
      (f.departmentId === undefined || p.departmentId === f.departmentId) &&
      (f.topicIds === undefined || (p.topicId !== null && f.topicIds.includes(p.topicId))) &&
      (f.category === undefined || p.category === f.category) &&
      (f.year === undefined || p.year === f.year),
  );
}

async function hitsOf(
  db: Db,
  ids: readonly { itemId: number; numberMatch: boolean }[],
  terms: readonly QueryTerm[],
  titleIds: ReadonlySet<number>,
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
  for (const { itemId, numberMatch } of ids) {
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
      titleMatch: titleIds.has(itemId),
      numberMatch,
    });
  }
  return hits;
}

/** The snippet from the summary, else the body, else the 文号 (undefined: look in attachments). */
function snippetOf(row: HitRow, terms: readonly QueryTerm[]): string | undefined {
  return (
    snippet(row.summary, terms) ?? snippet(htmlToText(row.bodyHtml), terms) ?? snippet(row.docNumber, terms)
  );
}

function categoryOf(value: string): ItemCategory {
  return ITEM_CATEGORIES.find((c) => c === value) ?? 'other';
}

const FACETS: readonly { name: FilterName; dimension: FacetDimension }[] = [
  { name: 'department', dimension: 'department_id' },
  { name: 'topic', dimension: 'topic_id' },
  { name: 'category', dimension: 'category' },
  { name: 'year', dimension: 'year' },
];

function filterActive(f: SearchFilters, name: FilterName): boolean {
  switch (name) {
    case 'department':
      return f.departmentId !== undefined;
    case 'topic':
      return f.topicIds !== undefined;
    case 'category':
      return f.category !== undefined;
    case 'year':
      return f.year !== undefined;
    default: {
      const never: never = name;
      return never;
    }
  }
}

/** Counts per department, topic, category and year; each applies the other filters, not its own. */
async function facetsOf(
  db: Db,
  plan: Plan,
  verify: Verify | undefined,
  topics: readonly PublicTopic[],
  names: ReadonlyMap<number, string>,
): Promise<SearchFacets> {
  const counts = await Promise.all(
    FACETS.map(async ({ name, dimension }) => {
      const m = contentMatch(plan.terms, plan.filters, name);
      // Without its own filter a facet may have many more candidates: decide on checking again.
      const v = filterActive(plan.filters, name) ? (await verifyFor(db, plan, m)).verify : verify;
      return repo.facetCounts(db, dimension, m, v);
    }),
  );
  const [departmentCounts = [], topicCounts = [], categoryCounts = [], yearCounts = []] = counts;
  const parentOf = new Map(topics.map((t) => [t.id, t.parentId ?? t.id]));
  const rolled = new Map<number, number>();
  for (const t of topicCounts) {
    const top = t.key === null ? undefined : parentOf.get(Number(t.key));
    if (top !== undefined) rolled.set(top, (rolled.get(top) ?? 0) + t.count);
  }
  const byCount = <K>(a: FacetValue<K>, b: FacetValue<K>) =>
    b.count - a.count || a.label.localeCompare(b.label, 'zh-CN');
  return {
    departments: departmentCounts
      .map((d) => ({ value: Number(d.key), label: names.get(Number(d.key)) ?? '', count: d.count }))
      .sort(byCount),
    topics: topics
      .filter((t) => t.parentId === null && rolled.has(t.id))
      .map((t) => ({ value: t.id, label: t.name, count: rolled.get(t.id) ?? 0 })),
    categories: ITEM_CATEGORIES.flatMap((c) => {
      const n = categoryCounts.find((x) => x.key === c)?.count;
      return n ? [{ value: c, label: ITEM_CATEGORY_LABELS[c], count: n }] : [];
    }),
    years: yearCounts
      .map((y) => ({ value: Number(y.key), label: `${String(y.key)}年`, count: y.count }))
      .sort((a, b) => b.value - a.value),
  };
}

// The catalogue as the public reads it: lists with filters and facets, one item with what its page
// shows, cursor pages for the API and batch iteration for exports. Read-only; it reads the public
// projection (public_items) only, so what was never published or has been withdrawn is never here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { ItemCategory } from './catalogue.types.js';
import * as repo from './public-items.repository.js';
import type {
  FacetCount,
  LinkedItem,
  ListCursor,
  PublicAttachment,
  PublicDepartmentName,
  PublicItem,
  PublicItemFilter,
  PublicItemSummary,
  PublicListEntry,
  PublicListRow,
  PublicTopic,
  PublicVersion,
  WithdrawnNotice,
} from './public-items.types.js';

export type {
  FacetCount,
  LinkedItem,
  ListCursor,
  PublicAttachment,
  PublicDepartmentName,
  PublicItem,
  PublicItemFilter,
  PublicItemSummary,
  PublicListEntry,
  PublicListRow,
  PublicTopic,
  PublicVersion,
  WithdrawnNotice,
};

export { ANNUAL_REPORTS_SLUG } from './topics.types.js';

type Db = Kysely<Database>;

/** Filters as a visitor or API client gives them (a topic means the topic and its sub-topics). */
export interface PublicQuery {
  departmentId?: number | undefined;
  topicId?: number | undefined;
  category?: ItemCategory | undefined;
  year?: number | undefined;
}

export interface TopicNode extends PublicTopic {
  children: PublicTopic[];
}

export function listPublicTopics(db: Db): Promise<PublicTopic[]> {
  return repo.listTopics(db);
}

/** Active topics as a two-level tree, in their sort order. */
export function topicTree(topics: readonly PublicTopic[]): TopicNode[] {
  return topics
    .filter((t) => t.parentId === null)
    .map((t) => ({ ...t, children: topics.filter((c) => c.parentId === t.id) }));
}

/** The topic ids a topic filter covers: the topic itself and its sub-topics. */
export function topicScope(topics: readonly PublicTopic[], topicId: number): number[] {
  return [topicId, ...topics.filter((t) => t.parentId === topicId).map((t) => t.id)];
}

/** Turns a visitor's query into the repository's filter (one query for the topic tree when needed). */
export async function toFilter(
  db: Db,
  q: PublicQuery,
  topics?: readonly PublicTopic[],
): Promise<PublicItemFilter> {
  let topicIds: number[] | undefined;
  if (q.topicId !== undefined) topicIds = topicScope(topics ?? (await repo.listTopics(db)), q.topicId);
  return { departmentId: q.departmentId, topicIds, category: q.category, year: q.year };
}

/** Adds department and topic names to a page of items: two queries whatever the page's length. */
export async function withNames(db: Db, items: readonly PublicItemSummary[]): Promise<PublicListEntry[]> {
  const deptIds = [...new Set(items.map((i) => i.departmentId))];
  const topicIds = [...new Set(items.flatMap((i) => (i.topicId === null ? [] : [i.topicId])))];
  const [departments, topics] = await Promise.all([
    repo.findDepartmentNames(db, deptIds),
    repo.findTopicsByIds(db, topicIds),
  ]);
  const deptName = new Map(departments.map((d) => [d.id, d.fullName]));
  const topicName = new Map(topics.map((t) => [t.id, t.name]));
  return items.map((i) => ({
    ...i,
    departmentName: deptName.get(i.departmentId) ?? '',
    topicName: i.topicId === null ? null : (topicName.get(i.topicId) ?? null),
  }));
}

export interface PublicListPage {
  items: PublicListRow[];
  total: number;
}

/**
 * One numbered page of a list table: the rows it shows, with their department's name, in one
 * query, plus one to count them unless the caller already knows the total (from the facets).
 */
export async function listPublicPage(
  db: Db,
  filter: PublicItemFilter,
  page: { limit: number; offset: number },
  knownTotal?: number,
): Promise<PublicListPage> {
  const [items, total] = await Promise.all([
    repo.listPublicRows(db, filter, page),
    knownTotal ?? repo.countPublicItems(db, filter),
  ]);
  return { items, total };
}

export interface Facets {
  /** How many items match the whole filter. */
  total: number;
  departments: (FacetCount<number> & { name: string })[];
  topics: (FacetCount<number> & { name: string })[];
  categories: FacetCount<ItemCategory>[];
  years: FacetCount<number>[];
}

/**
 * Counts for browsing (each facet applies the other filters). Topic counts are rolled up to
 * first-level topics, so a parent counts its sub-topics' items.
 */
export async function listFacets(
  db: Db,
  filter: PublicItemFilter,
  topics: readonly PublicTopic[],
): Promise<Facets> {
  const raw = await repo.facetCounts(db, filter);
  const departments = await repo.findDepartmentNames(
    db,
    raw.departments.map((d) => d.key),
  );
  const deptName = new Map(departments.map((d) => [d.id, d.fullName]));
  const parentOf = new Map(topics.map((t) => [t.id, t.parentId ?? t.id]));
  const rolled = new Map<number, number>();
  for (const t of raw.topics) {
    if (t.key === null) continue;
    const top = parentOf.get(t.key);
    if (top !== undefined) rolled.set(top, (rolled.get(top) ?? 0) + t.count);
  }
  const total =
    filter.departmentId === undefined
      ? raw.departments.reduce((n, d) => n + d.count, 0)
      : (raw.departments.find((d) => d.key === filter.departmentId)?.count ?? 0);
  return {
    total,
    departments: raw.departments
      .map((d) => ({ ...d, name: deptName.get(d.key) ?? '' }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN')),
    topics: topics
      .filter((t) => t.parentId === null && rolled.has(t.id))
      .map((t) => ({ key: t.id, name: t.name, count: rolled.get(t.id) ?? 0 })),
    categories: raw.categories,
    years: raw.years,
  };
}

export type PublicItemLookup =
  | { kind: 'found'; page: PublicItemPage }
  | { kind: 'withdrawn'; notice: WithdrawnNotice }
  | { kind: 'missing' };

export interface PublicItemPage {
  item: PublicItem;
  /** The body's HTML as stored (UTF-8), to send as it is (item.bodyHtml decodes it when read). */
  bodyHtmlBytes?: Buffer | undefined;
  /**
   * Names the body's bytes: it changes whenever they change, so a page's ETag can carry it instead
   * of a hash of the body. Every publication writes the public row whole with a new version
   * (items.publish.ts; a withdrawn item is never published again, and the import only inserts);
   * updated_at tells apart rows of rebuilt or restored databases.
   */
  bodyRevision: string;
  department: PublicDepartmentName | undefined;
  topic: PublicTopic | undefined;
  parentTopic: PublicTopic | undefined;
  attachments: PublicAttachment[];
  versions: PublicVersion[];
  /** 相关解读: published 解读 of this item. */
  interpretations: LinkedItem[];
  /** 相关政策: the policies this item (a 解读) explains. */
  policies: LinkedItem[];
  /** Documents this one supersedes (replaces). */
  supersedes: LinkedItem[];
  /** Documents that supersede this one. */
  supersededBy: LinkedItem[];
}

/** Everything an item's page shows (one query); a withdrawn item gives its notice, anything else not public is missing. */
export async function lookupPublicItem(db: Db, itemId: number): Promise<PublicItemLookup> {
  const found = await repo.findPublicItemPage(db, itemId);
  if (!found) {
    const notice = await repo.findWithdrawnNotice(db, itemId);
    return notice ? { kind: 'withdrawn', notice } : { kind: 'missing' };
  }
  const { links, ...page } = found;
  const pick = (kind: string, direction: 'in' | 'out') =>
    links.filter((l) => l.kind === kind && l.direction === direction).map((l) => l.other);
  return {
    kind: 'found',
    page: {
      ...page,
      bodyRevision: `${page.item.itemId}/${page.item.version}/${page.item.updatedAt}`,
      // A first version is the item itself: its one-line history needs no query.
      versions:
        page.item.version > 1
          ? page.versions
          : [{ version: 1, title: page.item.title, changeNote: '', publishedAt: page.item.publishedAt }],
      interpretations: pick('interprets', 'in'),
      policies: pick('interprets', 'out'),
      supersedes: pick('supersedes', 'out'),
      supersededBy: pick('supersedes', 'in'),
    },
  };
}

export function findPublicItemByIndexNumber(db: Db, indexNumber: string): Promise<PublicItem | undefined> {
  return repo.findPublicItemByIndexNumber(db, indexNumber);
}

/** The published 解读 of each given item (one query), keyed by the interpreted item's id. */
export async function interpretationsOf(
  db: Db,
  itemIds: readonly number[],
): Promise<Map<number, LinkedItem[]>> {
  const links = await repo.listLinks(db, itemIds);
  const out = new Map<number, LinkedItem[]>();
  for (const l of links) {
    if (l.kind !== 'interprets' || l.direction !== 'in') continue;
    const list = out.get(l.toItemId) ?? [];
    list.push(l.other);
    out.set(l.toItemId, list);
  }
  return out;
}

/** The latest items of several categories at once (the home page's columns). */
export async function latestByCategory(
  db: Db,
  categories: readonly ItemCategory[],
  perCategory: number,
): Promise<Map<ItemCategory, PublicListEntry[]>> {
  const items = await repo.listLatestByCategories(db, categories, perCategory);
  const out = new Map<ItemCategory, PublicListEntry[]>(categories.map((c) => [c, []]));
  for (const i of items) out.get(i.category)?.push(i);
  return out;
}

/** The latest items of a list, with their names (one query). */
export function latestPublicItems(
  db: Db,
  filter: PublicItemFilter,
  limit: number,
): Promise<PublicListEntry[]> {
  return repo.listPublicEntries(db, filter, { limit });
}

export function countPublicItems(db: Db, filter: PublicItemFilter): Promise<number> {
  return repo.countPublicItems(db, filter);
}

// --- Cursor pages (the JSON API) -------------------------------------------------------------

export function encodeCursor(c: ListCursor): string {
  return Buffer.from(`${c.publishedAt}|${c.itemId}`, 'utf8').toString('base64url');
}

/** Undefined when the text is not a cursor this service made. */
export function decodeCursor(text: string): ListCursor | undefined {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)\|(\d{1,12})$/.exec(raw);
  if (!m?.[1] || !m[2]) return undefined;
  return { publishedAt: m[1], itemId: Number(m[2]) };
}

export async function listPublicItemsByCursor(
  db: Db,
  filter: PublicItemFilter,
  after: ListCursor | undefined,
  limit: number,
): Promise<{ items: PublicListEntry[]; nextCursor: string | null }> {
  const rows = await repo.listPublicEntries(db, filter, { limit: limit + 1, after });
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows,
    nextCursor: more && last ? encodeCursor({ publishedAt: last.publishedAt, itemId: last.itemId }) : null,
  };
}

// --- Streaming (exports, sitemaps) ------------------------------------------------------------

/**
 * Every matching item, in id order, fetched `batchSize` rows at a time with keyset queries, so
 * that an export of the whole catalogue never holds more than one batch in memory. `fromId`
 * starts at that id (inclusive) and `max` stops after that many items.
 */
export async function* iteratePublicItems(
  db: Db,
  filter: PublicItemFilter = {},
  options: { batchSize?: number; fromId?: number; max?: number } = {},
): AsyncGenerator<PublicListEntry> {
  const batchSize = options.batchSize ?? 500;
  let remaining = options.max ?? Number.MAX_SAFE_INTEGER;
  let afterId = (options.fromId ?? 1) - 1;
  while (remaining > 0) {
    const rows = await repo.listPublicItemsAfterId(db, filter, afterId, Math.min(batchSize, remaining));
    if (rows.length === 0) return;
    for (const entry of await withNames(db, rows)) yield entry;
    remaining -= rows.length;
    const last = rows.at(-1);
    if (!last || rows.length < Math.min(batchSize, remaining + rows.length)) return;
    afterId = last.itemId;
  }
}

/** Where the `page`-th slice of `pageSize` items (in id order) starts; undefined past the end. */
export function publicItemIdAt(db: Db, offset: number): Promise<number | undefined> {
  return repo.publicItemIdAt(db, offset);
}

// The catalogue's read side: read-only queries over public_items (the public projection) and what a
// public page shows beside an item (topics, departments, attachments, versions, links). Nothing here
// writes. Every list query is bounded: one query for the rows, one per kind of related data for the
// whole page (never one per row).
import { CompiledQuery, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/sqlite';
import { prepareOnPostgres } from '../db/prepared-statements.js';
import { batchedRead } from '../db/read-batcher.js';
import { ShapeCache, type Slots } from '../db/compiled-shapes.js';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { PublicItemRow, TopicRow } from './catalogue.table.js';
import {
  INTERPRETATION_FORMS,
  ITEM_CATEGORIES,
  VALIDITY_STATES,
  type ItemCategory,
} from './catalogue.types.js';
import type {
  FacetCount,
  ItemLink,
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

type Db = Kysely<Database>;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | null {
  return values.find((x) => x === v) ?? null;
}

const SUMMARY_COLUMNS = [
  'item_id',
  'index_number',
  'department_id',
  'issuer',
  'title',
  'summary',
  'doc_number',
  'signed_date',
  'published_date',
  'published_at',
  'updated_at',
  'year',
  'topic_id',
  'category',
  'validity',
  'version',
] as const;

type SummaryRow = Pick<PublicItemRow, (typeof SUMMARY_COLUMNS)[number]>;

function rowToSummary(r: SummaryRow): PublicItemSummary {
  return {
    itemId: r.item_id,
    indexNumber: r.index_number,
    departmentId: r.department_id,
    issuer: r.issuer,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    signedDate: r.signed_date,
    publishedDate: r.published_date,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    year: Number(r.year),
    topicId: r.topic_id,
    category: oneOf(ITEM_CATEGORIES, r.category) ?? 'other',
    validity: oneOf(VALIDITY_STATES, r.validity),
    version: r.version,
  };
}

function rowToItem(r: PublicItemRow): PublicItem {
  return {
    ...rowToSummary(r),
    scope: r.scope,
    bodyHtml: r.body_html,
    interpretationForm: oneOf(INTERPRETATION_FORMS, r.interpretation_form),
  };
}

function rowToTopic(r: TopicRow): PublicTopic {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    isKeyArea: r.is_key_area === 1,
    sortOrder: r.sort_order,
  };
}

type PublicItemsQuery<O> = SelectQueryBuilder<Database, 'public_items', O>;

function applyFilter<O>(q: PublicItemsQuery<O>, f: PublicItemFilter, except?: keyof PublicItemFilter) {
  if (f.departmentId !== undefined && except !== 'departmentId')
    q = q.where('department_id', '=', f.departmentId);
  if (f.topicIds !== undefined && except !== 'topicIds') {
    q = f.topicIds.length > 0 ? q.where('topic_id', 'in', f.topicIds) : q.where(sql<boolean>`1 = 0`);
  }
  if (f.category !== undefined && except !== 'category') q = q.where('category', '=', f.category);
  if (f.year !== undefined && except !== 'year') q = q.where('year', '=', f.year);
  return q;
}

/** The ids of one page of items, newest first (by publication instant, then id). */
function pageIds(
  db: Db,
  filter: PublicItemFilter,
  page: { limit: number; offset?: number; after?: ListCursor | undefined },
) {
  let q = applyFilter(db.selectFrom('public_items').select('item_id'), filter);
  const after = page.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('published_at', '<', after.publishedAt),
        eb.and([eb('published_at', '=', after.publishedAt), eb('item_id', '<', after.itemId)]),
      ]),
    );
  }
  return q
    .orderBy('published_at', 'desc')
    .orderBy('item_id', 'desc')
    .limit(page.limit)
    .offset(page.offset ?? 0);
}

/**
 * One page of items, newest first (by publication instant, then id), with their department's and
 * topic's names, in one query: the page's ids come from a browse index alone (however deep the
 * offset, no wide row is read for skipped items), then only those rows are read, by id.
 */
export async function listPublicEntries(
  db: Db,
  filter: PublicItemFilter,
  page: { limit: number; offset?: number; after?: ListCursor | undefined },
): Promise<PublicListEntry[]> {
  const rows = await db
    .selectFrom(pageIds(db, filter, page).as('page'))
    .innerJoin('public_items as p', 'p.item_id', 'page.item_id')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('topics as t', 't.id', 'p.topic_id')
    .select(SUMMARY_COLUMNS.map((c) => `p.${c}` as const))
    .select(['d.full_name as department_name', 't.name as topic_name'])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.item_id', 'desc')
    .execute();
  return rows.map((r) => ({
    ...rowToSummary(r),
    departmentName: r.department_name ?? '',
    topicName: r.topic_id === null ? null : r.topic_name,
  }));
}

/** A filter and page as a shape (which filters are set) and the values that fill it. */
function filterShape(filter: PublicItemFilter, page: { limit: number; offset: number }) {
  // Every field of the filter is named here: a field added to PublicItemFilter and not to the
  // shape would otherwise be dropped from the query without a word.
  const { departmentId, category, year, topicIds, ...rest } = filter;
  const none: Record<string, never> = rest;
  if (Object.keys(none).length > 0)
    throw new Error(`filterShape: unknown filter ${Object.keys(none).join()}`);
  const values: (number | string)[] = [];
  const at = (v: number | string) => values.push(v) - 1;
  const d = departmentId === undefined ? undefined : at(departmentId);
  const c = category === undefined ? undefined : at(category);
  const y = year === undefined ? undefined : at(year);
  const t = topicIds?.map(at);
  const limit = at(page.limit);
  const offset = at(page.offset);
  const shape = `${d === undefined ? '' : 'd'}${c === undefined ? '' : 'c'}${y === undefined ? '' : 'y'}${t === undefined ? '' : `t${t.length}`}`;
  const withSlots = (s: Slots) => ({
    filter: {
      departmentId: d === undefined ? undefined : s.num(d),
      category: c === undefined ? undefined : s.str<ItemCategory>(c),
      year: y === undefined ? undefined : s.num(y),
      topicIds: t?.map((i) => s.num(i)),
    },
    page: { limit: s.num(limit), offset: s.num(offset) },
  });
  return { shape, values, withSlots };
}

interface ListRowColumns {
  item_id: number;
  index_number: string;
  title: string;
  doc_number: string;
  issuer: string;
  published_date: string;
  department_name: string | null;
}

/**
 * Shapes with at most one filter (department, category or year) run as named prepared statements
 * on PostgreSQL: each has a browse index that gives both the filter and the order, so one plan
 * suits every value. A topic's list (an IN list) and two filters are planned for their values.
 */
const listRowShapes = new ShapeCache<ListRowColumns>({ prepare: (shape) => /^[dcy]?$/.test(shape) });

/**
 * One numbered page of a list table: only the columns the table shows, newest first, by the same
 * browse index as listPublicEntries. Each shape of filter is compiled once (compiled-shapes.ts):
 * for a list page whose render is not cached, building the query cost as much as running it.
 */
export async function listPublicRows(
  db: Db,
  filter: PublicItemFilter,
  page: { limit: number; offset: number },
): Promise<PublicListRow[]> {
  const { shape, values, withSlots } = filterShape(filter, page);
  const statement = listRowShapes.statement(db, shape, values, (s) => {
    const slotted = withSlots(s);
    return db
      .selectFrom(pageIds(db, slotted.filter, slotted.page).as('page'))
      .innerJoin('public_items as p', 'p.item_id', 'page.item_id')
      .leftJoin('departments as d', 'd.id', 'p.department_id')
      .select([
        'p.item_id',
        'p.index_number',
        'p.title',
        'p.doc_number',
        'p.issuer',
        'p.published_date',
        'd.full_name as department_name',
      ])
      .orderBy('p.published_at', 'desc')
      .orderBy('p.item_id', 'desc');
  });
  const { rows } = await db.executeQuery(statement);
  return rows.map((r) => ({
    itemId: r.item_id,
    indexNumber: r.index_number,
    title: r.title,
    docNumber: r.doc_number,
    issuer: r.issuer,
    publishedDate: r.published_date,
    departmentName: r.department_name ?? '',
  }));
}

export async function countPublicItems(db: Db, filter: PublicItemFilter): Promise<number> {
  const row = await applyFilter(
    db.selectFrom('public_items').select((eb) => eb.fn.countAll<number>().as('n')),
    filter,
  ).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Counts per department, topic, category and year; each facet applies the other filters only. */
export async function facetCounts(
  db: Db,
  filter: PublicItemFilter,
): Promise<{
  departments: FacetCount<number>[];
  topics: FacetCount<number | null>[];
  categories: FacetCount<ItemCategory>[];
  years: FacetCount<number>[];
}> {
  const count = sql<number>`count(*)`.as('n');
  const base = db.selectFrom('public_items');
  const [departments, topics, categories, years] = await Promise.all([
    applyFilter(base.select(['department_id', count]), filter, 'departmentId')
      .groupBy('department_id')
      .execute(),
    applyFilter(base.select(['topic_id', count]), filter, 'topicIds')
      .groupBy('topic_id')
      .execute(),
    applyFilter(base.select(['category', count]), filter, 'category')
      .groupBy('category')
      .execute(),
    applyFilter(base.select(['year', count]), filter, 'year')
      .groupBy('year')
      .execute(),
  ]);
  return {
    departments: departments.map((r) => ({ key: r.department_id, count: Number(r.n) })),
    topics: topics.map((r) => ({ key: r.topic_id, count: Number(r.n) })),
    categories: categories.flatMap((r) => {
      const key = oneOf(ITEM_CATEGORIES, r.category);
      return key ? [{ key, count: Number(r.n) }] : [];
    }),
    years: years.map((r) => ({ key: Number(r.year), count: Number(r.n) })).sort((a, b) => b.key - a.key),
  };
}

/** Everything an item's public page shows, read in one query (see findPublicItemPage). */
export interface PublicItemPageRow {
  /** item.bodyHtml is decoded from bodyHtmlBytes only when read (see findPublicItemPage). */
  item: PublicItem;
  /** The body's HTML as stored, UTF-8, for a page that sends it as it is. */
  bodyHtmlBytes?: Buffer;
  department: PublicDepartmentName | undefined;
  topic: PublicTopic | undefined;
  parentTopic: PublicTopic | undefined;
  attachments: PublicAttachment[];
  /** Published versions, newest first; empty for a first version (the item is its own history). */
  versions: PublicVersion[];
  /** Links to and from other public items, newest first. */
  links: ItemLink[];
}

/** A JSON array column: parsed by pg on PostgreSQL, text on SQLite. */
function jsonRows<T>(value: unknown): T[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? (parsed as T[]) : [];
}

interface LinkJson {
  item_id: number;
  title: string;
  index_number: string;
  category: string;
  published_date: string;
  published_at: string;
  interpretation_form: string | null;
  kind: string;
  other_end: number;
}

/** Every column of public_items but body_html (the item page reads that one as bytes). */
const PAGE_COLUMNS = [
  'p.item_id',
  'p.index_number',
  'p.department_id',
  'p.issuer',
  'p.title',
  'p.summary',
  'p.doc_number',
  'p.signed_date',
  'p.published_date',
  'p.published_at',
  'p.updated_at',
  'p.year',
  'p.topic_id',
  'p.category',
  'p.validity',
  'p.scope',
  'p.version',
  'p.interpretation_form',
] as const;

/**
 * The item page on SQLite (PostgreSQL has the function public_item_page_parts). The body's HTML comes
 * back as a BLOB: better-sqlite3 turns UTF-8 text into a JavaScript string at about 25 ns a
 * character (85 µs for a 10 KB body, more than the rest of the query), and the page sends those
 * bytes unchanged (portal.cached-page.ts), so most pages never need the string.
 */
function itemPageQuery(db: Db, itemId: number) {
  return db
    .selectFrom('public_items as p')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('topics as t', 't.id', 'p.topic_id')
    .leftJoin('topics as pt', 'pt.id', 't.parent_id')
    .select(PAGE_COLUMNS)
    .select(sql<Buffer>`CAST(p.body_html AS BLOB)`.as('body_html_bytes'))
    .select([
      'd.full_name as d_full_name',
      'd.short_name as d_short_name',
      'd.credit_code as d_credit_code',
      't.parent_id as t_parent_id',
      't.name as t_name',
      't.slug as t_slug',
      't.description as t_description',
      't.is_key_area as t_is_key_area',
      't.sort_order as t_sort_order',
      'pt.id as pt_id',
      'pt.name as pt_name',
      'pt.slug as pt_slug',
      'pt.description as pt_description',
      'pt.is_key_area as pt_is_key_area',
      'pt.sort_order as pt_sort_order',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('attachments as a')
          .select(['a.id', 'a.file_name', 'a.media_type', 'a.size', 'a.sort_order'])
          .whereRef('a.item_id', '=', 'p.item_id'),
      ).as('attachments_json'),
      // Only a revised item has a history worth reading; a first version is the item itself.
      jsonArrayFrom(
        eb
          .selectFrom('item_versions as v')
          .select(['v.version', 'v.title', 'v.change_note', 'v.published_at'])
          .whereRef('v.item_id', '=', 'p.item_id')
          .whereRef('v.version', '<=', 'p.version')
          .where('p.version', '>', 1),
      ).as('versions_json'),
      jsonArrayFrom(
        eb
          .selectFrom('item_links as l')
          .innerJoin('public_items as o', 'o.item_id', 'l.to_item_id')
          .select([...LINKED_JSON_COLUMNS, 'l.kind', 'l.to_item_id as other_end'])
          .whereRef('l.from_item_id', '=', 'p.item_id'),
      ).as('links_out_json'),
      jsonArrayFrom(
        eb
          .selectFrom('item_links as l')
          .innerJoin('public_items as o', 'o.item_id', 'l.from_item_id')
          .select([...LINKED_JSON_COLUMNS, 'l.kind', 'l.from_item_id as other_end'])
          .whereRef('l.to_item_id', '=', 'p.item_id'),
      ).as('links_in_json'),
    ])
    .where('p.item_id', '=', itemId);
}

type ItemPageRow = NonNullable<Awaited<ReturnType<ReturnType<typeof itemPageQuery>['executeTakeFirst']>>>;

const itemPageShapes = new ShapeCache<ItemPageRow>();

/**
 * itemPageQuery for this id, compiled once per database handle (SQLite): building and compiling
 * the query with Kysely cost the item page about half as much again as SQLite's running it.
 */
function itemPageStatement(db: Db, itemId: number) {
  return itemPageShapes.statement(db, 'item', [itemId], (s) => itemPageQuery(db, s.num(0)));
}

/**
 * The item page's call on PostgreSQL: one text for every item, parsed once per connection. The
 * pages asked for at the same moment are read by one call (read-batcher.ts): one row per id, `n`
 * its place in the array from 1 (bigint, read as a number: database.ts).
 */
const ITEM_PAGES_PARTS_SQL = 'SELECT n, page_json, body_bytes FROM public_item_pages_parts($1)';
prepareOnPostgres(ITEM_PAGES_PARTS_SQL);

interface ItemPagePartsRow {
  n: number;
  page_json: Omit<ItemPageRow, 'body_html_bytes'>;
  body_bytes: Buffer;
}

const itemPageParts = batchedRead<number, ItemPagePartsRow>(async (db, ids) => {
  const { rows } = await db.executeQuery<ItemPagePartsRow>(CompiledQuery.raw(ITEM_PAGES_PARTS_SQL, [ids]));
  const byPlace: (ItemPagePartsRow | undefined)[] = new Array<undefined>(ids.length).fill(undefined);
  for (const row of rows) byPlace[row.n - 1] = row;
  return byPlace;
});

/**
 * An item with its department, topic (and the topic's parent), attachments, published versions
 * and links in ONE query (one round trip to the database): the lists come back as JSON arrays
 * from correlated sub-queries, each read through its own index (attachments by item, versions by
 * (item, version), links by either end), and are ordered here. On PostgreSQL the same row comes
 * from the function public_item_page_parts (migrations 2026-12-06T2300 and 2026-12-07T0100),
 * whose plan is kept per connection: planning this statement anew costs PostgreSQL several times
 * more than running it. There, pages asked for at the same moment share one call
 * (public_item_pages_parts, migration 2026-12-07T1200).
 */
export async function findPublicItemPage(db: Db, itemId: number): Promise<PublicItemPageRow | undefined> {
  let row: Omit<ItemPageRow, 'body_html_bytes'> | undefined;
  let body: Buffer = Buffer.alloc(0);
  if (dialectOf(db) === 'postgres') {
    const parts = await itemPageParts(db, itemId);
    // The function builds the row with the same keys as itemPageQuery (JSON types: text, numbers,
    // null) and gives the body apart, as bytes (pg turns bytea into a Buffer).
    row = parts?.page_json;
    if (parts) body = parts.body_bytes;
  } else {
    const found = (await db.executeQuery(itemPageStatement(db, itemId))).rows[0];
    row = found;
    if (found) body = found.body_html_bytes; // better-sqlite3 gives a BLOB as a Buffer
  }
  if (!row) return undefined;
  const department =
    row.d_full_name === null
      ? undefined
      : {
          id: row.department_id,
          fullName: row.d_full_name,
          shortName: row.d_short_name ?? '',
          creditCode: row.d_credit_code,
        };
  const topic =
    row.topic_id === null || row.t_name === null
      ? undefined
      : {
          id: row.topic_id,
          parentId: row.t_parent_id,
          name: row.t_name,
          slug: row.t_slug ?? '',
          description: row.t_description ?? '',
          isKeyArea: row.t_is_key_area === 1,
          sortOrder: row.t_sort_order ?? 0,
        };
  const parentTopic =
    row.pt_id === null || row.pt_name === null
      ? undefined
      : {
          id: row.pt_id,
          parentId: null,
          name: row.pt_name,
          slug: row.pt_slug ?? '',
          description: row.pt_description ?? '',
          isKeyArea: row.pt_is_key_area === 1,
          sortOrder: row.pt_sort_order ?? 0,
        };
  const attachments = jsonRows<{
    id: number;
    file_name: string;
    media_type: string;
    size: number | string;
    sort_order: number;
  }>(row.attachments_json)
    .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
    .map((a) => ({
      id: a.id,
      itemId,
      fileName: a.file_name,
      mediaType: a.media_type,
      size: Number(a.size),
    }));
  const versions = jsonRows<{ version: number; title: string; change_note: string; published_at: string }>(
    row.versions_json,
  )
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      title: v.title,
      changeNote: v.change_note,
      publishedAt: v.published_at,
    }));
  const links = [
    ...jsonRows<LinkJson>(row.links_out_json).map((l) => toLink(l, 'out', itemId)),
    ...jsonRows<LinkJson>(row.links_in_json).map((l) => toLink(l, 'in', itemId)),
  ]
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .map((l) => l.link);
  const item = rowToItem({ ...row, body_html: '' });
  // The stored bytes go to the page as they are; the string is made only if someone reads it.
  const bytes = body;
  let text: string | undefined;
  Object.defineProperty(item, 'bodyHtml', {
    enumerable: true,
    get: () => (text ??= bytes.toString('utf8')),
  });
  return { item, bodyHtmlBytes: bytes, department, topic, parentTopic, attachments, versions, links };
}

const LINKED_JSON_COLUMNS = [
  'o.item_id',
  'o.title',
  'o.index_number',
  'o.category',
  'o.published_date',
  'o.published_at',
  'o.interpretation_form',
] as const;

function toLink(
  l: LinkJson,
  direction: 'in' | 'out',
  itemId: number,
): { publishedAt: string; link: ItemLink } {
  return {
    publishedAt: l.published_at,
    link: {
      fromItemId: direction === 'out' ? itemId : l.other_end,
      toItemId: direction === 'out' ? l.other_end : itemId,
      kind: l.kind,
      direction,
      other: {
        itemId: l.item_id,
        title: l.title,
        indexNumber: l.index_number,
        category: oneOf(ITEM_CATEGORIES, l.category) ?? 'other',
        publishedDate: l.published_date,
        interpretationForm: oneOf(INTERPRETATION_FORMS, l.interpretation_form),
      },
    },
  };
}

export async function findPublicItemByIndexNumber(
  db: Db,
  indexNumber: string,
): Promise<PublicItem | undefined> {
  const row = await db
    .selectFrom('public_items')
    .selectAll()
    .where('index_number', '=', indexNumber)
    .executeTakeFirst();
  return row && rowToItem(row);
}

/** A once-public item that has been withdrawn (its public URL answers 410 with this notice). */
export async function findWithdrawnNotice(db: Db, itemId: number): Promise<WithdrawnNotice | undefined> {
  const row = await db
    .selectFrom('items')
    .select(['id', 'index_number', 'title', 'withdrawn_at', 'withdraw_reason'])
    .where('id', '=', itemId)
    .where('status', '=', 'withdrawn')
    .where('current_version', '>', 0)
    .where('disclosure', '=', 'proactive')
    .executeTakeFirst();
  if (!row || !row.withdrawn_at || !row.index_number) return undefined;
  return {
    itemId: row.id,
    indexNumber: row.index_number,
    title: row.title,
    withdrawnAt: row.withdrawn_at,
    reason: row.withdraw_reason,
  };
}

export async function listAttachments(db: Db, itemId: number): Promise<PublicAttachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'item_id', 'file_name', 'media_type', 'size'])
    .where('item_id', '=', itemId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    itemId: r.item_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: Number(r.size),
  }));
}

/** Published versions, newest first (only up to the version the public currently sees). */
export async function listVersions(db: Db, itemId: number, upTo: number): Promise<PublicVersion[]> {
  const rows = await db
    .selectFrom('item_versions')
    .select(['version', 'title', 'change_note', 'published_at'])
    .where('item_id', '=', itemId)
    .where('version', '<=', upTo)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    changeNote: r.change_note,
    publishedAt: r.published_at,
  }));
}

const LINKED_COLUMNS = [
  'p.item_id',
  'p.title',
  'p.index_number',
  'p.category',
  'p.published_date',
  'p.interpretation_form',
  'l.kind',
] as const;

/** Links of the given items that lead to other PUBLIC items, both ways, in one query. */
export async function listLinks(db: Db, itemIds: readonly number[]): Promise<ItemLink[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('item_links as l')
    .innerJoin('public_items as p', 'p.item_id', 'l.to_item_id')
    .select([
      ...LINKED_COLUMNS,
      'l.from_item_id',
      'l.to_item_id',
      sql<string>`'out'`.as('direction'),
      'p.published_at',
    ])
    .where('l.from_item_id', 'in', itemIds)
    .unionAll(
      db
        .selectFrom('item_links as l')
        .innerJoin('public_items as p', 'p.item_id', 'l.from_item_id')
        .select([
          ...LINKED_COLUMNS,
          'l.from_item_id',
          'l.to_item_id',
          sql<string>`'in'`.as('direction'),
          'p.published_at',
        ])
        .where('l.to_item_id', 'in', itemIds),
    )
    .orderBy('published_at', 'desc')
    .execute();
  return rows.map((r) => ({
    fromItemId: r.from_item_id,
    toItemId: r.to_item_id,
    kind: r.kind,
    direction: r.direction === 'in' ? 'in' : 'out',
    other: {
      itemId: r.item_id,
      title: r.title,
      indexNumber: r.index_number,
      category: oneOf(ITEM_CATEGORIES, r.category) ?? 'other',
      publishedDate: r.published_date,
      interpretationForm: oneOf(INTERPRETATION_FORMS, r.interpretation_form),
    },
  }));
}

export async function listTopics(db: Db): Promise<PublicTopic[]> {
  const rows = await db
    .selectFrom('topics')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(rowToTopic);
}

export async function findTopicsByIds(db: Db, ids: readonly number[]): Promise<PublicTopic[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('topics').selectAll().where('id', 'in', ids).execute();
  return rows.map(rowToTopic);
}

export async function findDepartmentNames(db: Db, ids: readonly number[]): Promise<PublicDepartmentName[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('departments')
    .select(['id', 'full_name', 'short_name', 'credit_code'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    fullName: r.full_name,
    shortName: r.short_name,
    creditCode: r.credit_code,
  }));
}

/** Keyset iteration over the items in id order, `batchSize` rows per query (exports, sitemaps). */
export async function listPublicItemsAfterId(
  db: Db,
  filter: PublicItemFilter,
  afterId: number,
  batchSize: number,
): Promise<PublicItemSummary[]> {
  const rows = await applyFilter(db.selectFrom('public_items').select(SUMMARY_COLUMNS), filter)
    .where('item_id', '>', afterId)
    .orderBy('item_id')
    .limit(batchSize)
    .execute();
  return rows.map(rowToSummary);
}

/** The id of the item at `offset` in id order (where a sitemap page starts), if there is one. */
export async function publicItemIdAt(db: Db, offset: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('public_items')
    .select('item_id')
    .orderBy('item_id')
    .limit(1)
    .offset(offset)
    .executeTakeFirst();
  return row?.item_id;
}

/** The latest items of each category, with names (one query per category; the home page's columns). */
export async function listLatestByCategories(
  db: Db,
  categories: readonly ItemCategory[],
  perCategory: number,
): Promise<PublicListEntry[]> {
  const lists = await Promise.all(
    categories.map((category) => listPublicEntries(db, { category }, { limit: perCategory })),
  );
  return lists.flat();
}

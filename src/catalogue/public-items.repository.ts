// The catalogue's read side: read-only queries over public_items (the public projection) and what a
// public page shows beside an item (topics, departments, attachments, versions, links). Nothing here
// writes. Every list query is bounded: one query for the rows, one per kind of related data for the
// whole page (never one per row).
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../db/database.js';
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

/** One page of items, newest first (by publication instant, then id). */
/**
 * One page of items, newest first (by publication instant, then id). Two steps: the page's ids
 * from a browse index alone (however deep the offset, no wide row is read for skipped items),
 * then those rows by id.
 */
export async function listPublicItems(
  db: Db,
  filter: PublicItemFilter,
  page: { limit: number; offset?: number; after?: ListCursor },
): Promise<PublicItemSummary[]> {
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
  const ids = (
    await q
      .orderBy('published_at', 'desc')
      .orderBy('item_id', 'desc')
      .limit(page.limit)
      .offset(page.offset ?? 0)
      .execute()
  ).map((r) => r.item_id);
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('public_items')
    .select(SUMMARY_COLUMNS)
    .where('item_id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.item_id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [rowToSummary(row)] : [];
  });
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

/** An item with its department and topic (and the topic's parent) in one query. */
export async function findPublicItemWithNames(
  db: Db,
  itemId: number,
): Promise<
  | {
      item: PublicItem;
      department: PublicDepartmentName | undefined;
      topic: PublicTopic | undefined;
      parentTopic: PublicTopic | undefined;
    }
  | undefined
> {
  const row = await db
    .selectFrom('public_items as p')
    .leftJoin('departments as d', 'd.id', 'p.department_id')
    .leftJoin('topics as t', 't.id', 'p.topic_id')
    .leftJoin('topics as pt', 'pt.id', 't.parent_id')
    .selectAll('p')
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
    .where('p.item_id', '=', itemId)
    .executeTakeFirst();
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
  return { item: rowToItem(row), department, topic, parentTopic };
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

/** The latest items of each category (one query per category; the home page's columns). */
export async function listLatestByCategories(
  db: Db,
  categories: readonly ItemCategory[],
  perCategory: number,
): Promise<PublicItemSummary[]> {
  const lists = await Promise.all(
    categories.map((category) => listPublicItems(db, { category }, { limit: perCategory })),
  );
  return lists.flat();
}

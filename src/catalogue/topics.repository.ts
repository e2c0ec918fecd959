// 主题分类 queries.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { TopicRow } from './catalogue.table.js';
import type { Topic } from './topics.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function topicRowToTopic(r: TopicRow): Topic {
  return {
    id: r.id,
    parentId: r.parent_id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    isKeyArea: r.is_key_area === 1,
    sortOrder: r.sort_order,
    active: r.active === 1,
  };
}

export async function listTopics(db: Db, activeOnly: boolean): Promise<Topic[]> {
  let q = db.selectFrom('topics').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  return rows.map(topicRowToTopic);
}

export async function countTopics(db: Db): Promise<number> {
  const r = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findTopic(db: Db, id: number): Promise<Topic | undefined> {
  const row = await db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
  return row && topicRowToTopic(row);
}

export async function findTopicBySlug(db: Db, slug: string): Promise<Topic | undefined> {
  const row = await db.selectFrom('topics').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row && topicRowToTopic(row);
}

export async function findTopicByName(
  db: Db,
  name: string,
  parentId: number | null,
): Promise<Topic | undefined> {
  let q = db.selectFrom('topics').selectAll().where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  const row = await q.executeTakeFirst();
  return row && topicRowToTopic(row);
}

export interface TopicValues {
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  isKeyArea: boolean;
  sortOrder: number;
}

export async function insertTopic(trx: Db, v: TopicValues, at: string): Promise<number> {
  const row = await trx
    .insertInto('topics')
    .values({
      parent_id: v.parentId,
      name: v.name,
      slug: v.slug,
      description: v.description,
      is_key_area: v.isKeyArea ? 1 : 0,
      sort_order: v.sortOrder,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTopic(trx: Db, id: number, v: TopicValues, at: string): Promise<void> {
  await trx
    .updateTable('topics')
    .set({
      parent_id: v.parentId,
      name: v.name,
      slug: v.slug,
      description: v.description,
      is_key_area: v.isKeyArea ? 1 : 0,
      sort_order: v.sortOrder,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function setTopicActive(trx: Db, id: number, active: boolean, at: string): Promise<void> {
  await trx
    .updateTable('topics')
    .set({ active: active ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function setTopicSortOrder(trx: Db, id: number, sortOrder: number, at: string): Promise<void> {
  await trx
    .updateTable('topics')
    .set({ sort_order: sortOrder, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function countChildren(db: Db, id: number): Promise<number> {
  const r = await db
    .selectFrom('topics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

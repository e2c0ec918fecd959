// 政策解读 ↔ policy links between items.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { ItemLinkKind, ItemStatus } from './catalogue.types.js';
import { isItemStatus } from './items.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function insertLink(
  trx: Db,
  from: number,
  to: number,
  kind: ItemLinkKind,
  at: string,
): Promise<void> {
  await trx
    .insertInto('item_links')
    .values({ from_item_id: from, to_item_id: to, kind, created_at: at })
    .onConflict((oc) => oc.columns(['from_item_id', 'to_item_id', 'kind']).doNothing())
    .execute();
}

export async function deleteLink(trx: Db, from: number, to: number, kind: ItemLinkKind): Promise<number> {
  const r = await trx
    .deleteFrom('item_links')
    .where('from_item_id', '=', from)
    .where('to_item_id', '=', to)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export interface LinkedItem {
  id: number;
  departmentId: number;
  title: string;
  status: ItemStatus;
  category: string;
  currentVersion: number;
  withdrawn: boolean;
}

const LINKED_COLUMNS = [
  'items.id',
  'items.department_id',
  'items.title',
  'items.status',
  'items.category',
  'items.current_version',
  'items.withdrawn_at',
] as const;

function toLinked(r: {
  id: number;
  department_id: number;
  title: string;
  status: string;
  category: string;
  current_version: number;
  withdrawn_at: string | null;
}): LinkedItem {
  return {
    id: r.id,
    departmentId: r.department_id,
    title: r.title,
    status: isItemStatus(r.status) ? r.status : 'draft',
    category: r.category,
    currentVersion: r.current_version,
    withdrawn: r.withdrawn_at !== null,
  };
}

/** Items this item links to (e.g. the policies a 解读 interprets). */
export async function listLinkedTo(db: Db, fromId: number, kind: ItemLinkKind): Promise<LinkedItem[]> {
  const rows = await db
    .selectFrom('item_links')
    .innerJoin('items', 'items.id', 'item_links.to_item_id')
    .select(LINKED_COLUMNS)
    .where('item_links.from_item_id', '=', fromId)
    .where('item_links.kind', '=', kind)
    .orderBy('items.id')
    .execute();
  return rows.map(toLinked);
}

/** Items that link to this item (e.g. the 解读 of a policy). */
export async function listLinkedFrom(db: Db, toId: number, kind: ItemLinkKind): Promise<LinkedItem[]> {
  const rows = await db
    .selectFrom('item_links')
    .innerJoin('items', 'items.id', 'item_links.from_item_id')
    .select(LINKED_COLUMNS)
    .where('item_links.to_item_id', '=', toId)
    .where('item_links.kind', '=', kind)
    .orderBy('items.id')
    .execute();
  return rows.map(toLinked);
}

/** Policies of a department a 解读 may be linked to (newest first). */
export async function listPolicyCandidates(
  db: Db,
  departmentId: number,
): Promise<{ id: number; title: string }[]> {
  return db
    .selectFrom('items')
    .select(['id', 'title'])
    .where('department_id', '=', departmentId)
    .where('category', 'in', ['policy', 'normative'])
    .where('status', '!=', 'withdrawn')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

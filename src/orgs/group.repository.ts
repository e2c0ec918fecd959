// The leading group's tables: group_members, group_liaisons, group_texts.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { LiaisonValues, MemberValues, TextValues } from './group.validation.js';
import type { GroupLiaisonRow, GroupMemberRow, GroupTextRow } from './orgs.table.js';
import {
  GROUP_ROLES,
  isGroupRole,
  type GroupLiaison,
  type GroupMember,
  type GroupText,
} from './orgs.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function memberRowToMember(r: GroupMemberRow): GroupMember {
  return {
    id: r.id,
    role: isGroupRole(r.role) ? r.role : 'member',
    name: r.name,
    position: r.position,
    departmentId: r.department_id,
    unitName: r.unit_name,
    sortOrder: r.sort_order,
    active: r.active === 1,
  };
}

export function liaisonRowToLiaison(r: GroupLiaisonRow): GroupLiaison {
  return { id: r.id, departmentId: r.department_id, name: r.name, position: r.position, phone: r.phone };
}

export function textRowToText(r: GroupTextRow): GroupText {
  return { key: r.key, title: r.title, body: r.body, sortOrder: r.sort_order };
}

/** Members by role (组长, 副组长, 成员), then sort order, then creation. */
export async function listMembers(db: Db, filter: { activeOnly: boolean }): Promise<GroupMember[]> {
  let q = db.selectFrom('group_members').selectAll();
  if (filter.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('sort_order').orderBy('id').execute();
  const rank = (m: GroupMember) => GROUP_ROLES.indexOf(m.role);
  // Array.prototype.sort is stable, so sort order and id are kept within a role.
  return rows.map(memberRowToMember).sort((a, b) => rank(a) - rank(b));
}

export async function findMemberById(db: Db, id: number): Promise<GroupMember | undefined> {
  const row = await db.selectFrom('group_members').selectAll().where('id', '=', id).executeTakeFirst();
  return row && memberRowToMember(row);
}

export async function countMembers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('group_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the department is a member unit: some active member belongs to it. */
export async function isMemberUnit(db: Db, departmentId: number): Promise<boolean> {
  const row = await db
    .selectFrom('group_members')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

function memberToRow(v: MemberValues) {
  return {
    role: v.role,
    name: v.name,
    position: v.position,
    department_id: v.departmentId,
    unit_name: v.unitName,
    sort_order: v.sortOrder,
  };
}

export async function insertMember(
  trx: Transaction<Database>,
  v: MemberValues,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('group_members')
    .values({ ...memberToRow(v), active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMember(
  trx: Transaction<Database>,
  id: number,
  v: MemberValues,
  now: string,
): Promise<void> {
  await trx
    .updateTable('group_members')
    .set({ ...memberToRow(v), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setMemberActive(
  trx: Transaction<Database>,
  id: number,
  active: boolean,
  now: string,
): Promise<void> {
  await trx
    .updateTable('group_members')
    .set({ active: active ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function listLiaisons(db: Db): Promise<GroupLiaison[]> {
  const rows = await db
    .selectFrom('group_liaisons')
    .selectAll()
    .orderBy('department_id')
    .orderBy('id')
    .execute();
  return rows.map(liaisonRowToLiaison);
}

export async function findLiaisonById(db: Db, id: number): Promise<GroupLiaison | undefined> {
  const row = await db.selectFrom('group_liaisons').selectAll().where('id', '=', id).executeTakeFirst();
  return row && liaisonRowToLiaison(row);
}

function liaisonToRow(v: LiaisonValues) {
  return { department_id: v.departmentId, name: v.name, position: v.position, phone: v.phone };
}

export async function insertLiaison(
  trx: Transaction<Database>,
  v: LiaisonValues,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('group_liaisons')
    .values({ ...liaisonToRow(v), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateLiaison(
  trx: Transaction<Database>,
  id: number,
  v: LiaisonValues,
  now: string,
): Promise<void> {
  await trx
    .updateTable('group_liaisons')
    .set({ ...liaisonToRow(v), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteLiaison(trx: Transaction<Database>, id: number): Promise<void> {
  await trx.deleteFrom('group_liaisons').where('id', '=', id).execute();
}

export async function listTexts(db: Db): Promise<GroupText[]> {
  const rows = await db.selectFrom('group_texts').selectAll().orderBy('sort_order').orderBy('key').execute();
  return rows.map(textRowToText);
}

/** Inserts the section or replaces its title and body. */
export async function upsertText(
  trx: Transaction<Database>,
  key: string,
  v: TextValues & { sortOrder: number },
  now: string,
): Promise<void> {
  await trx
    .insertInto('group_texts')
    .values({ key, title: v.title, body: v.body, sort_order: v.sortOrder, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ title: v.title, body: v.body, updated_at: now }))
    .execute();
}

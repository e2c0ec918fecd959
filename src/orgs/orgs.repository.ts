import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DepartmentRow } from './orgs.table.js';
import { isDepartmentKind, type Department } from './orgs.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function departmentRowToDepartment(r: DepartmentRow): Department {
  return {
    id: r.id,
    fullName: r.full_name,
    shortName: r.short_name,
    kind: isDepartmentKind(r.kind) ? r.kind : 'other',
    creditCode: r.credit_code,
    parentId: r.parent_id,
    address: r.address,
    officeHours: r.office_hours,
    phone: r.phone,
    email: r.email,
    guideText: r.guide_text,
    functionsText: r.functions_text,
    sortOrder: r.sort_order,
    active: r.active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function findDepartmentById(db: Db, id: number): Promise<Department | undefined> {
  const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && departmentRowToDepartment(row);
}

export async function listDepartments(db: Db, filter: { activeOnly: boolean }): Promise<Department[]> {
  let q = db.selectFrom('departments').selectAll();
  if (filter.activeOnly) q = q.where('active', '=', 1);
  const rows = await q.orderBy('kind').orderBy('sort_order').orderBy('id').execute();
  return rows.map(departmentRowToDepartment);
}

export async function countDepartments(db: Db): Promise<number> {
  const row = await db
    .selectFrom('departments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findDepartmentByName(db: Db, fullName: string): Promise<Department | undefined> {
  const row = await db
    .selectFrom('departments')
    .selectAll()
    .where('full_name', '=', fullName)
    .executeTakeFirst();
  return row && departmentRowToDepartment(row);
}

export async function findDepartmentByCreditCode(db: Db, code: string): Promise<Department | undefined> {
  const row = await db
    .selectFrom('departments')
    .selectAll()
    .where('credit_code', '=', code)
    .executeTakeFirst();
  return row && departmentRowToDepartment(row);
}

export interface DepartmentValues {
  fullName: string;
  shortName: string;
  kind: string;
  creditCode: string;
  parentId: number | null;
  address: string;
  officeHours: string;
  phone: string;
  email: string;
  guideText: string;
  functionsText: string;
  sortOrder: number;
}

function toRow(v: DepartmentValues) {
  return {
    full_name: v.fullName,
    short_name: v.shortName,
    kind: v.kind,
    credit_code: v.creditCode,
    parent_id: v.parentId,
    address: v.address,
    office_hours: v.officeHours,
    phone: v.phone,
    email: v.email,
    guide_text: v.guideText,
    functions_text: v.functionsText,
    sort_order: v.sortOrder,
  };
}

export async function insertDepartment(
  trx: Transaction<Database>,
  v: DepartmentValues,
  now: string,
): Promise<number> {
  const row = await trx
    .insertInto('departments')
    .values({ ...toRow(v), active: 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDepartment(
  trx: Transaction<Database>,
  id: number,
  v: DepartmentValues,
  now: string,
): Promise<void> {
  await trx
    .updateTable('departments')
    .set({ ...toRow(v), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setDepartmentActive(
  trx: Transaction<Database>,
  id: number,
  active: boolean,
  now: string,
): Promise<void> {
  await trx
    .updateTable('departments')
    .set({ active: active ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

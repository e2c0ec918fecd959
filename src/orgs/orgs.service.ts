// Departments (机构) and the 政务公开领导小组: use-cases.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import { invalid, notFound, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { validateDepartmentInput } from './department.validation.js';
import { fieldChanges } from './field-changes.js';
import * as repo from './orgs.repository.js';
import type { DepartmentValues } from './orgs.repository.js';
import {
  DEPARTMENT_KINDS,
  DEPARTMENT_KIND_LABELS,
  type Department,
  type DepartmentInput,
  type DirectoryGroup,
} from './orgs.types.js';

/** Active departments grouped by kind, in the directory's order. */
export async function listDepartmentDirectory(db: Kysely<Database>): Promise<DirectoryGroup[]> {
  const all = await repo.listDepartments(db, { activeOnly: true });
  return DEPARTMENT_KINDS.map((kind) => ({
    kind,
    label: DEPARTMENT_KIND_LABELS[kind],
    departments: all.filter((d) => d.kind === kind),
  })).filter((g) => g.departments.length > 0);
}

export async function getDepartment(db: Kysely<Database>, id: number): Promise<Department> {
  const d = await repo.findDepartmentById(db, id);
  if (!d) throw notFound('机构不存在。', 'department_not_found');
  return d;
}

/** A department as the public sees it: unknown and deactivated ones are both "not found". */
export async function getPublicDepartment(db: Kysely<Database>, id: number): Promise<Department> {
  const d = await repo.findDepartmentById(db, id);
  if (!d || !d.active) throw notFound('机构不存在或已停用。', 'department_not_found');
  return d;
}

export async function activeDepartmentExists(db: Kysely<Database>, id: number): Promise<boolean> {
  const d = await repo.findDepartmentById(db, id);
  return Boolean(d?.active);
}

export function listAllDepartments(db: Kysely<Database>, activeOnly = false): Promise<Department[]> {
  return repo.listDepartments(db, { activeOnly });
}

async function checkUniqueness(
  db: Kysely<Database>,
  values: DepartmentValues,
  selfId: number | undefined,
  fields: FieldErrors,
): Promise<void> {
  if (!fields.fullName) {
    const same = await repo.findDepartmentByName(db, values.fullName);
    if (same && same.id !== selfId) fields.fullName = '已有同名机构';
  }
  if (!fields.creditCode) {
    const same = await repo.findDepartmentByCreditCode(db, values.creditCode);
    if (same && same.id !== selfId) fields.creditCode = `该统一社会信用代码已被“${same.fullName}”使用`;
  }
  if (values.parentId !== null && !fields.parentId) {
    const parent = await repo.findDepartmentById(db, values.parentId);
    if (!parent) fields.parentId = '上级机构不存在';
    else if (parent.id === selfId) fields.parentId = '上级机构不能是本机构';
    else if (selfId !== undefined && (await isAncestorOf(db, selfId, parent))) {
      fields.parentId = '上级机构不能是本机构的下级机构';
    }
  }
}

/** Whether `ancestorId` is found walking up from `start` (bounded, so a bad chain cannot loop). */
async function isAncestorOf(db: Kysely<Database>, ancestorId: number, start: Department): Promise<boolean> {
  let current: Department | undefined = start;
  for (let depth = 0; current && depth < 50; depth++) {
    if (current.parentId === null) return false;
    if (current.parentId === ancestorId) return true;
    current = await repo.findDepartmentById(db, current.parentId);
  }
  return false;
}

export async function createDepartment(
  db: Kysely<Database>,
  actor: AuditActor,
  input: DepartmentInput,
): Promise<Result<number>> {
  const { values, fields } = validateDepartmentInput(input);
  await checkUniqueness(db, values, undefined, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertDepartment(trx, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'department_created',
      entityType: 'department',
      entityId: id,
      departmentId: id,
      summary: { fullName: values.fullName, kind: values.kind, creditCode: values.creditCode },
    });
    return id;
  });
  return ok(id);
}

export async function updateDepartment(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  input: DepartmentInput,
): Promise<Result<true>> {
  const before = await getDepartment(db, id);
  const { values, fields } = validateDepartmentInput(input);
  await checkUniqueness(db, values, id, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const changed = fieldChanges(before, values);
  if (Object.keys(changed).length === 0) return ok(true);
  await db.transaction().execute(async (trx) => {
    await repo.updateDepartment(trx, id, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'department_updated',
      entityType: 'department',
      entityId: id,
      departmentId: id,
      summary: changed,
    });
  });
  return ok(true);
}

export async function setDepartmentActive(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  active: boolean,
): Promise<void> {
  const before = await getDepartment(db, id);
  if (before.active === active) return;
  await db.transaction().execute(async (trx) => {
    await repo.setDepartmentActive(trx, id, active, nowIso());
    await appendAudit(trx, actor, {
      action: active ? 'department_reactivated' : 'department_deactivated',
      entityType: 'department',
      entityId: id,
      departmentId: id,
      summary: { fullName: before.fullName },
    });
  });
}

export function countDepartments(db: Kysely<Database>): Promise<number> {
  return repo.countDepartments(db);
}

// Loading a whole set of departments and the leading group at once (the demo data set, or an
// installation's initial data): everything is validated first, then written in ONE transaction
// with an audit entry per row, so that either all of it is saved or nothing is.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { validateDepartmentInput } from './department.validation.js';
import * as groupRepo from './group.repository.js';
import {
  GROUP_TEXT_KEYS,
  type GroupLiaisonInput,
  type GroupMemberInput,
  type GroupTextKey,
} from './group.types.js';
import { validateLiaisonInput, validateMemberInput, validateTextInput } from './group.validation.js';
import * as repo from './orgs.repository.js';
import type { DepartmentValues } from './orgs.repository.js';
import type { DepartmentInput } from './orgs.types.js';

/** Members and 联络员 name their unit by the full name of a department in the same import. */
export interface OrgsImport {
  departments: readonly Omit<DepartmentInput, 'parentId'>[];
  members: readonly (Omit<GroupMemberInput, 'departmentId'> & { department?: string })[];
  liaisons: readonly (Omit<GroupLiaisonInput, 'departmentId'> & { department: string })[];
  texts: readonly { key: GroupTextKey; title: string; body: string }[];
}

export type ImportOutcome = { imported: true; departments: number; members: number } | { imported: false };

function collect(into: FieldErrors, prefix: string, fields: FieldErrors): void {
  for (const [k, v] of Object.entries(fields)) into[`${prefix}.${k}`] = v;
}

/**
 * Validates and saves the import. With `onlyIfEmpty`, does nothing (imported: false) when any
 * department exists, checked under a lock so that two processes starting at once load it once.
 */
export async function importOrgs(
  db: Kysely<Database>,
  actor: AuditActor,
  data: OrgsImport,
  opts: { onlyIfEmpty: boolean },
): Promise<Result<ImportOutcome>> {
  const errors: FieldErrors = {};
  const departments: DepartmentValues[] = [];
  const names = new Set<string>();
  const codes = new Set<string>();
  data.departments.forEach((input, i) => {
    const { values, fields } = validateDepartmentInput({ ...input, parentId: undefined });
    if (names.has(values.fullName)) fields.fullName = '导入数据中机构全称重复';
    if (codes.has(values.creditCode)) fields.creditCode = '导入数据中统一社会信用代码重复';
    names.add(values.fullName);
    codes.add(values.creditCode);
    collect(errors, `departments[${i}]`, fields);
    departments.push(values);
  });
  if (!opts.onlyIfEmpty) {
    for (const [i, values] of departments.entries()) {
      if (await repo.findDepartmentByName(db, values.fullName)) {
        errors[`departments[${i}].fullName`] = '已有同名机构';
      }
      if (await repo.findDepartmentByCreditCode(db, values.creditCode)) {
        errors[`departments[${i}].creditCode`] = '该统一社会信用代码已被使用';
      }
    }
  }
  const members = data.members.map((m, i) => {
    const { values, fields } = validateMemberInput({ ...m, departmentId: undefined });
    if (m.department !== undefined && !names.has(m.department)) fields.department = '所在单位不在导入数据中';
    collect(errors, `members[${i}]`, fields);
    return { values, department: m.department };
  });
  const liaisons = data.liaisons.map((l, i) => {
    const { values, fields } = validateLiaisonInput({ ...l, departmentId: 0 });
    if (!data.members.some((m) => m.department === l.department)) fields.department = '不是领导小组成员单位';
    collect(errors, `liaisons[${i}]`, fields);
    return { values, department: l.department };
  });
  const texts = data.texts.map((t, i) => {
    const { values, fields } = validateTextInput(t);
    collect(errors, `texts[${i}]`, fields);
    return { key: t.key, sortOrder: GROUP_TEXT_KEYS.indexOf(t.key), ...values };
  });
  if (Object.keys(errors).length > 0) return invalid(errors, '导入数据有误，未保存任何内容。');

  const outcome = await db.transaction().execute(async (trx): Promise<ImportOutcome> => {
    await lockResource(trx, 'orgs_import');
    if (opts.onlyIfEmpty && (await repo.countDepartments(trx)) > 0) return { imported: false };
    const now = nowIso();
    const ids = new Map<string, number>();
    for (const values of departments) {
      const id = await repo.insertDepartment(trx, values, now);
      ids.set(values.fullName, id);
      await appendAudit(trx, actor, {
        action: 'department_created',
        entityType: 'department',
        entityId: id,
        departmentId: id,
        summary: { fullName: values.fullName, kind: values.kind, creditCode: values.creditCode },
      });
    }
    for (const m of members) {
      const values = {
        ...m.values,
        departmentId: m.department === undefined ? null : (ids.get(m.department) ?? null),
      };
      const id = await groupRepo.insertMember(trx, values, now);
      await appendAudit(trx, actor, {
        action: 'group_member_created',
        entityType: 'group_member',
        entityId: id,
        departmentId: values.departmentId,
        summary: { ...values },
      });
    }
    for (const l of liaisons) {
      const departmentId = ids.get(l.department);
      if (departmentId === undefined) continue;
      const values = { ...l.values, departmentId };
      const id = await groupRepo.insertLiaison(trx, values, now);
      await appendAudit(trx, actor, {
        action: 'group_liaison_created',
        entityType: 'group_liaison',
        entityId: id,
        departmentId,
        summary: { ...values },
      });
    }
    for (const t of texts) {
      await groupRepo.upsertText(trx, t.key, t, now);
      await appendAudit(trx, actor, {
        action: 'group_text_updated',
        entityType: 'group_text',
        entityId: t.key,
        departmentId: null,
        summary: { title: t.title, bodyLength: t.body.length },
      });
    }
    return { imported: true, departments: departments.length, members: members.length };
  });
  return ok(outcome);
}

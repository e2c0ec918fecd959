// The 政务公开领导小组: members, 联络员 per member unit, and the group's texts. Every write runs
// in one transaction together with its audit entry.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { fieldChanges } from './field-changes.js';
import * as repo from './group.repository.js';
import {
  GROUP_TEXT_KEYS,
  GROUP_TEXT_TITLES,
  isGroupTextKey,
  type GroupLiaisonInput,
  type GroupLiaisonView,
  type GroupMemberInput,
  type GroupMemberView,
  type GroupTextInput,
  type LeadingGroup,
  type PublicLeadingGroup,
} from './group.types.js';
import {
  validateLiaisonInput,
  validateMemberInput,
  validateTextInput,
  type LiaisonValues,
  type MemberValues,
} from './group.validation.js';
import * as orgsRepo from './orgs.repository.js';
import type { Department, GroupLiaison, GroupMember, GroupText } from './orgs.types.js';

function memberView(m: GroupMember, byId: Map<number, Department>): GroupMemberView {
  const d = m.departmentId === null ? undefined : byId.get(m.departmentId);
  return {
    ...m,
    unitLabel: d ? d.shortName || d.fullName : m.unitName,
    departmentActive: Boolean(d?.active),
  };
}

/** Every section of the group's texts, in order; a section never saved has its default title. */
export async function listGroupTexts(db: Kysely<Database>): Promise<GroupText[]> {
  const stored = await repo.listTexts(db);
  return GROUP_TEXT_KEYS.map((key, i) => {
    const s = stored.find((t) => t.key === key);
    return { key, title: s?.title ?? GROUP_TEXT_TITLES[key], body: s?.body ?? '', sortOrder: i };
  });
}

/** The group for the console: every member (deactivated ones too), 联络员 and texts. */
export async function getLeadingGroup(
  db: Kysely<Database>,
  opts: { activeOnly: boolean },
): Promise<LeadingGroup> {
  const departments = await orgsRepo.listDepartments(db, { activeOnly: false });
  const byId = new Map(departments.map((d) => [d.id, d]));
  const members = (await repo.listMembers(db, opts)).map((m) => memberView(m, byId));
  const liaisons: GroupLiaisonView[] = (await repo.listLiaisons(db)).map((l) => ({
    ...l,
    departmentName: byId.get(l.departmentId)?.fullName ?? '',
  }));
  return { members, liaisons, texts: await listGroupTexts(db) };
}

/** The public page's data: active members and the texts; 联络员 are never loaded for it. */
export async function getPublicLeadingGroup(db: Kysely<Database>): Promise<PublicLeadingGroup> {
  const departments = await orgsRepo.listDepartments(db, { activeOnly: false });
  const byId = new Map(departments.map((d) => [d.id, d]));
  const members = (await repo.listMembers(db, { activeOnly: true })).map((m) => memberView(m, byId));
  return { members, texts: await listGroupTexts(db) };
}

export async function getGroupMember(db: Kysely<Database>, id: number): Promise<GroupMember> {
  const m = await repo.findMemberById(db, id);
  if (!m) throw notFound('领导小组成员不存在。', 'group_member_not_found');
  return m;
}

async function checkMemberUnit(
  db: Kysely<Database>,
  values: MemberValues,
  before: GroupMember | undefined,
  fields: FieldErrors,
): Promise<void> {
  if (values.departmentId === null || fields.departmentId) return;
  const d = await orgsRepo.findDepartmentById(db, values.departmentId);
  if (!d) fields.departmentId = '所在单位不存在';
  // A member may stay with a unit deactivated since; a new link must be to an active unit.
  else if (!d.active && before?.departmentId !== d.id) fields.departmentId = '所在单位已停用';
}

export async function createGroupMember(
  db: Kysely<Database>,
  actor: AuditActor,
  input: GroupMemberInput,
): Promise<Result<number>> {
  const { values, fields } = validateMemberInput(input);
  await checkMemberUnit(db, values, undefined, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertMember(trx, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'group_member_created',
      entityType: 'group_member',
      entityId: id,
      departmentId: values.departmentId,
      summary: { ...values },
    });
    return id;
  });
  return ok(id);
}

export async function updateGroupMember(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  input: GroupMemberInput,
): Promise<Result<true>> {
  const before = await getGroupMember(db, id);
  const { values, fields } = validateMemberInput(input);
  await checkMemberUnit(db, values, before, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const changed = fieldChanges(before, values);
  if (Object.keys(changed).length === 0) return ok(true);
  await db.transaction().execute(async (trx) => {
    await repo.updateMember(trx, id, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'group_member_updated',
      entityType: 'group_member',
      entityId: id,
      departmentId: values.departmentId,
      summary: changed,
    });
  });
  return ok(true);
}

export async function setGroupMemberActive(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  active: boolean,
): Promise<void> {
  const before = await getGroupMember(db, id);
  if (before.active === active) return;
  await db.transaction().execute(async (trx) => {
    await repo.setMemberActive(trx, id, active, nowIso());
    await appendAudit(trx, actor, {
      action: active ? 'group_member_reactivated' : 'group_member_deactivated',
      entityType: 'group_member',
      entityId: id,
      departmentId: before.departmentId,
      summary: { name: before.name, position: before.position },
    });
  });
}

export async function getLiaison(db: Kysely<Database>, id: number): Promise<GroupLiaison> {
  const l = await repo.findLiaisonById(db, id);
  if (!l) throw notFound('联络员不存在。', 'group_liaison_not_found');
  return l;
}

async function checkLiaisonUnit(
  db: Kysely<Database>,
  values: LiaisonValues,
  before: GroupLiaison | undefined,
  fields: FieldErrors,
): Promise<void> {
  if (fields.departmentId || before?.departmentId === values.departmentId) return;
  const d = await orgsRepo.findDepartmentById(db, values.departmentId);
  if (!d || !d.active) fields.departmentId = '成员单位不存在或已停用';
  // 联络员 are named by the member units (附件: 联络员由各成员单位相关科室主要负责人担任).
  else if (!(await repo.isMemberUnit(db, d.id))) {
    fields.departmentId = '该机构不是领导小组成员单位，请先添加该单位的领导小组成员';
  }
}

export async function createLiaison(
  db: Kysely<Database>,
  actor: AuditActor,
  input: GroupLiaisonInput,
): Promise<Result<number>> {
  const { values, fields } = validateLiaisonInput(input);
  await checkLiaisonUnit(db, values, undefined, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertLiaison(trx, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'group_liaison_created',
      entityType: 'group_liaison',
      entityId: id,
      departmentId: values.departmentId,
      summary: { ...values },
    });
    return id;
  });
  return ok(id);
}

export async function updateLiaison(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  input: GroupLiaisonInput,
): Promise<Result<true>> {
  const before = await getLiaison(db, id);
  const { values, fields } = validateLiaisonInput(input);
  await checkLiaisonUnit(db, values, before, fields);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const changed = fieldChanges(before, values);
  if (Object.keys(changed).length === 0) return ok(true);
  await db.transaction().execute(async (trx) => {
    await repo.updateLiaison(trx, id, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'group_liaison_updated',
      entityType: 'group_liaison',
      entityId: id,
      departmentId: values.departmentId,
      summary: changed,
    });
  });
  return ok(true);
}

export async function deleteLiaison(db: Kysely<Database>, actor: AuditActor, id: number): Promise<void> {
  const before = await getLiaison(db, id);
  await db.transaction().execute(async (trx) => {
    await repo.deleteLiaison(trx, id);
    await appendAudit(trx, actor, {
      action: 'group_liaison_deleted',
      entityType: 'group_liaison',
      entityId: id,
      departmentId: before.departmentId,
      summary: { name: before.name, position: before.position, phone: before.phone },
    });
  });
}

export async function getGroupText(db: Kysely<Database>, key: string): Promise<GroupText> {
  const text = isGroupTextKey(key) ? (await listGroupTexts(db)).find((t) => t.key === key) : undefined;
  if (!text) throw notFound('领导小组文字栏目不存在。', 'group_text_not_found');
  return text;
}

export async function updateGroupText(
  db: Kysely<Database>,
  actor: AuditActor,
  key: string,
  input: GroupTextInput,
): Promise<Result<true>> {
  const before = await getGroupText(db, key);
  const { values, fields } = validateTextInput(input);
  if (Object.keys(fields).length > 0) return invalid(fields);
  const changed = fieldChanges(before, values);
  if (Object.keys(changed).length === 0) return ok(true);
  await db.transaction().execute(async (trx) => {
    await repo.upsertText(trx, key, { ...values, sortOrder: before.sortOrder }, nowIso());
    await appendAudit(trx, actor, {
      action: 'group_text_updated',
      entityType: 'group_text',
      entityId: key,
      departmentId: null,
      summary: changed,
    });
  });
  return ok(true);
}

export function countGroupMembers(db: Kysely<Database>): Promise<number> {
  return repo.countMembers(db);
}

/** Active departments that are member units (some active member belongs to them). */
export async function listMemberUnits(db: Kysely<Database>): Promise<Department[]> {
  const departments = await orgsRepo.listDepartments(db, { activeOnly: true });
  const members = await repo.listMembers(db, { activeOnly: true });
  const ids = new Set(members.map((m) => m.departmentId));
  return departments.filter((d) => ids.has(d.id));
}

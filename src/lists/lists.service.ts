// Use-cases of the 清单 module: list types, editing and importing entries (every change a new
// version, audited), public reading with filters, versions and diffs, and feedback.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import { addWorkdays } from '../calendar/calendar.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, likePattern, lockResource } from '../db/dialect.js';
import { conflict, invalid, notFound, ok, type Result } from '../http/errors.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { BUILTIN_LIST_TYPES } from './lists.builtin.js';
import { parseDefinition } from './lists.definition.js';
import { diffSnapshots } from './lists.diff.js';
import { checkEntry, searchTextOf } from './lists.fields.js';
import { checkImport, type ImportCheck } from './lists.import.js';
import { checkTypeChange, isEmptyChange } from './lists.type-change.js';
import * as repo from './lists.repository.js';
import { readTable } from './lists.tabular.js';
import {
  FEEDBACK_DUE_WORKDAYS,
  type EntryValues,
  type ListEntry,
  type ListSummary,
  type ListType,
  type SnapshotEntry,
  type VersionDiff,
} from './lists.types.js';

export { listTypes } from './lists.repository.js';

/** Writes the built-in list types that are missing (idempotent; safe when two processes start). */
export async function ensureBuiltinListTypes(db: Kysely<Database>): Promise<void> {
  const existing = new Set((await repo.listTypes(db)).map((t) => t.slug));
  for (const b of BUILTIN_LIST_TYPES) {
    if (existing.has(b.slug)) continue;
    try {
      await repo.insertType(db, { ...b, builtin: true }, nowIso());
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
}

export async function getListType(db: Kysely<Database>, slug: string): Promise<ListType> {
  const t = await repo.findTypeBySlug(db, slug);
  if (!t) throw notFound('没有这种清单。');
  return t;
}

export interface ListTypeInput {
  slug: string;
  name: string;
  description: string;
  definition: string;
  keyField: string;
}

export async function createListType(
  db: Kysely<Database>,
  user: CurrentUser,
  input: ListTypeInput,
): Promise<Result<string>> {
  const fields: Record<string, string> = {};
  const slug = input.slug.trim();
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) fields.slug = '请用 2–40 位小写字母、数字或连字符，以字母开头';
  if (input.name.trim() === '' || input.name.trim().length > 60) fields.name = '请填写不超过 60 字的清单名称';
  const def = parseDefinition(input.definition);
  if (!def.ok) fields.definition = def.message;
  const keyField = input.keyField.trim() || (def.ok ? (def.fields.find((f) => f.required)?.key ?? '') : '');
  if (def.ok && !def.fields.some((f) => f.key === keyField && f.required))
    fields.keyField = '标识字段须是一个必填字段的键（用于在导入和版本比较中识别同一条目）';
  if (!fields.slug && (await repo.findTypeBySlug(db, slug))) fields.slug = '该代码已被其他清单类型使用';
  if (Object.keys(fields).length || !def.ok) return invalid(fields);
  await db.transaction().execute(async (trx) => {
    const id = await repo.insertType(
      trx,
      {
        slug,
        name: input.name.trim(),
        description: input.description.trim(),
        fields: def.fields,
        keyField,
        builtin: false,
      },
      nowIso(),
    );
    await appendAudit(trx, actorOf(user), {
      action: 'list_type.create',
      entityType: 'list_type',
      entityId: id,
      summary: { slug, name: input.name.trim(), fields: def.fields.length },
    });
  });
  return ok(slug);
}

export interface ListTypeEditInput {
  name: string;
  description: string;
  definition: string;
  reason: string;
}

/**
 * Changes a list type's name, description and fields (relabel, add, change allowed values …).
 * Every department's list of the type is locked, so no entry is written against the old fields
 * meanwhile; the change is refused, naming the field, when an existing entry would become invalid.
 */
export async function updateListType(
  db: Kysely<Database>,
  user: CurrentUser,
  slug: string,
  input: ListTypeEditInput,
): Promise<Result<string>> {
  const type = await getListType(db, slug);
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  if (name === '' || name.length > 60) fields.name = '请填写不超过 60 字的清单名称';
  const def = parseDefinition(input.definition);
  if (!def.ok) fields.definition = def.message;
  const reasonError = checkReason(input.reason);
  if (reasonError) fields.reason = reasonError;
  if (!def.ok || Object.keys(fields).length) return invalid(fields);
  return db.transaction().execute(async (trx) => {
    await lockResource(trx, `list_type:${type.id}`);
    for (const departmentId of await repo.departmentsWithListOfType(trx, type.id))
      await lockResource(trx, `list:${type.id}:${departmentId}`);
    const current = (await repo.findTypeById(trx, type.id)) ?? type;
    const check = checkTypeChange(current, def.fields, await repo.entriesOfType(trx, type.id));
    if (!check.ok) return invalid<string>({ definition: check.message });
    const description = input.description.trim();
    if (isEmptyChange(check.change) && name === current.name && description === current.description)
      return invalid<string>({ definition: '没有任何修改' });
    await repo.updateType(trx, type.id, { name, description, fields: def.fields }, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'list_type.update',
      entityType: 'list_type',
      entityId: type.id,
      summary: {
        slug,
        reason: input.reason.trim(),
        ...(name !== current.name ? { name: { from: current.name, to: name } } : {}),
        ...Object.fromEntries(Object.entries(check.change).filter(([, v]) => v.length > 0)),
      },
    });
    return ok(slug);
  });
}

export async function getList(db: Kysely<Database>, id: number): Promise<ListSummary> {
  const l = await repo.findListById(db, id);
  if (!l) throw notFound('没有这份清单。');
  return l;
}

/** The department's list of a type (undefined when nothing was ever saved). */
export function findDepartmentList(db: Kysely<Database>, typeId: number, departmentId: number) {
  return repo.findList(db, typeId, departmentId);
}

export const listDepartmentLists = (db: Kysely<Database>, departmentId: number) =>
  repo.listLists(db, { departmentId, publishedOnly: false });
export const listPublishedLists = (db: Kysely<Database>) => repo.listLists(db, { publishedOnly: true });
export const listEntries = (db: Kysely<Database>, listId: number) => repo.listEntries(db, listId);
export const listVersions = (db: Kysely<Database>, listId: number) => repo.listVersions(db, listId);

export async function getEntry(db: Kysely<Database>, listId: number, entryId: number): Promise<ListEntry> {
  const e = await repo.findEntry(db, listId, entryId);
  if (!e) throw notFound('没有这个条目。');
  return e;
}

/** Replaces a list's content with `next` as a new version; returns the version number. */
async function commitVersion(
  trx: Transaction<Database>,
  actor: AuditActor,
  type: ListType,
  departmentId: number,
  next: SnapshotEntry[],
  reason: string,
): Promise<{ listId: number; version: number; diff: VersionDiff }> {
  await lockResource(trx, `list:${type.id}:${departmentId}`);
  // An admin may have changed the type's fields since the entries were checked against them.
  const fresh = await repo.findTypeById(trx, type.id);
  if (fresh && JSON.stringify(fresh.fields) !== JSON.stringify(type.fields)) {
    const stale = next.find((e) => !checkEntry(fresh.fields, e.values).ok);
    if (stale)
      throw conflict(
        `清单类型“${fresh.name}”的字段刚被修改，条目“${stale.key}”不符合新的定义。请刷新后重试。`,
      );
  }
  const at = nowIso();
  const existing = await repo.findList(trx, type.id, departmentId);
  const listId = existing?.id ?? (await repo.insertList(trx, type.id, departmentId, at));
  const current = (await repo.listEntries(trx, listId)).map((e) => ({ key: e.key, values: e.values }));
  const diff = diffSnapshots(current, next);
  const version = (existing?.version ?? 0) + 1;
  await repo.writeEntries(
    trx,
    listId,
    next.map((e) => ({ ...e, searchText: searchTextOf(e.values) })),
    at,
  );
  await repo.insertVersion(
    trx,
    {
      listId,
      version,
      entries: next,
      added: diff.added.length,
      changed: diff.changed.length,
      removed: diff.removed.length,
      actorUserId: actor.userId,
      actorName: actor.name,
      reason,
    },
    at,
  );
  await appendAudit(trx, actor, {
    action: 'list.version',
    entityType: 'list',
    entityId: listId,
    departmentId,
    summary: {
      type: type.slug,
      version,
      reason,
      added: diff.added.length,
      changed: diff.changed.length,
      removed: diff.removed.length,
    },
  });
  return { listId, version, diff };
}

function checkReason(reason: string): string | undefined {
  const r = reason.trim();
  if (r === '') return '请说明本次修改的原因（公众可在版本记录中看到）';
  return r.length > 500 ? '修改原因不能超过 500 字' : undefined;
}

export interface EntryInput {
  /** The key of the entry being edited; undefined for a new entry. */
  originalKey: string | undefined;
  values: Record<string, string>;
  reason: string;
}

/** Adds or changes one entry of the user's department's list. */
export async function saveEntry(
  db: Kysely<Database>,
  user: CurrentUser,
  type: ListType,
  input: EntryInput,
): Promise<Result<{ listId: number; version: number }>> {
  const checked = checkEntry(type.fields, input.values);
  const errors: Record<string, string> = checked.ok ? {} : { ...checked.errors };
  const reasonError = checkReason(input.reason);
  if (reasonError) errors.reason = reasonError;
  if (!checked.ok || Object.keys(errors).length) return invalid(errors);
  const values: EntryValues = checked.values;
  const key = values[type.keyField] ?? '';
  return db.transaction().execute(async (trx) => {
    const list = await repo.findList(trx, type.id, user.departmentId);
    const current = list
      ? (await repo.listEntries(trx, list.id)).map((e) => ({ key: e.key, values: e.values }))
      : [];
    const clash = current.find((e) => e.key === key && e.key !== input.originalKey);
    if (clash) {
      const label = type.fields.find((f) => f.key === type.keyField)?.label ?? type.keyField;
      return invalid<{ listId: number; version: number }>({
        [type.keyField]: `已有${label}为“${key}”的条目`,
      });
    }
    const next =
      input.originalKey === undefined
        ? [...current, { key, values }]
        : current.map((e) => (e.key === input.originalKey ? { key, values } : e));
    const done = await commitVersion(trx, actorOf(user), type, user.departmentId, next, input.reason.trim());
    return ok({ listId: done.listId, version: done.version });
  });
}

export async function removeEntry(
  db: Kysely<Database>,
  user: CurrentUser,
  type: ListType,
  entryKey: string,
  reason: string,
): Promise<Result<{ listId: number }>> {
  const reasonError = checkReason(reason);
  if (reasonError) return invalid({ reason: reasonError });
  return db.transaction().execute(async (trx) => {
    const list = await repo.findList(trx, type.id, user.departmentId);
    if (!list) throw notFound('没有这份清单。');
    const current = (await repo.listEntries(trx, list.id)).map((e) => ({ key: e.key, values: e.values }));
    if (!current.some((e) => e.key === entryKey)) throw notFound('没有这个条目。');
    const done = await commitVersion(
      trx,
      actorOf(user),
      type,
      user.departmentId,
      current.filter((e) => e.key !== entryKey),
      reason.trim(),
    );
    return ok({ listId: done.listId });
  });
}

export const IMPORT_MODES = ['merge', 'replace'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_MODE_LABELS: Record<ImportMode, string> = {
  merge: '合并：新增表格中的条目，更新同一标识的条目，保留表格中没有的条目',
  replace: '替换：表格即完整清单，删除表格中没有的条目',
};

export interface ImportInput {
  bytes: Buffer;
  mode: ImportMode;
  /** The user chose to import the valid rows although some rows are bad. */
  validOnly: boolean;
  reason: string;
}

export type ImportOutcome =
  | { ok: true; check: ImportCheck; imported: number; version: number; listId: number; encoding: string }
  | { ok: false; check?: ImportCheck; message: string; fields?: Record<string, string> };

/** Imports a spreadsheet into the user's department's list: all rows in one version, or nothing. */
export async function importEntries(
  db: Kysely<Database>,
  user: CurrentUser,
  type: ListType,
  input: ImportInput,
): Promise<ImportOutcome> {
  const reasonError = checkReason(input.reason);
  if (reasonError) return { ok: false, message: reasonError, fields: { reason: reasonError } };
  const read = readTable(input.bytes);
  if (!read.ok) return { ok: false, message: read.message };
  const check = checkImport(type.fields, type.keyField, read.table);
  if (check.fatal) return { ok: false, check, message: '文件无法导入，未导入任何数据。' };
  if (check.badRows > 0 && !input.validOnly)
    return {
      ok: false,
      check,
      message: `有 ${check.badRows} 行数据有误，未导入任何数据。请修改后重新导入，或选择“只导入正确的行”。`,
    };
  if (check.valid.length === 0) return { ok: false, check, message: '没有可以导入的正确行。' };
  const encoding = read.format === 'xlsx' ? 'XLSX' : read.encoding === 'utf-8' ? 'UTF-8' : 'GBK/GB18030';
  return db.transaction().execute(async (trx) => {
    const list = await repo.findList(trx, type.id, user.departmentId);
    const current = list
      ? (await repo.listEntries(trx, list.id)).map((e) => ({ key: e.key, values: e.values }))
      : [];
    const incoming = new Map(check.valid.map((r) => [r.key, r.values]));
    const currentKeys = new Set(current.map((e) => e.key));
    const rows = check.valid.map((r) => ({ key: r.key, values: r.values }));
    const next =
      input.mode === 'replace'
        ? rows
        : [
            ...current.map((e) => ({ key: e.key, values: incoming.get(e.key) ?? e.values })),
            ...rows.filter((r) => !currentKeys.has(r.key)),
          ];
    const done = await commitVersion(trx, actorOf(user), type, user.departmentId, next, input.reason.trim());
    return {
      ok: true,
      check,
      imported: check.valid.length,
      version: done.version,
      listId: done.listId,
      encoding,
    };
  });
}

export interface EntryQuery {
  q: string;
  filters: Record<string, string>;
  sort: string;
  desc: boolean;
}

/** The current entries of a list matching the query, sorted (filtering and sorting in memory: lists are small). */
export async function queryEntries(
  db: Kysely<Database>,
  list: ListSummary,
  type: ListType,
  query: EntryQuery,
): Promise<ListEntry[]> {
  const entries = await repo.listEntries(db, list.id);
  const needle = query.q.trim().normalize('NFKC').toLowerCase();
  const hits = needle ? await repo.searchEntryIds(db, list.id, likePattern(needle)) : undefined;
  const sortField = type.fields.find((f) => f.key === query.sort);
  const out = entries.filter(
    (e) =>
      (!hits || hits.has(e.id)) &&
      Object.entries(query.filters).every(([k, v]) => v === '' || e.values[k] === v),
  );
  if (sortField) {
    const cmp =
      sortField.type === 'number' || sortField.type === 'money'
        ? (a: string, b: string) => (Number(a) || 0) - (Number(b) || 0)
        : (a: string, b: string) => a.localeCompare(b, 'zh-Hans-CN');
    out.sort(
      (a, b) => cmp(a.values[sortField.key] ?? '', b.values[sortField.key] ?? '') * (query.desc ? -1 : 1),
    );
  }
  return out;
}

/** One hit of the site-wide search in the published lists. */
export interface EntrySearchHit {
  listId: number;
  entryId: number;
  /** The entry's key and, where the type has one, its name field's value. */
  label: string;
  listName: string;
  departmentName: string;
}

/** Site search (`/search`): entries of every published list containing the query's characters. */
export async function searchPublishedEntries(
  db: Kysely<Database>,
  q: string,
  limit: number,
): Promise<{ total: number; hits: EntrySearchHit[] }> {
  const needle = q.trim().normalize('NFKC').toLowerCase();
  if (!needle) return { total: 0, hits: [] };
  const r = await repo.searchPublishedEntries(db, likePattern(needle), limit);
  return {
    total: r.total,
    hits: r.hits.map((h) => {
      const nameKey = h.fields.find((f) => f.key !== h.keyField && f.required)?.key;
      const name = nameKey ? h.entry.values[nameKey] : undefined;
      return {
        listId: h.list.id,
        entryId: h.entry.id,
        label: name ? `${h.entry.key}　${name}` : h.entry.key,
        listName: `${h.list.departmentName}${h.list.typeName}`,
        departmentName: h.list.departmentName,
      };
    }),
  };
}

export async function getSnapshot(
  db: Kysely<Database>,
  list: ListSummary,
  version: number | undefined,
): Promise<{ version: number; entries: SnapshotEntry[] }> {
  const v = version ?? list.version;
  const entries = v === 0 ? [] : await repo.findSnapshot(db, list.id, v);
  if (!entries) throw notFound('没有这个版本。');
  return { version: v, entries };
}

export async function diffVersions(
  db: Kysely<Database>,
  list: ListSummary,
  from: number,
  to: number,
): Promise<VersionDiff> {
  const [a, b] = await Promise.all([getSnapshot(db, list, from), getSnapshot(db, list, to)]);
  return diffSnapshots(a.entries, b.entries);
}

// ---- feedback

export interface FeedbackInput {
  entryKey: string | undefined;
  name: string;
  contact: string;
  message: string;
}

export async function submitFeedback(
  db: Kysely<Database>,
  list: ListSummary,
  input: FeedbackInput,
  today: string = shanghaiDate(),
): Promise<Result<{ id: number; dueDate: string }>> {
  const fields: Record<string, string> = {};
  if (input.name.trim().length > 50) fields.name = '姓名不能超过 50 字';
  const contact = input.contact.trim();
  if (contact === '') fields.contact = '请填写联系方式（电话或电子邮箱），以便答复';
  else if (contact.length > 100) fields.contact = '联系方式不能超过 100 字';
  const message = input.message.trim();
  if (message.length < 5) fields.message = '请填写意见建议（至少 5 个字）';
  else if (message.length > 2000) fields.message = '意见建议不能超过 2000 字';
  if (Object.keys(fields).length) return invalid(fields);
  const dueDate = (await addWorkdays(db, today, FEEDBACK_DUE_WORKDAYS)).date;
  const id = await repo.insertFeedback(
    db,
    {
      listId: list.id,
      entryKey: input.entryKey ?? null,
      name: input.name.trim(),
      contact,
      message,
      receivedDate: today,
      dueDate,
    },
    nowIso(),
  );
  return ok({ id, dueDate });
}

export const listDepartmentFeedback = (db: Kysely<Database>, departmentId: number) =>
  repo.listFeedbackOfDepartment(db, departmentId);
export const listPublicAnswers = (db: Kysely<Database>, listId: number, entryKey?: string) =>
  repo.publicAnswers(db, listId, entryKey);

export async function answerFeedback(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  input: { answer: string; publish: boolean },
): Promise<Result<null>> {
  const f = await repo.findFeedback(db, id);
  const list = f && (await repo.findListById(db, f.listId));
  if (!f || !list || list.departmentId !== user.departmentId) throw notFound('没有这条意见。');
  const answer = input.answer.trim();
  if (answer.length < 2) return invalid({ answer: '请填写答复内容' });
  if (answer.length > 5000) return invalid({ answer: '答复不能超过 5000 字' });
  await db.transaction().execute(async (trx) => {
    await repo.answerFeedback(
      trx,
      id,
      { answer, answerPublic: input.publish, answeredBy: user.displayName },
      nowIso(),
    );
    await appendAudit(trx, actorOf(user), {
      action: 'list_feedback.answer',
      entityType: 'list_feedback',
      entityId: id,
      summary: { listId: list.id, publish: input.publish },
    });
  });
  return ok(null);
}

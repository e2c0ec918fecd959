// Catalogue items, the write side: drafts, submission and review (五公开 into 办文).
// Publication, scheduling, revision and withdrawal are in items.publish.ts.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { getDepartment } from '../orgs/orgs.service.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { ITEM_STATUS_LABELS } from './catalogue.types.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { loadReadableItem, loadWritableItem } from './items.access.js';
import { publicationDueDate, workdayCalendar } from './items.deadlines.js';
import * as repo from './items.repository.js';
import { EDITABLE_STATUSES, ITEM_INPUT_LABELS, canMove, type Item, type ItemInput } from './items.types.js';
import { validateItemInput, type ValidItem } from './items.validation.js';
import { maskPersonalData } from './pii.js';
import { listTopics } from './topics.service.js';

export { loadReadableItem as getItemForUser };

export const EMPTY_ITEM_INPUT: ItemInput = {
  title: '',
  summary: '',
  docNumber: '',
  issuer: '',
  signedDate: '',
  topicId: '',
  category: '',
  disclosure: 'proactive',
  disclosureGround: '',
  disclosureReason: '',
  scope: '',
  validity: '',
  body: '',
  needsInterpretation: false,
  interpretationExemptReason: '',
  interpretationForm: '',
  changeNote: '',
};

/** The form's values for an existing item. */
export function itemToInput(item: Item): ItemInput {
  return {
    title: item.title,
    summary: item.summary,
    docNumber: item.docNumber,
    issuer: item.issuer,
    signedDate: item.signedDate ?? '',
    topicId: item.topicId === null ? '' : String(item.topicId),
    category: item.category,
    disclosure: item.disclosure,
    disclosureGround: item.disclosureGround ?? '',
    disclosureReason: item.disclosureReason,
    scope: item.scope,
    validity: item.validity ?? '',
    body: item.body,
    needsInterpretation: item.needsInterpretation,
    interpretationExemptReason: item.interpretationExemptReason,
    interpretationForm: item.interpretationForm ?? '',
    changeNote: item.pendingChangeNote,
  };
}

async function validate(
  db: Kysely<Database>,
  input: ItemInput,
  isRevision: boolean,
): Promise<Result<ValidItem>> {
  const active = new Set((await listTopics(db, true)).map((t) => t.id));
  return validateItemInput(input, { isRevision, topicIsActive: (id) => active.has(id) });
}

function contentValues(v: ValidItem) {
  return {
    title: v.title,
    summary: v.summary,
    docNumber: v.docNumber,
    issuer: v.issuer,
    signedDate: v.signedDate,
    topicId: v.topicId,
    category: v.category,
    disclosure: v.disclosure,
    disclosureGround: v.disclosureGround,
    disclosureReason: v.disclosureReason,
    scope: v.scope,
    validity: v.validity,
    body: v.body,
    needsInterpretation: v.needsInterpretation,
    interpretationExemptReason: v.interpretationExemptReason,
    interpretationForm: v.interpretationForm,
  };
}

/** Creates a draft in the user's own department. */
export async function createDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  input: ItemInput,
): Promise<Result<number>> {
  const checked = await validate(db, input, false);
  if (!checked.ok) return checked;
  const v = checked.value;
  const department = await getDepartment(db, user.departmentId);
  const now = nowIso();
  const dueDate = await publicationDueDate(workdayCalendar(db), v.signedDate ?? shanghaiDate());
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertItem(trx, {
      ...contentValues(v),
      issuer: v.issuer || department.fullName,
      departmentId: department.id,
      externalOrgId: null,
      indexNumber: null,
      status: 'draft',
      currentVersion: 0,
      pendingChangeNote: '',
      authorId: user.id,
      reviewerId: null,
      reviewComment: '',
      scheduledAt: null,
      firstPublishedAt: null,
      dueDate,
      publishedOnTime: null,
      withdrawnAt: null,
      withdrawReason: '',
      piiConfirmReason: '',
      sourceUrl: '',
      importKey: null,
      createdAt: now,
      updatedAt: now,
    });
    await appendAudit(trx, actorOf(user), {
      action: 'item_created',
      entityType: 'item',
      entityId: newId,
      summary: { title: v.title, category: v.category, docNumber: v.docNumber },
      departmentId: department.id,
    });
    return newId;
  });
  return ok(id);
}

/** Saves the working copy; editing an approved item sends it back to draft. */
export async function updateDraft(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  input: ItemInput,
): Promise<Result<true>> {
  const current = await loadReadableItem(db, user, id);
  const checked = await validate(db, input, current.currentVersion > 0);
  if (!checked.ok) return checked;
  const v = checked.value;
  const department = await getDepartment(db, current.departmentId);
  const dueDate =
    current.currentVersion === 0
      ? await publicationDueDate(workdayCalendar(db), v.signedDate ?? current.createdAt.slice(0, 10))
      : current.dueDate;
  return db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    if (!EDITABLE_STATUSES.includes(item.status))
      return invalid<true>({}, `当前状态（${statusLabel(item)}）不能修改，请先撤回或等待审核。`);
    const next = { ...contentValues(v), issuer: v.issuer || department.fullName };
    const changed: string[] = [];
    for (const key of Object.keys(ITEM_INPUT_LABELS)) {
      if (!isInputKey(key)) continue;
      const before = key === 'changeNote' ? item.pendingChangeNote : item[key];
      const after = key === 'changeNote' ? v.changeNote : next[key];
      if (before !== after) changed.push(ITEM_INPUT_LABELS[key]);
    }
    await repo.updateItem(trx, id, {
      ...next,
      pendingChangeNote: v.changeNote,
      dueDate,
      status: item.status === 'approved' ? 'draft' : item.status,
      reviewerId: item.status === 'approved' ? null : item.reviewerId,
      // A confirmation that the body may contain personal data covers only the body it saw.
      piiConfirmReason: next.body === item.body ? item.piiConfirmReason : '',
      updatedAt: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'item_updated',
      entityType: 'item',
      entityId: id,
      summary: {
        title: next.title,
        changed,
        ...(item.status === 'approved' ? { unapproved: true } : {}),
      },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

function isInputKey(key: string): key is keyof ItemInput {
  return key in ITEM_INPUT_LABELS;
}

export function statusLabel(item: Item): string {
  return ITEM_STATUS_LABELS[item.status];
}

/** Sends a draft (or a returned item) to review. */
export async function submitItem(db: Kysely<Database>, user: CurrentUser, id: number): Promise<Result<true>> {
  return db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    if (!canMove(item.status, 'submitted'))
      return invalid<true>({}, `当前状态（${statusLabel(item)}）不能提交审核。`);
    const fields: FieldErrors = {};
    if (!item.body.trim() && (await repo.countAttachments(trx, id)) === 0)
      fields.body = '请填写正文或上传附件后再提交审核';
    if (item.currentVersion > 0 && !item.pendingChangeNote.trim())
      fields.changeNote = '修订已发布的信息须填写修订说明';
    if (Object.keys(fields).length) return invalid<true>(fields);
    await repo.updateItem(trx, id, { status: 'submitted', reviewComment: '', updatedAt: nowIso() });
    await appendAudit(trx, actorOf(user), {
      action: 'item_submitted',
      entityType: 'item',
      entityId: id,
      summary: { title: item.title, version: item.currentVersion + 1 },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

export const FOUR_EYES_MESSAGE = '审核人不能审核自己撰写的信息（四眼原则），请由本机构其他审核员审核。';

/** A reviewer's decision: approve, or return with a comment. Never on one's own draft. */
export async function reviewItem(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  decision: { approve: boolean; comment: string },
): Promise<Result<true>> {
  const comment = decision.comment.trim();
  if (!decision.approve && !comment) return invalid({ comment: '退回时须填写退回意见，说明需要修改的内容' });
  if ([...comment].length > 1000) return invalid({ comment: '审核意见不能超过 1000 个字' });
  return db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    if (item.status !== 'submitted') return invalid<true>({}, `当前状态（${statusLabel(item)}）不能审核。`);
    if (item.authorId === user.id) return invalid<true>({}, FOUR_EYES_MESSAGE);
    await repo.updateItem(trx, id, {
      status: decision.approve ? 'approved' : 'returned',
      reviewerId: user.id,
      reviewComment: comment,
      updatedAt: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: decision.approve ? 'item_approved' : 'item_returned',
      entityType: 'item',
      entityId: id,
      summary: { title: item.title, comment },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

export function listDepartmentItems(
  db: Kysely<Database>,
  filter: repo.ItemListFilter,
  page: { limit: number; offset: number },
) {
  return repo.listItems(db, filter, page);
}

export function listItemVersions(db: Kysely<Database>, itemId: number) {
  return repo.listVersions(db, itemId);
}

/**
 * Masks the 居民身份证 and mobile numbers in the title, summary and body (身份证: keep 6 + 4
 * characters; 手机: keep 3 + 4). Like any edit, it takes an approved item back to draft.
 */
export async function maskItemPersonalData(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx): Promise<Result<true>> => {
    const item = await loadWritableItem(trx, user, id);
    if (!EDITABLE_STATUSES.includes(item.status))
      return invalid({}, `当前状态（${statusLabel(item)}）不能修改。`);
    const masked = {
      title: maskPersonalData(item.title),
      summary: maskPersonalData(item.summary),
      body: maskPersonalData(item.body),
    };
    if (masked.title === item.title && masked.summary === item.summary && masked.body === item.body)
      return invalid(
        {},
        '名称、内容概述和正文中没有发现身份证号码或手机号码。附件中的个人信息须在附件中处理后重新上传。',
      );
    await repo.updateItem(trx, id, {
      ...masked,
      status: item.status === 'approved' ? 'draft' : item.status,
      reviewerId: item.status === 'approved' ? null : item.reviewerId,
      updatedAt: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'item_pii_masked',
      entityType: 'item',
      entityId: id,
      summary: { title: masked.title, ...(item.status === 'approved' ? { unapproved: true } : {}) },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

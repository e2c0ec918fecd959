// Department settings of the reply letter and the Art. 44 conversion of a request into a
// 主动公开 draft of the catalogue.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { createDraft, EMPTY_ITEM_INPUT } from '../catalogue/items.service.js';
import type { Database } from '../db/database.js';
import { invalid, ok, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { loadForHandling } from './requests.actions.js';
import { DEFAULT_REVIEW_BODY } from './requests.letters.js';
import * as repo from './requests.repository.js';

/** Sets the 行政复议机关 named in the department's reply letters. */
export async function setReviewBody(
  db: Kysely<Database>,
  user: CurrentUser,
  reviewBody: string,
): Promise<Result<true>> {
  const value = reviewBody.trim();
  if (!value) return invalid({ reviewBody: '请填写行政复议机关的名称' });
  if (value.length > 100) return invalid({ reviewBody: '不能超过 100 个字符' });
  await db.transaction().execute(async (trx) => {
    await repo.putReviewBody(trx, user.departmentId, value, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'request_settings_updated',
      entityType: 'department',
      entityId: user.departmentId,
      summary: { reviewBody: value },
    });
  });
  return ok(true);
}

export async function getReviewBody(db: Kysely<Database>, departmentId: number): Promise<string> {
  return (await repo.findReviewBody(db, departmentId)) ?? DEFAULT_REVIEW_BODY;
}

/**
 * Art. 44: several applicants asked for the same information → open a 主动公开 draft in the
 * catalogue, pre-filled from the request, and link it. The draft is made through the catalogue's
 * service (its own transaction), then linked and audited here.
 */
export async function convertToProactive(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<Result<number>> {
  const row = await loadForHandling(db, user, id);
  if (row.catalogue_item_id !== null) return invalid({ convert: '已为本申请创建过主动公开草稿' });
  const title = (row.info_title || row.info_description).slice(0, 200).trim();
  const created = await createDraft(db, user, {
    ...EMPTY_ITEM_INPUT,
    title: title.length >= 4 ? title : `${title}（依申请转主动公开）`,
    summary: `根据《政府信息公开条例》第四十四条，多个申请人申请公开相同政府信息，转为主动公开（来源：申请 ${row.number}）。`,
    docNumber: row.info_doc_number,
    category: 'other',
    disclosure: 'proactive',
  });
  if (!created.ok) return invalid(created.fields, '无法创建主动公开草稿，请在公开目录中手工创建。');
  await db.transaction().execute(async (trx) => {
    await repo.updateRequest(trx, id, { catalogue_item_id: created.value, updated_at: nowIso() });
    await appendAudit(trx, actorOf(user), {
      action: 'request_converted_to_proactive',
      entityType: 'request',
      entityId: id,
      departmentId: row.department_id,
      summary: { number: row.number, itemId: created.value },
    });
  });
  return ok(created.value);
}

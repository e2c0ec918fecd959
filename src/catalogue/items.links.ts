// 政策解读 ↔ policy links: a 解读 (category interpretation) interprets one or more 政策文件 /
// 规范性文件; both pages link to each other (the portal reads item_links).
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { invalid, ok, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { loadWritableItem } from './items.access.js';
import * as linksRepo from './item-links.repository.js';
import * as repo from './items.repository.js';
import { POLICY_CATEGORIES } from './items.types.js';

export type { LinkedItem } from './item-links.repository.js';

/** Links a 解读 to the policy it explains (the policy: own department, or already public). */
export async function linkInterpretation(
  db: Kysely<Database>,
  user: CurrentUser,
  interpretationId: number,
  policyId: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx) => {
    const interpretation = await loadWritableItem(trx, user, interpretationId);
    if (interpretation.category !== 'interpretation')
      return invalid<true>({ policyId: '只有信息类别为“政策解读”的信息可以关联所解读的政策' });
    if (interpretation.status === 'withdrawn') return invalid<true>({ policyId: '已撤销的信息不能再关联' });
    const policy = await repo.findItem(trx, policyId);
    const visible =
      policy !== undefined &&
      (policy.departmentId === user.departmentId || (await repo.isPublic(trx, policyId)));
    if (!policy || !visible) return invalid<true>({ policyId: '所选政策文件不存在' });
    if (!POLICY_CATEGORIES.includes(policy.category))
      return invalid<true>({ policyId: '只能关联信息类别为“政策文件”或“规范性文件”的信息' });
    await linksRepo.insertLink(trx, interpretationId, policyId, 'interprets', nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'item_linked',
      entityType: 'item',
      entityId: interpretationId,
      summary: { kind: 'interprets', interpretation: interpretation.title, policyId, policy: policy.title },
      departmentId: interpretation.departmentId,
    });
    return ok(true);
  });
}

export async function unlinkInterpretation(
  db: Kysely<Database>,
  user: CurrentUser,
  interpretationId: number,
  policyId: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx) => {
    const interpretation = await loadWritableItem(trx, user, interpretationId);
    const removed = await linksRepo.deleteLink(trx, interpretationId, policyId, 'interprets');
    if (removed === 0) return invalid<true>({ policyId: '没有这一关联' });
    await appendAudit(trx, actorOf(user), {
      action: 'item_unlinked',
      entityType: 'item',
      entityId: interpretationId,
      summary: { kind: 'interprets', interpretation: interpretation.title, policyId },
      departmentId: interpretation.departmentId,
    });
    return ok(true);
  });
}

export function listInterpretedPolicies(db: Kysely<Database>, interpretationId: number) {
  return linksRepo.listLinkedTo(db, interpretationId, 'interprets');
}

export function listInterpretationsOf(db: Kysely<Database>, policyId: number) {
  return linksRepo.listLinkedFrom(db, policyId, 'interprets');
}

export function listPolicyCandidates(db: Kysely<Database>, departmentId: number) {
  return linksRepo.listPolicyCandidates(db, departmentId);
}

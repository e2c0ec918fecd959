// Appending to and verifying the audit trail.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { getSetting, putSetting } from '../db/settings.repository.js';
import { nowIso } from '../shared/clock.js';
import { auditHash } from './audit.hash.js';
import * as repo from './audit.repository.js';
import {
  GENESIS_HASH,
  type AuditActor,
  type AuditEntry,
  type AuditEntryInput,
  type AuditFilter,
  type AuditVerifyResult,
} from './audit.types.js';

const HEAD_SETTING = 'audit_head';

/** Appends one entry; must run inside the transaction that makes the change it records. */
export async function appendAudit(
  trx: Transaction<Database>,
  actor: AuditActor,
  input: AuditEntryInput,
): Promise<void> {
  await lockResource(trx, 'audit_log');
  const last = await repo.findLastEntry(trx);
  const entry: Omit<AuditEntry, 'id' | 'hash'> = {
    at: nowIso(),
    actorUserId: actor.userId,
    actorName: actor.name,
    departmentId: input.departmentId === undefined ? actor.departmentId : input.departmentId,
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    summary: JSON.stringify(input.summary),
    prevHash: last ? last.hash : GENESIS_HASH,
  };
  const id = await repo.insertEntry(trx, entry);
  const hash = auditHash({ ...entry, id });
  await repo.setEntryHash(trx, id, hash);
  // The head of the chain, kept apart from the log, so that deleting its newest entries shows too.
  await putSetting(trx, HEAD_SETTING, `${id}:${hash}`, entry.at);
}

function checkHead(
  head: string | undefined,
  lastId: number,
  lastHash: string,
  count: number,
): AuditVerifyResult {
  if (head === undefined) return { ok: true, entries: count };
  const [headId, headHash] = head.split(':');
  if (Number(headId) === lastId && headHash === lastHash) return { ok: true, entries: count };
  return {
    ok: false,
    entries: count,
    brokenAt: Number(headId),
    reason: `审计日志的最新记录应为第 ${String(headId)} 条，实际最后一条为第 ${lastId} 条（末尾的记录被删除或修改）`,
  };
}

/** Walks the whole chain; reports the first entry whose hash or link does not hold. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const page = await repo.listEntriesAfter(db, afterId, 1000);
    if (page.length === 0) return checkHead(await getSetting(db, HEAD_SETTING), afterId, prevHash, count);
    for (const e of page) {
      count++;
      if (e.prevHash !== prevHash) {
        return {
          ok: false,
          entries: count,
          brokenAt: e.id,
          reason: `第 ${e.id} 条记录的前序哈希与上一条不符（上一条被修改或删除）`,
        };
      }
      if (auditHash(e) !== e.hash) {
        return {
          ok: false,
          entries: count,
          brokenAt: e.id,
          reason: `第 ${e.id} 条记录的内容与其哈希不符（记录被修改）`,
        };
      }
      prevHash = e.hash;
      afterId = e.id;
    }
  }
}

export function searchAudit(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
) {
  return repo.searchEntries(db, filter, page);
}

export function listAuditEntityTypes(db: Kysely<Database>) {
  return repo.listEntityTypes(db);
}

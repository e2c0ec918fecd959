import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditRow } from './audit.table.js';
import type { AuditEntry, AuditFilter } from './audit.types.js';

export function auditRowToEntry(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    actorName: r.actor_name,
    departmentId: r.department_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    summary: r.summary,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function findLastEntry(trx: Transaction<Database>): Promise<AuditEntry | undefined> {
  const row = await trx.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && auditRowToEntry(row);
}

export async function insertEntry(
  trx: Transaction<Database>,
  e: Omit<AuditEntry, 'id' | 'hash'>,
): Promise<number> {
  const row = await trx
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_user_id: e.actorUserId,
      actor_name: e.actorName,
      department_id: e.departmentId,
      action: e.action,
      entity_type: e.entityType,
      entity_id: e.entityId,
      summary: e.summary,
      prev_hash: e.prevHash,
      hash: 'pending',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setEntryHash(trx: Transaction<Database>, id: number, hash: string): Promise<void> {
  await trx.updateTable('audit_log').set({ hash }).where('id', '=', id).execute();
}

/** Entries in id order, in pages, for verification. */
export async function listEntriesAfter(
  db: Kysely<Database>,
  afterId: number,
  limit: number,
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
  return rows.map(auditRowToEntry);
}

export async function searchEntries(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { limit: number; offset: number },
): Promise<{ entries: AuditEntry[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.actorUserId !== undefined) q = q.where('actor_user_id', '=', filter.actorUserId);
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.from) q = q.where('at', '>=', filter.from);
  if (filter.to) q = q.where('at', '<', filter.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { entries: rows.map(auditRowToEntry), total: Number(count.n) };
}

export async function listEntityTypes(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_type')
    .distinct()
    .orderBy('entity_type')
    .execute();
  return rows.map((r) => r.entity_type);
}

// The hash of one audit entry: SHA-256 over its content and the previous entry's hash.
import { createHash } from 'node:crypto';

export interface HashedContent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string;
  departmentId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  prevHash: string;
}

export function auditHash(e: HashedContent): string {
  const canonical = JSON.stringify([
    e.id,
    e.at,
    e.actorUserId,
    e.actorName,
    e.departmentId,
    e.action,
    e.entityType,
    e.entityId,
    e.summary,
    e.prevHash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

// The audit trail: every staff write appends an entry; entries are chained by SHA-256.

export interface AuditActor {
  userId: number | null;
  /** Shown name, e.g. "张三（admin）" or "系统" for the CLI and scheduler. */
  name: string;
  departmentId: number | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, name: '系统', departmentId: null };

export interface AuditEntryInput {
  action: string;
  entityType: string;
  entityId: string | number;
  /** What changed: a small JSON-able object (field → value, or {before, after}). */
  summary: Record<string, unknown>;
  /** Department the change concerns (defaults to the actor's). */
  departmentId?: number | null;
}

export interface AuditEntry {
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
  hash: string;
}

export interface AuditFilter {
  departmentId?: number | undefined;
  actorUserId?: number | undefined;
  entityType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type AuditVerifyResult =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);

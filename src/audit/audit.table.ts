import type { Generated, Selectable } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  department_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  prev_hash: string;
  hash: string;
}

export type AuditRow = Selectable<AuditLogTable>;

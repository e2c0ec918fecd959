// Kysely table interfaces of the 清单 (lists) domain.
import type { Generated } from 'kysely';

/** A list type: a schema of typed fields (JSON), built in or added by an admin. */
export interface ListTypesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  /** JSON array of ListField. */
  fields_json: string;
  /** The field whose value identifies an entry across versions and imports. */
  key_field: string;
  builtin: number;
  created_at: string;
  updated_at: string;
}

/** One department's list of one type; `version` is the current version number (0: never published). */
export interface ListsTable {
  id: Generated<number>;
  list_type_id: number;
  department_id: number;
  version: number;
  entry_count: number;
  created_at: string;
  updated_at: string;
}

/** The current entries of a list. */
export interface ListEntriesTable {
  id: Generated<number>;
  list_id: number;
  /** Stable identity of the entry across versions (a serial per list). */
  entry_key: string;
  values_json: string;
  /** Lower-cased concatenation of the values, for search within the list. */
  search_text: string;
  created_at: string;
  updated_at: string;
}

/** A snapshot of the whole list at each change (who, when, why). */
export interface ListVersionsTable {
  id: Generated<number>;
  list_id: number;
  version: number;
  entries_json: string;
  entry_count: number;
  added: number;
  changed: number;
  removed: number;
  actor_user_id: number | null;
  actor_name: string;
  reason: string;
  created_at: string;
}

/** Public feedback on a list or one of its entries (反馈意见). */
export interface ListFeedbackTable {
  id: Generated<number>;
  list_id: number;
  entry_key: string | null;
  name: string;
  contact: string;
  message: string;
  received_date: string;
  due_date: string;
  status: string;
  answer: Generated<string>;
  answer_public: Generated<number>;
  answered_at: string | null;
  answered_by: Generated<string>;
  created_at: string;
}

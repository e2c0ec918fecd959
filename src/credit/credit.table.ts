// Kysely table interfaces of the 双公示 (credit) domain.
import type { ColumnType, Generated } from 'kysely';

/** A 行政许可 or 行政处罚 record: every standard field in fields_json, the searched ones as columns. */
export interface CreditRecordsTable {
  id: Generated<number>;
  kind: string;
  department_id: number;
  /** JSON object: XK_* / CF_* code → value, as entered (ID numbers unmasked; never sent to the public). */
  fields_json: string;
  party_name: string;
  party_category: string;
  credit_code: string;
  doc_number: string;
  category: string;
  decision_date: string;
  /** Penalties: minor / general / serious ('' for licences). */
  severity: string;
  /** Penalties: last day of the 公示期 (null: not shown at all, or licences without an end). */
  publish_until: string | null;
  published_date: string;
  /** 决定日期 + 7 working days. */
  due_date: string;
  late: number;
  status: string;
  status_reason: Generated<string>;
  status_date: string | null;
  /** The name folded for substring checks (credit.name.ts foldName). */
  name_folded: Generated<string>;
  /** PostgreSQL only: the name tokens (tsvector, GIN index); never selected. */
  name_tokens?: ColumnType<never, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

/** SQLite only: the name tokens of credit_records (rowid = credit_records.id); natural persons have none. */
export interface CreditNameFtsTable {
  rowid: number;
  tokens: string;
}

/** An upload running in the background: rows checked, then saved in one transaction. */
export interface CreditImportJobsTable {
  id: Generated<number>;
  department_id: number;
  kind: string;
  file_name: string;
  valid_only: Generated<number>;
  /** validating → importing → done, or failed (nothing saved). */
  status: string;
  total: Generated<number>;
  processed: Generated<number>;
  imported: Generated<number>;
  late: Generated<number>;
  bad_rows: Generated<number>;
  message: Generated<string>;
  problems_json: Generated<string>;
  created_by: string;
  created_at: string;
  updated_at: string;
}

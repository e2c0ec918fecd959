// Kysely table interfaces of the requests (依申请公开) domain.
import type { Generated } from 'kysely';

/** One application for government information. Applicant fields are personal data. */
export interface RequestsTable {
  id: Generated<number>;
  /** 申请编号, e.g. YSQ-2026-000123 (year of submission + serial). */
  number: string;
  year: number;
  serial: number;
  /** SHA-256 (hex) of the 查询码; the code itself is shown once and never stored. */
  tracking_hash: string;
  department_id: number;
  channel: string;
  applicant_category: string;
  applicant_name: string;
  id_type: string;
  id_number: string;
  phone: string;
  email: string;
  address: string;
  /** SHA-256 of the normalised 证件 (type + number): finds the same applicant's earlier requests. */
  applicant_key: string;
  info_title: string;
  info_doc_number: string;
  info_index_number: string;
  info_description: string;
  /** Normalised title / 文号 used to find requests for the same information. */
  info_key: string;
  form_wanted: string;
  delivery_wanted: string;
  suggest_proactive: number;
  status: string;
  submitted_at: string;
  /** Art. 31 receipt date (the clock's day 0); null until receipt is confirmed. */
  received_date: string | null;
  outcome: string | null;
  ground: string | null;
  reason: string;
  decided_date: string | null;
  reply_letter: string;
  reply_sent_date: string | null;
  reply_method: string | null;
  related_request_id: number | null;
  catalogue_item_id: number | null;
  /** Hash of the submitted form and the client, to answer an identical resubmission with the first. */
  submission_key: string | null;
  created_at: string;
  updated_at: string;
}

/** The clock, as events. */
export interface RequestEventsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  /** The legal date the event happened ('YYYY-MM-DD', Asia/Shanghai). */
  event_date: string;
  /** A deadline the event sets (补正 deadline, fee payment deadline). */
  due_date: string | null;
  /** Working days (extension). */
  days: number | null;
  /** Third party / other agency consulted; the extension's approver; delivery method. */
  party: string;
  body: string;
  actor_user_id: number | null;
  actor_name: string;
  created_at: string;
}

/** 行政复议 and 行政诉讼 that follow a request (table 四). */
export interface RequestReviewsTable {
  id: Generated<number>;
  request_id: number;
  kind: string;
  filed_date: string;
  result: string;
  /** Litigation only: 1 when 行政复议 came first. */
  after_reconsideration: number;
  note: string;
  created_at: string;
  updated_at: string;
}

/** Per-department settings of the reply letter. */
export interface RequestSettingsTable {
  department_id: number;
  /** The 行政复议机关 named in the remedy clause. */
  review_body: string;
  updated_at: string;
}

/** Files released with the reply (stored content-addressed by SHA-256). */
export interface RequestFilesTable {
  id: Generated<number>;
  request_id: number;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  created_at: string;
}

import type { Generated, Selectable } from 'kysely';

export interface TopicsTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  slug: string;
  description: string;
  is_key_area: number;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ExternalOrgsTable {
  id: Generated<number>;
  name: string;
  created_at: string;
}

/** The staff's working copy of an item and its workflow state. */
export interface ItemsTable {
  id: Generated<number>;
  department_id: number;
  external_org_id: number | null;
  index_number: string | null;
  title: string;
  summary: string;
  doc_number: string;
  issuer: string;
  signed_date: string | null;
  topic_id: number | null;
  category: string;
  disclosure: string;
  disclosure_ground: string | null;
  disclosure_reason: string;
  scope: string;
  validity: string | null;
  /**
   * The working copy's body; NULL = the current version's (item_versions.body), unchanged since
   * it was published (imported items start so). Read through items.repository.ts findItem.
   */
  body: string | null;
  needs_interpretation: number;
  interpretation_exempt_reason: string;
  interpretation_form: string | null;
  status: string;
  /** The published version the public sees; 0 = never published. */
  current_version: number;
  pending_change_note: string;
  author_id: number | null;
  reviewer_id: number | null;
  review_comment: string;
  scheduled_at: string | null;
  first_published_at: string | null;
  /** Art. 26: 成文日期 + 20 working days. */
  due_date: string | null;
  published_on_time: number | null;
  withdrawn_at: string | null;
  withdraw_reason: string;
  pii_confirm_reason: string;
  source_url: string;
  /** Set for imported items so that re-running an import changes nothing. */
  import_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface ItemVersionsTable {
  id: Generated<number>;
  item_id: number;
  version: number;
  title: string;
  summary: string;
  doc_number: string;
  body: string;
  validity: string | null;
  change_note: string;
  published_at: string;
  published_by: number | null;
}

/** Exactly the items the public may see, with the current version's content. */
export interface PublicItemsTable {
  item_id: number;
  index_number: string;
  department_id: number;
  issuer: string;
  title: string;
  summary: string;
  doc_number: string;
  signed_date: string | null;
  published_date: string;
  published_at: string;
  updated_at: string;
  year: number;
  topic_id: number | null;
  category: string;
  validity: string | null;
  scope: string;
  body_html: string;
  version: number;
  interpretation_form: string | null;
}

export interface ItemLinksTable {
  from_item_id: number;
  to_item_id: number;
  kind: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: Generated<number>;
  item_id: number;
  sha256: string;
  file_name: string;
  media_type: string;
  size: number;
  extracted_text: string;
  sort_order: number;
  created_at: string;
}

export interface IndexSerialsTable {
  department_id: number;
  year: number;
  last_serial: number;
}

export type TopicRow = Selectable<TopicsTable>;
export type ItemRow = Selectable<ItemsTable>;
export type ItemVersionRow = Selectable<ItemVersionsTable>;
export type PublicItemRow = Selectable<PublicItemsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;

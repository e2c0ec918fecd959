// Kysely table interfaces of the search index (migration 2026-11-29T2330_search).

/** One row per indexed public item. */
export interface SearchDocsTable {
  item_id: number;
  /** Days since 1900-01-01 of the publication date × 64 + a free slot: larger = newer. */
  sort_key: number;
  department_id: number;
  topic_id: number | null;
  category: string;
  year: number;
  published_date: string;
  /** Folded title (search.text.ts foldText), to verify that a title contains a term. */
  title_folded: string;
  /** Folded title, summary, 文号, 索引号, body text and attachments' text. */
  content_folded: string;
  indexed_at: string;
  /** search_meta.version when the row was written. */
  version: number;
}

/**
 * PostgreSQL only: each document's tokens as a tsvector, in two halves by a hash of the sort key
 * (search_tokens_0 and _1, each GIN-indexed; migration 2026-12-06T1600), queried at once.
 */
export interface SearchTokensTable {
  sort_key: number;
  tokens: string;
}

/** SQLite only: the FTS5 table (rowid = search_docs.sort_key). */
export interface SearchFtsTable {
  rowid: number;
  tokens: string;
}

/** One row (id = 1): the index's version, incremented by every write. */
export interface SearchMetaTable {
  id: number;
  version: number;
}

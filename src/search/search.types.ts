// The search domain's types: what the index stores, how a query matches, what a search returns.
import type { ItemCategory } from '../catalogue/catalogue.types.js';

/** Sort keys per publication day: key = days since 1900-01-01 × SLOTS_PER_DAY + slot. */
export const SLOTS_PER_DAY = 64;

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, string> = { relevance: '按相关度', date: '按日期' };

/** Folded texts every document must contain (checking candidates for terms the index finds approximately). */
export interface Verify {
  texts: readonly string[];
}

export interface IndexSource {
  itemId: number;
  indexNumber: string;
  departmentId: number;
  issuer: string;
  title: string;
  summary: string;
  docNumber: string;
  publishedDate: string;
  year: number;
  topicId: number | null;
  category: string;
  bodyHtml: string;
  attachmentTexts: string[];
}

export interface IndexRow {
  itemId: number;
  sortKey: number;
  departmentId: number;
  topicId: number | null;
  category: string;
  year: number;
  publishedDate: string;
  titleFolded: string;
  contentFolded: string;
  tokens: readonly string[];
  indexedAt: string;
  version: number;
}

export interface HitRow {
  itemId: number;
  indexNumber: string;
  departmentId: number;
  issuer: string;
  title: string;
  summary: string;
  docNumber: string;
  publishedDate: string;
  topicId: number | null;
  category: string;
  bodyHtml: string;
}

/** The filter values of an indexed document, by sort key (what facet counting reads). */
export interface DocAttributes {
  sortKey: number;
  itemId: number;
  departmentId: number;
  topicId: number | null;
  category: string;
  year: number;
  version: number;
}

/** A search as the public asks it (ids as given; the service checks nothing is out of range). */
export interface SearchQuery {
  q: string;
  department?: number | undefined;
  topic?: number | undefined;
  category?: ItemCategory | undefined;
  year?: number | undefined;
  sort: SearchSort;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  itemId: number;
  /** The title as published (plain text). */
  title: string;
  /** The title, HTML-escaped, with the query's terms in <mark>. */
  titleHtml: string;
  /** An extract around the terms, HTML-escaped, with the terms in <mark> ('' when none found). */
  snippetHtml: string;
  indexNumber: string;
  docNumber: string;
  departmentId: number;
  departmentName: string;
  publishedDate: string;
  category: ItemCategory;
  categoryLabel: string;
  /** Whether the title contains the query's terms (ranked above body matches). */
  titleMatch: boolean;
  /** Whether the query is this item's 文号 or 索引号. */
  numberMatch: boolean;
}

export interface FacetValue<K> {
  value: K;
  label: string;
  count: number;
}

export interface SearchFacets {
  departments: FacetValue<number>[];
  /** First-level topics; a parent counts its sub-topics' items. */
  topics: FacetValue<number>[];
  categories: FacetValue<ItemCategory>[];
  years: FacetValue<number>[];
}

export interface SearchResult {
  query: SearchQuery;
  /** The query's terms as matched (folded), for display. */
  terms: string[];
  hits: SearchHit[];
  total: number;
  /**
   * True when the total and the facet counts are not exact: with more than VERIFY_LIMIT candidates
   * they were counted from the index without checking each document for the exact characters (they
   * may include documents that have all of a term's character pairs but not the term); when the
   * time budget ran out, the unchecked candidates were counted at the share of the checked that
   * matched (an estimate, possibly low). Hits are always checked.
   */
  approximate: boolean;
  pageCount: number;
  facets: SearchFacets;
}

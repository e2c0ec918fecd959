// The catalogue as the public sees it: the domain types of the read side (public-items.repository.ts
// and public-items.service.ts).
import type { InterpretationForm, ItemCategory, Validity } from './catalogue.types.js';

/** An item as lists, feeds and exports show it (no body). */
export interface PublicItemSummary {
  itemId: number;
  indexNumber: string;
  departmentId: number;
  /** 发布机构 as recorded on the item (full name). */
  issuer: string;
  title: string;
  summary: string;
  docNumber: string;
  /** 成文日期, YYYY-MM-DD */
  signedDate: string | null;
  /** 发布日期, YYYY-MM-DD */
  publishedDate: string;
  publishedAt: string;
  updatedAt: string;
  year: number;
  topicId: number | null;
  category: ItemCategory;
  validity: Validity | null;
  version: number;
}

/** What a list shows for each item: the item with its department's and topic's names. */
export interface PublicListEntry extends PublicItemSummary {
  departmentName: string;
  topicName: string | null;
}

/** What a list table on a page shows for each item (a narrower read than PublicListEntry). */
export type PublicListRow = Pick<
  PublicListEntry,
  'itemId' | 'indexNumber' | 'title' | 'docNumber' | 'issuer' | 'publishedDate' | 'departmentName'
>;

/** An item as its own page shows it. `bodyHtml` is sanitised by the catalogue's write side. */
export interface PublicItem extends PublicItemSummary {
  scope: string;
  bodyHtml: string;
  interpretationForm: InterpretationForm | null;
}

export interface PublicTopic {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  isKeyArea: boolean;
  sortOrder: number;
}

export interface PublicDepartmentName {
  id: number;
  fullName: string;
  shortName: string;
  creditCode: string | null;
}

export interface PublicAttachment {
  id: number;
  itemId: number;
  fileName: string;
  mediaType: string;
  size: number;
}

export interface PublicVersion {
  version: number;
  title: string;
  changeNote: string;
  publishedAt: string;
}

export interface LinkedItem {
  itemId: number;
  title: string;
  indexNumber: string;
  category: ItemCategory;
  publishedDate: string;
  interpretationForm: InterpretationForm | null;
}

export interface WithdrawnNotice {
  itemId: number;
  indexNumber: string;
  title: string;
  withdrawnAt: string;
  reason: string;
}

export interface PublicItemFilter {
  departmentId?: number | undefined;
  /** The topic and its sub-topics. */
  topicIds?: readonly number[] | undefined;
  category?: ItemCategory | undefined;
  year?: number | undefined;
}

export interface ListCursor {
  publishedAt: string;
  itemId: number;
}

export interface FacetCount<K> {
  key: K;
  count: number;
}

export interface ItemLink {
  fromItemId: number;
  toItemId: number;
  kind: string;
  /** The other end of the link (a public item). */
  other: LinkedItem;
  /** 'out': the given item makes the link (a 解读's policy); 'in': a link made to it. */
  direction: 'out' | 'in';
}

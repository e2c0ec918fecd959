// Catalogue items as the write side sees them: the working copy, its workflow and its inputs.
import {
  DISCLOSURE_GROUNDS,
  DISCLOSURE_KINDS,
  INTERPRETATION_FORMS,
  ITEM_CATEGORIES,
  ITEM_STATUSES,
  VALIDITY_STATES,
  type DisclosureGround,
  type DisclosureKind,
  type InterpretationForm,
  type ItemCategory,
  type ItemStatus,
  type Validity,
} from './catalogue.types.js';

export interface Item {
  id: number;
  departmentId: number;
  externalOrgId: number | null;
  /** 索引号, allocated at first publication, never changed. */
  indexNumber: string | null;
  title: string;
  summary: string;
  docNumber: string;
  issuer: string;
  signedDate: string | null;
  topicId: number | null;
  category: ItemCategory;
  disclosure: DisclosureKind;
  disclosureGround: DisclosureGround | null;
  disclosureReason: string;
  scope: string;
  validity: Validity | null;
  body: string;
  needsInterpretation: boolean;
  interpretationExemptReason: string;
  interpretationForm: InterpretationForm | null;
  status: ItemStatus;
  /** The published version the public sees; 0 = never published. */
  currentVersion: number;
  pendingChangeNote: string;
  authorId: number | null;
  reviewerId: number | null;
  reviewComment: string;
  scheduledAt: string | null;
  firstPublishedAt: string | null;
  dueDate: string | null;
  publishedOnTime: boolean | null;
  withdrawnAt: string | null;
  withdrawReason: string;
  piiConfirmReason: string;
  sourceUrl: string;
  importKey: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ItemVersion {
  version: number;
  title: string;
  changeNote: string;
  publishedAt: string;
  publishedBy: number | null;
}

/** What staff type into the draft form (all strings, validated by items.validation.ts). */
export interface ItemInput {
  title: string;
  summary: string;
  docNumber: string;
  issuer: string;
  signedDate: string;
  topicId: string;
  category: string;
  disclosure: string;
  disclosureGround: string;
  disclosureReason: string;
  scope: string;
  validity: string;
  body: string;
  needsInterpretation: boolean;
  interpretationExemptReason: string;
  interpretationForm: string;
  /** Required when revising a published item: what changed (shown in the version history). */
  changeNote: string;
}

export const ITEM_INPUT_LABELS: Record<keyof ItemInput, string> = {
  title: '名称',
  summary: '内容概述',
  docNumber: '文号',
  issuer: '发布机构',
  signedDate: '成文日期',
  topicId: '主题分类',
  category: '信息类别',
  disclosure: '公开属性',
  disclosureGround: '不公开的法定依据',
  disclosureReason: '不公开的理由',
  scope: '公开范围',
  validity: '有效性',
  body: '正文',
  needsInterpretation: '需解读',
  interpretationExemptReason: '不解读的理由',
  interpretationForm: '解读形式',
  changeNote: '修订说明',
};

/** The workflow's allowed moves, checked only in the service. */
export const TRANSITIONS: Record<ItemStatus, readonly ItemStatus[]> = {
  draft: ['submitted'],
  returned: ['submitted'],
  submitted: ['approved', 'returned'],
  approved: ['published', 'scheduled', 'draft'],
  scheduled: ['published', 'approved'],
  published: ['draft', 'withdrawn'],
  withdrawn: [],
};

/** Statuses in which the working copy may be edited (editing an approved item un-approves it). */
export const EDITABLE_STATUSES: readonly ItemStatus[] = ['draft', 'returned', 'approved'];

export function canMove(from: ItemStatus, to: ItemStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

function member<T extends string>(tuple: readonly T[], value: string | null | undefined): value is T {
  return value !== null && value !== undefined && (tuple as readonly string[]).includes(value);
}

export const isItemCategory = (v: string | null | undefined): v is ItemCategory => member(ITEM_CATEGORIES, v);
export const isDisclosureKind = (v: string | null | undefined): v is DisclosureKind =>
  member(DISCLOSURE_KINDS, v);
export const isDisclosureGround = (v: string | null | undefined): v is DisclosureGround =>
  member(DISCLOSURE_GROUNDS, v);
export const isValidity = (v: string | null | undefined): v is Validity => member(VALIDITY_STATES, v);
export const isItemStatus = (v: string | null | undefined): v is ItemStatus => member(ITEM_STATUSES, v);
export const isInterpretationForm = (v: string | null | undefined): v is InterpretationForm =>
  member(INTERPRETATION_FORMS, v);

/** Categories whose items may be marked 需解读. */
export const POLICY_CATEGORIES: readonly ItemCategory[] = ['policy', 'normative'];

/** Limits. */
export const TITLE_MAX = 200;
export const TITLE_MIN = 4;
export const SUMMARY_MAX = 500;
export const DOC_NUMBER_MAX = 60;
export const REASON_MAX = 1000;
export const BODY_MAX = 2_000_000;
/** Art. 26: 主动公开 information within 20 working days of being formed. */
export const PUBLICATION_WORKDAYS = 20;
/** The console flags items due within this many working days. */
export const DUE_SOON_WORKDAYS = 3;

// Domain types of the 清单 module: list types are schemas of typed fields; lists hold entries.

export const FIELD_TYPES = [
  'text',
  'longtext',
  'enum',
  'date',
  'number',
  'money',
  'credit_code',
  'url',
  'documents',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: '文本',
  longtext: '长文本',
  enum: '枚举（限定取值）',
  date: '日期',
  number: '数字',
  money: '金额',
  credit_code: '统一社会信用代码',
  url: '网址',
  documents: '文件列表',
};

export function isFieldType(value: string): value is FieldType {
  return (FIELD_TYPES as readonly string[]).includes(value);
}

export interface ListField {
  /** Stable key (ASCII), used in JSON and the API. */
  key: string;
  /** Chinese label; also the spreadsheet column header. */
  label: string;
  type: FieldType;
  required: boolean;
  /** Allowed values of an enum field. */
  options?: readonly string[];
}

export interface ListType {
  id: number;
  slug: string;
  name: string;
  description: string;
  fields: ListField[];
  keyField: string;
  builtin: boolean;
}

export type EntryValues = Record<string, string>;

/** A list as the public and the console see it. */
export interface ListSummary {
  id: number;
  typeId: number;
  typeSlug: string;
  typeName: string;
  departmentId: number;
  departmentName: string;
  version: number;
  entryCount: number;
  updatedAt: string;
}

export interface ListEntry {
  id: number;
  key: string;
  values: EntryValues;
  updatedAt: string;
}

/** One entry inside a version snapshot. */
export interface SnapshotEntry {
  key: string;
  values: EntryValues;
}

export interface ListVersion {
  version: number;
  entryCount: number;
  added: number;
  changed: number;
  removed: number;
  actorName: string;
  reason: string;
  createdAt: string;
}

export interface VersionDiff {
  added: SnapshotEntry[];
  changed: { key: string; before: EntryValues; after: EntryValues; fields: string[] }[];
  removed: SnapshotEntry[];
}

export const FEEDBACK_STATUSES = ['open', 'answered'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = { open: '待答复', answered: '已答复' };

export interface Feedback {
  id: number;
  listId: number;
  entryKey: string | null;
  name: string;
  contact: string;
  message: string;
  receivedDate: string;
  dueDate: string;
  status: FeedbackStatus;
  answer: string;
  answerPublic: boolean;
  answeredAt: string | null;
  answeredBy: string;
}

/** Working days a department has to answer feedback (design §3: mailbox default). */
export const FEEDBACK_DUE_WORKDAYS = 10;

// Domain types of 双公示: 行政许可 and 行政处罚 records with the national "2.0" field codes.

export const CREDIT_KINDS = ['license', 'penalty'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];
export const CREDIT_KIND_LABELS: Record<CreditKind, string> = { license: '行政许可', penalty: '行政处罚' };

export function isCreditKind(v: string): v is CreditKind {
  return (CREDIT_KINDS as readonly string[]).includes(v);
}

export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = { minor: '轻微', general: '一般', serious: '严重' };

export const CREDIT_STATUSES = ['active', 'repaired', 'revoked'] as const;
export type CreditStatus = (typeof CREDIT_STATUSES)[number];
export const CREDIT_STATUS_LABELS: Record<CreditStatus, string> = {
  active: '公示中',
  repaired: '已信用修复',
  revoked: '已撤销',
};

export const PARTY_CATEGORIES = ['法人及非法人组织', '自然人', '个体工商户'] as const;
export const NATURAL_PERSON = '自然人';

export interface CreditRecord {
  id: number;
  kind: CreditKind;
  departmentId: number;
  departmentName: string;
  /** Every field by code, as entered (ID numbers unmasked: staff only). */
  fields: Record<string, string>;
  partyName: string;
  partyCategory: string;
  creditCode: string;
  docNumber: string;
  category: string;
  decisionDate: string;
  severity: Severity | '';
  publishUntil: string | null;
  publishedDate: string;
  dueDate: string;
  late: boolean;
  status: CreditStatus;
  statusReason: string;
  statusDate: string | null;
}

export interface CreditQuery {
  name?: string | undefined;
  code?: string | undefined;
  departmentId?: number | undefined;
  kind?: CreditKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Working days within which a decision is published (国办发〔2018〕118号). */
export const CREDIT_PUBLISH_WORKDAYS = 7;

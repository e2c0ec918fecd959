// The requests (依申请公开) domain: value tuples with their labels, and the domain types.

/** How the application arrived (Art. 31 fixes the receipt date per channel). */
export const CHANNELS = ['online', 'in_person', 'post', 'fax'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '网上申请',
  in_person: '当面提交',
  post: '邮寄',
  fax: '传真',
};

/** The applicant columns of table 三 (foi.md §2.4). */
export const APPLICANT_CATEGORIES = [
  'natural',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other_org',
] as const;
export type ApplicantCategory = (typeof APPLICANT_CATEGORIES)[number];
export const APPLICANT_CATEGORY_LABELS: Record<ApplicantCategory, string> = {
  natural: '自然人',
  commercial: '法人或其他组织：商业企业',
  research: '法人或其他组织：科研机构',
  public_interest: '法人或其他组织：社会公益组织',
  legal_services: '法人或其他组织：法律服务机构',
  other_org: '法人或其他组织：其他',
};

export const ID_TYPES = ['resident_id', 'passport', 'hk_macau', 'taiwan', 'credit_code', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident_id: '居民身份证',
  passport: '护照',
  hk_macau: '港澳居民来往内地通行证',
  taiwan: '台湾居民来往大陆通行证',
  credit_code: '统一社会信用代码',
  other: '其他证件',
};

export const FORMS_WANTED = ['paper', 'electronic', 'email', 'disc'] as const;
export type FormWanted = (typeof FORMS_WANTED)[number];
export const FORM_WANTED_LABELS: Record<FormWanted, string> = {
  paper: '纸质',
  electronic: '电子文档',
  email: '电子邮件',
  disc: '光盘',
};

export const DELIVERY_METHODS = ['post', 'email', 'pickup', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄',
  email: '电子邮件',
  pickup: '自行领取',
  online: '网上获取',
};

export const REQUEST_STATUSES = [
  'submitted',
  'received',
  'correction',
  'consultation',
  'fee',
  'decided',
  'closed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = {
  submitted: '已提交，待确认收到',
  received: '办理中',
  correction: '待申请人补正',
  consultation: '征求意见中',
  fee: '待缴纳信息处理费',
  decided: '已作出答复决定，待送达',
  closed: '已办结',
};
export const OPEN_STATUSES: readonly RequestStatus[] = [
  'submitted',
  'received',
  'correction',
  'consultation',
  'fee',
];

export const EVENT_KINDS = [
  'submitted',
  'receipt_confirmed',
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_notice_issued',
  'fee_paid',
  'decided',
  'reply_sent',
  'closed',
  'message_to_applicant',
  'message_from_applicant',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_LABELS: Record<EventKind, string> = {
  submitted: '提交申请',
  receipt_confirmed: '确认收到申请',
  correction_requested: '告知补正',
  correction_received: '收到补正',
  consultation_started: '征求意见',
  consultation_ended: '征求意见结束',
  extended: '延长答复期限',
  fee_notice_issued: '发出收费通知',
  fee_paid: '缴纳信息处理费',
  decided: '作出答复决定',
  reply_sent: '送达答复',
  closed: '办结',
  message_to_applicant: '致申请人',
  message_from_applicant: '申请人来信',
};

export const REVIEW_KINDS = ['reconsideration', 'litigation'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_KIND_LABELS: Record<ReviewKind, string> = {
  reconsideration: '行政复议',
  litigation: '行政诉讼',
};

export const REVIEW_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
};

export function isOneOf<T extends string>(tuple: readonly T[], value: string): value is T {
  return (tuple as readonly string[]).includes(value);
}

export interface RequestEvent {
  id: number;
  requestId: number;
  kind: EventKind;
  eventDate: string;
  dueDate: string | null;
  days: number | null;
  party: string;
  body: string;
  actorName: string;
  createdAt: string;
}

export interface RequestReview {
  id: number;
  requestId: number;
  kind: ReviewKind;
  filedDate: string;
  result: ReviewResult;
  afterReconsideration: boolean;
  note: string;
}

export interface Applicant {
  category: ApplicantCategory;
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

export interface InfoSought {
  title: string;
  docNumber: string;
  indexNumber: string;
  description: string;
}

export interface FoiRequest {
  id: number;
  number: string;
  departmentId: number;
  departmentName: string;
  channel: Channel;
  applicant: Applicant;
  applicantKey: string;
  info: InfoSought;
  infoKey: string;
  formWanted: FormWanted;
  deliveryWanted: DeliveryMethod;
  suggestProactive: boolean;
  status: RequestStatus;
  submittedAt: string;
  receivedDate: string | null;
  outcome: string | null;
  ground: string | null;
  reason: string;
  decidedDate: string | null;
  replyLetter: string;
  replySentDate: string | null;
  replyMethod: string | null;
  relatedRequestId: number | null;
  catalogueItemId: number | null;
}

/** What a list of open requests shows (no personal data beyond the applicant's category). */
export interface RequestSummary {
  id: number;
  number: string;
  departmentId: number;
  departmentName: string;
  channel: Channel;
  applicantCategory: ApplicantCategory;
  infoTitle: string;
  status: RequestStatus;
  receivedDate: string | null;
  submittedAt: string;
}

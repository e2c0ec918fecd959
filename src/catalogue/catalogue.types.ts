// 政府信息公开目录: the catalogue's vocabularies (design.md §4.1, §4.2).

/** 信息类别 */
export const ITEM_CATEGORIES = [
  'policy',
  'normative',
  'interpretation',
  'notice',
  'news',
  'plan',
  'statistics',
  'finance',
  'personnel',
  'other',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = {
  policy: '政策文件',
  normative: '规范性文件',
  interpretation: '政策解读',
  notice: '通知公告',
  news: '工作动态',
  plan: '规划计划',
  statistics: '统计数据',
  finance: '财政信息',
  personnel: '人事信息',
  other: '其他',
};

/** 公开属性: 主动公开 / 依申请公开 / 不予公开. Only 'proactive' items are ever public. */
export const DISCLOSURE_KINDS = ['proactive', 'on_request', 'exempt'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];
export const DISCLOSURE_LABELS: Record<DisclosureKind, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  exempt: '不予公开',
};

/** Legal grounds for not publishing proactively (条例 2019 Arts. 14–16). */
export const DISCLOSURE_GROUNDS = [
  'state_secret',
  'law_prohibits',
  'security_stability',
  'third_party_rights',
  'internal_affairs',
  'process_info',
  'enforcement_file',
] as const;
export type DisclosureGround = (typeof DISCLOSURE_GROUNDS)[number];
export const DISCLOSURE_GROUND_LABELS: Record<DisclosureGround, string> = {
  state_secret: '属于国家秘密（第十四条）',
  law_prohibits: '法律、行政法规禁止公开（第十四条）',
  security_stability: '危及“三安全一稳定”（第十四条）',
  third_party_rights: '涉及商业秘密、个人隐私等第三方合法权益（第十五条）',
  internal_affairs: '内部事务信息（第十六条第一款）',
  process_info: '过程性信息（第十六条第二款）',
  enforcement_file: '行政执法案卷信息（第十六条第二款）',
};

/** 有效性, for 规范性文件 */
export const VALIDITY_STATES = ['valid', 'expired', 'repealed'] as const;
export type Validity = (typeof VALIDITY_STATES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { valid: '有效', expired: '失效', repealed: '废止' };

/** The working copy's workflow (五公开 into 办文). */
export const ITEM_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'approved',
  'scheduled',
  'published',
  'withdrawn',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤销',
};

/** 解读形式 */
export const INTERPRETATION_FORMS = [
  'text',
  'graphic',
  'video',
  'qa',
  'interview',
  'press_conference',
] as const;
export type InterpretationForm = (typeof INTERPRETATION_FORMS)[number];
export const INTERPRETATION_FORM_LABELS: Record<InterpretationForm, string> = {
  text: '文字',
  graphic: '图解',
  video: '视频',
  qa: '问答',
  interview: '访谈',
  press_conference: '发布会',
};

/** Links between items: a 解读 interprets a policy; a document supersedes another. */
export const ITEM_LINK_KINDS = ['interprets', 'supersedes'] as const;
export type ItemLinkKind = (typeof ITEM_LINK_KINDS)[number];

// Leaf outcome codes of a closed request. Each maps to exactly one row of table 三 of the national
// annual-report template (国办公开办函〔2021〕30号; foi.md §2.4), with its legal basis.
import {
  DISCLOSURE_GROUNDS,
  DISCLOSURE_GROUND_LABELS,
  type DisclosureGround,
} from '../catalogue/catalogue.types.js';

/** The result rows of table 三 (三、本年度办理结果), in template order, without （七）总计. */
export const RESULT_ROWS = [
  'r1',
  'r2',
  'r3_1',
  'r3_2',
  'r3_3',
  'r3_4',
  'r3_5',
  'r3_6',
  'r3_7',
  'r3_8',
  'r4_1',
  'r4_2',
  'r4_3',
  'r5_1',
  'r5_2',
  'r5_3',
  'r5_4',
  'r5_5',
  'r6_1',
  'r6_2',
  'r6_3',
] as const;
export type ResultRow = (typeof RESULT_ROWS)[number];

/** The groups of result rows （一）…（六）. */
export const RESULT_GROUPS = ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'] as const;
export type ResultGroup = (typeof RESULT_GROUPS)[number];
export const RESULT_GROUP_LABELS: Record<ResultGroup, string> = {
  g1: '（一）予以公开',
  g2: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  g3: '（三）不予公开',
  g4: '（四）无法提供',
  g5: '（五）不予处理',
  g6: '（六）其他处理',
};

export const RESULT_ROW_GROUP: Record<ResultRow, ResultGroup> = {
  r1: 'g1',
  r2: 'g2',
  r3_1: 'g3',
  r3_2: 'g3',
  r3_3: 'g3',
  r3_4: 'g3',
  r3_5: 'g3',
  r3_6: 'g3',
  r3_7: 'g3',
  r3_8: 'g3',
  r4_1: 'g4',
  r4_2: 'g4',
  r4_3: 'g4',
  r5_1: 'g5',
  r5_2: 'g5',
  r5_3: 'g5',
  r5_4: 'g5',
  r5_5: 'g5',
  r6_1: 'g6',
  r6_2: 'g6',
  r6_3: 'g6',
};

/** The exact labels of the template (for （一）（二） the group label is the row). */
export const RESULT_ROW_LABELS: Record<ResultRow, string> = {
  r1: '（一）予以公开',
  r2: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  r3_1: '1.属于国家秘密',
  r3_2: '2.其他法律行政法规禁止公开',
  r3_3: '3.危及“三安全一稳定”',
  r3_4: '4.保护第三方合法权益',
  r3_5: '5.属于三类内部事务信息',
  r3_6: '6.属于四类过程性信息',
  r3_7: '7.属于行政执法案卷',
  r3_8: '8.属于行政查询事项',
  r4_1: '1.本机关不掌握相关政府信息',
  r4_2: '2.没有现成信息需要另行制作',
  r4_3: '3.补正后申请内容仍不明确',
  r5_1: '1.信访举报投诉类申请',
  r5_2: '2.重复申请',
  r5_3: '3.要求提供公开出版物',
  r5_4: '4.无正当理由大量反复申请',
  r5_5: '5.要求行政机关确认或重新出具已获取信息',
  r6_1: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  r6_2: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  r6_3: '3.其他',
};

/** Leaf outcome codes an officer records. Several may share a row (e.g. Art. 36(一) and (二)). */
export const OUTCOMES = [
  'already_public',
  'disclosed',
  'partial',
  'refused_state_secret',
  'refused_law_prohibits',
  'refused_security_stability',
  'refused_third_party',
  'refused_internal_affairs',
  'refused_process_info',
  'refused_enforcement_file',
  'refused_admin_query',
  'not_held',
  'not_this_agency',
  'needs_creation',
  'unclear_after_correction',
  'petition',
  'repeat',
  'publication',
  'excessive',
  'confirm_reissue',
  'no_correction',
  'fee_unpaid',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface OutcomeInfo {
  row: ResultRow;
  label: string;
  /** The legal basis (条例 2019 unless stated). */
  basis: string;
  /** The Art. 14–16 ground a refusal rests on (fixed by the code), when there is one. */
  ground?: DisclosureGround;
}

export const OUTCOME_INFO: Record<Outcome, OutcomeInfo> = {
  already_public: { row: 'r1', label: '已主动公开，告知获取方式和途径', basis: '第三十六条第（一）项' },
  disclosed: { row: 'r1', label: '予以公开，提供信息或告知获取方式', basis: '第三十六条第（二）项' },
  partial: { row: 'r2', label: '部分公开（区分处理）', basis: '第三十七条' },
  refused_state_secret: {
    row: 'r3_1',
    label: '不予公开：属于国家秘密',
    basis: '第十四条、第三十六条第（三）项',
    ground: 'state_secret',
  },
  refused_law_prohibits: {
    row: 'r3_2',
    label: '不予公开：其他法律行政法规禁止公开',
    basis: '第十四条、第三十六条第（三）项',
    ground: 'law_prohibits',
  },
  refused_security_stability: {
    row: 'r3_3',
    label: '不予公开：危及“三安全一稳定”',
    basis: '第十四条、第三十六条第（三）项',
    ground: 'security_stability',
  },
  refused_third_party: {
    row: 'r3_4',
    label: '不予公开：保护第三方合法权益',
    basis: '第十五条、第三十六条第（三）项',
    ground: 'third_party_rights',
  },
  refused_internal_affairs: {
    row: 'r3_5',
    label: '不予公开：属于三类内部事务信息',
    basis: '第十六条第一款、第三十六条第（三）项',
    ground: 'internal_affairs',
  },
  refused_process_info: {
    row: 'r3_6',
    label: '不予公开：属于四类过程性信息',
    basis: '第十六条第二款、第三十六条第（三）项',
    ground: 'process_info',
  },
  refused_enforcement_file: {
    row: 'r3_7',
    label: '不予公开：属于行政执法案卷',
    basis: '第十六条第二款、第三十六条第（三）项',
    ground: 'enforcement_file',
  },
  refused_admin_query: {
    row: 'r3_8',
    label: '不予公开：属于行政查询事项（工商、不动产登记资料等）',
    basis: '第三十六条第（七）项',
  },
  not_held: { row: 'r4_1', label: '无法提供：经检索没有所申请公开的信息', basis: '第三十六条第（四）项' },
  not_this_agency: { row: 'r4_1', label: '无法提供：不属于本机关负责公开', basis: '第三十六条第（五）项' },
  needs_creation: { row: 'r4_2', label: '无法提供：没有现成信息，需要另行制作', basis: '第三十八条' },
  unclear_after_correction: { row: 'r4_3', label: '无法提供：补正后申请内容仍不明确', basis: '第三十条' },
  petition: { row: 'r5_1', label: '不予处理：信访、举报、投诉类申请', basis: '第三十九条第一款' },
  repeat: { row: 'r5_2', label: '不予处理：重复申请', basis: '第三十六条第（六）项' },
  publication: { row: 'r5_3', label: '不予处理：要求提供公开出版物', basis: '第三十九条第二款' },
  excessive: { row: 'r5_4', label: '不予处理：无正当理由大量反复申请', basis: '第三十五条' },
  confirm_reissue: { row: 'r5_5', label: '不予处理：要求确认或重新出具已获取信息', basis: '（实践）' },
  no_correction: { row: 'r6_1', label: '其他处理：逾期不补正，视为放弃申请', basis: '第三十条' },
  fee_unpaid: {
    row: 'r6_2',
    label: '其他处理：逾期未缴纳信息处理费，视为放弃申请',
    basis: '《政府信息公开信息处理费管理办法》',
  },
  other: { row: 'r6_3', label: '其他处理：其他（如申请人撤回申请）', basis: '—' },
};

/** The Article 36 decision kinds (foi.md §1.3) and the outcome codes each may lead to. */
export const ARTICLE_36_KINDS: readonly { item: string; label: string; outcomes: readonly Outcome[] }[] = [
  { item: '（一）', label: '已经主动公开', outcomes: ['already_public'] },
  { item: '（二）', label: '可以公开', outcomes: ['disclosed'] },
  {
    item: '（三）',
    label: '不予公开',
    outcomes: [
      'refused_state_secret',
      'refused_law_prohibits',
      'refused_security_stability',
      'refused_third_party',
      'refused_internal_affairs',
      'refused_process_info',
      'refused_enforcement_file',
    ],
  },
  { item: '（四）', label: '没有所申请公开信息', outcomes: ['not_held'] },
  { item: '（五）', label: '不属于本行政机关负责公开', outcomes: ['not_this_agency'] },
  { item: '（六）', label: '重复申请', outcomes: ['repeat'] },
  { item: '（七）', label: '工商、不动产登记资料等特别规定', outcomes: ['refused_admin_query'] },
];

/** Outcomes that withhold information: they need a written reason and (partial) a ground. */
export function isRefusal(outcome: Outcome): boolean {
  const group = RESULT_ROW_GROUP[OUTCOME_INFO[outcome].row];
  return group === 'g2' || group === 'g3';
}

/** Outcomes that need a written reason in the decision (everything except plain disclosure). */
export function needsReason(outcome: Outcome): boolean {
  return outcome !== 'already_public' && outcome !== 'disclosed';
}

/** 复议前置 (行政复议法 2023 Art. 23①(四)): a 不予公开 decision (in whole or in part). */
export function reconsiderationFirst(outcome: Outcome): boolean {
  return isRefusal(outcome);
}

/** The ground of a decision: fixed by a refusal code, chosen for a partial disclosure. */
export function groundOf(outcome: Outcome, chosen: DisclosureGround | null): DisclosureGround | null {
  return OUTCOME_INFO[outcome].ground ?? (outcome === 'partial' ? chosen : null);
}

export { DISCLOSURE_GROUNDS, DISCLOSURE_GROUND_LABELS, type DisclosureGround };

// The XK_* and CF_* fields (reference cn-gov-norms §3.3) and their checks (pure). Headers of an
// import may be the codes or the Chinese names.
import { parseDate } from '../calendar/calendar.dates.js';
import { checkValue } from '../lists/lists.fields.js';
import type { ListField } from '../lists/lists.types.js';
import {
  NATURAL_PERSON,
  PARTY_CATEGORIES,
  SEVERITIES,
  SEVERITY_LABELS,
  type CreditKind,
  type Severity,
} from './credit.types.js';

/** A credit field: `key` is the national code (e.g. CF_WSH). */
export type CreditField = ListField & { idNumber?: boolean };

const text = (key: string, label: string, required = false): CreditField => ({
  key,
  label,
  type: 'text',
  required,
});
const long = (key: string, label: string, required = false): CreditField => ({
  key,
  label,
  type: 'longtext',
  required,
});
const date = (key: string, label: string, required = false): CreditField => ({
  key,
  label,
  type: 'date',
  required,
});
const money = (key: string, label: string): CreditField => ({ key, label, type: 'money', required: false });
const code = (key: string, label: string, required = false): CreditField => ({
  key,
  label,
  type: 'credit_code',
  required,
});
const id = (key: string, label: string): CreditField => ({
  key,
  label,
  type: 'text',
  required: false,
  idNumber: true,
});
const category = (key: string): CreditField => ({
  key,
  label: '行政相对人类别',
  type: 'enum',
  required: true,
  options: PARTY_CATEGORIES,
});

export const ID_CARD_TYPES = ['身份证', '居民身份证', '001'];

export const LICENSE_FIELDS: readonly CreditField[] = [
  text('XK_XDR_MC', '行政相对人名称', true),
  category('XK_XDR_LB'),
  code('XK_XDR_SHXYM', '统一社会信用代码'),
  text('XK_XDR_GSZC', '工商注册号'),
  text('XK_XDR_ZZJG', '组织机构代码'),
  text('XK_XDR_SWDJ', '税务登记号'),
  text('XK_XDR_SYDW', '事业单位证书号'),
  text('XK_XDR_SHZZ', '社会组织登记证号'),
  text('XK_FRDB', '法定代表人'),
  text('XK_FR_ZJLX', '法定代表人证件类型'),
  id('XK_FR_ZJHM', '法定代表人证件号码'),
  text('XK_XDR_ZJLX', '证件类型'),
  id('XK_XDR_ZJHM', '证件号码'),
  text('XK_XKWS', '行政许可决定文书名称', true),
  text('XK_WSH', '行政许可决定文书号', true),
  text('XK_XKLB', '许可类别', true),
  text('XK_XKZS', '许可证书名称'),
  text('XK_XKBH', '许可编号'),
  long('XK_NR', '许可内容', true),
  date('XK_JDRQ', '许可决定日期', true),
  date('XK_YXQZ', '有效期自', true),
  date('XK_YXQZI', '有效期至', true),
  text('XK_XKJG', '许可机关', true),
  code('XK_XKJGDM', '许可机关统一社会信用代码', true),
  text('XK_ZT', '当前状态'),
  text('XK_LYDW', '数据来源单位'),
  code('XK_LYDWDM', '数据来源单位统一社会信用代码'),
  long('BZ', '备注'),
];

export const PENALTY_CATEGORIES = [
  '警告',
  '通报批评',
  '罚款',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '其他',
];

export const PENALTY_FIELDS: readonly CreditField[] = [
  text('CF_WSH', '行政处罚决定书文号', true),
  text('CF_XDR_MC', '行政相对人名称', true),
  category('CF_XDR_LB'),
  code('CF_XDR_SHXYM', '统一社会信用代码'),
  text('CF_XDR_GSZC', '工商注册号'),
  text('CF_XDR_ZZJG', '组织机构代码'),
  text('CF_XDR_SWDJ', '税务登记号'),
  text('CF_XDR_SYDW', '事业单位证书号'),
  text('CF_XDR_SHZZ', '社会组织登记证号'),
  text('CF_FRDB', '法定代表人'),
  text('CF_FR_ZJLX', '法定代表人证件类型'),
  id('CF_FR_ZJHM', '法定代表人证件号码'),
  text('CF_XDR_ZJLX', '证件类型'),
  id('CF_XDR_ZJHM', '证件号码'),
  text('CF_WFXW', '违法行为类型', true),
  long('CF_SY', '违法事实', true),
  long('CF_YJ', '处罚依据', true),
  text('CF_CFLB', '处罚类别', true),
  long('CF_NR', '处罚内容', true),
  money('CF_NR_FK', '罚款金额（万元）'),
  money('CF_NR_WFFF', '没收违法所得、没收非法财物的金额（万元）'),
  text('CF_NR_ZKDX', '暂扣或吊销证照名称及编号'),
  date('CF_JDRQ', '处罚决定日期', true),
  date('CF_YXQ', '处罚有效期'),
  date('CF_GSJZQ', '公示截止期'),
  {
    key: 'CF_SXYZCD',
    label: '失信严重程度',
    type: 'enum',
    required: false,
    options: SEVERITIES.map((s) => SEVERITY_LABELS[s]),
  },
  text('CF_CFJG', '处罚机关', true),
  code('CF_CFJGDM', '处罚机关统一社会信用代码', true),
  text('CF_SJLY', '数据来源单位'),
  code('CF_SJLYDM', '数据来源单位统一社会信用代码'),
  long('BZ', '备注'),
];

export function fieldsOf(kind: CreditKind): readonly CreditField[] {
  return kind === 'license' ? LICENSE_FIELDS : PENALTY_FIELDS;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** 居民身份证 (GB 11643-1999): 18 characters, a real birth date, ISO 7064 MOD 11-2 check character. */
export function idCardProblem(raw: string): string | undefined {
  const n = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return '居民身份证号码应为 18 位（最后一位可为 X）';
  const birth = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (!parseDate(birth).ok) return '居民身份证号码中的出生日期不存在';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] === n[17] ? undefined : '居民身份证号码校验位不正确';
}

/** Adds calendar months to a date (the day clamped to the month's end), by UTC arithmetic. */
export function addMonths(date: string, months: number): string {
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 公示期 bounds in months from the decision (信用修复管理办法, in force 2026-04-01). */
export const PUBLICATION_MONTHS: Record<Exclude<Severity, 'minor'>, { min: number; max: number }> = {
  general: { min: 3, max: 12 },
  serious: { min: 12, max: 36 },
};

export function severityOf(label: string): Severity {
  return SEVERITIES.find((s) => SEVERITY_LABELS[s] === label) ?? 'general';
}

export interface CheckedRecord {
  fields: Record<string, string>;
  partyName: string;
  partyCategory: string;
  creditCode: string;
  docNumber: string;
  category: string;
  decisionDate: string;
  severity: Severity | '';
  /** Last day of the 公示期; null when never shown (轻微) or without end (licences). */
  publishUntil: string | null;
}

export type RecordCheck = { ok: true; record: CheckedRecord } | { ok: false; errors: Record<string, string> };

/** Checks one record: every field, then the rules across fields. Errors keyed by field code. */
export function checkRecord(
  kind: CreditKind,
  raw: Record<string, string | undefined>,
  today: string,
): RecordCheck {
  const defs = fieldsOf(kind);
  const fields: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const f of defs) {
    const r = checkValue(f, raw[f.key]);
    if (r.ok) fields[f.key] = r.value;
    else errors[f.key] = r.message;
  }
  const p = kind === 'license' ? 'XK' : 'CF';
  const get = (k: string) => fields[k] ?? '';
  const natural = get(`${p}_XDR_LB`) === NATURAL_PERSON;
  if (!errors[`${p}_XDR_LB`]) {
    if (natural && get(`${p}_XDR_ZJHM`) === '') errors[`${p}_XDR_ZJHM`] = '相对人为自然人时须填写证件号码';
    if (!natural && get(`${p}_XDR_SHXYM`) === '' && !errors[`${p}_XDR_SHXYM`])
      errors[`${p}_XDR_SHXYM`] = '相对人为法人、非法人组织或个体工商户时须填写统一社会信用代码';
  }
  for (const who of ['FR', 'XDR']) {
    const number = get(`${p}_${who}_ZJHM`);
    const type = get(`${p}_${who}_ZJLX`);
    if (number !== '' && (ID_CARD_TYPES.includes(type) || (type === '' && /^\d{17}[\dXx]$/.test(number)))) {
      const problem = idCardProblem(number);
      if (problem) errors[`${p}_${who}_ZJHM`] = problem;
    }
  }
  const decision = get(`${p}_JDRQ`);
  if (decision && decision > today) errors[`${p}_JDRQ`] = `决定日期不能晚于今天（${today}）`;
  let severity: Severity | '' = '';
  let publishUntil: string | null = null;
  if (kind === 'license') {
    const from = get('XK_YXQZ');
    const to = get('XK_YXQZI');
    if (from && to && from > to) errors.XK_YXQZI = '有效期至不能早于有效期自';
  } else {
    severity = severityOf(get('CF_SXYZCD'));
    const until = get('CF_GSJZQ');
    if (decision && get('CF_YXQ') && get('CF_YXQ') < decision)
      errors.CF_YXQ = '处罚有效期不能早于处罚决定日期';
    if (decision && severity !== 'minor') {
      const bounds = PUBLICATION_MONTHS[severity];
      const min = addMonths(decision, bounds.min);
      const max = addMonths(decision, bounds.max);
      if (until && (until < min || until > max))
        errors.CF_GSJZQ = `${SEVERITY_LABELS[severity]}失信信息的公示截止期应在 ${min} 至 ${max} 之间`;
      publishUntil = until || max;
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    record: {
      fields,
      partyName: get(`${p}_XDR_MC`),
      partyCategory: get(`${p}_XDR_LB`),
      creditCode: get(`${p}_XDR_SHXYM`),
      docNumber: get(kind === 'license' ? 'XK_WSH' : 'CF_WSH'),
      category: get(kind === 'license' ? 'XK_XKLB' : 'CF_CFLB'),
      decisionDate: decision,
      severity,
      publishUntil,
    },
  };
}

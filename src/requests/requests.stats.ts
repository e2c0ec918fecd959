// Tables 三 and 四 of the national annual-report template (国办公开办函〔2021〕30号; foi.md
// §2.4–§2.5) built from counted records, with the template's integrity checks, and their CSV.
import {
  OUTCOME_INFO,
  OUTCOMES,
  RESULT_GROUP_LABELS,
  RESULT_ROW_GROUP,
  RESULT_ROW_LABELS,
  RESULT_ROWS,
  type ResultRow,
} from './requests.outcomes.js';
import type { CategoryCount, OutcomeCount, ReviewCount } from './requests.repository.js';
import {
  APPLICANT_CATEGORIES,
  isOneOf,
  REVIEW_RESULTS,
  type ApplicantCategory,
  type ReviewResult,
} from './requests.types.js';

export const TABLE3_COLUMNS = [...APPLICANT_CATEGORIES, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];
export const TABLE3_COLUMN_LABELS: Record<Table3Column, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other_org: '其他',
  total: '总计',
};

export const TABLE3_ROWS = ['new', 'carried_in', ...RESULT_ROWS, 'total', 'carried_out'] as const;
export type Table3Row = (typeof TABLE3_ROWS)[number];
export const TABLE3_ROW_LABELS: Record<Table3Row, string> = {
  new: '一、本年新收政府信息公开申请数量',
  carried_in: '二、上年结转政府信息公开申请数量',
  ...RESULT_ROW_LABELS,
  total: '（七）总计',
  carried_out: '四、结转下年度继续办理',
};
export const TABLE3_CHECK_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export type Table3 = Record<Table3Row, Record<Table3Column, number>>;

export const TABLE4_COLUMNS = [
  ...REVIEW_RESULTS.map((r) => `reconsideration_${r}` as const),
  'reconsideration_total',
  ...REVIEW_RESULTS.map((r) => `direct_${r}` as const),
  'direct_total',
  ...REVIEW_RESULTS.map((r) => `after_${r}` as const),
  'after_total',
] as const;
export type Table4Column = (typeof TABLE4_COLUMNS)[number];
export type Table4 = Record<Table4Column, number>;
export const REVIEW_COLUMN_LABELS: Record<ReviewResult | 'total', string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
  pending: '尚未审结',
  total: '总计',
};

export const TABLE4_GROUPS = ['reconsideration', 'direct', 'after'] as const;
export const TABLE4_GROUP_LABELS: Record<(typeof TABLE4_GROUPS)[number], string> = {
  reconsideration: '行政复议',
  direct: '行政诉讼 未经复议直接起诉',
  after: '行政诉讼 复议后起诉',
};

function emptyRow(): Record<Table3Column, number> {
  return {
    natural: 0,
    commercial: 0,
    research: 0,
    public_interest: 0,
    legal_services: 0,
    other_org: 0,
    total: 0,
  };
}

function emptyTable3(): Table3 {
  const z = emptyRow;
  return {
    new: z(),
    carried_in: z(),
    r1: z(),
    r2: z(),
    r3_1: z(),
    r3_2: z(),
    r3_3: z(),
    r3_4: z(),
    r3_5: z(),
    r3_6: z(),
    r3_7: z(),
    r3_8: z(),
    r4_1: z(),
    r4_2: z(),
    r4_3: z(),
    r5_1: z(),
    r5_2: z(),
    r5_3: z(),
    r5_4: z(),
    r5_5: z(),
    r6_1: z(),
    r6_2: z(),
    r6_3: z(),
    total: z(),
    carried_out: z(),
  };
}

function emptyTable4(): Table4 {
  return {
    reconsideration_upheld: 0,
    reconsideration_corrected: 0,
    reconsideration_other: 0,
    reconsideration_pending: 0,
    reconsideration_total: 0,
    direct_upheld: 0,
    direct_corrected: 0,
    direct_other: 0,
    direct_pending: 0,
    direct_total: 0,
    after_upheld: 0,
    after_corrected: 0,
    after_other: 0,
    after_pending: 0,
    after_total: 0,
  };
}

function columnOf(category: string): ApplicantCategory {
  return isOneOf(APPLICANT_CATEGORIES, category) ? category : 'other_org';
}

function rowOfOutcome(outcome: string): ResultRow {
  return isOneOf(OUTCOMES, outcome) ? OUTCOME_INFO[outcome].row : 'r6_3';
}

/** The counted records of one year for one scope (one department, or every department). */
export interface YearCounts {
  received: readonly CategoryCount[];
  carriedIn: readonly CategoryCount[];
  decided: readonly OutcomeCount[];
  carriedOut: readonly CategoryCount[];
}

export function buildTable3(c: YearCounts, departmentId?: number): Table3 {
  const t = emptyTable3();
  const inScope = (x: { departmentId: number }) =>
    departmentId === undefined || x.departmentId === departmentId;
  const add = (row: Table3Row, category: string, n: number) => {
    t[row][columnOf(category)] += n;
    t[row].total += n;
  };
  for (const x of c.received.filter(inScope)) add('new', x.category, x.n);
  for (const x of c.carriedIn.filter(inScope)) add('carried_in', x.category, x.n);
  for (const x of c.carriedOut.filter(inScope)) add('carried_out', x.category, x.n);
  for (const x of c.decided.filter(inScope)) {
    add(rowOfOutcome(x.outcome), x.category, x.n);
    add('total', x.category, x.n);
  }
  return t;
}

export function buildTable4(counts: readonly ReviewCount[], departmentId?: number): Table4 {
  const t = emptyTable4();
  for (const x of counts) {
    if (departmentId !== undefined && x.departmentId !== departmentId) continue;
    if (!isOneOf(REVIEW_RESULTS, x.result)) continue;
    const prefix =
      x.kind === 'reconsideration' ? 'reconsideration' : x.afterReconsideration ? 'after' : 'direct';
    t[`${prefix}_${x.result}`] += x.n;
    t[`${prefix}_total`] += x.n;
  }
  return t;
}

export interface IntegrityCheck {
  label: string;
  ok: boolean;
  detail: string;
}

/** The template's checks on table 三 (and the cross-year check against last year's table). */
export function checkTable3(t: Table3, lastYear: Table3 | undefined, year: number): IntegrityCheck[] {
  const checks: IntegrityCheck[] = [];
  for (const col of TABLE3_COLUMNS) {
    const left = t.new[col] + t.carried_in[col];
    const right = t.total[col] + t.carried_out[col];
    checks.push({
      label: `${TABLE3_COLUMN_LABELS[col]}：一 + 二 = （七）总计 + 四`,
      ok: left === right,
      detail: `${t.new[col]} + ${t.carried_in[col]} = ${left}；${t.total[col]} + ${t.carried_out[col]} = ${right}`,
    });
  }
  for (const col of TABLE3_COLUMNS) {
    const sum = RESULT_ROWS.reduce((n, r) => n + t[r][col], 0);
    checks.push({
      label: `${TABLE3_COLUMN_LABELS[col]}：（七）总计 = （一）至（六）之和`,
      ok: sum === t.total[col],
      detail: `${sum} / ${t.total[col]}`,
    });
  }
  const badTotals = TABLE3_ROWS.filter(
    (r) => APPLICANT_CATEGORIES.reduce((n, c) => n + t[r][c], 0) !== t[r].total,
  );
  checks.push({
    label: '每行：总计 = 自然人 + 五类法人或其他组织',
    ok: badTotals.length === 0,
    detail: badTotals.length
      ? `不相符的行：${badTotals.map((r) => TABLE3_ROW_LABELS[r]).join('、')}`
      : '全部相符',
  });
  if (lastYear) {
    const bad = TABLE3_COLUMNS.filter((c) => lastYear.carried_out[c] !== t.carried_in[c]);
    checks.push({
      label: `${year - 1} 年“四、结转下年度继续办理” = ${year} 年“二、上年结转”`,
      ok: bad.length === 0,
      detail: `${lastYear.carried_out.total} / ${t.carried_in.total}`,
    });
  }
  return checks;
}

export function checkTable4(t: Table4): IntegrityCheck[] {
  return TABLE4_GROUPS.map((p) => {
    const sum = REVIEW_RESULTS.reduce((n, r) => n + t[`${p}_${r}`], 0);
    return {
      label: `${TABLE4_GROUP_LABELS[p]}：总计 = 维持 + 纠正 + 其他 + 尚未审结`,
      ok: sum === t[`${p}_total`],
      detail: `${sum} / ${t[`${p}_total`]}`,
    };
  });
}

/** The row's label with its group label when the row is a numbered sub-row. */
export function fullRowLabel(row: Table3Row): string {
  if (isOneOf(RESULT_ROWS, row) && row !== 'r1' && row !== 'r2') {
    return `${RESULT_GROUP_LABELS[RESULT_ROW_GROUP[row]]} ${TABLE3_ROW_LABELS[row]}`;
  }
  return TABLE3_ROW_LABELS[row];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function statisticsCsv(scope: string, year: number, t3: Table3, t4: Table4): string {
  const lines: string[] = [];
  lines.push([`${scope} ${year} 年 表三：收到和处理政府信息公开申请情况`].map(csvCell).join(','));
  lines.push(['项目', ...TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c])].map(csvCell).join(','));
  for (const r of TABLE3_ROWS) {
    const label = isOneOf(RESULT_ROWS, r)
      ? `三、本年度办理结果 ${fullRowLabel(r)}`
      : r === 'total'
        ? `三、本年度办理结果 ${TABLE3_ROW_LABELS[r]}`
        : TABLE3_ROW_LABELS[r];
    lines.push([label, ...TABLE3_COLUMNS.map((c) => t3[r][c])].map(csvCell).join(','));
  }
  lines.push('');
  lines.push([`${scope} ${year} 年 表四：政府信息公开行政复议、行政诉讼情况`].map(csvCell).join(','));
  const header = TABLE4_GROUPS.flatMap((g) =>
    [...REVIEW_RESULTS, 'total' as const].map((r) => `${TABLE4_GROUP_LABELS[g]} ${REVIEW_COLUMN_LABELS[r]}`),
  );
  lines.push(header.map(csvCell).join(','));
  lines.push(TABLE4_COLUMNS.map((c) => t4[c]).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

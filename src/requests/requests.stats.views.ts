// The statistics page: tables 三 and 四 laid out as in the national template, with the checks.
import { selectField, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { RESULT_GROUP_LABELS, RESULT_ROW_GROUP, RESULT_ROWS } from './requests.outcomes.js';
import type { Statistics } from './requests.statistics.js';
import {
  REVIEW_COLUMN_LABELS,
  TABLE3_CHECK_NOTE,
  TABLE3_COLUMNS,
  TABLE3_ROW_LABELS,
  TABLE4_COLUMNS,
  type Table3Row,
} from './requests.stats.js';
import { REVIEW_RESULTS } from './requests.types.js';

function cells(s: Statistics, row: Table3Row): SafeHtml {
  return html`${TABLE3_COLUMNS.map((c) => html`<td>${s.table3[row][c]}</td>`)}`;
}

function table3(s: Statistics): SafeHtml {
  const groupStart = new Set(['r3_1', 'r4_1', 'r5_1', 'r6_1']);
  const groupSize: Record<string, number> = { g3: 8, g4: 3, g5: 5, g6: 3 };
  return html`<table class="report" data-testid="table3">
    <caption>
      三、收到和处理政府信息公开申请情况
    </caption>
    <thead>
      <tr>
        <th scope="col" colspan="3" rowspan="3">${TABLE3_CHECK_NOTE}</th>
        <th scope="colgroup" colspan="7">申请人情况</th>
      </tr>
      <tr>
        <th scope="col" rowspan="2">自然人</th>
        <th scope="colgroup" colspan="5">法人或其他组织</th>
        <th scope="col" rowspan="2">总计</th>
      </tr>
      <tr>
        <th scope="col">商业企业</th>
        <th scope="col">科研机构</th>
        <th scope="col">社会公益组织</th>
        <th scope="col">法律服务机构</th>
        <th scope="col">其他</th>
      </tr>
    </thead>
    <tbody>
      <tr data-row="new">
        <th scope="row" colspan="3">${TABLE3_ROW_LABELS.new}</th>
        ${cells(s, 'new')}
      </tr>
      <tr data-row="carried_in">
        <th scope="row" colspan="3">${TABLE3_ROW_LABELS.carried_in}</th>
        ${cells(s, 'carried_in')}
      </tr>
      ${RESULT_ROWS.map((r, i) => {
        const group = RESULT_ROW_GROUP[r];
        const first = i === 0 ? html`<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>` : '';
        if (r === 'r1' || r === 'r2')
          return html`<tr data-row="${r}">
            ${first}
            <th scope="row" colspan="2">${TABLE3_ROW_LABELS[r]}</th>
            ${cells(s, r)}
          </tr>`;
        const groupCell = groupStart.has(r)
          ? html`<th scope="rowgroup" rowspan="${groupSize[group] ?? 1}">${RESULT_GROUP_LABELS[group]}</th>`
          : '';
        return html`<tr data-row="${r}">
          ${groupCell}
          <th scope="row">${TABLE3_ROW_LABELS[r]}</th>
          ${cells(s, r)}
        </tr>`;
      })}
      <tr data-row="total">
        <th scope="row" colspan="2">${TABLE3_ROW_LABELS.total}</th>
        ${cells(s, 'total')}
      </tr>
      <tr data-row="carried_out">
        <th scope="row" colspan="3">${TABLE3_ROW_LABELS.carried_out}</th>
        ${cells(s, 'carried_out')}
      </tr>
    </tbody>
  </table>`;
}

function table4(s: Statistics): SafeHtml {
  const labels = [...REVIEW_RESULTS, 'total' as const].map((r) => REVIEW_COLUMN_LABELS[r]);
  return html`<table class="report" data-testid="table4">
    <caption>
      四、政府信息公开行政复议、行政诉讼情况
    </caption>
    <thead>
      <tr>
        <th scope="colgroup" colspan="5">行政复议</th>
        <th scope="colgroup" colspan="10">行政诉讼</th>
      </tr>
      <tr>
        ${labels.map((l) => html`<th scope="col" rowspan="2">${l}</th>`)}
        <th scope="colgroup" colspan="5">未经复议直接起诉</th>
        <th scope="colgroup" colspan="5">复议后起诉</th>
      </tr>
      <tr>
        ${[...labels, ...labels].map((l) => html`<th scope="col">${l}</th>`)}
      </tr>
    </thead>
    <tbody>
      <tr>
        ${TABLE4_COLUMNS.map((c) => html`<td data-col="${c}">${s.table4[c]}</td>`)}
      </tr>
    </tbody>
  </table>`;
}

export function statisticsPage(
  s: Statistics,
  opts: { departments: readonly { id: number; fullName: string }[] | null },
): SafeHtml {
  const q = `year=${s.year}${s.departmentId ? `&department=${s.departmentId}` : ''}`;
  return html`<h1>依申请公开年度统计：${s.scopeName} ${s.year} 年</h1>
    <form method="get" action="/console/requests/statistics">
      ${textField({ name: 'year', label: '年度', value: String(s.year) })}
      ${opts.departments ? selectField({ name: 'department', label: '机构', value: s.departmentId ? String(s.departmentId) : '', placeholder: '全市', options: opts.departments.map((d) => ({ value: String(d.id), label: d.fullName })) }) : ''}
      <button type="submit" class="button secondary">查看</button>
    </form>
    <p><a href="/console/requests/statistics?${q}&format=csv" data-testid="csv">导出 CSV</a></p>
    ${table3(s)} ${table4(s)}
    <h2>勾稽关系校验</h2>
    <ul data-testid="checks">
      ${s.checks.map((c) => html`<li class="${c.ok ? 'ok' : 'tag-alert'}">${c.ok ? '✓ 相符' : '✗ 不相符'}：${c.label}（${c.detail}）</li>`)}
    </ul>`;
}

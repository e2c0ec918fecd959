// Pages of the 年度抽查计划: the console's plans and the plan form (one row per matter of the
// department's 随机抽查事项清单), and the public page with what was drawn against each plan.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea } from '../http/forms.js';
import { pageHref } from '../shared/pagination.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { drawnInPeriod, type PlanInput, type PlanItemProgress } from './inspections.plans.js';
import { DRAW_STATUS_LABELS, type Plan } from './inspections.types.js';
import { plannedText } from './inspections.views.js';

export function consolePlansPage(plans: readonly Plan[], years: readonly number[]): SafeHtml {
  return html`<h1>年度抽查计划</h1>
    <p>
      按本部门<a href="/console/lists/sjcc">随机抽查事项清单</a
      >逐项确定当年的抽查比例或抽取次数和时间安排；当年该事项的抽取自动归入计划，公开在<a
        href="/inspections/plans"
        >抽查计划</a
      >页面。
    </p>
    <ul>
      ${years.map((y) => html`<li><a href="/console/inspections/plans/${y}">${plans.some((p) => p.year === y) ? '修改' : '制定'} ${y} 年度抽查计划</a></li>`)}
    </ul>
    ${
      plans.length
        ? html`<h2>已制定的计划</h2>
            <ul data-testid="plans">
              ${plans.map((p) => html`<li><a href="/console/inspections/plans/${p.year}">${p.year} 年</a>（${p.items.length} 个事项，更新于 ${formatShanghaiDateTime(p.updatedAt)}）</li>`)}
            </ul>`
        : ''
    }`;
}

export function planFormPage(o: {
  csrf: string;
  year: number;
  input: PlanInput;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const e = o.errors ?? {};
  const labels: Record<string, string> = { note: '说明' };
  o.input.items.forEach((i, row) => {
    for (const [k, l] of [
      ['percent', '抽查比例'],
      ['draws', '抽取次数'],
      ['start', '开始日期'],
      ['end', '结束日期'],
    ])
      labels[`${k}_${row}`] = `${i.matter}：${l}`;
  });
  const input = (name: string, label: string, value: string, type = 'text') =>
    html`<label class="visually-hidden" for="${name}">${label}</label
      ><input
        id="${name}"
        name="${name}"
        type="${type}"
        value="${value}"
        ${e[name] ? html`aria-invalid="true"` : ''}
        size="8"
      />`;
  return html`<h1>${o.year} 年度抽查计划</h1>
    ${errorSummary(o.errors, labels)}
    <p class="hint">
      每个事项填写计划抽查比例（占检查对象名录库的百分比）或抽取次数（可两者都填）和时间安排；不抽查的事项留空。
    </p>
    <form method="post" action="/console/inspections/plans/${o.year}" novalidate data-testid="plan-form">
      ${csrfField(o.csrf)}
      <table>
        <thead>
          <tr>
            <th scope="col">抽查事项</th>
            <th scope="col">抽查比例（%）</th>
            <th scope="col">抽取次数</th>
            <th scope="col">开始日期</th>
            <th scope="col">结束日期</th>
          </tr>
        </thead>
        <tbody>
          ${o.input.items.map(
            (i, row) =>
              html`<tr>
                <th scope="row">
                  ${i.matter}<input type="hidden" name="matter_${row}" value="${i.matter}" />
                </th>
                <td>${input(`percent_${row}`, `${i.matter}：抽查比例`, i.percent)}</td>
                <td>${input(`draws_${row}`, `${i.matter}：抽取次数`, i.draws)}</td>
                <td>${input(`start_${row}`, `${i.matter}：开始日期`, i.start, 'date')}</td>
                <td>${input(`end_${row}`, `${i.matter}：结束日期`, i.end, 'date')}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${textArea({ name: 'note', label: '说明', value: o.input.note, error: e.note, rows: 2 })}
      <button type="submit">保存并公开</button>
    </form>
    <p><a href="/console/inspections/plans">返回年度抽查计划</a></p>`;
}

export function publicPlansPage(o: {
  plans: readonly { plan: Plan; progress: PlanItemProgress[] }[];
  departments: readonly { id: number; name: string }[];
  years: readonly number[];
  departmentId: number | undefined;
  year: number | undefined;
}): SafeHtml {
  return html`<h1>年度抽查计划</h1>
    <p>各部门按随机抽查事项清单制定的年度抽查计划，以及每个事项已进行的抽取。</p>
    <form method="get" action="/inspections/plans" class="filters" role="search" aria-label="筛选抽查计划">
      ${selectField({ name: 'department', label: '部门', value: o.departmentId ? String(o.departmentId) : '', placeholder: '全部', options: o.departments.map((d) => ({ value: String(d.id), label: d.name })) })}
      ${selectField({ name: 'year', label: '年度', value: o.year ? String(o.year) : '', placeholder: '全部', options: o.years.map((y) => ({ value: String(y), label: `${y} 年` })) })}
      <button type="submit">筛选</button>
    </form>
    ${o.plans.length === 0 ? html`<p>没有符合条件的抽查计划。</p>` : ''}
    ${
      o.plans.length > 0
        ? html`<p data-testid="plans-downloads">
            下载：<a
              href="${pageHref('/inspections/plans.csv', { department: o.departmentId, year: o.year }, 1)}"
              >CSV</a
            >　<a
              href="${pageHref('/api/v1/inspections/plans', { department: o.departmentId, year: o.year }, 1)}"
              >JSON</a
            >
          </p>`
        : ''
    }
    ${o.plans.map(
      ({ plan, progress }) =>
        html`<section data-testid="plan-${plan.id}">
          <h2>${plan.departmentName} ${plan.year} 年度抽查计划</h2>
          ${plan.note ? html`<p>${plan.note}</p>` : ''}
          <table>
            <thead>
              <tr>
                <th scope="col">抽查事项</th>
                <th scope="col">计划</th>
                <th scope="col">已抽取</th>
                <th scope="col">完成计划</th>
              </tr>
            </thead>
            <tbody>
              ${progress.map(
                (p) =>
                  html`<tr>
                    <td>${p.item.matter}</td>
                    <td>
                      ${plannedText(p.item.ratioPercent, p.item.plannedDraws, `${p.item.periodStart} 至 ${p.item.periodEnd}`)}
                    </td>
                    <td>
                      ${
                        p.draws.length
                          ? html`<ul>
                              ${p.draws.map(
                                (d) =>
                                  html`<li>
                                    <a href="/inspections/draws/${d.id}">${d.title}</a
                                    >（${DRAW_STATUS_LABELS[d.status]}${d.status === 'drawn' ? `，${d.selectedCount}/${d.poolSize}` : ''}${d.status === 'drawn' && !drawnInPeriod(d, p.item) ? '，计划期外，不计入' : ''}）
                                  </li>`,
                              )}
                            </ul>`
                          : '尚未抽取'
                      }
                    </td>
                    <td>${p.reached ? '是' : '否'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>`,
    )}`;
}

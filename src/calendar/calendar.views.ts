// The public 期限计算器 page.
import type { FieldErrors } from '../http/errors.js';
import { errorSummary, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatChineseDate, weekdayLabel } from './calendar.dates.js';
import type { AddAnswer, CalendarEntry, CountAnswer } from './calendar.rules.js';
import type { IntervalDetails } from './calendar.service.js';

export const CALCULATOR_LABELS = {
  from: '起算日期',
  workdays: '工作日数',
  start: '起始日期',
  end: '结束日期',
};

export interface CalculatorView {
  values: { from: string; workdays: string; start: string; end: string };
  errors: FieldErrors;
  add?: { answer: AddAnswer; details: IntervalDetails };
  count?: { answer: CountAnswer; details: IntervalDetails };
}

const DATE_HINT = '格式：YYYY-MM-DD，例如 2024-09-30';

/** ××年的节假日安排尚未公布，仅按周末计算 */
export function missingYearsWarning(years: readonly number[]): SafeHtml {
  if (years.length === 0) return html``;
  return html`<div class="warning" role="note" data-testid="unofficial-warning">
    <p><strong>${years.map((y) => `${y}年`).join('、')}的节假日安排尚未公布，仅按周末计算。</strong></p>
    <p>国务院办公厅公布该年度节假日安排后，结果可能会变化，请届时重新计算。</p>
  </div>`;
}

function dateWithWeekday(date: string): string {
  return `${formatChineseDate(date)}（${weekdayLabel(date)}）`;
}

function detailsList(details: IntervalDetails): SafeHtml {
  return html`<h3>期间的法定节假日</h3>
    ${
      details.holidays.length
        ? html`<ul data-testid="holidays">
            ${details.holidays.map(
              (b) =>
                html`<li>
                  ${b.name}：${formatChineseDate(b.first)}${b.days > 1 ? html`至${formatChineseDate(b.last)}` : ''}放假，共
                  ${b.days} 天
                </li>`,
            )}
          </ul>`
        : html`<p>期间没有法定节假日。</p>`
    }
    <h3>期间的调休上班日</h3>
    ${
      details.makeupWorkdays.length
        ? html`<ul data-testid="makeup-workdays">
            ${details.makeupWorkdays.map(
              (e: CalendarEntry) => html`<li>${dateWithWeekday(e.date)}：${e.name}调休，上班</li>`,
            )}
          </ul>`
        : html`<p>期间没有调休上班日。</p>`
    }`;
}

function addResult(add: NonNullable<CalculatorView['add']>): SafeHtml {
  const { answer } = add;
  const n = answer.workdays;
  const phrase =
    n === 0 ? '0 个工作日，即起算日当天' : n > 0 ? `之后第 ${n} 个工作日` : `之前第 ${-n} 个工作日`;
  return html`<section class="result" aria-labelledby="add-result-title" data-testid="add-result">
    <h2 id="add-result-title">计算结果</h2>
    <p>自 ${dateWithWeekday(answer.from)}起算，${phrase}是：</p>
    <p class="deadline" data-testid="deadline">
      <strong>${formatChineseDate(answer.date)} ${weekdayLabel(answer.date)}</strong>
    </p>
    ${missingYearsWarning(answer.yearsWithoutData)} ${detailsList(add.details)}
  </section>`;
}

function countResult(count: NonNullable<CalculatorView['count']>): SafeHtml {
  const { answer } = count;
  return html`<section class="result" aria-labelledby="count-result-title" data-testid="count-result">
    <h2 id="count-result-title">统计结果</h2>
    <p>
      ${dateWithWeekday(answer.from)}至${dateWithWeekday(answer.to)}（首尾两天都计入）共有
      <strong data-testid="workday-count">${answer.workdays}</strong> 个工作日。
    </p>
    ${missingYearsWarning(answer.yearsWithoutData)} ${detailsList(count.details)}
  </section>`;
}

export function calculatorPage(view: CalculatorView): SafeHtml {
  const e = view.errors;
  return html`<h1>期限计算器</h1>
    <p>按照国务院办公厅公布的节假日安排，计算以工作日计算的办理期限。</p>
    ${errorSummary(e, CALCULATOR_LABELS)} ${view.add ? addResult(view.add) : ''}
    ${view.count ? countResult(view.count) : ''}
    <section aria-labelledby="add-title">
      <h2 id="add-title">计算期限</h2>
      <form method="get" action="/calendar" novalidate data-testid="add-form">
        ${textField({ name: 'from', label: CALCULATOR_LABELS.from, value: view.values.from, hint: DATE_HINT, error: e.from, required: true })}
        ${textField({ name: 'workdays', label: CALCULATOR_LABELS.workdays, value: view.values.workdays, hint: '例如 20；负数表示向前倒数（-1000 至 1000）', error: e.workdays, required: true })}
        <button type="submit" class="button">计算期限</button>
      </form>
    </section>
    <section aria-labelledby="count-title">
      <h2 id="count-title">统计两个日期之间的工作日</h2>
      <form method="get" action="/calendar" novalidate data-testid="count-form">
        ${textField({ name: 'start', label: CALCULATOR_LABELS.start, value: view.values.start, hint: DATE_HINT, error: e.start, required: true })}
        ${textField({ name: 'end', label: CALCULATOR_LABELS.end, value: view.values.end, hint: DATE_HINT, error: e.end, required: true })}
        <button type="submit" class="button">统计工作日</button>
      </form>
    </section>
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">计算规则</h2>
      <ul>
        <li>
          工作日是星期一至星期五，但法定节假日放假的日子除外；国务院通知中安排调休上班的星期六、星期日也算工作日。
        </li>
        <li>
          <strong>起算日不计入</strong>：从起算日的次日开始数，第 1
          个工作日就是起算日之后的第一个工作日；起算日是不是工作日都一样。例如 2024年9月30日 起算 1
          个工作日，是国庆假期后的 2024年10月8日。
        </li>
        <li>工作日数为 0 时，结果就是起算日本身；为负数时向前倒数，规则相同。</li>
        <li>统计两个日期之间的工作日时，起始日期和结束日期当天都计算在内。</li>
        <li>尚未公布节假日安排的年份，仅按周末计算，结果旁会有提示。</li>
        <li>以小时计算的时限（如 5 小时、24 小时）按自然时间连续计算，不区分工作日和节假日。</li>
      </ul>
      <p>
        其他系统可以调用公开接口：<code>/api/v1/calendar/add?from=2024-09-30&amp;workdays=1</code>、
        <code>/api/v1/calendar/count?from=2024-10-01&amp;to=2024-10-31</code>、
        <code>/api/v1/calendar/days/2024-10-01</code>。
      </p>
    </section>`;
}

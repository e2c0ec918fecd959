// Console pages of the working-day calendar: the list of years and one year's days.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { formatChineseDate, weekdayLabel } from './calendar.dates.js';
import { DAY_KINDS, DAY_KIND_LABELS } from './calendar.rules.js';
import type { ConsoleNotice } from './calendar.schemas.js';
import type { CalendarYearDetail, CalendarYearSummary } from './calendar.types.js';

const NOTICE_TEXT: Record<ConsoleNotice, string> = {
  added: '已添加该日期。',
  removed: '已删除该日期。',
  official: '已标记为正式公布：计算期限时按本年度的安排执行。',
  unofficial: '已改为草稿：本年度暂时仅按周末计算。',
  imported: '已导入。',
};

function noticeBox(notice: ConsoleNotice | undefined): SafeHtml {
  return notice
    ? html`<p class="notice" role="status" data-testid="notice">${NOTICE_TEXT[notice]}</p>`
    : html``;
}

export const LIST_LABELS = { year: '年份', json: '日历数据（JSON）', source: '依据', official: '导入后' };

export interface YearListState {
  years: CalendarYearSummary[];
  notice?: ConsoleNotice | undefined;
  errors?: FieldErrors;
  open?: { year: string };
  import?: { json: string; source: string; official: string };
}

const IMPORT_EXAMPLE = '{"2027": {"off": [{"date": "2027-01-01", "name": "元旦"}], "workdays": []}}';

export function yearListPage(csrf: string, s: YearListState): SafeHtml {
  const e = s.errors ?? {};
  return html`<h1>工作日历</h1>
    ${noticeBox(s.notice)} ${errorSummary(s.errors, LIST_LABELS)}
    <p>
      计算“工作日”期限时使用的法定节假日和调休上班日。只有标记为“正式公布”的年份才生效；其他年份仅按周末计算，
      公众页面和接口会提示“尚未公布”。
    </p>
    <table data-testid="years">
      <caption>
        已登记的年份
      </caption>
      <thead>
        <tr>
          <th scope="col">年份</th>
          <th scope="col">状态</th>
          <th scope="col">依据</th>
          <th scope="col">放假日</th>
          <th scope="col">调休上班日</th>
        </tr>
      </thead>
      <tbody>
        ${s.years.map(
          (y) =>
            html`<tr>
              <th scope="row"><a href="/console/calendar/${y.year}">${y.year} 年</a></th>
              <td>${y.official ? '正式公布' : html`<span class="tag">草稿（不生效）</span>`}</td>
              <td>${y.source}</td>
              <td>${y.offDays}</td>
              <td>${y.workdays}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <section aria-labelledby="open-title">
      <h2 id="open-title">打开或新增年份</h2>
      <form method="get" action="/console/calendar" novalidate>
        ${textField({ name: 'year', label: LIST_LABELS.year, value: s.open?.year, hint: '例如 2027；新年份打开后逐日添加，或在下方导入', error: e.year, maxlength: 4 })}
        <button type="submit" class="button">打开</button>
      </form>
    </section>
    <section aria-labelledby="import-title">
      <h2 id="import-title">导入年份</h2>
      <p>粘贴与系统内置 holidays.json 相同格式的数据；文件中的每个年份会整体替换该年已登记的日期。</p>
      <form method="post" action="/console/calendar/import" novalidate>
        ${csrfField(csrf)}
        ${textArea({ name: 'json', label: LIST_LABELS.json, value: s.import?.json, hint: `例如 ${IMPORT_EXAMPLE}`, error: e.json, rows: 10 })}
        ${selectField({
          name: 'official',
          label: LIST_LABELS.official,
          value: s.import?.official ?? 'yes',
          options: [
            { value: 'yes', label: '立即生效（正式公布）' },
            { value: 'no', label: '保存为草稿（暂不生效）' },
          ],
          error: e.official,
        })}
        ${textField({ name: 'source', label: LIST_LABELS.source, value: s.import?.source, hint: '立即生效时必填，例如 国务院办公厅关于2027年部分节假日安排的通知', error: e.source, maxlength: 200 })}
        <button type="submit" class="button">导入</button>
      </form>
    </section>`;
}

export const YEAR_LABELS = { date: '日期', kind: '类型', name: '节日名称', source: '依据', note: '备注' };

export interface YearPageState {
  detail: CalendarYearDetail;
  notice?: ConsoleNotice | undefined;
  errors?: FieldErrors;
  message?: string;
  add?: { date: string; kind: string; name: string };
  official?: { source: string; note: string };
}

function statusSection(csrf: string, s: YearPageState, e: FieldErrors): SafeHtml {
  const { year, official } = s.detail;
  if (official) {
    return html`<section aria-labelledby="status-title">
      <h2 id="status-title">状态：正式公布</h2>
      <p data-testid="year-status">
        依据：${official.source}${official.note ? html`；备注：${official.note}` : ''}（更新于
        ${formatShanghaiDateTime(official.updatedAt)}）
      </p>
      <form method="post" action="/console/calendar/${year}/unofficial">
        ${csrfField(csrf)}
        <button type="submit" class="button secondary">改为草稿（暂停生效）</button>
      </form>
    </section>`;
  }
  return html`<section aria-labelledby="status-title">
    <h2 id="status-title">状态：草稿（不生效）</h2>
    <p class="warning" data-testid="year-status">${year} 年的安排尚未生效：计算期限时仅按周末计算。</p>
    <form method="post" action="/console/calendar/${year}/official" novalidate>
      ${csrfField(csrf)}
      ${textField({ name: 'source', label: YEAR_LABELS.source, value: s.official?.source, hint: `例如 国务院办公厅关于${year}年部分节假日安排的通知`, error: e.source, maxlength: 200 })}
      ${textField({ name: 'note', label: YEAR_LABELS.note, value: s.official?.note, error: e.note })}
      <button type="submit" class="button">标记为正式公布</button>
    </form>
  </section>`;
}

export function yearPage(csrf: string, s: YearPageState): SafeHtml {
  const { year, days } = s.detail;
  const e = s.errors ?? {};
  return html`<p><a href="/console/calendar">← 返回工作日历</a></p>
    <h1>${year} 年工作日历</h1>
    ${noticeBox(s.notice)} ${errorSummary(s.errors, YEAR_LABELS, s.message)} ${statusSection(csrf, s, e)}
    <section aria-labelledby="days-title">
      <h2 id="days-title">已登记的日期</h2>
      ${
        days.length
          ? html`<table data-testid="days">
              <caption>
                ${year} 年的放假日和调休上班日（未列出的日期：周一至周五上班，周六、周日休息）
              </caption>
              <thead>
                <tr>
                  <th scope="col">日期</th>
                  <th scope="col">星期</th>
                  <th scope="col">类型</th>
                  <th scope="col">节日</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                ${days.map(
                  (d) =>
                    html`<tr>
                      <th scope="row">${formatChineseDate(d.date)}</th>
                      <td>${weekdayLabel(d.date)}</td>
                      <td>${DAY_KIND_LABELS[d.kind]}</td>
                      <td>${d.name}</td>
                      <td>
                        <form
                          method="post"
                          action="/console/calendar/${year}/days/${d.date}/delete"
                          class="inline"
                        >
                          ${csrfField(csrf)}
                          <button type="submit" class="link-button">
                            删除<span class="visually-hidden"> ${d.date}</span>
                          </button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>${year} 年还没有登记任何日期。</p>`
      }
    </section>
    <section aria-labelledby="add-title">
      <h2 id="add-title">添加日期</h2>
      <form method="post" action="/console/calendar/${year}/days" novalidate>
        ${csrfField(csrf)}
        ${textField({ name: 'date', label: YEAR_LABELS.date, value: s.add?.date, hint: `${year} 年内的日期，格式 YYYY-MM-DD`, error: e.date, required: true, maxlength: 10 })}
        ${selectField({
          name: 'kind',
          label: YEAR_LABELS.kind,
          value: s.add?.kind,
          options: DAY_KINDS.map((k) => ({ value: k, label: DAY_KIND_LABELS[k] })),
          placeholder: '请选择',
          error: e.kind,
          required: true,
        })}
        ${textField({ name: 'name', label: YEAR_LABELS.name, value: s.add?.name, hint: '例如 国庆节；调休上班日填写它所属的节日', error: e.name, required: true, maxlength: 20 })}
        <button type="submit" class="button">添加</button>
      </form>
      <p>
        调休上班日只能是星期六或星期日；放假日可以是任何一天（与假期相连的周末也可登记，便于列出完整假期）。
      </p>
    </section>`;
}

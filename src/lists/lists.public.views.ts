// Public pages of the 清单 column: the column, a list with filters/search/sort/pages, an entry,
// version history, a diff between versions, and the feedback form.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, paragraphs, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { paginationNav } from '../shared/pagination.js';
import type {
  Feedback,
  ListEntry,
  ListField,
  ListSummary,
  ListType,
  ListVersion,
  SnapshotEntry,
  VersionDiff,
} from './lists.types.js';

export const HONEYPOT_FIELD = 'website';

export const listHref = (id: number) => `/lists/${id}`;
export const entryHref = (listId: number, entryId: number) => `/lists/${listId}/entries/${entryId}`;

/** The staff member's shown name without the username in brackets. */
const publicActor = (name: string) => name.replace(/（[^）]*）$/, '');

export function columnPage(types: readonly ListType[], lists: readonly ListSummary[]): SafeHtml {
  return html`<h1>清单</h1>
    <p>
      各部门的权责清单、收费目录清单、中介服务事项清单、政务服务事项目录等，按清单类型和部门分类公开，可筛选、检索和下载。
    </p>
    ${types.map((t) => {
      const mine = lists.filter((l) => l.typeId === t.id);
      return html`<section data-testid="list-type-${t.slug}">
        <h2>${t.name}</h2>
        ${t.description ? html`<p class="hint">${t.description}</p>` : ''}
        ${
          mine.length
            ? html`<ul class="dir-list">
                ${mine.map(
                  (l) =>
                    html`<li>
                      <a href="${listHref(l.id)}">${l.departmentName}</a>（${l.entryCount} 项，第 ${l.version}
                      版，更新于 ${formatShanghaiDateTime(l.updatedAt)}）
                    </li>`,
                )}
              </ul>`
            : html`<p class="hint">暂无公开的清单。</p>`
        }
      </section>`;
    })}`;
}

/** The columns shown in the table of a list: the first few short fields. */
function tableFields(type: ListType): ListField[] {
  return type.fields.filter((f) => f.type !== 'longtext' && f.type !== 'documents').slice(0, 5);
}

export interface ListPageQuery {
  q: string;
  filters: Record<string, string>;
  sort: string;
  order: string;
  page: number;
}

export function listPage(o: {
  list: ListSummary;
  type: ListType;
  entries: readonly ListEntry[];
  total: number;
  query: ListPageQuery;
  pageSize: number;
  answers: readonly Feedback[];
  csrf: string;
}): SafeHtml {
  const { list, type, query } = o;
  const cols = tableFields(type);
  const enums = type.fields.filter((f) => f.type === 'enum');
  const qs: Record<string, string> = { q: query.q, sort: query.sort, order: query.order, ...query.filters };
  const base = listHref(list.id);
  return html`<h1>${list.departmentName}${type.name}</h1>
    <p class="item-meta">
      当前为第 ${list.version} 版，共 ${list.entryCount} 项，更新于
      ${formatShanghaiDateTime(list.updatedAt)}。 <a href="${base}/versions">版本记录</a>　下载：<a
        href="${base}/export.csv"
        data-testid="export-csv"
        >CSV</a
      >
      <a href="${base}/export.xlsx">XLSX</a> <a href="${base}/export.json">JSON</a>
    </p>
    <form method="get" action="${base}" class="filters" role="search" aria-label="在清单中检索和筛选">
      ${textField({ name: 'q', label: '关键词', value: query.q, hint: '在本清单的所有字段中查找' })}
      ${enums.map((f) =>
        selectField({
          name: `f_${f.key}`,
          label: f.label,
          value: query.filters[f.key] ?? '',
          placeholder: '全部',
          options: (f.options ?? []).map((v) => ({ value: v, label: v })),
        }),
      )}
      ${selectField({
        name: 'sort',
        label: '排序',
        value: query.sort,
        placeholder: '默认顺序',
        options: type.fields
          .filter((f) => f.type !== 'longtext')
          .map((f) => ({ value: f.key, label: f.label })),
      })}
      ${selectField({
        name: 'order',
        label: '顺序',
        value: query.order,
        options: [
          { value: 'asc', label: '升序' },
          { value: 'desc', label: '降序' },
        ],
      })}
      <button type="submit">查询</button>
    </form>
    <p data-testid="result-count">找到 ${o.total} 项。</p>
    ${
      o.entries.length
        ? html`<table data-testid="entries">
            <caption class="visually-hidden">
              ${type.name}条目
            </caption>
            <thead>
              <tr>
                ${cols.map((f) => html`<th scope="col">${f.label}</th>`)}
                <th scope="col">详情</th>
              </tr>
            </thead>
            <tbody>
              ${o.entries.map(
                (e) =>
                  html`<tr>
                    ${cols.map((f) => html`<td>${e.values[f.key] ?? ''}</td>`)}
                    <td><a href="${entryHref(list.id, e.id)}">查看</a></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>没有符合条件的条目。</p>`
    }
    ${paginationNav({
      page: query.page,
      pageSize: o.pageSize,
      total: o.total,
      href: (p) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(qs)) if (v) params.append(k in query.filters ? `f_${k}` : k, v);
        if (p > 1) params.append('page', String(p));
        const s = params.toString();
        return s ? `${base}?${s}` : base;
      },
    })}
    ${answersSection(o.answers)} ${feedbackForm(o.csrf, list.id, undefined, {}, undefined)}`;
}

function valueHtml(field: ListField, value: string): SafeHtml {
  if (value === '') return html`<span class="hint">（未填写）</span>`;
  if (field.type === 'documents')
    return html`<ul>
      ${value.split('\n').map((d) => html`<li>${d}</li>`)}
    </ul>`;
  if (field.type === 'url') return html`<a href="${value}" rel="noopener">${value}</a>`;
  if (field.type === 'longtext') return paragraphs(value);
  return html`${value}`;
}

export function entryDetails(type: ListType, values: Record<string, string>): SafeHtml {
  return html`<dl class="item-meta" data-testid="entry">
    ${type.fields.map(
      (f) =>
        html`<dt>${f.label}</dt>
          <dd>${valueHtml(f, values[f.key] ?? '')}</dd>`,
    )}
  </dl>`;
}

export function entryPage(o: {
  list: ListSummary;
  type: ListType;
  entry: ListEntry;
  answers: readonly Feedback[];
  csrf: string;
}): SafeHtml {
  return html`<h1>
      ${o.entry.values[o.type.fields.find((f) => f.key !== o.type.keyField)?.key ?? o.type.keyField] ?? o.entry.key}
    </h1>
    <p><a href="${listHref(o.list.id)}">返回${o.list.departmentName}${o.type.name}</a></p>
    ${entryDetails(o.type, o.entry.values)} ${answersSection(o.answers)}
    ${feedbackForm(o.csrf, o.list.id, o.entry.key, {}, undefined)}`;
}

function answersSection(answers: readonly Feedback[]): SafeHtml {
  if (!answers.length) return html``;
  return html`<section data-testid="public-answers">
    <h2>意见答复</h2>
    ${answers.map(
      (a) =>
        html`<article class="card">
          <h3>意见（${a.receivedDate}）</h3>
          ${paragraphs(a.message)}
          <h3>答复（${formatShanghaiDateTime(a.answeredAt)}）</h3>
          ${paragraphs(a.answer)}
        </article>`,
    )}
  </section>`;
}

export const FEEDBACK_LABELS: Record<string, string> = {
  name: '姓名（可不填）',
  contact: '联系方式',
  message: '意见建议',
};

export function feedbackForm(
  csrf: string,
  listId: number,
  entryKey: string | undefined,
  v: { name?: string; contact?: string; message?: string },
  errors: FieldErrors | undefined,
): SafeHtml {
  return html`<section id="feedback">
    <h2>对${entryKey === undefined ? '本清单' : '本条目'}提出意见建议</h2>
    <p class="hint">部门将在 10 个工作日内答复；答复可能在本页公开（不公开您的姓名和联系方式）。</p>
    ${errorSummary(errors, FEEDBACK_LABELS)}
    <form method="post" action="/lists/${listId}/feedback" novalidate data-testid="feedback-form">
      ${csrfField(csrf)}
      ${entryKey === undefined ? '' : html`<input type="hidden" name="entry" value="${entryKey}" />`}
      <div class="visually-hidden" aria-hidden="true">
        <label for="f-${HONEYPOT_FIELD}">请勿填写此项</label>
        <input
          id="f-${HONEYPOT_FIELD}"
          name="${HONEYPOT_FIELD}"
          type="text"
          tabindex="-1"
          autocomplete="off"
          value=""
        />
      </div>
      ${textField({ name: 'name', label: FEEDBACK_LABELS.name ?? '', value: v.name, error: errors?.name, maxlength: 50, autocomplete: 'name' })}
      ${textField({ name: 'contact', label: FEEDBACK_LABELS.contact ?? '', value: v.contact, error: errors?.contact, required: true, maxlength: 100, hint: '电话或电子邮箱，仅用于答复' })}
      ${textArea({ name: 'message', label: FEEDBACK_LABELS.message ?? '', value: v.message, error: errors?.message, required: true })}
      <button type="submit">提交</button>
    </form>
  </section>`;
}

export function feedbackThanksPage(listId: number, dueDate: string): SafeHtml {
  return html`<h1>意见已收到</h1>
    <p class="notice" data-testid="feedback-received">
      感谢您的意见建议。部门将在 <strong>${dueDate}</strong> 前答复。
    </p>
    <p><a href="${listHref(listId)}">返回清单</a></p>`;
}

export function versionsPage(list: ListSummary, type: ListType, versions: readonly ListVersion[]): SafeHtml {
  const base = listHref(list.id);
  return html`<h1>${list.departmentName}${type.name}：版本记录</h1>
    <p><a href="${base}">返回当前清单</a></p>
    ${
      versions.length > 1
        ? html`<form method="get" action="${base}/diff" class="filters" aria-label="比较两个版本">
            ${selectField({ name: 'from', label: '从版本', value: String(versions[1]?.version ?? 1), options: versions.map((v) => ({ value: String(v.version), label: `第 ${v.version} 版` })) })}
            ${selectField({ name: 'to', label: '到版本', value: String(versions[0]?.version ?? 1), options: versions.map((v) => ({ value: String(v.version), label: `第 ${v.version} 版` })) })}
            <button type="submit">比较</button>
          </form>`
        : ''
    }
    <table data-testid="versions">
      <thead>
        <tr>
          <th scope="col">版本</th>
          <th scope="col">时间</th>
          <th scope="col">修改人</th>
          <th scope="col">原因</th>
          <th scope="col">新增/修改/删除</th>
          <th scope="col">条目数</th>
          <th scope="col">下载</th>
        </tr>
      </thead>
      <tbody>
        ${versions.map(
          (v) =>
            html`<tr>
              <th scope="row">第 ${v.version} 版</th>
              <td>${formatShanghaiDateTime(v.createdAt)}</td>
              <td>${publicActor(v.actorName)}</td>
              <td>${v.reason}</td>
              <td>
                ${v.version > 1 ? html`<a href="${base}/diff?from=${v.version - 1}&amp;to=${v.version}">${v.added} / ${v.changed} / ${v.removed}</a>` : html`${v.added} / 0 / 0`}
              </td>
              <td>${v.entryCount}</td>
              <td>
                <a href="${base}/export.csv?version=${v.version}">CSV</a>
                <a href="${base}/export.xlsx?version=${v.version}">XLSX</a>
                <a href="${base}/export.json?version=${v.version}">JSON</a>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function entryLabel(type: ListType, e: SnapshotEntry): string {
  const name = type.fields.find((f) => f.key !== type.keyField && f.required)?.key;
  return name && e.values[name] && name !== type.keyField ? `${e.key}　${e.values[name]}` : e.key;
}

export function diffPage(
  list: ListSummary,
  type: ListType,
  from: number,
  to: number,
  diff: VersionDiff,
): SafeHtml {
  const label = (k: string) => type.fields.find((f) => f.key === k)?.label ?? k;
  return html`<h1>${list.departmentName}${type.name}：第 ${from} 版与第 ${to} 版的差异</h1>
    <p><a href="${listHref(list.id)}/versions">返回版本记录</a></p>
    <section data-testid="diff-added">
      <h2>新增（${diff.added.length}）</h2>
      ${
        diff.added.length
          ? html`<ul>
              ${diff.added.map((e) => html`<li>${entryLabel(type, e)}</li>`)}
            </ul>`
          : html`<p>无</p>`
      }
    </section>
    <section data-testid="diff-changed">
      <h2>修改（${diff.changed.length}）</h2>
      ${diff.changed.map(
        (c) =>
          html`<h3>${c.key}</h3>
            <table>
              <thead>
                <tr>
                  <th scope="col">字段</th>
                  <th scope="col">修改前</th>
                  <th scope="col">修改后</th>
                </tr>
              </thead>
              <tbody>
                ${c.fields.map(
                  (k) =>
                    html`<tr>
                      <th scope="row">${label(k)}</th>
                      <td>${c.before[k] ?? ''}</td>
                      <td>${c.after[k] ?? ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`,
      )}
      ${diff.changed.length ? '' : html`<p>无</p>`}
    </section>
    <section data-testid="diff-removed">
      <h2>删除（${diff.removed.length}）</h2>
      ${
        diff.removed.length
          ? html`<ul>
              ${diff.removed.map((e) => html`<li>${entryLabel(type, e)}</li>`)}
            </ul>`
          : html`<p>无</p>`
      }
    </section>`;
}

// Console pages of the two 名录库: one page of records (search, pages, deactivate/reactivate) and
// the form adding or changing one record.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { paginationNav } from '../shared/pagination.js';
import { recordValues, type RecordValues } from './inspections.libraries.js';
import { LIBRARY_LABELS, libraryColumns, type Library } from './inspections.service.js';
import type { LibraryRecord } from './inspections.types.js';

const HINTS: Record<string, string> = {
  creditCode: '18 位，末位为校验码',
  certNo: '执法证号唯一识别一名执法检查人员',
  riskTags: '用、分隔',
  relations: '与其有利害关系、须回避的检查对象的统一社会信用代码，用、分隔',
};

export const libraryHref = (library: Library) => `/console/inspections/${library}`;

export function libraryPage(o: {
  csrf: string;
  library: Library;
  rows: readonly LibraryRecord[];
  total: number;
  q: string;
  page: number;
  pageSize: number;
}): SafeHtml {
  const cols = libraryColumns(o.library);
  const base = libraryHref(o.library);
  return html`<h1>${LIBRARY_LABELS[o.library]}</h1>
    <p><a class="button" href="${base}/new">新增</a>　<a href="/console/inspections">返回双随机一公开</a></p>
    <form method="get" action="${base}" role="search" aria-label="在名录库中查找" class="filters">
      ${textField({ name: 'q', label: '查找', value: o.q, hint: o.library === 'entities' ? '名称或统一社会信用代码' : '姓名或执法证号' })}
      <button type="submit">查找</button>
    </form>
    <p data-testid="library-count">共 ${o.total} 条。停用的记录保留，但不进入新的抽取池。</p>
    <table data-testid="library">
      <thead>
        <tr>
          ${cols.map((c) => html`<th scope="col">${c.label}</th>`)}
          <th scope="col">状态</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        ${o.rows.map((r) => {
          const v = recordValues(r);
          const id = r.record.id ?? 0;
          const active = r.record.active !== false;
          return html`<tr>
            ${cols.map((c) => html`<td>${v[c.key] ?? ''}</td>`)}
            <td>${active ? '在用' : html`<strong>已停用</strong>`}</td>
            <td>
              <a href="${base}/${id}">修改</a>
              <form method="post" action="${base}/${id}/${active ? 'deactivate' : 'activate'}" class="inline">
                ${csrfField(o.csrf)}
                <button
                  type="submit"
                  class="${active ? 'secondary' : ''}"
                  aria-label="${active ? '停用' : '启用'} ${v.name ?? ''}"
                >
                  ${active ? '停用' : '启用'}
                </button>
              </form>
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    ${paginationNav({
      page: o.page,
      pageSize: o.pageSize,
      total: o.total,
      href: (p) => {
        const params = new URLSearchParams();
        if (o.q) params.append('q', o.q);
        if (p > 1) params.append('page', String(p));
        const s = params.toString();
        return s ? `${base}?${s}` : base;
      },
    })}`;
}

export function recordFormPage(o: {
  csrf: string;
  library: Library;
  id: number | undefined;
  values: RecordValues;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const cols = libraryColumns(o.library);
  const labels = Object.fromEntries(cols.map((c) => [c.key, c.label]));
  const base = libraryHref(o.library);
  return html`<h1>${o.id === undefined ? '新增' : '修改'}：${LIBRARY_LABELS[o.library]}</h1>
    ${errorSummary(o.errors, labels)}
    <form
      method="post"
      action="${o.id === undefined ? `${base}/new` : `${base}/${o.id}`}"
      novalidate
      data-testid="record-form"
    >
      ${csrfField(o.csrf)}
      ${cols.map((c) =>
        c.key === 'relations'
          ? textArea({
              name: c.key,
              label: c.label,
              value: o.values[c.key] ?? '',
              error: o.errors?.[c.key],
              rows: 2,
              hint: HINTS[c.key],
            })
          : textField({
              name: c.key,
              label: c.label,
              value: o.values[c.key] ?? '',
              error: o.errors?.[c.key],
              required: c.required,
              ...(HINTS[c.key] ? { hint: HINTS[c.key] } : {}),
            }),
      )}
      <button type="submit">保存</button>
    </form>
    <p><a href="${base}">返回${LIBRARY_LABELS[o.library]}</a></p>`;
}

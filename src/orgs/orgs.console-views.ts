// Console pages for departments: list with filter, create/edit form, deactivation.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { DEPARTMENT_FIELD_LABELS } from './department.validation.js';
import {
  DEPARTMENT_KINDS,
  DEPARTMENT_KIND_LABELS,
  type Department,
  type DepartmentInput,
  type DepartmentKind,
} from './orgs.types.js';

/** What the form shows: the stored values, or exactly what the user typed. */
export type DepartmentFormValues = Record<keyof DepartmentInput, string>;

export const KIND_OPTIONS = DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }));

/** Messages shown after a redirect (?notice=…); only these fixed texts, never user input. */
const NOTICES = {
  created: '机构已新增。',
  updated: '机构信息已保存。',
  deactivated: '机构已停用：它不再出现在公开的机构目录和 API 中。',
  reactivated: '机构已重新启用。',
  member_created: '领导小组成员已新增。',
  member_updated: '领导小组成员已保存。',
  member_deactivated: '领导小组成员已停用，不再在公开页面显示。',
  member_reactivated: '领导小组成员已重新启用。',
  liaison_created: '联络员已新增。',
  liaison_updated: '联络员已保存。',
  liaison_deleted: '联络员已删除。',
  text_updated: '文字内容已保存。',
} as const;
export type NoticeKey = keyof typeof NOTICES;
const NOTICE_TEXTS = new Map<string, string>(Object.entries(NOTICES));

export function noticeBanner(key: string | undefined): SafeHtml {
  const text = key === undefined ? undefined : NOTICE_TEXTS.get(key);
  return text ? html`<p class="notice" role="status" data-testid="notice">${text}</p>` : html``;
}

export function departmentFormValues(d: Department): DepartmentFormValues {
  return {
    fullName: d.fullName,
    shortName: d.shortName,
    kind: d.kind,
    creditCode: d.creditCode ?? '',
    parentId: d.parentId === null ? '' : String(d.parentId),
    address: d.address,
    officeHours: d.officeHours,
    phone: d.phone,
    email: d.email,
    guideText: d.guideText,
    functionsText: d.functionsText,
    sortOrder: String(d.sortOrder),
  };
}

export const EMPTY_DEPARTMENT_FORM: DepartmentFormValues = {
  fullName: '',
  shortName: '',
  kind: '',
  creditCode: '',
  parentId: '',
  address: '',
  officeHours: '周一至周五 上午 8:30–12:00，下午 14:30–17:30（法定节假日除外）',
  phone: '',
  email: '',
  guideText: '',
  functionsText: '',
  sortOrder: '',
};

export function departmentListPage(opts: {
  departments: readonly Department[];
  kind: DepartmentKind | undefined;
  notice: string | undefined;
}): SafeHtml {
  const { departments } = opts;
  return html`<h1>机构管理</h1>
    ${noticeBanner(opts.notice)}
    <p><a class="button" href="/console/departments/new">新增机构</a></p>
    <form method="get" action="/console/departments" class="filters">
      ${selectField({ name: 'kind', label: '机构类型', value: opts.kind, options: KIND_OPTIONS, placeholder: '全部类型' })}
      <button type="submit" class="button secondary">筛选</button>
    </form>
    <table data-testid="department-list">
      <caption>
        ${opts.kind ? DEPARTMENT_KIND_LABELS[opts.kind] : '全部机构'}（共 ${departments.length} 个）
      </caption>
      <thead>
        <tr>
          <th scope="col">机构全称</th>
          <th scope="col">简称</th>
          <th scope="col">机构类型</th>
          <th scope="col">统一社会信用代码</th>
          <th scope="col">状态</th>
          <th scope="col">操作</th>
        </tr>
      </thead>
      <tbody>
        ${departments.map(
          (d) =>
            html`<tr>
              <th scope="row"><a href="/console/departments/${d.id}/edit">${d.fullName}</a></th>
              <td>${d.shortName}</td>
              <td>${DEPARTMENT_KIND_LABELS[d.kind]}</td>
              <td><code>${d.creditCode ?? ''}</code></td>
              <td>${d.active ? '启用' : html`<span class="tag">已停用</span>`}</td>
              <td>
                <a href="/console/departments/${d.id}/edit"
                  >编辑<span class="visually-hidden">${d.fullName}</span></a
                >
                ${d.active ? html`<a href="/departments/${d.id}">公开页面<span class="visually-hidden">：${d.fullName}</span></a>` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

export function departmentFormPage(
  csrf: string,
  opts: {
    department: Department | undefined;
    values: DepartmentFormValues;
    errors: FieldErrors | undefined;
    parents: readonly Department[];
  },
): SafeHtml {
  const { department: d, values: v, errors: e } = opts;
  const parentOptions = opts.parents
    .filter((p) => p.id !== d?.id)
    .map((p) => ({ value: String(p.id), label: p.active ? p.fullName : `${p.fullName}（已停用）` }));
  const L = DEPARTMENT_FIELD_LABELS;
  return html`<p><a href="/console/departments">← 返回机构列表</a></p>
    <h1>${d ? `编辑机构：${d.fullName}` : '新增机构'}</h1>
    ${errorSummary(e, L)}
    <form method="post" action="${d ? `/console/departments/${d.id}` : '/console/departments'}" novalidate>
      ${csrfField(csrf)}
      ${textField({ name: 'fullName', label: L.fullName, value: v.fullName, error: e?.fullName, required: true, hint: '如：黄冈市统计局' })}
      ${textField({ name: 'shortName', label: L.shortName, value: v.shortName, error: e?.shortName, hint: '如：市统计局' })}
      ${selectField({ name: 'kind', label: L.kind, value: v.kind, error: e?.kind, options: KIND_OPTIONS, placeholder: '请选择', required: true })}
      ${textField({ name: 'creditCode', label: L.creditCode, value: v.creditCode, error: e?.creditCode, required: true, hint: '18 位数字或大写字母，最后一位是校验位' })}
      ${selectField({ name: 'parentId', label: L.parentId, value: v.parentId, error: e?.parentId, options: parentOptions, placeholder: '（无）' })}
      ${textField({ name: 'address', label: L.address, value: v.address, error: e?.address })}
      ${textField({ name: 'officeHours', label: L.officeHours, value: v.officeHours, error: e?.officeHours })}
      ${textField({ name: 'phone', label: L.phone, value: v.phone, error: e?.phone, type: 'tel', hint: '如：0713-8866001' })}
      ${textField({ name: 'email', label: L.email, value: v.email, error: e?.email, type: 'email' })}
      ${textField({ name: 'sortOrder', label: L.sortOrder, value: v.sortOrder, error: e?.sortOrder, hint: '同类机构中按此数字从小到大排列，留空为 0' })}
      ${textArea({ name: 'functionsText', label: L.functionsText, value: v.functionsText, error: e?.functionsText, rows: 8 })}
      ${textArea({ name: 'guideText', label: L.guideText, value: v.guideText, error: e?.guideText, rows: 14, hint: '空一行分段；单独一行的“一、主动公开”等会显示为小标题' })}
      <button type="submit" class="button">保存</button>
    </form>
    ${d ? statusSection(csrf, d) : ''}`;
}

function statusSection(csrf: string, d: Department): SafeHtml {
  return html`<section aria-labelledby="status-title">
    <h2 id="status-title">状态</h2>
    ${
      d.active
        ? html`<p>该机构当前为启用状态，显示在公开的机构目录中。</p>
            <p><a class="button secondary" href="/console/departments/${d.id}/deactivate">停用此机构</a></p>`
        : html`<p>该机构已停用，不在公开的机构目录和 API 中显示。</p>
            <form method="post" action="/console/departments/${d.id}/reactivate">
              ${csrfField(csrf)}<button type="submit" class="button secondary">重新启用此机构</button>
            </form>`
    }
  </section>`;
}

export function deactivateConfirmPage(csrf: string, d: Department): SafeHtml {
  return html`<h1>停用机构：${d.fullName}</h1>
    <div class="warning">
      <p>停用后，该机构不再出现在公开的机构目录和 API 中，其公开页面将显示“页面不存在”。</p>
      <p>机构的资料和历史记录都会保留，之后可以重新启用。</p>
    </div>
    <form method="post" action="/console/departments/${d.id}/deactivate">
      ${csrfField(csrf)}
      <button type="submit" class="button">确认停用</button>
      <a href="/console/departments/${d.id}/edit">取消</a>
    </form>`;
}

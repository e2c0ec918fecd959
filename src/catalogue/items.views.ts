// Console views of catalogue items: the department's list and the draft form.
import type { FieldErrors } from '../http/errors.js';
import { checkboxes, csrfField, errorSummary, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { paginationNav } from '../shared/pagination.js';
import {
  DISCLOSURE_GROUNDS,
  DISCLOSURE_GROUND_LABELS,
  DISCLOSURE_KINDS,
  DISCLOSURE_LABELS,
  INTERPRETATION_FORMS,
  INTERPRETATION_FORM_LABELS,
  ITEM_CATEGORIES,
  ITEM_CATEGORY_LABELS,
  ITEM_STATUSES,
  ITEM_STATUS_LABELS,
  VALIDITY_LABELS,
  VALIDITY_STATES,
} from './catalogue.types.js';
import { DEADLINE_LABELS, deadlineState, type DeadlineDay, type DeadlineState } from './items.deadlines.js';
import type { ItemSummary } from './items.repository.js';
import { ITEM_INPUT_LABELS, isItemCategory, type ItemInput } from './items.types.js';
import type { Topic } from './topics.types.js';

export function deadlineTag(state: DeadlineState | null, dueDate: string | null): SafeHtml {
  if (!state) return html``;
  const alert = state === 'late' || state === 'due_soon' || state === 'published_late';
  return html`<span class="tag${alert ? ' tag-alert' : ''}" data-testid="deadline"
      >${DEADLINE_LABELS[state]}</span
    >
    ${dueDate && (state === 'open' || state === 'due_soon' || state === 'late') ? html`<br /><small>期限 ${dueDate}</small>` : ''}`;
}

export interface ItemListView {
  items: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
  status: string;
  q: string;
  departmentId: number | undefined;
  departments: { id: number; name: string }[] | undefined;
  day: DeadlineDay;
  canDraft: boolean;
  href: (page: number) => string;
  notice?: string;
}

export function itemListPage(v: ItemListView): SafeHtml {
  const late = v.items.filter((i) => deadlineState(i, v.day) === 'late').length;
  return html`<h1>公开目录信息</h1>
    ${v.notice ? html`<p class="notice" role="status" data-testid="notice">${v.notice}</p>` : ''}
    ${v.canDraft ? html`<p><a class="button" href="/console/items/new">新建信息</a></p>` : ''}
    <form method="get" action="/console/items" class="filters" role="search">
      ${selectField({
        name: 'status',
        label: '状态',
        value: v.status,
        placeholder: '全部',
        options: ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] })),
      })}
      ${
        v.departments
          ? selectField({
              name: 'department',
              label: '机构',
              value: v.departmentId === undefined ? '' : String(v.departmentId),
              placeholder: '全部机构',
              options: v.departments.map((d) => ({ value: String(d.id), label: d.name })),
            })
          : ''
      }
      ${textField({ name: 'q', label: '名称、文号或索引号', value: v.q })}
      <button type="submit" class="button secondary">筛选</button>
    </form>
    ${late ? html`<p class="warning" role="status">本页有 ${late} 条信息已超过《条例》第二十六条规定的 20 个工作日公开期限。</p>` : ''}
    ${
      v.items.length === 0
        ? html`<p>没有符合条件的信息。</p>`
        : html`<table class="item-list" data-testid="item-list">
            <caption class="visually-hidden">
              信息列表
            </caption>
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">信息类别</th>
                <th scope="col">状态</th>
                <th scope="col">索引号</th>
                <th scope="col">成文日期</th>
                <th scope="col">公开时限</th>
                <th scope="col">更新时间</th>
              </tr>
            </thead>
            <tbody>
              ${v.items.map(
                (i) =>
                  html`<tr>
                    <td>
                      <a href="/console/items/${i.id}">${i.title}</a
                      >${i.docNumber ? html`<br /><small>${i.docNumber}</small>` : ''}
                    </td>
                    <td>${isItemCategory(i.category) ? ITEM_CATEGORY_LABELS[i.category] : i.category}</td>
                    <td>
                      ${ITEM_STATUS_LABELS[i.status]}${i.currentVersion > 0 && i.status !== 'published' && i.status !== 'withdrawn' ? html`<br /><small>修订中（公众仍见第 ${i.currentVersion} 版）</small>` : ''}
                      ${i.status === 'scheduled' && i.scheduledAt ? html`<br /><small>${formatShanghaiDateTime(i.scheduledAt)}</small>` : ''}
                    </td>
                    <td>${i.indexNumber ?? ''}</td>
                    <td>${i.signedDate ?? ''}</td>
                    <td>${deadlineTag(deadlineState(i, v.day), i.dueDate)}</td>
                    <td>${formatShanghaiDateTime(i.updatedAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${paginationNav({ page: v.page, pageSize: v.pageSize, total: v.total, href: v.href })}`;
}

export interface ItemFormView {
  action: string;
  input: ItemInput;
  errors?: FieldErrors;
  message?: string;
  topics: Topic[];
  isRevision: boolean;
  title: string;
  cancelHref: string;
}

function topicOptions(topics: Topic[]): { value: string; label: string }[] {
  const firstLevel = topics.filter((t) => t.parentId === null);
  const out: { value: string; label: string }[] = [];
  for (const parent of firstLevel) {
    out.push({ value: String(parent.id), label: parent.name });
    for (const child of topics.filter((t) => t.parentId === parent.id))
      out.push({ value: String(child.id), label: `${parent.name} \\ ${child.name}` });
  }
  return out;
}

export function itemForm(csrf: string, v: ItemFormView): SafeHtml {
  const e = v.errors ?? {};
  const i = v.input;
  const L = ITEM_INPUT_LABELS;
  return html`<h1>${v.title}</h1>
    ${errorSummary(v.errors, L, v.message)}
    <form method="post" action="${v.action}" novalidate data-testid="item-form">
      ${csrfField(csrf)}
      ${textField({ name: 'title', label: L.title, value: i.title, error: e.title, required: true, maxlength: 200, hint: '只写主标题，不含副标题' })}
      ${textArea({ name: 'summary', label: L.summary, value: i.summary, error: e.summary, rows: 3, hint: '不超过 500 字' })}
      ${selectField({ name: 'category', label: L.category, value: i.category, error: e.category, required: true, placeholder: '请选择', options: ITEM_CATEGORIES.map((c) => ({ value: c, label: ITEM_CATEGORY_LABELS[c] })) })}
      ${textField({ name: 'docNumber', label: L.docNumber, value: i.docNumber, error: e.docNumber, hint: '如 黄政办发〔2017〕27号；方括号、圆括号会自动改为六角括号〔〕' })}
      ${textField({ name: 'issuer', label: L.issuer, value: i.issuer, error: e.issuer, hint: '发布机构全称，不用简称；留空则为本机构' })}
      ${textField({ name: 'signedDate', label: L.signedDate, value: i.signedDate, error: e.signedDate, type: 'date', hint: '公文的签发日期，格式 2017-03-15；政策文件和规范性文件必填。公开期限为成文日期后 20 个工作日' })}
      ${selectField({ name: 'topicId', label: L.topicId, value: i.topicId, error: e.topicId, placeholder: '请选择', options: topicOptions(v.topics) })}
      ${selectField({ name: 'validity', label: L.validity, value: i.validity, error: e.validity, placeholder: '不适用', options: VALIDITY_STATES.map((s) => ({ value: s, label: VALIDITY_LABELS[s] })), hint: '规范性文件必须标注' })}
      <fieldset>
        <legend>公开属性</legend>
        ${selectField({ name: 'disclosure', label: L.disclosure, value: i.disclosure, error: e.disclosure, required: true, options: DISCLOSURE_KINDS.map((d) => ({ value: d, label: DISCLOSURE_LABELS[d] })), hint: '只有主动公开的信息会在网站上公开' })}
        ${selectField({ name: 'disclosureGround', label: L.disclosureGround, value: i.disclosureGround, error: e.disclosureGround, placeholder: '不适用（主动公开）', options: DISCLOSURE_GROUNDS.map((g) => ({ value: g, label: DISCLOSURE_GROUND_LABELS[g] })) })}
        ${textArea({ name: 'disclosureReason', label: L.disclosureReason, value: i.disclosureReason, error: e.disclosureReason, rows: 2 })}
        ${textField({ name: 'scope', label: L.scope, value: i.scope, error: e.scope, hint: '默认“面向社会”' })}
      </fieldset>
      ${textArea({ name: 'body', label: L.body, value: i.body, error: e.body, rows: 18, hint: '每行一段；# 标题，- 列表，| 表格 |，**加粗**，[链接](https://…)。也可粘贴 Word 内容，格式会自动清理' })}
      <fieldset>
        <legend>政策解读</legend>
        ${checkboxes({ name: 'needsInterpretation', label: L.needsInterpretation, options: [{ value: '1', label: '本文件需要解读（须与已审核的解读同步发布）' }], checked: i.needsInterpretation ? ['1'] : [], error: e.needsInterpretation })}
        ${textArea({ name: 'interpretationExemptReason', label: L.interpretationExemptReason, value: i.interpretationExemptReason, error: e.interpretationExemptReason, rows: 2, hint: '需解读的文件确实不解读时填写' })}
        ${selectField({ name: 'interpretationForm', label: L.interpretationForm, value: i.interpretationForm, error: e.interpretationForm, placeholder: '不适用', options: INTERPRETATION_FORMS.map((f) => ({ value: f, label: INTERPRETATION_FORM_LABELS[f] })), hint: '信息类别为“政策解读”时必填' })}
      </fieldset>
      ${v.isRevision ? textArea({ name: 'changeNote', label: L.changeNote, value: i.changeNote, error: e.changeNote, rows: 2, required: true, hint: '公众可在版本记录中看到' }) : ''}
      <button type="submit" class="button">保存</button>
      <a href="${v.cancelHref}">取消</a>
    </form>`;
}

// Console pages of the 清单 module: my department's lists, one list with its entries and the
// import form (with every bad row reported), the entry form, feedback, and list types (admins).
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, fieldId, selectField, textArea, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { formatDefinition } from './lists.definition.js';
import type { ImportCheck } from './lists.import.js';
import { problemsTable } from './lists.problems.views.js';
import { listHref } from './lists.public.views.js';
import {
  IMPORT_MODE_LABELS,
  IMPORT_MODES,
  type ListTypeEditInput,
  type ListTypeInput,
} from './lists.service.js';
import {
  FEEDBACK_STATUS_LABELS,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type Feedback,
  type ListEntry,
  type ListField,
  type ListSummary,
  type ListType,
} from './lists.types.js';

export function consoleHome(
  types: readonly ListType[],
  mine: readonly ListSummary[],
  openFeedback: number,
  canDefine: boolean,
): SafeHtml {
  return html`<h1>清单管理</h1>
    <p>
      <a href="/console/lists/feedback">公众意见（待答复 ${openFeedback} 条）</a
      >${canDefine ? html` 　<a href="/console/list-types">清单类型</a>` : ''}
    </p>
    <table data-testid="my-lists">
      <thead>
        <tr>
          <th scope="col">清单</th>
          <th scope="col">当前版本</th>
          <th scope="col">条目数</th>
          <th scope="col">更新时间</th>
        </tr>
      </thead>
      <tbody>
        ${types.map((t) => {
          const l = mine.find((x) => x.typeId === t.id);
          return html`<tr>
            <th scope="row"><a href="/console/lists/${t.slug}">${t.name}</a></th>
            <td>${l ? `第 ${l.version} 版` : '未建立'}</td>
            <td>${l?.entryCount ?? 0}</td>
            <td>${l ? formatShanghaiDateTime(l.updatedAt) : ''}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
}

export interface ImportView {
  message: string;
  check?: ImportCheck | undefined;
  imported?: number;
  reasonError?: string | undefined;
}

function importReport(r: ImportView): SafeHtml {
  const c = r.check;
  return html`<div
    class="${r.imported === undefined ? 'error-summary' : 'notice'}"
    role="alert"
    data-testid="import-report"
  >
    <h2>${r.message}</h2>
    ${c && c.ignoredColumns.length ? html`<p>未识别、已忽略的列：${c.ignoredColumns.join('、')}</p>` : ''}
    ${
      c && c.problems.length
        ? problemsTable(c.problems, {
            caption: `有误的数据（共 ${c.badRows} 行${c.valid.length ? `，另有 ${c.valid.length} 行正确` : ''}）`,
          })
        : ''
    }
  </div>`;
}

export function consoleListPage(o: {
  csrf: string;
  type: ListType;
  list: ListSummary | undefined;
  entries: readonly ListEntry[];
  report?: ImportView;
}): SafeHtml {
  const { type, list } = o;
  const shown = type.fields.filter((f) => f.type !== 'longtext' && f.type !== 'documents').slice(0, 3);
  return html`<h1>${type.name}</h1>
    <p>
      ${list ? html`第 ${list.version} 版，共 ${list.entryCount} 项。<a href="${listHref(list.id)}">查看公开页面</a>　<a href="${listHref(list.id)}/versions">版本记录</a>` : '本部门尚未建立此清单。'}
    </p>
    <p><a class="button" href="/console/lists/${type.slug}/new">新增条目</a></p>
    ${o.report ? importReport(o.report) : ''}
    <section>
      <h2>导入表格</h2>
      <p class="hint">
        支持 CSV（UTF-8 或 GBK/GB18030 编码，Excel 另存的均可）和
        XLSX。第一行为表头，按列名对应字段：${type.fields.map((f) => `${f.label}${f.required ? '（必填）' : ''}`).join('、')}。任何一行有误时不导入任何数据，除非选择“只导入正确的行”。
      </p>
      <form
        method="post"
        action="/console/lists/${type.slug}/import"
        enctype="multipart/form-data"
        data-testid="import-form"
      >
        ${csrfField(o.csrf)}
        <div class="field">
          <label for="${fieldId('file')}">表格文件</label
          ><input id="${fieldId('file')}" type="file" name="file" accept=".csv,.xlsx" required />
        </div>
        <fieldset class="field">
          <legend>导入方式</legend>
          ${IMPORT_MODES.map((m, i) => html`<div class="check"><input type="radio" id="${fieldId('mode')}-${i}" name="mode" value="${m}" ${i === 0 ? html`checked` : ''} /><label for="${fieldId('mode')}-${i}">${IMPORT_MODE_LABELS[m]}</label></div>`)}
        </fieldset>
        <div class="check">
          <input type="checkbox" id="${fieldId('validOnly')}" name="validOnly" value="1" /><label
            for="${fieldId('validOnly')}"
            >只导入正确的行（有误的行不导入）</label
          >
        </div>
        ${textField({ name: 'reason', label: '修改原因', required: true, error: o.report?.reasonError, hint: '公开在版本记录中，例如“根据某某文件调整”', maxlength: 500 })}
        <button type="submit">导入</button>
      </form>
    </section>
    <section>
      <h2>当前条目</h2>
      ${
        o.entries.length
          ? html`<table data-testid="console-entries">
              <thead>
                <tr>
                  ${shown.map((f) => html`<th scope="col">${f.label}</th>`)}
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                ${o.entries.map(
                  (e) =>
                    html`<tr>
                      ${shown.map((f) => html`<td>${e.values[f.key] ?? ''}</td>`)}
                      <td><a href="/console/lists/${type.slug}/entries/${e.id}">修改</a></td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>暂无条目。</p>`
      }
    </section>`;
}

function fieldInput(f: ListField, value: string, error: string | undefined): SafeHtml {
  const o = { name: `v_${f.key}`, label: f.label, value, error, required: f.required };
  switch (f.type) {
    case 'longtext':
      return textArea(o);
    case 'documents':
      return textArea({ ...o, rows: 3, hint: '每行一个文件，例如《中华人民共和国行政许可法》第十二条' });
    case 'enum':
      return selectField({
        ...o,
        placeholder: '请选择',
        options: (f.options ?? []).map((v) => ({ value: v, label: v })),
      });
    case 'date':
      return textField({ ...o, type: 'date' });
    case 'url':
      return textField({ ...o, type: 'url' });
    case 'credit_code':
      return textField({ ...o, maxlength: 18, hint: '18 位统一社会信用代码' });
    case 'number':
    case 'money':
    case 'text':
      return textField(o);
    default: {
      const never: never = f.type;
      return never;
    }
  }
}

export function entryFormPage(o: {
  csrf: string;
  type: ListType;
  entryId: number | undefined;
  values: Record<string, string>;
  reason: string;
  errors?: FieldErrors | undefined;
}): SafeHtml {
  const labels: Record<string, string> = { reason: '修改原因' };
  for (const f of o.type.fields) labels[f.key] = f.label;
  const errors: FieldErrors = {};
  for (const [k, v] of Object.entries(o.errors ?? {})) errors[k === 'reason' ? 'reason' : `v_${k}`] = v;
  const summaryLabels: Record<string, string> = { reason: '修改原因' };
  for (const f of o.type.fields) summaryLabels[`v_${f.key}`] = f.label;
  const action =
    o.entryId === undefined
      ? `/console/lists/${o.type.slug}/new`
      : `/console/lists/${o.type.slug}/entries/${o.entryId}`;
  return html`<h1>${o.entryId === undefined ? '新增条目' : '修改条目'}：${o.type.name}</h1>
    ${errorSummary(errors, summaryLabels)}
    <form method="post" action="${action}" novalidate data-testid="entry-form">
      ${csrfField(o.csrf)}
      ${o.type.fields.map((f) => fieldInput(f, o.values[f.key] ?? '', errors[`v_${f.key}`]))}
      ${textField({ name: 'reason', label: '修改原因', value: o.reason, error: errors.reason, required: true, maxlength: 500, hint: '公开在版本记录中' })}
      <button type="submit">保存（生成新版本）</button>
    </form>
    ${
      o.entryId === undefined
        ? ''
        : html`<form
            method="post"
            action="/console/lists/${o.type.slug}/entries/${o.entryId}/delete"
            class="narrow"
          >
            ${csrfField(o.csrf)}
            ${textField({ name: 'reason', label: '删除原因', required: true, maxlength: 500 })}
            <button type="submit" class="secondary">删除此条目</button>
          </form>`
    }`;
}

export function feedbackConsolePage(
  csrf: string,
  items: readonly (Feedback & { listName: string })[],
  today: string,
  errors?: { id: number; fields: FieldErrors },
): SafeHtml {
  return html`<h1>清单意见建议</h1>
    ${items.length === 0 ? html`<p>暂无意见。</p>` : ''}
    ${items.map(
      (f) =>
        html`<article class="card" data-testid="feedback-${f.id}">
          <h2>${f.listName}${f.entryKey ? `：${f.entryKey}` : ''}</h2>
          <p>
            收到：${f.receivedDate}　答复期限：<strong>${f.dueDate}</strong>${f.status === 'open' && f.dueDate < today ? html` <span class="tag warning">已逾期</span>` : ''}　状态：${FEEDBACK_STATUS_LABELS[f.status]}
          </p>
          <p>提出人：${f.name || '（未留姓名）'}　联系方式：${f.contact}</p>
          <blockquote>${f.message}</blockquote>
          ${
            f.status === 'answered'
              ? html`<p>
                  答复（${f.answeredBy}，${formatShanghaiDateTime(f.answeredAt)}${f.answerPublic ? '，已公开' : '，未公开'}）：${f.answer}
                </p>`
              : html`<form method="post" action="/console/lists/feedback/${f.id}/answer">
                  ${csrfField(csrf)}
                  ${textArea({ name: 'answer', label: '答复', required: true, error: errors?.id === f.id ? errors.fields.answer : undefined })}
                  <div class="check">
                    <input type="checkbox" id="pub-${f.id}" name="publish" value="1" /><label
                      for="pub-${f.id}"
                      >在清单页面公开此答复（不公开提出人信息）</label
                    >
                  </div>
                  <button type="submit">提交答复</button>
                </form>`
          }
        </article>`,
    )}`;
}

export const TYPE_LABELS: Record<string, string> = {
  slug: '代码',
  name: '清单名称',
  description: '说明',
  definition: '字段定义',
  keyField: '标识字段',
};

export function listTypesPage(
  csrf: string,
  types: readonly ListType[],
  v: ListTypeInput,
  errors?: FieldErrors,
): SafeHtml {
  return html`<h1>清单类型</h1>
    ${types.map(
      (t) =>
        html`<details>
          <summary>${t.name}（${t.slug}${t.builtin ? '，内置' : ''}）</summary>
          <pre>${formatDefinition(t.fields)}</pre>
          <p>标识字段：${t.keyField}　<a href="/console/list-types/${t.slug}/edit">修改${t.name}</a></p>
        </details>`,
    )}
    <h2>新增清单类型</h2>
    ${errorSummary(errors, TYPE_LABELS)}
    <form method="post" action="/console/list-types" novalidate data-testid="type-form">
      ${csrfField(csrf)}
      ${textField({ name: 'slug', label: TYPE_LABELS.slug ?? '', value: v.slug, error: errors?.slug, required: true, hint: '用于网址，如 fee-list' })}
      ${textField({ name: 'name', label: TYPE_LABELS.name ?? '', value: v.name, error: errors?.name, required: true })}
      ${textArea({ name: 'description', label: TYPE_LABELS.description ?? '', value: v.description, rows: 2 })}
      ${textArea({
        name: 'definition',
        label: TYPE_LABELS.definition ?? '',
        value: v.definition,
        error: errors?.definition,
        required: true,
        rows: 8,
        hint: `每行一个字段：键|标签|类型|是否必填|可选值（用、分隔）。类型：${FIELD_TYPES.map((t) => FIELD_TYPE_LABELS[t]).join('、')}。例如 fee_type|收费性质|枚举|是|政府定价、市场调节价`,
      })}
      ${textField({ name: 'keyField', label: TYPE_LABELS.keyField ?? '', value: v.keyField, error: errors?.keyField, hint: '一个必填字段的键，用于识别同一条目；不填则用第一个必填字段' })}
      <button type="submit">保存</button>
    </form>`;
}

const EDIT_LABELS: Record<string, string> = { ...TYPE_LABELS, reason: '修改原因' };

/** The form changing a list type: name, description and the field definition (keys identify fields). */
export function listTypeEditPage(
  csrf: string,
  type: ListType,
  v: ListTypeEditInput,
  errors?: FieldErrors,
): SafeHtml {
  const keyLabel = type.fields.find((f) => f.key === type.keyField)?.label ?? type.keyField;
  return html`<h1>修改清单类型：${type.name}</h1>
    <p class="hint">
      每个字段由“键”识别：改标签即改名；新增一行即新增字段（已有条目须仍然有效，一般应为非必填）；修改枚举字段的可选值时，已有条目使用的值不能删除。标识字段
      ${keyLabel}（${type.keyField}）不能删除。${type.builtin ? '内置清单类型的字段不能删除或改变类型。' : ''}
    </p>
    ${errorSummary(errors, EDIT_LABELS)}
    <form
      method="post"
      action="/console/list-types/${type.slug}/edit"
      novalidate
      data-testid="type-edit-form"
    >
      ${csrfField(csrf)}
      ${textField({ name: 'name', label: TYPE_LABELS.name ?? '', value: v.name, error: errors?.name, required: true })}
      ${textArea({ name: 'description', label: TYPE_LABELS.description ?? '', value: v.description, rows: 2 })}
      ${textArea({
        name: 'definition',
        label: TYPE_LABELS.definition ?? '',
        value: v.definition,
        error: errors?.definition,
        required: true,
        rows: Math.max(8, type.fields.length + 2),
        hint: `每行一个字段：键|标签|类型|是否必填|可选值（用、分隔）。类型：${FIELD_TYPES.map((t) => FIELD_TYPE_LABELS[t]).join('、')}`,
      })}
      ${textField({ name: 'reason', label: '修改原因', value: v.reason, error: errors?.reason, required: true, maxlength: 500 })}
      <button type="submit">保存修改</button>
    </form>
    <p><a href="/console/list-types">返回清单类型</a></p>`;
}

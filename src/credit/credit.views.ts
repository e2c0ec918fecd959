// Pages of 双公示: the public lookup and record page (personal data masked), and the console.
import type { FieldErrors } from '../http/errors.js';
import { csrfField, errorSummary, fieldId, selectField, textArea, textField } from '../http/forms.js';
import { html, paragraphs, type SafeHtml } from '../http/html.js';
import type { RowProblem } from '../lists/lists.import.js';
import { problemsTable } from '../lists/lists.problems.views.js';
import { paginationNav } from '../shared/pagination.js';
import { fieldsOf, type CreditField } from './credit.fields.js';
import { publicFields, publicPartyName } from './credit.mask.js';
import type { RecordHistoryEntry } from './credit.service.js';
import {
  CREDIT_KIND_LABELS,
  CREDIT_KINDS,
  CREDIT_STATUS_LABELS,
  SEVERITY_LABELS,
  type CreditKind,
  type CreditRecord,
} from './credit.types.js';

export interface LookupForm {
  name: string;
  code: string;
  department: string;
  kind: string;
  from: string;
  to: string;
}

/** Bad rows listed on the import pages (the rest are counted in the message). */
const PROBLEMS_SHOWN = 1000;

export function lookupPage(o: {
  form: LookupForm;
  departments: readonly { id: number; fullName: string }[];
  records: readonly CreditRecord[];
  total: number;
  /** More than `total` matches (a common name: counting stops there). */
  more: boolean;
  page: number;
  pageSize: number;
  href: (page: number) => string;
}): SafeHtml {
  const f = o.form;
  return html`<h1>双公示：行政许可和行政处罚信息</h1>
    <p>
      行政许可、行政处罚决定自作出之日起 7
      个工作日内公示。行政处罚信息在公示期届满、信用修复或决定撤销后不再公示。自然人的证件号码和姓名按规定隐去。
    </p>
    <form method="get" action="/credit" class="filters" role="search" aria-label="查询双公示信息">
      ${textField({ name: 'name', label: '行政相对人名称', value: f.name, hint: '可输入名称的一部分' })}
      ${textField({ name: 'code', label: '统一社会信用代码', value: f.code, maxlength: 18 })}
      ${selectField({ name: 'department', label: '决定机关', value: f.department, placeholder: '全部', options: o.departments.map((d) => ({ value: String(d.id), label: d.fullName })) })}
      ${selectField({ name: 'kind', label: '类别', value: f.kind, placeholder: '全部', options: CREDIT_KINDS.map((k) => ({ value: k, label: CREDIT_KIND_LABELS[k] })) })}
      ${textField({ name: 'from', label: '决定日期自', value: f.from, type: 'date' })}
      ${textField({ name: 'to', label: '决定日期至', value: f.to, type: 'date' })}
      <button type="submit">查询</button>
    </form>
    <p data-testid="result-count">
      ${o.more ? `超过 ${o.total} 条，请输入更完整的名称或增加条件。` : `共 ${o.total} 条。`}
    </p>
    ${
      o.records.length
        ? html`<table data-testid="credit-results">
            <thead>
              <tr>
                <th scope="col">类别</th>
                <th scope="col">行政相对人</th>
                <th scope="col">决定文书号</th>
                <th scope="col">决定日期</th>
                <th scope="col">决定机关</th>
              </tr>
            </thead>
            <tbody>
              ${o.records.map(
                (r) =>
                  html`<tr>
                    <td>${CREDIT_KIND_LABELS[r.kind]}</td>
                    <td><a href="/credit/${r.id}">${publicPartyName(r)}</a></td>
                    <td>${r.docNumber}</td>
                    <td>${r.decisionDate}</td>
                    <td>${r.departmentName}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>没有找到符合条件的信息。</p>`
    }
    ${paginationNav({ page: o.page, pageSize: o.pageSize, total: o.total, href: o.href })}`;
}

function fieldList(defs: readonly CreditField[], values: Readonly<Record<string, string>>): SafeHtml {
  return html`<dl class="item-meta" data-testid="credit-record">
    ${defs
      .filter((d) => (values[d.key] ?? '') !== '')
      .map(
        (d) =>
          html`<dt>${d.label}</dt>
            <dd>${d.type === 'longtext' ? paragraphs(values[d.key]) : values[d.key]}</dd>`,
      )}
  </dl>`;
}

export function recordPage(r: CreditRecord): SafeHtml {
  return html`<h1>${CREDIT_KIND_LABELS[r.kind]}信息：${publicPartyName(r)}</h1>
    ${fieldList(fieldsOf(r.kind), publicFields(r.fields, r.partyCategory))}
    ${r.kind === 'penalty' && r.publishUntil ? html`<p class="hint">公示至 ${r.publishUntil}。</p>` : ''}
    <p><a href="/credit">返回查询</a></p>`;
}

export function revokedPage(note: { date: string; reason: string }): SafeHtml {
  return html`<h1>该决定已撤销</h1>
    <p class="notice" data-testid="revoked">
      该决定已于 ${note.date} 撤销，相关信息不再公示。说明：${note.reason}
    </p>`;
}

// ---- console

export function consoleCreditPage(o: {
  csrf: string;
  records: readonly CreditRecord[];
  total: number;
  page: number;
  pageSize: number;
  report?: { message: string; problems: readonly RowProblem[]; ok: boolean };
}): SafeHtml {
  return html`<h1>双公示</h1>
    <p>
      <a href="/console/credit/new?kind=license">录入行政许可</a>　<a href="/console/credit/new?kind=penalty"
        >录入行政处罚</a
      >
    </p>
    ${
      o.report
        ? html`<div
            class="${o.report.ok ? 'notice' : 'error-summary'}"
            role="alert"
            data-testid="import-report"
          >
            <h2>${o.report.message}</h2>
            ${
              o.report.problems.length
                ? html`${problemsTable(o.report.problems, { limit: PROBLEMS_SHOWN })}
                  ${o.report.problems.length > PROBLEMS_SHOWN ? html`<p>仅显示前 ${PROBLEMS_SHOWN} 个问题（共 ${o.report.problems.length} 个）。</p>` : ''}`
                : ''
            }
          </div>`
        : ''
    }
    <section>
      <h2>导入</h2>
      <p class="hint">
        CSV（UTF-8 或 GBK）、XLSX 或 JSON 数组；表头可用字段代码（如
        CF_WSH）或中文名称。任何一行有误时不导入任何数据，除非选择“只导入正确的行”。
      </p>
      <form
        method="post"
        action="/console/credit/import"
        enctype="multipart/form-data"
        data-testid="credit-import-form"
      >
        ${csrfField(o.csrf)}
        ${selectField({ name: 'kind', label: '类别', value: 'license', options: CREDIT_KINDS.map((k) => ({ value: k, label: CREDIT_KIND_LABELS[k] })) })}
        <div class="field">
          <label for="${fieldId('file')}">文件</label
          ><input id="${fieldId('file')}" type="file" name="file" accept=".csv,.xlsx,.json" required />
        </div>
        <div class="check">
          <input type="checkbox" id="${fieldId('validOnly')}" name="validOnly" value="1" /><label
            for="${fieldId('validOnly')}"
            >只导入正确的行</label
          >
        </div>
        <button type="submit">导入</button>
      </form>
    </section>
    <table data-testid="credit-console">
      <thead>
        <tr>
          <th scope="col">类别</th>
          <th scope="col">行政相对人</th>
          <th scope="col">文书号</th>
          <th scope="col">决定日期</th>
          <th scope="col">公示日期</th>
          <th scope="col">状态</th>
        </tr>
      </thead>
      <tbody>
        ${o.records.map(
          (r) =>
            html`<tr>
              <td>${CREDIT_KIND_LABELS[r.kind]}</td>
              <td><a href="/console/credit/${r.id}">${r.partyName}</a></td>
              <td>${r.docNumber}</td>
              <td>${r.decisionDate}</td>
              <td>
                ${r.publishedDate}${r.late ? html` <span class="tag warning" data-testid="late">逾期公示（应于 ${r.dueDate} 前）</span>` : ''}
              </td>
              <td>${CREDIT_STATUS_LABELS[r.status]}${r.severity === 'minor' ? '（轻微，不公示）' : ''}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${paginationNav({ page: o.page, pageSize: o.pageSize, total: o.total, href: (p) => `/console/credit?page=${p}` })}`;
}

export function creditFormPage(
  csrf: string,
  kind: CreditKind,
  values: Record<string, string>,
  errors?: FieldErrors,
  edit?: { id: number; reason: string },
): SafeHtml {
  const defs = fieldsOf(kind);
  const labels: Record<string, string> = { reason: '修改原因' };
  for (const d of defs) labels[d.key] = d.label;
  return html`<h1>${edit ? '修改' : '录入'}${CREDIT_KIND_LABELS[kind]}信息</h1>
    ${errorSummary(errors, labels)}
    <form
      method="post"
      action="${edit ? `/console/credit/${edit.id}/edit` : `/console/credit/new?kind=${kind}`}"
      novalidate
      data-testid="credit-form"
    >
      ${csrfField(csrf)}
      ${edit ? textField({ name: 'reason', label: '修改原因（记入修改记录）', value: edit.reason, error: errors?.reason, required: true }) : ''}
      ${defs.map((d) => {
        const o = {
          name: d.key,
          label: `${d.label}（${d.key}）`,
          value: values[d.key] ?? '',
          error: errors?.[d.key],
          required: d.required,
        };
        if (d.type === 'enum')
          return selectField({
            ...o,
            placeholder: '请选择',
            options: (d.options ?? []).map((v) => ({ value: v, label: v })),
          });
        if (d.type === 'longtext') return textArea({ ...o, rows: 3 });
        return textField({ ...o, ...(d.type === 'date' ? { type: 'date' } : {}) });
      })}
      <button type="submit">${edit ? '保存修改' : '保存并公示'}</button>
    </form>`;
}

const HISTORY_ACTIONS: Record<string, string> = {
  'credit.create': '录入',
  'credit.update': '修改',
  'credit.repair': '信用修复',
  'credit.revoke': '撤销',
};

function historyList(history: readonly RecordHistoryEntry[]): SafeHtml {
  return html`<section>
    <h2>修改记录</h2>
    ${
      history.length
        ? html`<ol data-testid="credit-history">
            ${history.map(
              (h) =>
                html`<li>
                  ${h.at.slice(0, 19).replace('T', ' ')} ${h.actorName}
                  ${HISTORY_ACTIONS[h.action] ?? h.action}${h.reason ? `：${h.reason}` : ''}
                  ${
                    h.changes.length
                      ? html`<ul>
                          ${h.changes.map((c) => html`<li>${c.field}：“${c.before}” → “${c.after}”</li>`)}
                        </ul>`
                      : ''
                  }
                </li>`,
            )}
          </ol>`
        : html`<p>批量导入的记录在导入后没有修改。</p>`
    }
  </section>`;
}

export function consoleRecordPage(
  csrf: string,
  r: CreditRecord,
  errors?: FieldErrors,
  history: readonly RecordHistoryEntry[] = [],
): SafeHtml {
  return html`<h1>${CREDIT_KIND_LABELS[r.kind]}：${r.partyName}</h1>
    <p><a href="/console/credit/${r.id}/edit" data-testid="edit-link">修改</a></p>
    <p>
      状态：<strong data-testid="status">${CREDIT_STATUS_LABELS[r.status]}</strong
      >${r.statusReason ? `（${r.statusDate}：${r.statusReason}）` : ''}
      ${r.severity ? `　失信严重程度：${SEVERITY_LABELS[r.severity]}` : ''}${r.publishUntil ? `　公示至 ${r.publishUntil}` : ''}
      　公示日期：${r.publishedDate}${r.late ? html` <span class="tag warning">逾期公示（应于 ${r.dueDate} 前）</span>` : ''}
    </p>
    ${fieldList(fieldsOf(r.kind), r.fields)} ${errorSummary(errors, { reason: '原因' })}
    ${
      r.status === 'active'
        ? html`${
              r.kind === 'penalty'
                ? html`<form method="post" action="/console/credit/${r.id}/repair" class="narrow">
                    ${csrfField(csrf)}
                    ${textField({ name: 'reason', label: '信用修复依据', required: true, error: errors?.reason })}<button
                      type="submit"
                    >
                      信用修复（提前停止公示）
                    </button>
                  </form>`
                : ''
            }
            <form method="post" action="/console/credit/${r.id}/revoke" class="narrow">
              ${csrfField(csrf)}
              ${textField({ name: 'reason', label: '撤销说明（公开）', required: true })}<button
                type="submit"
                class="warning"
              >
                决定已撤销（撤下并公开说明）
              </button>
            </form>`
        : ''
    }
    ${historyList(history)}`;
}

export function lateReportPage(
  rows: readonly { departmentName: string; total: number; late: number }[],
): SafeHtml {
  return html`<h1>双公示逾期统计</h1>
    <table data-testid="late-counts">
      <thead>
        <tr>
          <th scope="col">部门</th>
          <th scope="col">记录数</th>
          <th scope="col">逾期公示</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <th scope="row">${r.departmentName}</th>
              <td>${r.total}</td>
              <td>${r.late}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const PHASE_LABELS = { validating: '正在检查数据', importing: '正在保存' } as const;

/** An import job: progress while it runs (the page reloads itself), then the result. */
export function importJobPage(job: {
  id: number;
  kind: string;
  fileName: string;
  status: 'validating' | 'importing' | 'done' | 'failed';
  total: number;
  processed: number;
  badRows: number;
  message: string;
  problems: readonly RowProblem[];
}): SafeHtml {
  const kind = job.kind === 'penalty' ? '行政处罚' : '行政许可';
  if (job.status === 'validating' || job.status === 'importing') {
    const percent = job.total ? Math.floor((job.processed / job.total) * 100) : 0;
    return html`<h1>导入${kind}信息</h1>
      <p>文件：${job.fileName}</p>
      <div class="notice" role="status" data-testid="import-progress">
        <p>
          ${PHASE_LABELS[job.status]}：${job.status === 'validating' ? '已检查' : '已保存'}
          <span data-testid="import-processed">${job.processed}</span> /
          <span data-testid="import-total">${job.total}</span>
          ${job.status === 'validating' ? '行' : '条'}（${percent}%）
        </p>
        <progress max="${job.total || 1}" value="${job.processed}">${percent}%</progress>
        <p class="hint">本页每 2 秒自动刷新。全部检查无误后一次性保存；保存完成前不会有任何数据生效。</p>
      </div>`;
  }
  return html`<h1>导入${kind}信息</h1>
    <p>文件：${job.fileName}</p>
    <div
      class="${job.status === 'done' ? 'notice' : 'error-summary'}"
      role="alert"
      data-testid="import-report"
    >
      <h2>${job.message}</h2>
      ${
        job.problems.length
          ? html`${problemsTable(job.problems, { limit: PROBLEMS_SHOWN })}
            ${job.badRows > 0 ? html`<p>共 ${job.badRows} 行有误${job.problems.length >= PROBLEMS_SHOWN ? `（仅显示前 ${PROBLEMS_SHOWN} 个问题）` : ''}。</p>` : ''}`
          : ''
      }
    </div>
    <p><a href="/console/credit">返回双公示</a></p>`;
}

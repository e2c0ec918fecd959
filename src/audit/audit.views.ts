// The audit log console: filters, the newest-first table, and the chain verification result.
import type { FieldErrors } from '../http/errors.js';
import { errorSummary, selectField, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { DEPARTMENT_KIND_LABELS, isDepartmentKind } from '../orgs/orgs.types.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { isRole, ROLE_LABELS } from '../users/roles.js';
import { pageHref, paginationNav, type PageRequest } from '../shared/pagination.js';
import { AUDIT_FILTER_LABELS, type AuditFilterValues } from './audit.filter.js';
import { auditActionLabel, entityTypeLabel, summaryKeyLabel } from './audit.labels.js';
import type { AuditEntry, AuditVerifyResult } from './audit.types.js';

export interface Option {
  value: string;
  label: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isRecord(v: Json): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJson(text: string): Json | undefined {
  try {
    const parsed: Json = JSON.parse(text);
    return parsed;
  } catch {
    return undefined;
  }
}

/** Lookups that turn recorded codes and ids into names (display only). */
interface SummaryNames {
  department: (id: string) => string | undefined;
}

function plain(v: Json): string {
  if (v === null || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(plain).join('、') : '（无）';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A value under a known key in words: department ids as names, role and kind codes as labels. */
function named(key: string, v: Json, names: SummaryNames): string {
  if ((key === 'departmentId' || key === 'parentId') && typeof v === 'number')
    return names.department(String(v)) ?? `机构 ${v}`;
  if (key === 'roles' && Array.isArray(v))
    return v.map((r) => (typeof r === 'string' && isRole(r) ? ROLE_LABELS[r] : plain(r))).join('、');
  if (key === 'kind' && typeof v === 'string' && isDepartmentKind(v)) return DEPARTMENT_KIND_LABELS[v];
  return plain(v);
}

function value(key: string, v: Json, names: SummaryNames): SafeHtml {
  if (isRecord(v) && 'before' in v && 'after' in v && Object.keys(v).length === 2) {
    const before = v.before ?? null;
    const after = v.after ?? null;
    if (!isRecord(before) && !isRecord(after))
      return html`${named(key, before, names)} → ${named(key, after, names)}`;
  }
  if (isRecord(v)) return summary(v, names);
  return html`${named(key, v, names)}`;
}

/** The change summary as a small definition list; every value escaped by the template. */
function summary(data: { [key: string]: Json }, names: SummaryNames): SafeHtml {
  const entries = Object.entries(data);
  if (entries.length === 0) return html`<span class="hint">（无）</span>`;
  return html`<dl class="audit-summary">
    ${entries.map(
      ([k, v]) =>
        html`<dt>${summaryKeyLabel(k)}</dt>
          <dd>${value(k, v, names)}</dd>`,
    )}
  </dl>`;
}

function summaryCell(text: string, names: SummaryNames): SafeHtml {
  const parsed = parseJson(text);
  if (parsed === undefined) return html`<code>${text}</code>`;
  return isRecord(parsed) ? summary(parsed, names) : html`${plain(parsed)}`;
}

export function auditLogPage(opts: {
  entries: readonly AuditEntry[];
  total: number;
  page: PageRequest;
  values: AuditFilterValues;
  errors: FieldErrors;
  departments: readonly Option[];
  users: readonly Option[];
  entityTypes: readonly string[];
}): SafeHtml {
  const e = opts.errors;
  const v = opts.values;
  const departmentName = new Map(opts.departments.map((d) => [d.value, d.label]));
  const names: SummaryNames = { department: (id) => departmentName.get(id) };
  const hasErrors = Object.keys(e).length > 0;
  return html`<h1>审计日志</h1>
    <p>
      记录所有工作人员的写操作，每条记录都以 SHA-256 哈希与上一条相连，任何修改或删除都能被发现。
      <a class="button secondary" href="/console/audit/verify" data-testid="verify-link">校验日志完整性</a>
    </p>
    ${errorSummary(e, AUDIT_FILTER_LABELS)}
    <form
      method="get"
      action="/console/audit"
      class="filters"
      role="search"
      aria-label="筛选审计日志"
      novalidate
    >
      ${selectField({
        name: 'department',
        label: AUDIT_FILTER_LABELS.department,
        value: v.department,
        error: e.department,
        placeholder: '全部单位',
        options: opts.departments,
      })}
      ${selectField({
        name: 'user',
        label: AUDIT_FILTER_LABELS.user,
        value: v.user,
        error: e.user,
        placeholder: '全部人员',
        options: opts.users,
      })}
      ${selectField({
        name: 'entity',
        label: AUDIT_FILTER_LABELS.entity,
        value: v.entity,
        placeholder: '全部类型',
        options: opts.entityTypes.map((t) => ({ value: t, label: entityTypeLabel(t) })),
      })}
      ${textField({
        name: 'from',
        label: AUDIT_FILTER_LABELS.from,
        type: 'date',
        value: v.from,
        error: e.from,
        hint: '北京时间，YYYY-MM-DD',
      })}
      ${textField({
        name: 'to',
        label: AUDIT_FILTER_LABELS.to,
        type: 'date',
        value: v.to,
        error: e.to,
        hint: '含当天',
      })}
      <button type="submit" class="button">筛选</button>
      <a href="/console/audit">清除筛选</a>
    </form>
    ${
      hasErrors
        ? ''
        : opts.entries.length === 0
          ? html`<p data-testid="empty">没有符合条件的记录。</p>`
          : html`<table data-testid="audit-table">
              <caption>
                审计记录（共 ${opts.total} 条，最新的在前；时间为北京时间）
              </caption>
              <thead>
                <tr>
                  <th scope="col">编号</th>
                  <th scope="col">时间</th>
                  <th scope="col">操作人</th>
                  <th scope="col">单位</th>
                  <th scope="col">操作</th>
                  <th scope="col">对象</th>
                  <th scope="col">变更内容</th>
                </tr>
              </thead>
              <tbody>
                ${opts.entries.map(
                  (x) =>
                    html`<tr data-testid="audit-row-${x.id}">
                      <th scope="row">${x.id}</th>
                      <td><time datetime="${x.at}">${formatShanghaiDateTime(x.at)}</time></td>
                      <td>${x.actorName}</td>
                      <td>
                        ${
                          x.departmentId === null
                            ? '—'
                            : (departmentName.get(String(x.departmentId)) ?? `机构 ${x.departmentId}`)
                        }
                      </td>
                      <td>${auditActionLabel(x.action)}</td>
                      <td>${entityTypeLabel(x.entityType)} ${x.entityId}</td>
                      <td>${summaryCell(x.summary, names)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
    ${paginationNav({
      page: opts.page.page,
      pageSize: opts.page.pageSize,
      total: hasErrors ? 0 : opts.total,
      href: (n) => pageHref('/console/audit', { ...v }, n),
      label: '审计日志分页',
    })}`;
}

export function auditVerifyPage(result: AuditVerifyResult): SafeHtml {
  return html`<h1>审计日志完整性校验</h1>
    ${
      result.ok
        ? html`<div class="notice" role="status" data-testid="verify-result">
            <h2>完整</h2>
            <p>共 ${result.entries} 条记录，哈希链逐条校验通过，没有发现修改或删除。</p>
          </div>`
        : html`<div class="error-summary" role="alert" data-testid="verify-result">
            <h2>发现断点：第 ${result.brokenAt} 条记录</h2>
            <p>${result.reason}。</p>
            <p>该条记录或其之前的记录在写入后被修改或删除。请保全数据库和备份，并按安全事件处置流程报告。</p>
          </div>`
    }
    <p><a href="/console/audit">返回审计日志</a></p>`;
}

// User administration pages (系统管理员): the list, the new-user form and the edit form.
import type { FieldErrors } from '../http/errors.js';
import { checkboxes, csrfField, errorSummary, selectField, textField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import type { Department } from '../orgs/orgs.types.js';
import { formatShanghaiDateTime } from '../shared/clock.js';
import { pageHref, paginationNav, type PageRequest } from '../shared/pagination.js';
import { ROLES, ROLE_LABELS } from './roles.js';
import type { User } from './users.types.js';

/** Where a successful write sends the admin back to, and what it tells them. */
export const USER_NOTICES = ['created', 'updated', 'unlocked', 'not_locked'] as const;
export type UserNotice = (typeof USER_NOTICES)[number];

const NOTICE_TEXT: Record<UserNotice, string> = {
  created: '已新增用户。',
  updated: '已保存对用户的修改。',
  unlocked: '已解除该账号的登录锁定。',
  not_locked: '该账号当前未被锁定，无需解除。',
};

export const USER_FIELD_LABELS = {
  username: '用户名',
  displayName: '姓名',
  departmentId: '所属单位',
  roles: '角色',
  password: '密码',
  active: '账号状态',
} as const;

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function noticeBanner(notice: UserNotice | undefined): SafeHtml {
  return notice
    ? html`<p class="notice" role="status" data-testid="notice">${NOTICE_TEXT[notice]}</p>`
    : html``;
}

function departmentLabel(d: Department): string {
  return d.active ? d.fullName : `${d.fullName}（已停用）`;
}

function statusCell(user: User, lockedUntil: string | null): SafeHtml {
  return html`${user.active ? '启用' : html`<span class="tag">已停用</span>`}
  ${lockedUntil ? html`<br /><span class="tag">已锁定至 ${formatShanghaiDateTime(lockedUntil)}</span>` : ''}`;
}

export function usersListPage(opts: {
  users: readonly (User & { lockedUntil: string | null })[];
  total: number;
  page: PageRequest;
  departments: readonly Department[];
  departmentId: number | undefined;
  notice: UserNotice | undefined;
}): SafeHtml {
  const names = new Map(opts.departments.map((d) => [d.id, departmentLabel(d)]));
  const query = { department: opts.departmentId };
  return html`<h1>用户管理</h1>
    ${noticeBanner(opts.notice)}
    <p><a class="button" href="/console/users/new">新增用户</a></p>
    <form method="get" action="/console/users" class="filters" role="search" aria-label="筛选用户">
      ${selectField({
        name: 'department',
        label: '所属单位',
        value: opts.departmentId,
        placeholder: '全部单位',
        options: opts.departments.map((d) => ({ value: String(d.id), label: departmentLabel(d) })),
      })}
      <button type="submit" class="button">筛选</button>
    </form>
    ${
      opts.users.length === 0
        ? html`<p data-testid="empty">没有符合条件的用户。</p>`
        : html`<table data-testid="users-table">
            <caption>
              用户列表（共 ${opts.total} 人）
            </caption>
            <thead>
              <tr>
                <th scope="col">用户名</th>
                <th scope="col">姓名</th>
                <th scope="col">所属单位</th>
                <th scope="col">角色</th>
                <th scope="col">状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              ${opts.users.map(
                (u) =>
                  html`<tr data-testid="user-row-${u.username}">
                    <th scope="row">${u.username}</th>
                    <td>${u.displayName}</td>
                    <td>${names.get(u.departmentId) ?? `机构 ${u.departmentId}`}</td>
                    <td>${u.roles.map((r) => ROLE_LABELS[r]).join('、')}</td>
                    <td>${statusCell(u, u.lockedUntil)}</td>
                    <td>
                      <a
                        href="/console/users/${u.id}/edit"
                        aria-label="编辑 ${u.displayName}（${u.username}）"
                        >编辑</a
                      >
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${paginationNav({
      page: opts.page.page,
      pageSize: opts.page.pageSize,
      total: opts.total,
      href: (n) => pageHref('/console/users', query, n),
      label: '用户列表分页',
    })}`;
}

/** What the form shows: the stored user or what the admin typed (never a password). */
export interface UserFormValues {
  username: string;
  displayName: string;
  departmentId: string;
  roles: readonly string[];
  active: boolean;
}

function departmentOptions(departments: readonly Department[], current: string) {
  // A user may sit in a department that has since been deactivated: keep it visible, marked.
  return departments
    .filter((d) => d.active || String(d.id) === current)
    .map((d) => ({ value: String(d.id), label: departmentLabel(d) }));
}

const ROLES_HINT = '可多选；公开办监督员可查看所有单位，系统管理员可管理机构、用户、日历和审计日志';

/** The fields the new-user and edit-user forms share: name, department and roles. */
function accountFields(
  values: UserFormValues,
  e: FieldErrors | undefined,
  departments: readonly Department[],
  rolesHint?: string,
): SafeHtml {
  return html`${textField({
    name: 'displayName',
    label: USER_FIELD_LABELS.displayName,
    value: values.displayName,
    error: e?.displayName,
    required: true,
    maxlength: 50,
  })}
  ${selectField({
    name: 'departmentId',
    label: USER_FIELD_LABELS.departmentId,
    value: values.departmentId,
    error: e?.departmentId,
    placeholder: '请选择',
    required: true,
    options: departmentOptions(departments, values.departmentId),
  })}
  ${checkboxes({
    name: 'roles',
    label: USER_FIELD_LABELS.roles,
    ...(rolesHint ? { hint: rolesHint } : {}),
    error: e?.roles,
    options: ROLE_OPTIONS,
    checked: values.roles,
  })}`;
}

export function newUserPage(
  csrf: string,
  opts: { values: UserFormValues; errors?: FieldErrors; departments: readonly Department[] },
): SafeHtml {
  const e = opts.errors;
  return html`<h1>新增用户</h1>
    ${errorSummary(e, USER_FIELD_LABELS)}
    <form method="post" action="/console/users/new" novalidate>
      ${csrfField(csrf)}
      ${textField({
        name: 'username',
        label: USER_FIELD_LABELS.username,
        value: opts.values.username,
        error: e?.username,
        hint: '3–32 位小写字母、数字、下划线、点或连字符，以字母开头；创建后不能修改',
        autocomplete: 'off',
        required: true,
        maxlength: 32,
      })}
      ${accountFields(opts.values, e, opts.departments, ROLES_HINT)}
      ${textField({
        name: 'password',
        label: '初始密码',
        type: 'password',
        autocomplete: 'new-password',
        hint: '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类；请当面或通过安全渠道告知本人',
        error: e?.password,
        required: true,
      })}
      <button type="submit" class="button">新增用户</button>
      <a href="/console/users">取消</a>
    </form>`;
}

export function editUserPage(
  csrf: string,
  opts: {
    user: User;
    lockedUntil: string | null;
    values: UserFormValues;
    errors?: FieldErrors;
    departments: readonly Department[];
    notice?: UserNotice | undefined;
  },
): SafeHtml {
  const e = opts.errors;
  const u = opts.user;
  return html`<h1>编辑用户：${u.displayName}（${u.username}）</h1>
    ${noticeBanner(opts.notice)}
    ${
      opts.lockedUntil
        ? html`<div class="warning" data-testid="locked">
            <p>该账号因连续登录失败已被临时锁定，至 ${formatShanghaiDateTime(opts.lockedUntil)} 自动解除。</p>
            <form method="post" action="/console/users/${u.id}/unlock" class="inline">
              ${csrfField(csrf)}<button type="submit" class="button secondary">立即解除锁定</button>
            </form>
          </div>`
        : ''
    }
    ${errorSummary(e, USER_FIELD_LABELS)}
    <form method="post" action="/console/users/${u.id}/edit" novalidate>
      ${csrfField(csrf)} ${accountFields(opts.values, e, opts.departments)}
      ${checkboxes({
        name: 'active',
        label: USER_FIELD_LABELS.active,
        hint: '取消勾选即停用账号：该用户将无法登录，已有的登录立即失效',
        error: e?.active,
        options: [{ value: '1', label: '启用' }],
        checked: opts.values.active ? ['1'] : [],
      })}
      ${textField({
        name: 'password',
        label: '重设密码（可选）',
        type: 'password',
        autocomplete: 'new-password',
        hint: '留空则不修改。重设后该用户的登录锁定解除，已有的登录全部失效',
        error: e?.password,
      })}
      <button type="submit" class="button">保存</button>
      <a href="/console/users">返回用户列表</a>
    </form>`;
}

import { html, type SafeHtml } from '../http/html.js';
import type { Department } from '../orgs/orgs.types.js';
import { ROLE_LABELS, hasPermission } from '../users/roles.js';
import type { CurrentUser } from '../users/users.types.js';

export function dashboardPage(user: CurrentUser, department: Department): SafeHtml {
  const links: { href: string; label: string; ok: boolean }[] = [
    {
      href: '/console/departments',
      label: '机构管理：新增、修改、停用机构',
      ok: hasPermission(user.roles, 'orgs.manage'),
    },
    {
      href: '/console/leading-group',
      label: '领导小组：成员、联络员和职责',
      ok: hasPermission(user.roles, 'orgs.manage'),
    },
    {
      href: '/console/users',
      label: '用户管理：账号、所属单位和角色',
      ok: hasPermission(user.roles, 'users.manage'),
    },
    {
      href: '/console/calendar',
      label: '工作日历：节假日和调休安排',
      ok: hasPermission(user.roles, 'calendar.manage'),
    },
    {
      href: '/console/audit',
      label: '审计日志：谁在何时做了什么',
      ok: hasPermission(user.roles, 'audit.read'),
    },
    { href: '/console/account', label: '我的账号：修改密码、API 令牌', ok: true },
  ];
  return html`<h1>工作台</h1>
    <p data-testid="dashboard-welcome">
      ${user.displayName}，您好。所属单位：${department.fullName}；角色：${user.roles.map((r) => ROLE_LABELS[r]).join('、')}。
    </p>
    <ul class="task-list">
      ${links.filter((l) => l.ok).map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}
    </ul>`;
}

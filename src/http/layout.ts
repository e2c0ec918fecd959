// The page shells: the public portal and the staff console.
import type { SiteInfo } from '../config.js';
import type { CurrentUser } from '../users/users.types.js';
import { ROLE_LABELS, hasPermission, type Permission } from '../users/roles.js';
import { html, type SafeHtml } from './html.js';
import { csrfField } from './forms.js';

export interface PublicPageContext {
  site: SiteInfo;
  demo: boolean;
  elder: boolean;
  /** Current path (for the 长者模式 switch to return to, and the active nav item). */
  path: string;
}

export interface ConsolePageContext extends PublicPageContext {
  user: CurrentUser | null;
  csrf: string;
}

const PUBLIC_NAV: readonly { href: string; label: string }[] = [
  { href: '/', label: '首页' },
  { href: '/xxgk', label: '政府信息公开' },
  { href: '/departments', label: '机构目录' },
  { href: '/leading-group', label: '政务公开领导小组' },
  { href: '/calendar', label: '期限计算器' },
  { href: '/ysq', label: '依申请公开' },
  { href: '/lists', label: '清单' },
  { href: '/credit', label: '双公示' },
  { href: '/inspections', label: '双随机一公开' },
  { href: '/search', label: '搜索' },
];

const CONSOLE_NAV: readonly { href: string; label: string; permission: Permission }[] = [
  { href: '/console', label: '工作台', permission: 'staff' },
  { href: '/console/items', label: '公开目录信息', permission: 'catalogue.read' },
  { href: '/console/requests', label: '依申请公开', permission: 'requests.read' },
  { href: '/console/lists', label: '清单', permission: 'lists.manage' },
  { href: '/console/credit', label: '双公示', permission: 'credit.manage' },
  { href: '/console/inspections', label: '双随机一公开', permission: 'inspections.manage' },
  { href: '/console/departments', label: '机构管理', permission: 'orgs.manage' },
  { href: '/console/leading-group', label: '领导小组', permission: 'orgs.manage' },
  { href: '/console/users', label: '用户管理', permission: 'users.manage' },
  { href: '/console/calendar', label: '工作日历', permission: 'calendar.manage' },
  { href: '/console/topics', label: '主题分类', permission: 'topics.manage' },
  { href: '/console/audit', label: '审计日志', permission: 'audit.read' },
  { href: '/console/account', label: '我的账号', permission: 'staff' },
];

function isCurrent(path: string, href: string): boolean {
  return href === '/' || href === '/console' ? path === href : path === href || path.startsWith(`${href}/`);
}

function head(title: string, siteName: string, extra?: SafeHtml): SafeHtml {
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title} - ${siteName}</title>
    <meta name="SiteName" content="${siteName}" />
    <link rel="stylesheet" href="/assets/site.css" />
    ${extra ?? ''}
  </head>`;
}

function demoBanner(demo: boolean): SafeHtml {
  return demo
    ? html`<div class="demo-banner" role="note" data-testid="demo-banner">
        演示数据：本站当前载入的是演示数据，机构代码、联系方式等均为虚构，仅供体验。
      </div>`
    : html``;
}

function elderSwitch(ctx: PublicPageContext): SafeHtml {
  const next = ctx.elder ? 'off' : 'on';
  return html`<a
    class="elder-switch"
    data-testid="elder-switch"
    href="/preferences/elder?mode=${next}&amp;back=${encodeURIComponent(ctx.path)}"
    >${ctx.elder ? '退出长者模式' : '长者模式'}</a
  >`;
}

export function publicLayout(
  ctx: PublicPageContext,
  page: {
    title: string;
    body: SafeHtml;
    headExtra?: SafeHtml;
    breadcrumbs?: readonly { href: string; label: string }[];
  },
): SafeHtml {
  return html`<!doctype html>
    <html lang="zh-CN">
      ${head(page.title, ctx.site.name, page.headExtra)}
      <body class="${ctx.elder ? 'elder' : ''}">
        <a class="skip-link" href="#main">跳到主要内容</a>
        ${demoBanner(ctx.demo)}
        <header class="site-header">
          <div class="wrap header-row">
            <a class="site-name" href="/">${ctx.site.name}</a>
            ${elderSwitch(ctx)}
          </div>
          <nav class="site-nav" aria-label="网站导航">
            <ul class="wrap">
              ${PUBLIC_NAV.map(
                (n) =>
                  html`<li>
                    <a href="${n.href}" ${isCurrent(ctx.path, n.href) ? html`aria-current="page"` : ''}
                      >${n.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="wrap" tabindex="-1">
          ${
            page.breadcrumbs && page.breadcrumbs.length
              ? html`<nav class="breadcrumbs" aria-label="当前位置">
                  <ol>
                    ${page.breadcrumbs.map((b) => html`<li><a href="${b.href}">${b.label}</a></li>`)}
                    <li aria-current="page">${page.title}</li>
                  </ol>
                </nav>`
              : ''
          }
          ${page.body}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>主办单位：${ctx.site.sponsor}　联系方式：${ctx.site.contact}</p>
            <p>网站标识码：${ctx.site.siteCode}　${ctx.site.icp}　${ctx.site.policeRecord}</p>
          </div>
        </footer>
      </body>
    </html>`;
}

export function consoleLayout(ctx: ConsolePageContext, page: { title: string; body: SafeHtml }): SafeHtml {
  const user = ctx.user;
  return html`<!doctype html>
    <html lang="zh-CN">
      ${head(page.title, `${ctx.site.name} 工作台`)}
      <body class="console ${ctx.elder ? 'elder' : ''}">
        <a class="skip-link" href="#main">跳到主要内容</a>
        ${demoBanner(ctx.demo)}
        <header class="site-header console-header">
          <div class="wrap header-row">
            <a class="site-name" href="/console">政务公开工作台</a>
            ${
              user
                ? html`<div class="whoami">
                    <span data-testid="whoami"
                      >${user.displayName}（${user.roles.map((r) => ROLE_LABELS[r]).join('、')}）</span
                    >
                    <form method="post" action="/console/logout" class="inline">
                      ${csrfField(ctx.csrf)}<button type="submit" class="link-button">退出登录</button>
                    </form>
                    <a href="/">访问门户</a>
                  </div>`
                : html`<a href="/">返回门户</a>`
            }
          </div>
          ${
            user
              ? html`<nav class="site-nav" aria-label="工作台导航">
                  <ul class="wrap">
                    ${CONSOLE_NAV.filter((n) => hasPermission(user.roles, n.permission)).map(
                      (n) =>
                        html`<li>
                          <a href="${n.href}" ${isCurrent(ctx.path, n.href) ? html`aria-current="page"` : ''}
                            >${n.label}</a
                          >
                        </li>`,
                    )}
                  </ul>
                </nav>`
              : ''
          }
        </header>
        <main id="main" class="wrap" tabindex="-1">${page.body}</main>
      </body>
    </html>`;
}

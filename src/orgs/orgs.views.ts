// Public pages of the orgs module: the 机构目录, a department's page and the 领导小组 page.
import { escapeHtml, html, unsafeRaw, type SafeHtml } from '../http/html.js';
import type { PublicLeadingGroup } from './group.types.js';
import {
  DEPARTMENT_KIND_LABELS,
  GROUP_ROLE_LABELS,
  type Department,
  type DirectoryGroup,
} from './orgs.types.js';

export const DIRECTORY_CRUMBS = [{ href: '/', label: '首页' }] as const;
export const DEPARTMENT_CRUMBS = [
  { href: '/', label: '首页' },
  { href: '/departments', label: '机构目录' },
] as const;

const SECTION_HEADING = /^[一二三四五六七八九十]+、\S{1,18}$/;

/**
 * Renders a stored text (guide, functions, group texts): paragraphs split on blank lines, line
 * breaks kept, and a paragraph that is only a numbered heading such as "一、主动公开" shown as a
 * heading of the given level, so that screen-reader users can move between the sections.
 */
export function structuredText(text: string, headingLevel: 3 | 4 = 3): SafeHtml {
  const out = text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) =>
      SECTION_HEADING.test(p)
        ? `<h${headingLevel}>${escapeHtml(p)}</h${headingLevel}>`
        : `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`,
    );
  return unsafeRaw(out.join(''));
}

export function directoryPage(groups: readonly DirectoryGroup[]): SafeHtml {
  const total = groups.reduce((n, g) => n + g.departments.length, 0);
  if (total === 0)
    return html`<h1>机构目录</h1>
      <p>暂无机构。</p>`;
  return html`<h1>机构目录</h1>
    <p>
      共收录 ${total} 个机构，按机构类型分组。选择机构名称，可查看其机构职能、政府信息公开指南和联系方式。
    </p>
    <nav aria-label="机构类型" class="dir-kinds">
      <ul>
        ${groups.map(
          (g) => html`<li><a href="#kind-${g.kind}">${g.label}（${g.departments.length}）</a></li>`,
        )}
      </ul>
    </nav>
    ${groups.map(
      (g) =>
        html`<section class="dir-group" aria-labelledby="kind-${g.kind}" data-testid="dir-${g.kind}">
          <h2 id="kind-${g.kind}">${g.label}</h2>
          <ul>
            ${g.departments.map((d) => html`<li><a href="/departments/${d.id}">${d.fullName}</a></li>`)}
          </ul>
        </section>`,
    )}`;
}

function row(label: string, value: SafeHtml | string): SafeHtml {
  return html`<tr>
    <th scope="row">${label}</th>
    <td>${value || '—'}</td>
  </tr>`;
}

export function departmentPage(
  d: Department,
  parent: Department | undefined,
  children: readonly Department[],
): SafeHtml {
  return html`<h1>${d.fullName}</h1>
    ${d.shortName ? html`<p class="hint">简称：${d.shortName}</p>` : ''}
    <table class="meta-table" data-testid="department-facts">
      <caption class="visually-hidden">
        机构基本信息
      </caption>
      <tbody>
        ${row('机构类型', DEPARTMENT_KIND_LABELS[d.kind])} ${row('统一社会信用代码', d.creditCode ?? '')}
        ${row('上级机构', parent ? html`<a href="/departments/${parent.id}">${parent.fullName}</a>` : '')}
        ${row('办公地址', d.address)} ${row('办公时间', d.officeHours)} ${row('联系电话', d.phone)}
        ${row('电子邮箱', d.email ? html`<a href="mailto:${d.email}">${d.email}</a>` : '')}
      </tbody>
    </table>
    <section aria-labelledby="functions">
      <h2 id="functions">机构职能</h2>
      ${d.functionsText ? structuredText(d.functionsText) : html`<p>暂未公布。</p>`}
    </section>
    <section aria-labelledby="guide">
      <h2 id="guide">政府信息公开指南</h2>
      ${d.guideText ? structuredText(d.guideText) : html`<p>暂未公布。</p>`}
    </section>
    ${
      children.length
        ? html`<section aria-labelledby="children">
            <h2 id="children">下属机构</h2>
            <ul>
              ${children.map((c) => html`<li><a href="/departments/${c.id}">${c.fullName}</a></li>`)}
            </ul>
          </section>`
        : ''
    }`;
}

/**
 * The 领导小组 page. It shows what the seed itself publishes: the members' names and positions,
 * and the group's texts. 联络员 are working contacts the seed does not name: their names and
 * phone numbers stay in the console, and this page only states the 联络员制度.
 */
export function leadingGroupPage(group: PublicLeadingGroup): SafeHtml {
  const texts = group.texts.filter((t) => t.body);
  return html`<h1>政务公开领导小组</h1>
    <section aria-labelledby="members">
      <h2 id="members">组成人员</h2>
      ${
        group.members.length
          ? html`<table data-testid="group-members">
              <caption>
                领导小组组成人员（共 ${group.members.length} 人）
              </caption>
              <thead>
                <tr>
                  <th scope="col">组内职务</th>
                  <th scope="col">姓名</th>
                  <th scope="col">职务</th>
                  <th scope="col">所在单位</th>
                </tr>
              </thead>
              <tbody>
                ${group.members.map(
                  (m) =>
                    html`<tr>
                      <td>${GROUP_ROLE_LABELS[m.role]}</td>
                      <th scope="row">${m.name}</th>
                      <td>${m.position}</td>
                      <td>
                        ${
                          m.departmentId !== null && m.departmentActive
                            ? html`<a href="/departments/${m.departmentId}">${m.unitLabel}</a>`
                            : m.unitLabel
                        }
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p>暂未公布领导小组组成人员。</p>`
      }
    </section>
    ${texts.map(
      (t) =>
        html`<section aria-labelledby="text-${t.key}" data-testid="group-text-${t.key}">
          <h2 id="text-${t.key}">${t.title}</h2>
          ${structuredText(t.body)}
        </section>`,
    )}`;
}

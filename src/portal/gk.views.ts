// The 政府信息公开 section: its index, 公开指南, 法定主动公开内容, 专题专栏 and 开放数据 pages.
import type { ItemCategory } from '../catalogue/catalogue.types.js';
import {
  ANNUAL_REPORTS_SLUG,
  type Facets,
  type PublicTopic,
  type TopicNode,
} from '../catalogue/public-items.service.js';
import { html, paragraphs, type SafeHtml } from '../http/html.js';
import type { Department } from '../orgs/orgs.types.js';
import { browseList } from './catalogue.views.js';
import { categoryLabel } from './portal.format.js';

export const GK_TITLE = '政府信息公开';
export const GK_CRUMBS = [{ href: '/', label: '首页' }] as const;
export const GK_SECTION_CRUMBS = [...GK_CRUMBS, { href: '/xxgk', label: GK_TITLE }] as const;

export function catalogueHref(q: {
  department?: number;
  topic?: number;
  category?: ItemCategory;
  year?: number;
}): string {
  const p = new URLSearchParams();
  if (q.department !== undefined) p.set('department', String(q.department));
  if (q.topic !== undefined) p.set('topic', String(q.topic));
  if (q.category !== undefined) p.set('category', q.category);
  if (q.year !== undefined) p.set('year', String(q.year));
  const s = p.toString();
  return s ? `/xxgk/catalogue?${s}` : '/xxgk/catalogue';
}

/** The 年度报告 column's own page (its topic's items). */
export const ANNUAL_REPORTS_PATH = '/xxgk/annual-reports';

/** A topic's column; the 年度报告 topic's column is the 政府信息公开 section's 年度报告 page. */
export function topicHref(t: PublicTopic): string {
  if (t.slug === ANNUAL_REPORTS_SLUG) return ANNUAL_REPORTS_PATH;
  return `/xxgk/topics/${encodeURIComponent(t.slug)}`;
}

export function gkIndexPage(
  facets: Facets,
  keyAreas: readonly PublicTopic[],
  hasAnnualReports: boolean,
): SafeHtml {
  return html`<h1>${GK_TITLE}</h1>
    <p>
      依据《中华人民共和国政府信息公开条例》，本平台集中发布本级政府及其部门主动公开的政府信息。
      未主动公开的信息，可以依法申请公开。
    </p>
    <div class="cards gk-nav">
      <section class="card">
        <h2><a href="/xxgk/guide">政府信息公开指南</a></h2>
        <p>各机构的公开方式、申请渠道、办理时限和联系方式。</p>
      </section>
      <section class="card">
        <h2><a href="/xxgk/catalogue">政府信息公开目录</a></h2>
        <p>按发布机构、主题分类、信息类别和年份浏览主动公开的政府信息。</p>
      </section>
      <section class="card">
        <h2><a href="/xxgk/statutory">法定主动公开内容</a></h2>
        <p>条例第二十条规定应当主动公开的十五类信息。</p>
      </section>
      ${
        hasAnnualReports
          ? html`<section class="card">
              <h2><a href="${ANNUAL_REPORTS_PATH}">政府信息公开工作年度报告</a></h2>
              <p>各机构每年发布的政府信息公开工作年度报告。</p>
            </section>`
          : ''
      }
      ${
        keyAreas.length > 0
          ? html`<section class="card">
              <h2><a href="/xxgk/topics">专题专栏</a></h2>
              <p>财政预决算、重大建设项目、民生保障等重点领域信息。</p>
            </section>`
          : ''
      }
      <section class="card">
        <h2><a href="/xxgk/open-data">开放数据与订阅</a></h2>
        <p>目录数据下载（CSV、JSON Lines）、Atom 订阅和数据接口。</p>
      </section>
    </div>
    <div class="cards">
      ${browseList(
        '按信息类别',
        facets.categories.map((c) => ({
          href: catalogueHref({ category: c.key }),
          label: categoryLabel(c.key),
          count: c.count,
        })),
        'browse-categories',
      )}
      ${browseList(
        '按主题分类',
        facets.topics.map((t) => ({ href: catalogueHref({ topic: t.key }), label: t.name, count: t.count })),
        'browse-topics',
      )}
      ${browseList(
        '按年份',
        facets.years.map((y) => ({
          href: catalogueHref({ year: y.key }),
          label: `${y.key} 年`,
          count: y.count,
        })),
        'browse-years',
      )}
    </div>
    ${browseList(
      '按发布机构',
      facets.departments.map((d) => ({
        href: catalogueHref({ department: d.key }),
        label: d.name,
        count: d.count,
      })),
      'browse-departments',
    )}`;
}

export function guideIndexPage(departments: readonly Department[]): SafeHtml {
  return html`<h1>政府信息公开指南</h1>
    <p>请选择机构，查看其政府信息公开指南。</p>
    <ul class="dir-list" data-testid="guide-list">
      ${departments.map((d) => html`<li><a href="/xxgk/guide/${d.id}">${d.fullName}</a></li>`)}
    </ul>`;
}

export function guidePage(d: Department, itemCount: number): SafeHtml {
  return html`<h1>${d.fullName}政府信息公开指南</h1>
    <div class="guide-text" data-testid="guide-text">
      ${d.guideText ? paragraphs(d.guideText) : html`<p>本机构尚未发布公开指南，请通过下列方式联系。</p>`}
    </div>
    <h2>联系方式</h2>
    <table class="meta-table">
      <caption class="visually-hidden">
        联系方式
      </caption>
      <tbody>
        <tr>
          <th scope="row">办公地址</th>
          <td>${d.address}</td>
        </tr>
        <tr>
          <th scope="row">办公时间</th>
          <td>${d.officeHours}</td>
        </tr>
        <tr>
          <th scope="row">联系电话</th>
          <td>${d.phone}</td>
        </tr>
        <tr>
          <th scope="row">电子邮箱</th>
          <td>${d.email}</td>
        </tr>
      </tbody>
    </table>
    <p>
      <a href="${catalogueHref({ department: d.id })}">本机构主动公开的政府信息（${itemCount} 条）</a>
      　<a href="/feeds/departments/${d.id}.atom">订阅本机构信息（Atom）</a>
    </p>`;
}

/** The 15 categories of 条例 (2019) Art. 20, each linked to where the platform lists it. */
export interface StatutoryEntry {
  text: string;
  links: { href: string; label: string; count?: number }[];
}

export function statutoryPage(entries: readonly StatutoryEntry[]): SafeHtml {
  return html`<h1>法定主动公开内容</h1>
    <p>
      《中华人民共和国政府信息公开条例》第二十条规定，行政机关应当依照条例第十九条的规定，主动公开本行政机关的下列政府信息：
    </p>
    <ol class="statutory" data-testid="statutory-list">
      ${entries.map(
        (e) =>
          html`<li>
            ${e.text}
            ${
              e.links.length > 0
                ? html`<ul class="inline-links">
                    ${e.links.map(
                      (l) =>
                        html`<li>
                          <a href="${l.href}">${l.label}${l.count === undefined ? '' : `（${l.count}）`}</a>
                        </li>`,
                    )}
                  </ul>`
                : ''
            }
          </li>`,
      )}
    </ol>`;
}

export function topicsIndexPage(tree: readonly TopicNode[]): SafeHtml {
  return html`<h1>专题专栏</h1>
    <p>按照政务公开工作要点，集中公开重点领域的政府信息。</p>
    ${tree.map(
      (group) =>
        html`<section class="topic-group">
          <h2>${group.isKeyArea ? html`<a href="${topicHref(group)}">${group.name}</a>` : group.name}</h2>
          <ul class="dir-list">
            ${group.children.map((t) => html`<li><a href="${topicHref(t)}">${t.name}</a></li>`)}
          </ul>
        </section>`,
    )}`;
}

export function topicHeader(topic: PublicTopic, feedHref: string): SafeHtml {
  return html`<h1>${topic.name}</h1>
    ${topic.description ? paragraphs(topic.description) : ''}
    <p><a href="${feedHref}" data-testid="topic-feed">订阅本专栏（Atom）</a></p>`;
}

export function openDataPage(feeds: readonly { href: string; label: string }[]): SafeHtml {
  return html`<h1>开放数据与订阅</h1>
    <h2>目录数据下载</h2>
    <p>政府信息公开目录中全部主动公开信息的元数据（不含正文），每次下载均为最新数据：</p>
    <ul data-testid="downloads">
      <li><a href="/open-data/items.csv">CSV 格式（UTF-8，可用 Excel 打开）</a></li>
      <li><a href="/open-data/items.jsonl">JSON Lines 格式（每行一条 JSON 记录）</a></li>
    </ul>
    <p class="hint">
      两种格式都可以加上与公开目录相同的筛选参数，例如 <code>?category=policy&amp;year=2024</code>。
    </p>
    <h2>订阅（Atom）</h2>
    <ul>
      ${feeds.map((f) => html`<li><a href="${f.href}">${f.label}</a></li>`)}
    </ul>
    <p>各机构、主题和类别的订阅地址见对应列表页面。</p>
    <h2>数据接口</h2>
    <p>
      JSON 接口的说明（OpenAPI 3）：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>。 例如
      <code>GET /api/v1/items?department=1&amp;limit=50</code> 按发布时间倒序返回信息， 用返回的
      <code>nextCursor</code> 取下一页；按索引号查询：<code>GET /api/v1/items/by-index?indexNumber=…</code>。
    </p>`;
}

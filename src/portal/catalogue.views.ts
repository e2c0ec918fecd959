// The 公开目录 and the lists built on it (专题专栏, 年度报告): a filter form that works without
// JavaScript, a table of items and page numbers.
import { ITEM_CATEGORIES, type ItemCategory } from '../catalogue/catalogue.types.js';
import type { Facets, PublicListRow, PublicTopic } from '../catalogue/public-items.service.js';
import { selectField } from '../http/forms.js';
import { html, type SafeHtml } from '../http/html.js';
import { paginationNav } from '../shared/pagination.js';
import { categoryLabel, itemHref } from './portal.format.js';

export interface CatalogueQuery {
  department?: number | undefined;
  topic?: number | undefined;
  category?: ItemCategory | undefined;
  year?: number | undefined;
}

export interface ListView {
  items: readonly PublicListRow[];
  total: number;
  page: number;
  pageSize: number;
  href: (page: number) => string;
  /** What the list is, for its caption and the table's accessible name. */
  caption: string;
}

/** The items table: 名称, 文号, 发布机构, 发布日期 (with 索引号 under the title). */
export function itemTable(v: ListView): SafeHtml {
  if (v.items.length === 0) {
    return html`<p class="notice" data-testid="empty-list">暂无符合条件的信息。</p>`;
  }
  return html`<table class="item-list" data-testid="item-list">
      <caption>
        ${v.caption}（共 ${v.total} 条）
      </caption>
      <thead>
        <tr>
          <th scope="col">名称</th>
          <th scope="col" class="col-doc">文号</th>
          <th scope="col" class="col-issuer">发布机构</th>
          <th scope="col" class="col-date">发布日期</th>
        </tr>
      </thead>
      <tbody>
        ${v.items.map(
          (i) =>
            html`<tr>
              <td>
                <a href="${itemHref(i.itemId)}">${i.title}</a>
                <span class="index-number">索引号：${i.indexNumber}</span>
              </td>
              <td>${i.docNumber}</td>
              <td>${i.issuer || i.departmentName}</td>
              <td>${i.publishedDate}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${paginationNav({ page: v.page, pageSize: v.pageSize, total: v.total, href: v.href })}`;
}

function withCount(label: string, count: number | undefined): string {
  return count === undefined ? label : `${label}（${count}）`;
}

/** The GET form that narrows the 公开目录; each option shows how many items it would give. */
export function filterForm(q: CatalogueQuery, facets: Facets, topics: readonly PublicTopic[]): SafeHtml {
  const topicCount = new Map(facets.topics.map((t) => [t.key, t.count]));
  const catCount = new Map(facets.categories.map((c) => [c.key, c.count]));
  const firstLevel = topics.filter((t) => t.parentId === null);
  const years = facets.years.map((y) => y.key);
  if (q.year !== undefined && !years.includes(q.year)) years.unshift(q.year);
  const yearCount = new Map(facets.years.map((y) => [y.key, y.count]));
  return html`<form method="get" action="/xxgk/catalogue" class="filters" data-testid="catalogue-filters">
    ${selectField({
      name: 'department',
      label: '发布机构',
      value: q.department,
      placeholder: '全部机构',
      options: facets.departments.map((d) => ({ value: String(d.key), label: withCount(d.name, d.count) })),
    })}
    ${selectField({
      name: 'topic',
      label: '主题分类',
      value: q.topic,
      placeholder: '全部主题',
      options: [
        ...firstLevel.map((t) => ({
          value: String(t.id),
          label: withCount(t.name, topicCount.get(t.id) ?? 0),
        })),
        ...topics
          .filter((t) => t.parentId !== null && t.id === q.topic)
          .map((t) => ({ value: String(t.id), label: t.name })),
      ],
    })}
    ${selectField({
      name: 'category',
      label: '信息类别',
      value: q.category,
      placeholder: '全部类别',
      options: ITEM_CATEGORIES.map((c) => ({
        value: c,
        label: withCount(categoryLabel(c), catCount.get(c) ?? 0),
      })),
    })}
    ${selectField({
      name: 'year',
      label: '年份',
      value: q.year,
      placeholder: '全部年份',
      options: years.map((y) => ({ value: String(y), label: withCount(`${y} 年`, yearCount.get(y) ?? 0) })),
    })}
    <div class="field"><button type="submit">筛选</button></div>
  </form>`;
}

/** Browse links for one dimension (the 政府信息公开 index page). */
export function browseList(
  label: string,
  entries: readonly { href: string; label: string; count?: number }[],
  testid: string,
): SafeHtml {
  return html`<section class="card browse" data-testid="${testid}">
    <h2>${label}</h2>
    ${
      entries.length === 0
        ? html`<p>暂无。</p>`
        : html`<ul>
            ${entries.map((e) => html`<li><a href="${e.href}">${withCount(e.label, e.count)}</a></li>`)}
          </ul>`
    }
  </section>`;
}

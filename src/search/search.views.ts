// The public search page: the search box, filters with counts, the sort switch, highlighted results,
// page numbers, and help when nothing matches. Works without JavaScript.
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type ItemCategory } from '../catalogue/catalogue.types.js';
import type { PublicTopic } from '../catalogue/public-items.service.js';
import { selectField } from '../http/forms.js';
import { html, unsafeRaw, type SafeHtml } from '../http/html.js';
import { itemHref } from '../portal/portal.format.js';
import { pageHref, paginationNav } from '../shared/pagination.js';
import type { RelatedResults } from './search.related.js';
import { MAX_PAGE } from './search.schemas.js';
import {
  SEARCH_SORTS,
  SEARCH_SORT_LABELS,
  type SearchQuery,
  type SearchResult,
  type SearchSort,
} from './search.types.js';

export interface SearchPageView {
  query: SearchQuery;
  /** Undefined when nothing was asked (empty q): only the search box is shown. */
  result: SearchResult | undefined;
  topics: readonly PublicTopic[];
  /** Matches in the 清单 and 双公示 records (first page of an unfiltered search only). */
  related?: RelatedResults | undefined;
  /** Public items not in the search index yet (a bulk import being indexed in the background). */
  backlog?: number;
}

type Params = Record<string, string | number | undefined>;

function paramsOf(q: SearchQuery, change: Partial<SearchQuery> = {}): Params {
  const next = { ...q, ...change };
  return {
    q: next.q,
    department: next.department,
    topic: next.topic,
    category: next.category,
    year: next.year,
    sort: next.sort === 'relevance' ? undefined : next.sort,
  };
}

const href = (params: Params, page = 1) => pageHref('/search', params, page);

function searchBox(q: string): SafeHtml {
  return html`<form method="get" action="/search" role="search" class="search-box" data-testid="search-form">
    <label for="search-q">搜索关键词</label>
    <div class="search-row">
      <input
        id="search-q"
        name="q"
        type="search"
        value="${q}"
        maxlength="100"
        aria-describedby="search-q-hint"
      />
      <button type="submit">搜索</button>
    </div>
    <p class="hint" id="search-q-hint">
      搜索标题、正文和附件中的文字，也可以输入文号（如 黄政办发〔2017〕27号）或索引号。多个词语用空格分开。
    </p>
  </form>`;
}

function withCount(label: string, count: number): string {
  return `${label}（${count}）`;
}

/** The GET form that narrows the results; each option shows how many results it would give. */
function filterForm(v: SearchPageView, r: SearchResult): SafeHtml {
  const q = v.query;
  const f = r.facets;
  const departments = f.departments.map((d) => ({
    value: String(d.value),
    label: withCount(d.label, d.count),
  }));
  if (q.department !== undefined && !f.departments.some((d) => d.value === q.department))
    departments.unshift({ value: String(q.department), label: '（当前选择）' });
  const topicCount = new Map(f.topics.map((t) => [t.value, t.count]));
  const topics = v.topics
    .filter((t) => (t.parentId === null && topicCount.has(t.id)) || t.id === q.topic)
    .map((t) => ({
      value: String(t.id),
      label: t.parentId === null ? withCount(t.name, topicCount.get(t.id) ?? 0) : t.name,
    }));
  const categoryCount = new Map(f.categories.map((c) => [c.value, c.count]));
  const categories = ITEM_CATEGORIES.filter((c) => categoryCount.has(c) || c === q.category).map((c) => ({
    value: c,
    label: withCount(ITEM_CATEGORY_LABELS[c], categoryCount.get(c) ?? 0),
  }));
  const years = f.years.map((y) => ({ value: String(y.value), label: withCount(`${y.value} 年`, y.count) }));
  if (q.year !== undefined && !f.years.some((y) => y.value === q.year))
    years.unshift({ value: String(q.year), label: `${q.year} 年（0）` });
  return html`<form method="get" action="/search" class="filters search-filters" data-testid="search-filters">
    <input type="hidden" name="q" value="${q.q}" />
    ${q.sort === 'relevance' ? '' : html`<input type="hidden" name="sort" value="${q.sort}" />`}
    ${selectField({ name: 'department', label: '发布机构', value: q.department, placeholder: '全部机构', options: departments })}
    ${selectField({ name: 'topic', label: '主题分类', value: q.topic, placeholder: '全部主题', options: topics })}
    ${selectField({ name: 'category', label: '信息类别', value: q.category, placeholder: '全部类别', options: categories })}
    ${selectField({ name: 'year', label: '发布年份', value: q.year, placeholder: '全部年份', options: years })}
    <div class="field"><button type="submit">筛选</button></div>
  </form>`;
}

function sortSwitch(q: SearchQuery): SafeHtml {
  const link = (s: SearchSort) =>
    s === q.sort
      ? html`<a href="${href(paramsOf(q, { sort: s }))}" aria-current="true">${SEARCH_SORT_LABELS[s]}</a>`
      : html`<a href="${href(paramsOf(q, { sort: s }))}">${SEARCH_SORT_LABELS[s]}</a>`;
  return html`<nav class="sort-switch" aria-label="排序方式" data-testid="sort-switch">
    排序：${SEARCH_SORTS.map((s, i) => html`${i > 0 ? '｜' : ''}${link(s)}`)}
  </nav>`;
}

function hasFilters(q: SearchQuery): boolean {
  return (
    q.department !== undefined || q.topic !== undefined || q.category !== undefined || q.year !== undefined
  );
}

function noResults(q: SearchQuery): SafeHtml {
  return html`<div class="no-results" data-testid="no-results">
    <h2>没有找到与“${q.q.trim()}”相关的信息</h2>
    <p>建议您：</p>
    <ul>
      <li>检查输入的文字是否有误，或换用意思相近的词语；</li>
      <li>减少关键词，或改用更短、更常用的词语（例如“低保”）；</li>
      ${
        hasFilters(q)
          ? html`<li>
              <a href="${href({ q: q.q, sort: q.sort === 'relevance' ? undefined : q.sort })}">去掉筛选条件</a
              >，在全部信息中搜索；
            </li>`
          : ''
      }
      <li>按文号或索引号查找时，请完整输入，文号中的括号写法不限；</li>
      <li>到<a href="/xxgk/catalogue">政府信息公开目录</a>按机构、主题分类、信息类别或年份浏览。</li>
    </ul>
  </div>`;
}

function meta(label: string, value: string): SafeHtml {
  return value ? html`<span><span class="meta-label">${label}：</span>${value}</span>` : html``;
}

/** 找到 26 条结果，第 1 / 2 页 (约 when the total is an estimate). */
export function resultCount(r: SearchResult): string {
  const pages = r.pageCount > 1 ? `，第 ${r.query.page} / ${r.pageCount} 页` : '';
  return `找到${r.approximate ? '约' : ''} ${r.total} 条结果${pages}`;
}

function results(v: SearchPageView, r: SearchResult): SafeHtml {
  const q = v.query;
  const first = (q.page - 1) * q.pageSize + 1;
  const lastPage = Math.min(r.pageCount, MAX_PAGE);
  return html`<section class="search-results-section" aria-labelledby="results-heading">
    <h2 id="results-heading" data-testid="result-count">${resultCount(r)}</h2>
    ${sortSwitch(q)}
    ${r.approximate ? html`<p class="hint">总数为估计值。可以增加关键词或使用筛选缩小范围。</p>` : ''}
    <ol class="search-results" start="${first}" data-testid="search-results">
      ${r.hits.map(
        (h) =>
          html`<li>
            <h3>
              <a href="${itemHref(h.itemId)}">${unsafeRaw(h.titleHtml)}</a>
              ${h.numberMatch ? html`<span class="tag">文号/索引号一致</span>` : ''}
            </h3>
            ${h.snippetHtml ? html`<p class="snippet">${unsafeRaw(h.snippetHtml)}</p>` : ''}
            <p class="search-meta">
              ${meta('发布机构', h.departmentName)} ${meta('发布日期', h.publishedDate)}
              ${meta('文号', h.docNumber)} ${meta('索引号', h.indexNumber)} ${meta('类别', h.categoryLabel)}
            </p>
          </li>`,
      )}
    </ol>
    ${paginationNav({
      page: q.page,
      pageSize: q.pageSize,
      total: Math.min(r.total, lastPage * q.pageSize),
      href: (p) => href(paramsOf(q), p),
      label: '搜索结果分页',
    })}
    ${
      r.pageCount > MAX_PAGE
        ? html`<p class="hint">只列出前 ${MAX_PAGE * q.pageSize} 条结果。请增加关键词或使用筛选缩小范围。</p>`
        : ''
    }
  </section>`;
}

function listsHits(q: string, r: RelatedResults['lists']): SafeHtml {
  if (r.total === 0) return html``;
  const lists = [...new Map(r.hits.map((h) => [h.listId, h.listName])).entries()];
  return html`<section class="related-results" aria-labelledby="related-lists" data-testid="related-lists">
    <h2 id="related-lists">清单中的条目（${r.total}）</h2>
    <ul>
      ${r.hits.map(
        (h) =>
          html`<li>
            <a href="/lists/${h.listId}/entries/${h.entryId}">${h.label}</a>
            <span class="search-meta">${h.listName}</span>
          </li>`,
      )}
    </ul>
    ${
      r.total > r.hits.length
        ? html`<p class="hint">
            只列出前 ${r.hits.length}
            条。在清单中搜索：${lists.map(
              ([id, name], i) =>
                html`${i > 0 ? '、' : ''}<a href="${pageHref(`/lists/${id}`, { q }, 1)}">${name}</a>`,
            )}，或浏览<a href="/lists">全部清单</a>。
          </p>`
        : ''
    }
  </section>`;
}

function creditHits(q: string, r: RelatedResults['credit']): SafeHtml {
  if (r.total === 0) return html``;
  const all = pageHref('/credit', r.byCode ? { code: q.trim() } : { name: q.trim() }, 1);
  return html`<section class="related-results" aria-labelledby="related-credit" data-testid="related-credit">
    <h2 id="related-credit">双公示信息（${r.more ? '超过 ' : ''}${r.total}）</h2>
    <ul>
      ${r.hits.map(
        (h) =>
          html`<li>
            <a href="/credit/${h.id}">${h.partyName}</a>
            <span class="search-meta">${h.kindLabel}　${h.departmentName}　${h.decisionDate}</span>
          </li>`,
      )}
    </ul>
    ${r.total > r.hits.length ? html`<p class="hint"><a href="${all}">查看全部双公示信息</a></p>` : ''}
  </section>`;
}

function related(q: string, r: RelatedResults | undefined): SafeHtml {
  return r ? html`${listsHits(q, r.lists)} ${creditHits(q, r.credit)}` : html``;
}

function backlogNotice(backlog: number | undefined): SafeHtml | '' {
  if (!backlog) return '';
  return html`<p class="index-backlog" role="status" data-testid="index-backlog">
    另有 ${backlog} 条新导入的信息正在建立检索索引，完成前可能检索不到，请稍后再试。
  </p>`;
}

export function searchPage(v: SearchPageView): SafeHtml {
  const r = v.result;
  return html`<div class="search-page" data-testid="search-page">
    <h1>搜索</h1>
    ${searchBox(v.query.q)} ${backlogNotice(v.backlog)}
    ${
      r === undefined
        ? ''
        : r.total === 0
          ? html`${noResults(v.query)} ${related(v.query.q, v.related)}`
          : html`<div class="search-layout">${filterForm(v, r)} ${results(v, r)}</div>
              ${related(v.query.q, v.related)}`
    }
  </div>`;
}

/** The categories a page may filter on (for reading the query leniently). */
export function categoryOrUndefined(value: string | undefined): ItemCategory | undefined {
  return ITEM_CATEGORIES.find((c) => c === value);
}

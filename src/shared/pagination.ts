// Long lists in pages: read `?page=` leniently, turn it into LIMIT/OFFSET, and render an
// accessible page-number navigation (上一页 / numbers / 下一页, aria-current on the current page).
import { html, type SafeHtml } from '../http/html.js';

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE = 100_000;

export interface PageRequest {
  /** 1-based page number. */
  page: number;
  pageSize: number;
  limit: number;
  offset: number;
}

/** Reads a page number from a query value; anything that is not a positive integer means page 1. */
export function parsePage(raw: unknown, pageSize = DEFAULT_PAGE_SIZE): PageRequest {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const n = /^\d{1,6}$/.test(text) ? Number(text) : 1;
  const page = Math.min(Math.max(n, 1), MAX_PAGE);
  return { page, pageSize, limit: pageSize, offset: (page - 1) * pageSize };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The URL of page `page`: `path` with the given query parameters (empty ones dropped) and
 * `page` (dropped for page 1, so the first page has one canonical URL).
 */
export function pageHref(
  path: string,
  query: Readonly<Record<string, string | number | undefined>>,
  page: number,
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page' || value === undefined || value === '') continue;
    params.append(key, String(value));
  }
  if (page > 1) params.append('page', String(page));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Page numbers to show: the first, the last and `radius` either side of the current; null is a gap. */
export function pageWindow(current: number, count: number, radius = 2): (number | null)[] {
  const shown: (number | null)[] = [];
  let last = 0;
  for (let n = 1; n <= count; n++) {
    if (n === 1 || n === count || Math.abs(n - current) <= radius) {
      if (n - last > 1) shown.push(null);
      shown.push(n);
      last = n;
    }
  }
  return shown;
}

export interface PaginationOptions {
  page: number;
  pageSize: number;
  total: number;
  href: (page: number) => string;
  /** What the navigation is for, read by screen readers (default 分页). */
  label?: string;
}

/** The page navigation; empty when everything fits on one page. */
export function paginationNav(o: PaginationOptions): SafeHtml {
  const count = pageCount(o.total, o.pageSize);
  if (count <= 1) return html``;
  const current = Math.min(o.page, count);
  // A page past the end (an old link) still offers a way back to the last real page.
  const prev = Math.min(o.page - 1, count);
  return html`<nav aria-label="${o.label ?? '分页'}" data-testid="pagination">
    <p class="hint">共 ${o.total} 条，共 ${count} 页</p>
    <ul class="pagination">
      <li>
        ${
          prev >= 1
            ? html`<a href="${o.href(prev)}" rel="prev">上一页</a>`
            : html`<span aria-disabled="true">上一页</span>`
        }
      </li>
      ${pageWindow(current, count).map((n) =>
        n === null
          ? html`<li><span aria-hidden="true">…</span></li>`
          : n === o.page
            ? html`<li>
                <a href="${o.href(n)}" aria-current="page" aria-label="第 ${n} 页，当前页">${n}</a>
              </li>`
            : html`<li><a href="${o.href(n)}" aria-label="第 ${n} 页">${n}</a></li>`,
      )}
      <li>
        ${
          o.page < count
            ? html`<a href="${o.href(o.page + 1)}" rel="next">下一页</a>`
            : html`<span aria-disabled="true">下一页</span>`
        }
      </li>
    </ul>
  </nav>`;
}

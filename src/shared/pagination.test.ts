import { describe, expect, it } from 'vitest';
import { pageCount, pageHref, pageWindow, paginationNav, parsePage } from './pagination.js';

describe('parsePage', () => {
  it('computes limit and offset from a 1-based page number', () => {
    expect(parsePage('3', 20)).toEqual({ page: 3, pageSize: 20, limit: 20, offset: 40 });
    expect(parsePage(undefined)).toMatchObject({ page: 1, offset: 0 });
  });

  it('falls back to page 1 for anything that is not a positive integer', () => {
    for (const raw of ['0', '-2', 'abc', '1.5', '', '99999999', ['2']]) expect(parsePage(raw).page).toBe(1);
  });
});

describe('page navigation', () => {
  it('counts pages and shows the first, the last and two either side of the current', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(2, 9)).toEqual([1, 2, 3, 4, null, 9]);
  });

  it('keeps the other query parameters in page links and drops page=1', () => {
    expect(pageHref('/console/audit', { user: '3', from: '', page: '7' }, 2)).toBe(
      '/console/audit?user=3&page=2',
    );
    expect(pageHref('/console/audit', { user: '3' }, 1)).toBe('/console/audit?user=3');
    expect(pageHref('/x', { q: '环境 & 保护' }, 1)).toBe('/x?q=%E7%8E%AF%E5%A2%83+%26+%E4%BF%9D%E6%8A%A4');
  });

  it('renders nothing for a single page', () => {
    expect(paginationNav({ page: 1, pageSize: 20, total: 20, href: String }).value).toBe('');
  });

  it('renders 上一页/下一页, numbered links and aria-current on the current page, escaped', () => {
    const nav = paginationNav({
      page: 2,
      pageSize: 10,
      total: 35,
      href: (n) => `/list?q=<x>&page=${n}`,
    }).value;
    expect(nav).toContain('<nav aria-label="分页"');
    expect(nav).toContain('href="/list?q=&lt;x&gt;&amp;page=1" rel="prev">上一页</a>');
    expect(nav).toContain('href="/list?q=&lt;x&gt;&amp;page=3" rel="next">下一页</a>');
    expect(nav).toMatch(/page=2" aria-current="page" aria-label="第 2 页，当前页">2<\/a>/);
    expect(nav.match(/aria-current/g)).toHaveLength(1);
    expect(nav).toContain('共 35 条，共 4 页');
  });

  it('disables 上一页 on the first page and 下一页 on the last', () => {
    const first = paginationNav({ page: 1, pageSize: 10, total: 25, href: (n) => `?page=${n}` }).value;
    expect(first).toContain('<span aria-disabled="true">上一页</span>');
    const last = paginationNav({ page: 3, pageSize: 10, total: 25, href: (n) => `?page=${n}` }).value;
    expect(last).toContain('<span aria-disabled="true">下一页</span>');
    // A page past the end (an old bookmark) links back to the last real page.
    const past = paginationNav({ page: 9, pageSize: 10, total: 25, href: (n) => `?page=${n}` }).value;
    expect(past).toContain('href="?page=3" rel="prev"');
    expect(past).not.toContain('aria-current');
  });
});

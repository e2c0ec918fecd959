// The search page and the search API through HTTP (app.inject), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { insertPublicItems } from '../../test/helpers/search.js';
import { reindexAll } from './search.service.js';

let t: TestApp;
let dept: number;
let other: number;
let evil: number;

beforeAll(async () => {
  t = await buildTestApp();
  dept = await makeDepartment(t, '黄冈市扶贫开发办公室');
  other = await makeDepartment(t, '黄冈市财政局');
  evil = (
    await makePublishedItem(t, {
      departmentId: dept,
      title: '<img src=x onerror=alert(1)>扶贫对象公示',
      body: '公示期内如有异议，请联系扶贫办。',
    })
  ).itemId;
  await insertPublicItems(
    t.db.kysely,
    Array.from({ length: 25 }, (_, i) => ({
      departmentId: i % 2 ? other : dept,
      title: `扶贫资金使用情况第${i + 1}期`,
      body: '财政专项扶贫资金分配使用情况。',
      category: i % 2 ? 'finance' : 'notice',
      publishedDate: `2023-0${1 + (i % 9)}-15`,
    })),
  );
  await reindexAll(t.db.kysely);
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
/** The page's HTML with whitespace runs collapsed (templates wrap lines freely). */
const page = async (url: string) => {
  const res = await get(url);
  return { status: res.statusCode, headers: res.headers, body: res.body.replace(/\s+/g, ' ') };
};

describe('GET /search', () => {
  it('shows only the search box when nothing is asked', async () => {
    const res = await get('/search');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="search-form"');
    expect(res.body).toContain('<label for="search-q">搜索关键词</label>');
    expect(res.body).not.toContain('data-testid="search-results"');
    expect(res.body).not.toContain('data-testid="no-results"');
    expect(res.body).toContain('<a href="/search" aria-current="page"');
  });

  it('lists highlighted results with counts, filters, sort switch and page numbers', async () => {
    const res = await page('/search?q=%E6%89%B6%E8%B4%AB');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('找到 26 条结果，第 1 / 2 页');
    expect(res.body).toContain('<mark>扶贫</mark>');
    // The title with markup arrives escaped, the term still marked.
    expect(res.body).toContain('&lt;img src=x onerror=alert(1)&gt;<mark>扶贫</mark>对象公示');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).toContain(`href="/xxgk/items/${evil}"`);
    expect(res.body).toMatch(/<option value="\d+" > 黄冈市财政局（12） <\/option>/);
    expect(res.body).toContain('财政信息（12）');
    expect(res.body).toContain('href="/search?q=%E6%89%B6%E8%B4%AB&amp;sort=date"');
    expect(res.body).toContain('aria-label="第 2 页"');
    const page2 = await page('/search?q=%E6%89%B6%E8%B4%AB&page=2');
    expect(page2.body).toContain('第 2 / 2 页');
    expect(page2.body).toContain('<ol class="search-results" start="21"');
  });

  it('narrows by a filter and keeps the other options', async () => {
    const res = await page(`/search?q=%E6%89%B6%E8%B4%AB&department=${other}&category=`);
    expect(res.body).toContain('找到 12 条结果');
    expect(res.body).toContain(`<option value="${other}" selected> 黄冈市财政局（12） </option>`);
    expect(res.body).toContain('黄冈市扶贫开发办公室（14）');
  });

  it('helps when nothing matches', async () => {
    const res = await get(`/search?q=${encodeURIComponent('量子通信卫星')}&department=${other}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('data-testid="no-results"');
    expect(res.body).toContain('没有找到与“量子通信卫星”相关的信息');
    expect(res.body).toContain('href="/xxgk/catalogue"');
    expect(res.body).toContain('去掉筛选条件');
  });

  it('answers 400 for a malformed filter', async () => {
    const res = await get('/search?q=a&year=abc');
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/v1/search', () => {
  it('returns hits, totals and facets', async () => {
    const res = await get(`/api/v1/search?q=${encodeURIComponent('扶贫 公示')}&pageSize=5`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(1);
    expect(body.terms).toEqual(['扶贫', '公示']);
    expect(body.hits[0]).toMatchObject({
      id: evil,
      titleHtml: '&lt;img src=x onerror=alert(1)&gt;<mark>扶贫</mark>对象<mark>公示</mark>',
      department: { id: dept, name: '黄冈市扶贫开发办公室' },
      url: `/xxgk/items/${evil}`,
      titleMatch: true,
      numberMatch: false,
    });
    expect(body.facets.departments).toEqual([{ value: dept, label: '黄冈市扶贫开发办公室', count: 1 }]);
  });

  it('pages and filters', async () => {
    const body = (
      await get(`/api/v1/search?q=%E6%89%B6%E8%B4%AB&department=${other}&sort=date&page=2&pageSize=5`)
    ).json();
    expect(body).toMatchObject({ total: 12, page: 2, pageSize: 5, pageCount: 3, approximate: false });
    expect(body.hits).toHaveLength(5);
  });

  it.each([
    ['/api/v1/search', 'q', '必须填写'],
    ['/api/v1/search?q=', 'q', '不能为空'],
    ['/api/v1/search?q=a&page=0', 'page', '不能小于 1'],
    ['/api/v1/search?q=a&page=51', 'page', '不能大于 50'],
    ['/api/v1/search?q=a&category=weather', 'category', '取值不在允许范围内'],
    ['/api/v1/search?q=a&sort=popular', 'sort', '取值不在允许范围内'],
    ['/api/v1/search?q=a&colour=red', 'colour', '不允许的字段'],
  ])('answers 400 with field messages for %s', async (url, field, message) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.fields[field]).toBe(message);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(doc.paths['/api/v1/search'].get.parameters.map((p: { name: string }) => p.name)).toContain('q');
  });
});

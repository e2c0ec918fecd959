// HTTP caching of public pages: ETag / Last-Modified / Cache-Control / Vary, 304 answers, the
// render cache (keyed by 长者模式) and its invalidation on publish, revise and withdraw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { reviseItem, withdraw } from '../../test/helpers/portal.js';

/** 12 KB of 3- and 4-byte characters that never repeat a stretch, so a piece lost or moved shows. */
const LONG_PARAGRAPH = Array.from({ length: 900 }, (_, i) => `第${i}句😀`).join('');

describe('caching of public pages', () => {
  let t: TestApp;
  let queries = 0;
  let dept: number;
  let item: { itemId: number; indexNumber: string; departmentId: number };

  beforeAll(async () => {
    t = await buildTestApp({}, { onQuery: () => void queries++ });
    dept = await makeDepartment(t, '黄冈市交通运输局');
    item = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于公交线路调整的通告',
      body: '自下月起调整。',
      publishedAt: '2024-03-01T02:00:00.000Z',
    });
  });
  afterAll(async () => t.close());

  it('sends ETag, Last-Modified, a short public max-age and Vary: Cookie, and never a cookie', async () => {
    const res = await t.app.inject(`/xxgk/items/${item.itemId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(Date.parse(String(res.headers['last-modified']))).not.toBeNaN();
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.headers.vary).toBe('Cookie');
    for (const path of [
      '/',
      '/xxgk',
      '/xxgk/catalogue',
      `/xxgk/items/${item.itemId}`,
      '/feeds/all.atom',
      '/sitemap.xml',
    ]) {
      const r = await t.app.inject(path);
      expect(r.statusCode, path).toBe(200);
      expect(r.headers['set-cookie'], path).toBeUndefined();
    }
  });

  it('sends the body exactly as stored, whatever the title says, and the API gives the same HTML', async () => {
    const tricky = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于<!--gk:body-bytes-->标记的说明',
      // A long paragraph too: a body larger than the database's 8 KB send buffer comes in pieces.
      body: `第一段：黄冈“政务公开”，€ 与 😀 均为多字节字符。\n\n${LONG_PARAGRAPH}\n\n| 项目 | 金额 |\n|---|---|\n| 合计 | 100 |`,
      publishedAt: '2024-03-02T02:00:00.000Z',
    });
    const res = await t.app.inject(`/xxgk/items/${tricky.itemId}`);
    expect(res.statusCode).toBe(200);
    // The title is escaped where it appears; the body stands where the page puts it, once.
    expect(res.body).not.toContain('<!--gk:body-bytes-->');
    expect(res.body).toContain('关于&lt;!--gk:body-bytes--&gt;标记的说明');
    const body = /<div class="item-body" data-testid="item-body">\s*([\s\S]*?)\s*<\/div>/.exec(res.body)?.[1];
    expect(body).toContain('<p>第一段：黄冈“政务公开”，€ 与 😀 均为多字节字符。</p>');
    expect(body).toContain(`<p>${LONG_PARAGRAPH}</p>`);
    expect(body).toContain('<td>合计</td><td>100</td>');
    expect(res.body.match(/第一段/g)).toHaveLength(1);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
    const api = await t.app.inject(
      `/api/v1/items/by-index?indexNumber=${encodeURIComponent(tricky.indexNumber)}`,
    );
    expect(api.statusCode).toBe(200);
    expect(api.json<{ bodyHtml: string }>().bodyHtml).toBe(body);
  });

  it('answers a conditional request with 304 and no body while the page is unchanged', async () => {
    const first = await t.app.inject(`/xxgk/items/${item.itemId}`);
    const etag = String(first.headers.etag);
    const again = await t.app.inject({
      url: `/xxgk/items/${item.itemId}`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    const listed = await t.app.inject({
      url: `/xxgk/items/${item.itemId}`,
      headers: { 'if-none-match': `"other", W/${etag}` },
    });
    expect(listed.statusCode).toBe(304);
    const other = await t.app.inject({
      url: `/xxgk/items/${item.itemId}`,
      headers: { 'if-none-match': '"nope"' },
    });
    expect(other.statusCode).toBe(200);
    const since = await t.app.inject({
      url: `/xxgk/items/${item.itemId}`,
      headers: { 'if-modified-since': String(first.headers['last-modified']) },
    });
    expect(since.statusCode).toBe(304);
    const feed = await t.app.inject('/feeds/all.atom');
    const feed304 = await t.app.inject({
      url: '/feeds/all.atom',
      headers: { 'if-none-match': String(feed.headers.etag) },
    });
    expect(feed304.statusCode).toBe(304);
  });

  it('serves a page again from the render cache without touching the database', async () => {
    await t.app.inject(`/xxgk/catalogue?department=${dept}`);
    const before = queries;
    const res = await t.app.inject(`/xxgk/catalogue?department=${dept}`);
    expect(res.statusCode).toBe(200);
    expect(queries).toBe(before);
  });

  it('keeps 长者模式 pages apart from normal ones', async () => {
    const normal = await t.app.inject(`/xxgk/items/${item.itemId}`);
    const elder = await t.app.inject({ url: `/xxgk/items/${item.itemId}`, cookies: { gk_elder: '1' } });
    expect(elder.body).toContain('<body class="elder">');
    expect(normal.body).not.toContain('<body class="elder">');
    expect(elder.headers.etag).not.toBe(normal.headers.etag);
    const normalAgain = await t.app.inject(`/xxgk/items/${item.itemId}`);
    expect(normalAgain.body).not.toContain('<body class="elder">');
  });

  it('shows a revision at once: the cached page is dropped and the old ETag no longer matches', async () => {
    const before = await t.app.inject(`/xxgk/items/${item.itemId}`);
    expect(before.body).toContain('关于公交线路调整的通告');
    await reviseItem(t, item.itemId, dept, {
      title: '关于公交线路调整的通告（第二版）',
      changeNote: '增加两条线路',
    });
    const after = await t.app.inject({
      url: `/xxgk/items/${item.itemId}`,
      headers: { 'if-none-match': String(before.headers.etag) },
    });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('<h1 class="item-title">关于公交线路调整的通告（第二版）</h1>');
    expect(after.body).toContain('增加两条线路');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('shows a new publication in cached lists and feeds at once', async () => {
    const list = await t.app.inject(`/xxgk/catalogue?department=${dept}`);
    const feed = await t.app.inject('/feeds/all.atom');
    expect(list.body).not.toContain('新发布的停运通知');
    await makePublishedItem(t, { departmentId: dept, title: '新发布的停运通知', body: '停运。' });
    expect((await t.app.inject(`/xxgk/catalogue?department=${dept}`)).body).toContain('新发布的停运通知');
    const feedAfter = await t.app.inject({
      url: '/feeds/all.atom',
      headers: { 'if-none-match': String(feed.headers.etag) },
    });
    expect(feedAfter.statusCode).toBe(200);
    expect(feedAfter.body).toContain('新发布的停运通知');
  });

  it('answers 410 at once after a withdrawal, even where the page was cached', async () => {
    const other = await makePublishedItem(t, { departmentId: dept, title: '临时交通管制', body: '管制。' });
    expect((await t.app.inject(`/xxgk/items/${other.itemId}`)).statusCode).toBe(200);
    await withdraw(t, other.itemId, dept, '管制已结束');
    const res = await t.app.inject(`/xxgk/items/${other.itemId}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('管制已结束');
  });
});

describe('ETags of item pages rendered anew (render cache off)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RENDER_CACHE_MB: '0' });
  });
  afterAll(async () => t.close());

  it('gives the same page the same ETag, and a page whose body was rewritten a new one', async () => {
    const dept = await makeDepartment(t, '黄冈市水利和湖泊局');
    const item = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于汛期水库调度的通知',
      body: '第一版正文：水库按汛限水位运行。',
      publishedAt: '2024-05-01T02:00:00.000Z',
    });
    const url = `/xxgk/items/${item.itemId}`;
    const first = await t.app.inject(url);
    const etag = String(first.headers.etag);
    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    // The public row written anew, as publication writes it: a new body and a new time. Nothing
    // else on the page changes (updated_at is not shown), and the new body is as long as the old.
    await t.db.kysely
      .updateTable('public_items')
      .set({ body_html: '<p>第二版正文：水库按防洪水位运行。</p>', updated_at: '2024-05-02T02:00:00.000Z' })
      .where('item_id', '=', item.itemId)
      .execute();
    const after = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('第二版正文');
    expect(after.headers.etag).not.toBe(etag);
    expect(after.body.replace('防洪', '汛限').replace('第二版', '第一版')).toBe(first.body);
  });
});

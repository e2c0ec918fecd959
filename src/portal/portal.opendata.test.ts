// Feeds, sitemaps, exports and the JSON API over a real catalogue, and what a withdrawal removes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, makeTopic } from '../../test/helpers/catalogue.js';
import { withdraw } from '../../test/helpers/portal.js';
import { checkXml } from '../../test/helpers/xml.js';
import { declaredRoutes } from '../http/auth.js';
import { sitemapPlan } from './feeds.xml.js';

/** RFC 4180 reader for the test: fields may be quoted, quotes doubled, line breaks inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('feeds, sitemaps, exports and the API', () => {
  let t: TestApp;
  let dept: number;
  let topicSlug: string;
  let tricky: { itemId: number; indexNumber: string };
  let gone: { itemId: number; indexNumber: string };
  const ids: number[] = [];

  beforeAll(async () => {
    t = await buildTestApp({ PUBLIC_BASE_URL: 'https://www.hg.gov.cn' });
    dept = await makeDepartment(t, '黄冈市生态环境局');
    const topic = await makeTopic(t, '环境保护测试', { isKeyArea: true });
    topicSlug = (
      await t.db.kysely.selectFrom('topics').select('slug').where('id', '=', topic).executeTakeFirstOrThrow()
    ).slug;
    tricky = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于"蓝天, 碧水"行动 <2024> & 检查的通知',
      summary: '第一行\n第二行，含逗号, 和 "引号"',
      body: '正文',
      topicId: topic,
      publishedAt: '2024-02-01T02:00:00.000Z',
    });
    ids.push(tricky.itemId);
    // Several items published at the same instant: cursor pages must neither skip nor repeat them.
    for (let i = 0; i < 7; i++) {
      const it = await makePublishedItem(t, {
        departmentId: dept,
        title: `同一时刻发布的信息${i}`,
        body: '正文',
        category: 'news',
        publishedAt: '2024-03-01T02:00:00.000Z',
      });
      ids.push(it.itemId);
    }
    gone = await makePublishedItem(t, {
      departmentId: dept,
      title: '已撤销的环评公示',
      body: '正文',
      topicId: topic,
      publishedAt: '2024-04-01T02:00:00.000Z',
    });
    await withdraw(t, gone.itemId, dept, '公示期已满');
  });
  afterAll(async () => t.close());

  it('serves well-formed Atom feeds for the site, a department, a topic and a category', async () => {
    for (const url of [
      '/feeds/all.atom',
      `/feeds/departments/${dept}.atom`,
      `/feeds/topics/${topicSlug}.atom`,
      '/feeds/categories/news.atom',
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const outline = checkXml(res.body);
      expect(outline.root).toBe('feed');
      expect(res.body, url).not.toContain('已撤销的环评公示');
      const titles = outline.texts.filter((x) => x.name === 'title').map((x) => x.text);
      if (url !== '/feeds/categories/news.atom')
        expect(titles).toContain('关于"蓝天, 碧水"行动 <2024> & 检查的通知');
      else expect(titles.filter((x) => x.startsWith('同一时刻'))).toHaveLength(7);
    }
    expect((await t.app.inject('/feeds/departments/999999.atom')).statusCode).toBe(404);
    expect((await t.app.inject('/feeds/categories/nonsense.atom')).statusCode).toBe(400);
    expect((await t.app.inject('/feeds/topics/nonsense.atom')).statusCode).toBe(404);
  });

  it('lists every public item in sitemap.xml and points robots.txt at it', async () => {
    const res = await t.app.inject('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    const locs = checkXml(res.body)
      .texts.filter((x) => x.name === 'loc')
      .map((x) => x.text);
    for (const id of ids) expect(locs).toContain(`https://www.hg.gov.cn/xxgk/items/${id}`);
    expect(locs).not.toContain(`https://www.hg.gov.cn/xxgk/items/${gone.itemId}`);
    expect(locs).toContain('https://www.hg.gov.cn/xxgk/catalogue');
    const part = await t.app.inject('/sitemaps/items-1.xml');
    expect(checkXml(part.body).texts.filter((x) => x.name === 'loc')).toHaveLength(ids.length);
    expect((await t.app.inject('/sitemaps/items-2.xml')).statusCode).toBe(404);
    const robots = await t.app.inject('/robots.txt');
    expect(robots.body).toContain('Sitemap: https://www.hg.gov.cn/sitemap.xml');
    expect(robots.body).toContain('Disallow: /console');
  });

  it('splits the sitemap into an index beyond 50,000 URLs', () => {
    expect(sitemapPlan(49_990, 10)).toEqual({ kind: 'urlset' });
    expect(sitemapPlan(49_991, 10)).toEqual({
      kind: 'index',
      paths: ['/sitemaps/pages.xml', '/sitemaps/items-1.xml'],
    });
    expect(sitemapPlan(100_001, 10)).toEqual({
      kind: 'index',
      paths: [
        '/sitemaps/pages.xml',
        '/sitemaps/items-1.xml',
        '/sitemaps/items-2.xml',
        '/sitemaps/items-3.xml',
      ],
    });
  });

  it('exports CSV with a UTF-8 BOM, a header and RFC 4180 quoting', async () => {
    const res = await t.app.inject('/open-data/items.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(res.body.replace(/^\uFEFF/, ''));
    expect(rows[0]?.slice(0, 3)).toEqual(['索引号', '名称', '文号']);
    expect(rows).toHaveLength(1 + ids.length);
    const row = rows.find((r) => r[0] === tricky.indexNumber);
    expect(row?.[1]).toBe('关于"蓝天, 碧水"行动 <2024> & 检查的通知');
    expect(row?.[10]).toBe('第一行\n第二行，含逗号, 和 "引号"');
    expect(res.body).toContain('"关于""蓝天, 碧水""行动 <2024> & 检查的通知"');
    expect(res.body).not.toContain('已撤销的环评公示');
    const filtered = parseCsv(
      (await t.app.inject('/open-data/items.csv?category=news')).body.replace(/^\uFEFF/, ''),
    );
    expect(filtered).toHaveLength(8);
  });

  it('exports JSON Lines, one record per line', async () => {
    const res = await t.app.inject('/open-data/items.jsonl');
    expect(res.statusCode).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    expect(lines).toHaveLength(ids.length);
    const records = lines.map((l) => JSON.parse(l) as { indexNumber: string; title: string; url: string });
    const rec = records.find((r) => r.indexNumber === tricky.indexNumber);
    expect(rec?.title).toBe('关于"蓝天, 碧水"行动 <2024> & 检查的通知');
    expect(rec?.url).toBe(`https://www.hg.gov.cn/xxgk/items/${tricky.itemId}`);
    expect(res.body).not.toContain('已撤销的环评公示');
  });

  it('pages through the items API with cursors, newest first, without gaps or repeats', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/items?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { id: number; publishedAt: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(tricky.itemId);

    const filtered = (
      await t.app.inject(`/api/v1/items?category=news&department=${dept}&year=2024`)
    ).json() as {
      items: { category: string; department: { name: string } }[];
    };
    expect(filtered.items).toHaveLength(7);
    expect(filtered.items[0]?.department.name).toBe('黄冈市生态环境局');

    const bad = await t.app.inject('/api/v1/items?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_cursor', fields: { cursor: '游标无效' } } });
    expect((await t.app.inject('/api/v1/items?limit=1000')).statusCode).toBe(400);
  });

  it('finds one item by 索引号 (a query parameter, since 索引号 contain "/"), and says 410 for a withdrawn one', async () => {
    const res = await t.app.inject(
      `/api/v1/items/by-index?indexNumber=${encodeURIComponent(tricky.indexNumber)}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: tricky.itemId,
      indexNumber: tricky.indexNumber,
      bodyHtml: expect.any(String),
    });
    const missing = await t.app.inject(
      `/api/v1/items/by-index?indexNumber=${encodeURIComponent(gone.indexNumber)}`,
    );
    expect(missing.statusCode).toBe(404);
    const withdrawn = await t.app.inject(`/api/v1/items/${gone.itemId}`);
    expect(withdrawn.statusCode).toBe(410);
    expect(withdrawn.json()).toMatchObject({ error: { code: 'item_withdrawn' } });
    const topics = (await t.app.inject('/api/v1/topics')).json() as { slug: string; isKeyArea: boolean }[];
    expect(topics.find((x) => x.slug === topicSlug)?.isKeyArea).toBe(true);
  });

  it('documents every /api route of every module in the OpenAPI document', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const apiRoutes = declaredRoutes(t.app).filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(4);
    for (const r of apiRoutes) {
      const path = r.url.replace(/:([A-Za-z_]+)/g, '{$1}');
      expect(doc.paths[path]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/api/'))).toBe(true);
  });
});

// Cached public pages answered before routing (cached-fast-path.ts), over real HTTP: the answer is
// the one the route gives (same status, headers and bytes), 304 works the same, 长者模式 and query
// strings are separate pages, a publication or withdrawal is seen at once, and every other request
// goes to the routes. Its log line carries no query string.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createTestDb } from '../../test/helpers/db.js';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { withdraw } from '../../test/helpers/portal.js';
import { fastPathServed } from './cached-fast-path.js';

/** Headers that depend on the moment or the connection, not on the page. */
const PER_CONNECTION = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

function pageHeaders(headers: Headers | Record<string, unknown>): Record<string, string> {
  const entries: [string, unknown][] = [];
  if (headers instanceof Headers) headers.forEach((value, name) => entries.push([name, value]));
  else entries.push(...Object.entries(headers));
  return Object.fromEntries(
    entries
      .filter(([name]) => !PER_CONNECTION.has(name.toLowerCase()))
      .map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}

describe('cached public pages answered before routing', () => {
  let t: TestApp;
  let base: string;
  let dept: number;
  let item: { itemId: number; indexNumber: string; departmentId: number };

  beforeAll(async () => {
    t = await buildTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    dept = await makeDepartment(t, '黄冈市水利和湖泊局');
    item = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于汛期水库调度的通告',
      body: '各水库按汛限水位运行。',
      publishedAt: '2024-05-01T02:00:00.000Z',
    });
  });
  afterAll(async () => t.close());

  it('answers a page it has rendered with the same status, headers and bytes as the route', async () => {
    const path = `/xxgk/items/${item.itemId}`;
    const first = await fetch(base + path);
    expect(first.status).toBe(200);
    const served = fastPathServed(t.app);
    const second = await fetch(base + path);
    expect(fastPathServed(t.app)).toBe(served + 1);
    const routed = await t.app.inject(path); // app.inject always goes through the route
    expect(second.status).toBe(200);
    expect(Buffer.from(await second.arrayBuffer())).toEqual(routed.rawPayload);
    expect(pageHeaders(second.headers)).toEqual(pageHeaders(routed.headers));
    expect(second.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(second.headers.get('set-cookie')).toBeNull();
    // Node adds the keep-alive header as Fastify's own server would (keepAliveTimeout 72 s).
    expect(second.headers.get('keep-alive')).toBe('timeout=72');
  });

  it('answers 304 to a conditional request as the route does', async () => {
    const path = `/xxgk/items/${item.itemId}`;
    const page = await fetch(base + path);
    const etag = String(page.headers.get('etag'));
    const served = fastPathServed(t.app);
    const conditional = await fetch(base + path, { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    expect(fastPathServed(t.app)).toBe(served + 1);
    const routed = await t.app.inject({ url: path, headers: { 'if-none-match': etag } });
    expect(routed.statusCode).toBe(304);
    expect(pageHeaders(conditional.headers)).toEqual(pageHeaders(routed.headers));
    const stale = await fetch(base + path, { headers: { 'if-none-match': '"old"' } });
    expect(stale.status).toBe(200);
    const since = await fetch(base + path, {
      headers: { 'if-modified-since': String(page.headers.get('last-modified')) },
    });
    expect(since.status).toBe(304);
    const before = await fetch(base + path, {
      headers: { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' },
    });
    expect(before.status).toBe(200);
  });

  it('keeps 长者模式 and each query string a page of its own', async () => {
    const path = `/xxgk/items/${item.itemId}`;
    await fetch(base + path); // the normal page is cached
    let served = fastPathServed(t.app);
    const elder = await fetch(base + path, { headers: { cookie: 'gk_other=x; gk_elder=1' } });
    expect(await elder.text()).toContain('<body class="elder">');
    expect(fastPathServed(t.app)).toBe(served); // rendered: the first 长者模式 request
    const elderAgain = await fetch(base + path, { headers: { cookie: 'gk_elder=1' } });
    expect(await elderAgain.text()).toContain('<body class="elder">');
    const normal = await fetch(base + path, { headers: { cookie: 'gk_elder=0' } });
    expect(await normal.text()).not.toContain('<body class="elder">');
    expect(fastPathServed(t.app)).toBe(served + 2); // both from the cache, each its own page
    served = fastPathServed(t.app);
    const print = await fetch(`${base}${path}?print=1`);
    const printAgain = await fetch(`${base}${path}?print=1`);
    const printed = await printAgain.text();
    expect(printed).toBe(await print.text());
    expect(fastPathServed(t.app)).toBe(served + 1);
    expect(printed).not.toBe(await (await fetch(base + path)).text());
  });

  it('leaves HEAD, other methods and pages not yet rendered to the routes', async () => {
    const path = `/xxgk/items/${item.itemId}`;
    await fetch(base + path);
    const served = fastPathServed(t.app);
    const head = await fetch(base + path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).not.toBeNull();
    const post = await fetch(base + path, { method: 'POST' }); // the app's CSRF check answers
    expect(post.status).toBe(403);
    const missing = await fetch(`${base}/xxgk/items/99999999`);
    expect(missing.status).toBe(404);
    expect(fastPathServed(t.app)).toBe(served);
  });

  it('never answers with a page older than a publication or a withdrawal', async () => {
    const list = `/xxgk/catalogue?department=${dept}`;
    expect(await (await fetch(base + list)).text()).not.toContain('关于防汛物资储备的公告');
    await makePublishedItem(t, {
      departmentId: dept,
      title: '关于防汛物资储备的公告',
      body: '储备充足。',
      publishedAt: '2024-05-02T02:00:00.000Z',
    });
    expect(await (await fetch(base + list)).text()).toContain('关于防汛物资储备的公告');

    const path = `/xxgk/items/${item.itemId}`;
    expect((await fetch(base + path)).status).toBe(200);
    await withdraw(t, item.itemId, dept, '调度方案已更新');
    const gone = await fetch(base + path);
    expect(gone.status).toBe(410);
    const served = fastPathServed(t.app);
    const goneAgain = await fetch(base + path); // the 410 notice is cached too
    expect(goneAgain.status).toBe(410);
    expect(await goneAgain.text()).toContain('调度方案已更新');
    expect(fastPathServed(t.app)).toBe(served + 1);
  });
});

describe('the request log of a page answered before routing', () => {
  it('logs the request like the routes do, without its query string', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const db = await createTestDb();
    const config = loadConfig({ DEMO_DATA: 'off' }, { persistSecret: false });
    const app = await buildApp({ db, config, logger: { level: 'info', stream } });
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const dept = await makeDepartment({ db });
      const item = await makePublishedItem(
        { app, db, config, close: async () => {} },
        {
          departmentId: dept,
          title: '关于查询码的说明',
          body: '正文。',
          publishedAt: '2024-05-03T02:00:00.000Z',
        },
      );
      const path = `/xxgk/items/${item.itemId}?print=1`;
      await fetch(base + path);
      const served = fastPathServed(app);
      expect((await fetch(base + path)).status).toBe(200);
      expect(fastPathServed(app)).toBe(served + 1);
      const all = lines.map(
        (l) =>
          JSON.parse(l) as {
            msg?: string;
            reqId?: string;
            fromRenderCache?: boolean;
            req?: { url?: string };
          },
      );
      const logged = all.filter((l) => l.fromRenderCache);
      expect(logged).toHaveLength(1);
      expect(logged[0]?.msg).toBe('request completed');
      expect(logged[0]?.req?.url).toBe(`/xxgk/items/${item.itemId}`);
      // An id like the routes' own, from the same counter: the next one after the first request's
      // (routed, nothing in between), so the two can never meet.
      const fast = logged[0]?.reqId ?? '';
      expect(fast).toMatch(/^req-[0-9a-z]+$/);
      const routed = all.find((l) => !l.fromRenderCache && l.msg === 'request completed')?.reqId ?? '';
      expect(routed).toMatch(/^req-[0-9a-z]+$/);
      expect(parseInt(fast.slice(4), 36)).toBe(parseInt(routed.slice(4), 36) + 1);
    } finally {
      await app.close();
      await db.close();
    }
  });
});

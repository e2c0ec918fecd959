// The posting-list cache: its bounds and version rule alone, then searches with it on the real
// index (SQLite, and PostgreSQL with TEST_DATABASE_URL): the same results as without it, and a
// publication or a withdrawal seen by the next search although lists were kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, staffOf } from '../../test/helpers/catalogue.js';
import { withdrawItem } from '../catalogue/items.publish.js';
import { PostingCache } from './search.postings.js';
import { postingCacheSize, searchPublic } from './search.service.js';
import type { SearchQuery } from './search.types.js';

const keys = (n: number, from = 0) => Int32Array.from({ length: n }, (_, i) => from + i);

describe('PostingCache', () => {
  it('keeps lists of at least minKeys, within maxBytes, least recently used out first', () => {
    const c = new PostingCache({ maxBytes: 3 * 4 * 10, minKeys: 10 });
    c.at(1);
    c.put(1, 'short', keys(9));
    expect(c.get('short')).toBeUndefined();
    c.put(1, 'a', keys(10));
    c.put(1, 'b', keys(10));
    c.put(1, 'c', keys(10));
    expect(c.size).toEqual({ lists: 3, bytes: 120 });
    c.get('a'); // a is now the most recently used
    c.put(1, 'd', keys(10));
    expect(c.get('b')).toBeUndefined();
    expect([...(c.get('a') ?? [])]).toEqual([...keys(10)]);
    expect(c.get('c')).toBeDefined();
    expect(c.get('d')).toBeDefined();
    expect(c.size.bytes).toBe(120);
    c.put(1, 'huge', keys(31));
    expect(c.get('huge')).toBeUndefined();
    expect(c.size.lists).toBe(3);
  });

  it('empties when the index moves on and never keeps a list read for an older version', () => {
    const c = new PostingCache({ maxBytes: 1 << 20, minKeys: 1 });
    c.at(5);
    c.put(5, 'a', keys(3));
    c.at(4); // a search that read an older version: nothing changes
    expect(c.get('a')).toBeDefined();
    c.at(6);
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toEqual({ lists: 0, bytes: 0 });
    c.put(5, 'b', keys(3)); // read by a search that started before version 6
    expect(c.get('b')).toBeUndefined();
  });

  it('remembers as common the tokens of a long list, even one it could not keep', () => {
    const c = new PostingCache({ maxBytes: 0, minKeys: 2 });
    c.markCommon(['x', 'y']);
    c.put(0, 'z', keys(2));
    c.put(0, 'w', keys(1));
    expect(['x', 'y', 'z', 'w'].map((t) => c.isCommon(t))).toEqual([true, true, true, false]);
  });
});

describe('searching with the cache', () => {
  let t: TestApp;
  let dept: number;
  const on = { postingCache: { minKeys: 1 } };
  const off = { postingCache: { maxBytes: 0 } };
  const search = (q: string, options: object, more: Partial<SearchQuery> = {}) =>
    searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 20, ...more }, options);
  const ids = (r: Awaited<ReturnType<typeof search>>) => r.hits.map((h) => h.itemId);

  beforeAll(async () => {
    t = await buildTestApp();
    dept = await makeDepartment(t, '黄冈市应急管理局');
    const other = await makeDepartment(t, '黄冈市民政局');
    const texts: [string, string][] = [
      ['关于加强安全生产工作的通知', '各地要落实安全生产责任制，防范重大事故。'],
      ['2024年安全生产检查方案', '对危险化学品企业开展安全生产检查。'],
      ['城乡低保工作要点', '规范最低生活保障审核，落实安全责任。'],
      ['关于做好防汛工作的通知', '各地做好防汛抗旱和安全生产工作，确保群众安全。'],
      ['社会救助政策问答', '最低生活保障、特困人员救助供养 FAQ。'],
    ];
    for (const [i, [title, body]] of texts.entries())
      await makePublishedItem(t, {
        departmentId: i % 2 ? other : dept,
        title,
        body,
        publishedAt: `202${i}-03-0${i + 1}T02:00:00.000Z`,
      });
  });
  afterAll(async () => t.close());

  it('gives the same hits, totals and counts as without it, also when lists come from it', async () => {
    const queries: [string, Partial<SearchQuery>][] = [
      ['安全', {}],
      ['安全生产', {}],
      ['生产 工作', {}],
      ['最低生活保障', {}],
      ['安全', { sort: 'date' }],
      ['安全', { department: dept }],
      ['faq', {}],
      ['防汛 安全', {}],
    ];
    for (const [q, more] of queries) {
      const expected = await search(q, off, more);
      expect(expected.total, q).toBeGreaterThan(0);
      for (let pass = 0; pass < 3; pass++) {
        const got = await search(q, on, more);
        expect(ids(got), `${q} pass ${pass}`).toEqual(ids(expected));
        expect(got.total).toBe(expected.total);
        expect(got.facets).toEqual(expected.facets);
      }
    }
    expect(postingCacheSize(t.db.kysely).lists).toBeGreaterThan(3);
  });

  it('finds an item published after its terms were kept, and not one withdrawn after', async () => {
    const before = await search('安全生产', on);
    await search('安全生产', on);
    expect(postingCacheSize(t.db.kysely).lists).toBeGreaterThan(0);
    const item = await makePublishedItem(t, {
      departmentId: dept,
      title: '安全生产月活动安排',
      body: '开展安全生产宣传咨询日活动。',
      publishedAt: '2026-06-01T02:00:00.000Z',
    });
    const after = await search('安全生产', on);
    expect(after.total).toBe(before.total + 1);
    expect(ids(after)[0]).toBe(item.itemId);
    await search('安全生产', on);
    const publisher = await staffOf(t, dept, 'publisher');
    expect((await withdrawItem(t.db.kysely, publisher, item.itemId, '活动取消')).ok).toBe(true);
    const gone = await search('安全生产', on);
    expect(ids(gone)).not.toContain(item.itemId);
    expect(gone.total).toBe(before.total);
  });
});

// The posting-list cache: its bounds and version rule alone, then searches with it on the real
// index (SQLite, and PostgreSQL with TEST_DATABASE_URL): the same results as without it, and a
// publication or a withdrawal seen by the next search although lists were kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, staffOf } from '../../test/helpers/catalogue.js';
import { withdrawItem } from '../catalogue/items.publish.js';
import { dialectOf } from '../db/dialect.js';
import { PostingCache } from './search.postings.js';
import { intersectAll } from './search.results.js';
import { readsCommonTokensAlone } from './search.repository.js';
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

  it('drops the least recently used lists at once when its size is lowered', () => {
    const c = new PostingCache({ maxBytes: 1 << 20, minKeys: 1 });
    c.at(0);
    for (const t of ['a', 'b', 'c']) c.put(0, t, keys(10));
    c.limits = { maxBytes: 80, minKeys: 1 };
    expect(c.size).toEqual({ lists: 2, bytes: 80 });
    expect(c.get('a')).toBeUndefined();
    c.limits = { maxBytes: 0, minKeys: 1 };
    expect(c.size).toEqual({ lists: 0, bytes: 0 });
  });

  it('remembers as common the tokens of a long list, even one it could not keep', () => {
    const c = new PostingCache({ maxBytes: 0, minKeys: 2 });
    c.markCommon(['x', 'y']);
    c.put(0, 'z', keys(2));
    c.put(0, 'w', keys(1));
    expect(['x', 'y', 'z', 'w'].map((t) => c.isCommon(t))).toEqual([true, true, true, false]);
  });
});

describe('intersectAll', () => {
  it('keeps the keys in every list, walking lists of like length and looking short ones up in long ones', () => {
    const naive = (lists: Int32Array[]) =>
      [...(lists[0] ?? [])].filter((k) => lists.every((l) => l.includes(k)));
    const odd = Int32Array.from({ length: 100 }, (_, i) => 2 * i + 1); // 1, 3, …, 199
    const cases: Int32Array[][] = [
      [Int32Array.from([3, 4, 7, 199, 200]), odd], // 5 × 16 < 100: looked up
      [Int32Array.from([0, 2, 4]), odd],
      [odd, Int32Array.from({ length: 60 }, (_, i) => 3 * i)], // walked
      [odd, Int32Array.from([1, 5, 9]), Int32Array.from({ length: 200 }, (_, i) => i)],
      [odd],
      [odd, new Int32Array(0)],
    ];
    for (const lists of cases) expect([...intersectAll(lists)]).toEqual(naive(lists));
    expect([...intersectAll([Int32Array.from([3, 4, 7, 199, 200]), odd])]).toEqual([3, 7, 199]);
    expect(intersectAll([]).length).toBe(0);
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
    const expected = [];
    for (const [q, more] of queries) expected.push(await search(q, off, more)); // (this empties it)
    // Then every query in turn, four times, the cache never emptied: lists kept for one query
    // (安全) meet lists read for the next (安全生产) on both databases.
    for (let pass = 0; pass < 4; pass++)
      for (const [i, [q, more]] of queries.entries()) {
        const want = expected[i];
        expect(want?.total, q).toBeGreaterThan(0);
        const got = await search(q, on, more);
        expect(ids(got), `${q} pass ${pass}`).toEqual(want && ids(want));
        expect(got.total).toBe(want?.total);
        expect(got.facets).toEqual(want?.facets);
      }
    expect(postingCacheSize(t.db.kysely).lists).toBeGreaterThan(0);
  });

  it('finds an item published after its terms were kept, and not one withdrawn after', async () => {
    // A two-character term: found by the index alone, with no check of the documents' text.
    const before = await search('安全', off);
    await search('安全', on);
    await search('安全', on);
    expect(postingCacheSize(t.db.kysely).lists).toBeGreaterThan(0);
    const item = await makePublishedItem(t, {
      departmentId: dept,
      title: '安全生产月活动安排',
      body: '开展安全生产宣传咨询日活动。',
      publishedAt: '2026-06-01T02:00:00.000Z',
    });
    const after = await search('安全', on);
    expect(after.total).toBe(before.total + 1);
    expect(ids(after)[0]).toBe(item.itemId);
    expect(postingCacheSize(t.db.kysely).lists).toBeGreaterThan(0);
    const publisher = await staffOf(t, dept, 'publisher');
    expect((await withdrawItem(t.db.kysely, publisher, item.itemId, '活动取消')).ok).toBe(true);
    const gone = await search('安全', on);
    expect(ids(gone)).not.toContain(item.itemId);
    expect(gone.total).toBe(before.total);
    expect(gone.facets).toEqual(before.facets);
    expect(ids(gone)).toEqual(ids(before));
  });

  it('on SQLite fills itself one list a search, never reading one alone for a query with an unknown token', async () => {
    await makePublishedItem(t, { departmentId: dept, title: '会议纪要公开', body: '无关内容。' }); // empties it
    const lists = () => postingCacheSize(t.db.kysely).lists;
    // PostgreSQL intersects lists in its backends: only lists read alone anyway are kept there.
    const fills = readsCommonTokensAlone(t.db.kysely);
    expect(fills).toBe(dialectOf(t.db.kysely) === 'sqlite');
    // 特困人员: three bigrams, in one document's body and no title.
    await search('特困人员', on);
    expect(lists()).toBe(0); // read together; marked common (minKeys 1), not kept
    await search('特困人员', on);
    expect(lists()).toBe(fills ? 1 : 0); // 特困 read alone and kept; 困人 and 人员 still together
    await search('特困人员 供养', on);
    expect(lists()).toBe(fills ? 1 : 0); // 供养 is not known to be common: the others are read with it
    await search('特困人员', on);
    expect(lists()).toBe(fills ? 3 : 0); // 困人 read alone, 人员 left alone: both kept
    await search('特困', on);
    expect(lists()).toBe(fills ? 3 : 1); // one token: read alone anyway, kept on both
  });
});

// The exact-characters check of the repository (SQLite and, with TEST_DATABASE_URL, PostgreSQL):
// of the candidates that have every bigram of a term, only the documents with the term's exact
// characters are kept, whether a whole candidate list (keysContaining) or a page of hits
// (verifyItems) is checked; a long list is checked whole, unless the time budget runs out, and then
// the search says its total is approximate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { insertPublicItems } from '../../test/helpers/search.js';
import { contentTokens } from './search.document.js';
import {
  keysContaining,
  matchingKeys,
  VERIFY_FIRST_ROUND,
  VERIFY_MAX_ROUND,
  VERIFY_MIN_ROUND,
  verifyItems,
  verifyRoundSize,
} from './search.repository.js';
import { reindexAll, searchPublic } from './search.service.js';
import { parseQuery } from './search.text.js';

/** The sort keys of these items, ascending. */
async function sortKeysOf(t: TestApp, itemIds: readonly number[]): Promise<number[]> {
  const rows = await t.db.kysely
    .selectFrom('search_docs')
    .select('sort_key')
    .where('item_id', 'in', itemIds)
    .orderBy('sort_key')
    .execute();
  return rows.map((r) => Number(r.sort_key));
}

describe('exact characters of the candidates', () => {
  let t: TestApp;
  let ids: number[] = [];
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '核对测试局');
    ids = await insertPublicItems(
      t.db.kysely,
      [
        '关于开展危险化学品安全检查的通知',
        // Every bigram of 危险化学品 (危险 险化 化学 学品), never the term itself.
        '危险品经营许可证管理办法；保险化解风险；化学品分类存放。',
        '危险化学品目录（2015版）实施指南',
        '与本题无关的通知',
      ].map((body, i) => ({
        departmentId: dept,
        title: `核对文件${i}`,
        body,
        publishedDate: `2024-03-0${i + 1}`,
      })),
    );
    await reindexAll(t.db.kysely);
  });
  afterAll(async () => t.close());

  const keysOf = (itemIds: readonly number[]) => sortKeysOf(t, itemIds);

  it('keeps only the candidates that contain the term', async () => {
    const tokens = contentTokens(parseQuery('危险化学品'));
    const candidates = await matchingKeys(t.db.kysely, tokens);
    expect([...candidates]).toEqual(await keysOf(ids.slice(0, 3)));
    const exact = await keysContaining(t.db.kysely, candidates, ['危险化学品']);
    expect([...exact.found]).toEqual(await keysOf([ids[0] ?? 0, ids[2] ?? 0]));
    expect(exact).toMatchObject({ checked: 3, unchecked: new Int32Array(0) });
    // Two texts: both must be there.
    const both = await keysContaining(t.db.kysely, candidates, ['危险化学品', '目录']);
    expect([...both.found]).toEqual(await keysOf([ids[2] ?? 0]));
    expect([...(await keysContaining(t.db.kysely, new Int32Array(0), ['危险化学品'])).found]).toEqual([]);
  });

  it('checks a page of hits the same way', async () => {
    const found = await verifyItems(t.db.kysely, ids, { texts: ['危险化学品'] });
    expect([...found].sort((a, b) => a - b)).toEqual([ids[0], ids[2]]);
  });
});

describe('long candidate lists and the time budget', () => {
  let t: TestApp;
  let ids: number[] = [];
  // More than one round on PostgreSQL (SQLite reads one statement row by row).
  const n = VERIFY_MAX_ROUND + 70;
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '分批核对测试局');
    ids = await insertPublicItems(
      t.db.kysely,
      Array.from({ length: n }, (_, i) => ({
        departmentId: dept,
        title: `分批核对文件${i}`,
        // Even: the term itself; odd: each of its bigrams, never the term.
        body: i % 2 === 0 ? `第${i}号：危险化学品储存要求。` : `第${i}号：危险品、保险化解、化学品。`,
        // Two a day, one of each kind: any newest part of the list is about half matches.
        publishedDate: `2024-04-${String((Math.floor(i / 2) % 28) + 1).padStart(2, '0')}`,
      })),
    );
    await reindexAll(t.db.kysely);
  });
  afterAll(async () => t.close());

  const tokens = () => contentTokens(parseQuery('危险化学品'));
  const keysOf = (itemIds: readonly number[]) => sortKeysOf(t, itemIds);

  it('checks every candidate when there is time (PostgreSQL: over several rounds)', async () => {
    const candidates = await matchingKeys(t.db.kysely, tokens());
    expect(candidates.length).toBe(n);
    const exact = await keysContaining(t.db.kysely, candidates, ['危险化学品']);
    expect([...exact.found]).toEqual(await keysOf(ids.filter((_, i) => i % 2 === 0)));
    expect(exact.checked).toBe(n);
  });

  it('counts a candidate without a document as checked and not found', async () => {
    const candidates = await matchingKeys(t.db.kysely, tokens());
    const last = candidates[candidates.length - 1] ?? 0;
    // A key between two candidates and one after the newest: documents removed meanwhile.
    const between = (candidates[9] ?? 0) + 1;
    expect(candidates.includes(between)).toBe(false);
    const withGone = Int32Array.from([
      ...candidates.subarray(0, 10),
      between,
      ...candidates.subarray(10),
      last + 1,
    ]);
    const exact = await keysContaining(t.db.kysely, withGone, ['危险化学品']);
    expect([...exact.found]).toEqual(await keysOf(ids.filter((_, i) => i % 2 === 0)));
    expect(exact).toMatchObject({ checked: n + 2, unchecked: new Int32Array(0) });
    // Past the budget: the one after the newest takes no document's time but counts among the
    // newest always checked, with the 15 newest that exist; the rest stays unchecked.
    const even = new Set(await keysOf(ids.filter((_, i) => i % 2 === 0)));
    const hurried = await keysContaining(t.db.kysely, withGone, ['危险化学品'], 0);
    expect(hurried.checked).toBe(VERIFY_FIRST_ROUND);
    expect([...hurried.unchecked]).toEqual([...withGone.subarray(0, withGone.length - VERIFY_FIRST_ROUND)]);
    const newest = candidates.subarray(candidates.length - (VERIFY_FIRST_ROUND - 1));
    expect([...hurried.found]).toEqual([...newest].filter((k) => even.has(k)));
  });

  it('past the budget leaves the older candidates unchecked, but always checks the newest few', async () => {
    const candidates = await matchingKeys(t.db.kysely, tokens());
    const even = new Set(await keysOf(ids.filter((_, i) => i % 2 === 0)));
    // Budget 0: the newest VERIFY_FIRST_ROUND only.
    const hurried = await keysContaining(t.db.kysely, candidates, ['危险化学品'], 0);
    const checked = candidates.subarray(candidates.length - hurried.checked);
    expect(hurried.checked).toBe(VERIFY_FIRST_ROUND);
    expect([...hurried.found]).toEqual([...checked].filter((k) => even.has(k)));
    expect([...hurried.unchecked]).toEqual([...candidates.subarray(0, candidates.length - hurried.checked)]);
    const short = candidates.subarray(0, VERIFY_FIRST_ROUND);
    const whole = await keysContaining(t.db.kysely, short, ['危险化学品'], 0);
    expect([...whole.found]).toEqual([...short].filter((k) => even.has(k)));
    expect(whole.unchecked.length).toBe(0);
  });

  it('a search past the budget flags its total approximate and still shows only exact hits', async () => {
    const q = { q: '危险化学品', sort: 'date' as const, page: 1, pageSize: 20 };
    const exact = await searchPublic(t.db.kysely, q);
    expect(exact).toMatchObject({ approximate: false, total: n / 2 });
    const hurried = await searchPublic(t.db.kysely, q, { verifyBudgetMs: 0 });
    expect(hurried.approximate).toBe(true);
    // Estimated: the unchecked candidates at the rate of the checked ones (about half), near the
    // truth (n / 2), far from the candidates' number (n).
    expect(Math.abs(hurried.total - n / 2)).toBeLessThanOrEqual(n / 10);
    const facetSum = hurried.facets.years.reduce((a, y) => a + y.count, 0);
    expect(Math.abs(facetSum - n / 2)).toBeLessThanOrEqual(n / 10);
    expect(hurried.hits.length).toBeGreaterThan(0);
    expect(hurried.hits.every((h) => Number(h.title.replace('分批核对文件', '')) % 2 === 0)).toBe(true);
    // The pages reach every candidate still possible (the unchecked and the checked that
    // matched), not just the estimate's worth.
    const c = await keysContaining(t.db.kysely, await matchingKeys(t.db.kysely, tokens()), ['危险化学品'], 0);
    expect(hurried.pageCount).toBe(Math.ceil((c.unchecked.length + c.found.length) / q.pageSize));
  });

  it('past the budget, a page of unchecked candidates shows only the exact ones', async () => {
    const q = { q: '危险化学品', sort: 'date' as const, page: 1, pageSize: 20 };
    const c = await keysContaining(t.db.kysely, await matchingKeys(t.db.kysely, tokens()), ['危险化学品'], 0);
    // Newest first: the checked that matched, then the unchecked; the last page is all unchecked.
    const last = (await searchPublic(t.db.kysely, q, { verifyBudgetMs: 0 })).pageCount;
    expect((last - 1) * q.pageSize).toBeGreaterThanOrEqual(c.found.length);
    const page = await searchPublic(t.db.kysely, { ...q, page: last }, { verifyBudgetMs: 0 });
    const exact = await searchPublic(t.db.kysely, { ...q, page: 1, pageSize: n });
    const oldest = exact.hits.slice(-page.hits.length);
    expect(page.hits.length).toBeGreaterThan(0);
    expect(page.hits.map((h) => h.itemId)).toEqual(oldest.map((h) => h.itemId));
  });
});

describe('an estimate when none of the newest candidates matches', () => {
  let t: TestApp;
  // More than one round on PostgreSQL (SQLite reads one statement row by row).
  const n = VERIFY_MAX_ROUND + 70;
  const matching = 10;
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '估计核对测试局');
    await insertPublicItems(
      t.db.kysely,
      Array.from({ length: n }, (_, i) => ({
        departmentId: dept,
        title: `估计核对文件${i}`,
        // The oldest ten have the term; the rest each of its bigrams only.
        body: i < matching ? `第${i}号：危险化学品储存要求。` : `第${i}号：危险品、保险化解、化学品。`,
        publishedDate: `2023-${String(Math.floor(i / 28) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      })),
    );
    await reindexAll(t.db.kysely);
  });
  afterAll(async () => t.close());

  it('still counts the unchecked as possible matches, and their page finds them', async () => {
    const q = { q: '危险化学品', sort: 'date' as const, page: 1, pageSize: 20 };
    expect(await searchPublic(t.db.kysely, q)).toMatchObject({ total: matching, approximate: false });
    const hurried = await searchPublic(t.db.kysely, q, { verifyBudgetMs: 0 });
    expect(hurried.approximate).toBe(true);
    expect(hurried.total).toBeGreaterThan(0);
    const tokens = contentTokens(parseQuery('危险化学品'));
    const c = await keysContaining(t.db.kysely, await matchingKeys(t.db.kysely, tokens), ['危险化学品'], 0);
    expect(c.found.length).toBe(0);
    expect(hurried.pageCount).toBe(Math.ceil(c.unchecked.length / q.pageSize));
    const last = await searchPublic(t.db.kysely, { ...q, page: hurried.pageCount }, { verifyBudgetMs: 0 });
    expect(last.hits.map((h) => h.title).sort()).toEqual(
      Array.from({ length: matching }, (_, i) => `估计核对文件${i}`).sort(),
    );
  });
});

describe("the size of PostgreSQL's next round of checks", () => {
  it('is as many as the time left allows at the pace so far, at most as many as already checked', () => {
    // 16 checked in 5 ms, 5 ms left: 16 more; in 6 ms: 4 ms left, 10 more.
    expect(verifyRoundSize(5, 16, 300, 10)).toBe(16);
    expect(verifyRoundSize(6, 16, 300, 10)).toBe(10);
    // Fast (cached) candidates: no more than twice as many in all, however fast.
    expect(verifyRoundSize(0.1, 16, 300, 10)).toBe(16);
    expect(verifyRoundSize(0.5, 64, 300, 10)).toBe(64);
    expect(verifyRoundSize(1, 1000, 300, 10)).toBe(VERIFY_MAX_ROUND);
  });

  it('is 0 once too few fit, unless they are all that is left, and the largest without a budget', () => {
    expect(verifyRoundSize(9, 16, 300, 10)).toBe(0); // one would fit
    expect(verifyRoundSize(10, 16, 300, 10)).toBe(0);
    expect(verifyRoundSize(12, 16, 300, 10)).toBe(0);
    expect(verifyRoundSize(5, VERIFY_MIN_ROUND, 300, 10)).toBe(VERIFY_MIN_ROUND);
    // Two left and three would fit: they are checked (the round may be larger than what is left).
    expect(verifyRoundSize(8, 16, 2, 10)).toBeGreaterThanOrEqual(2);
    expect(verifyRoundSize(8, 16, 0, 10)).toBe(0);
    expect(verifyRoundSize(50, 16, 300, Number.POSITIVE_INFINITY)).toBe(VERIFY_MAX_ROUND);
  });
});

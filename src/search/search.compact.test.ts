// Merging the index after bulk indexing (SQLite's FTS5 keeps a segment per indexing transaction;
// PostgreSQL has nothing to merge): the merge leaves one segment, whether done at once (the CLI's
// bulk paths) or in steps (the server's indexer), and searches answer exactly as before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment } from '../../test/helpers/app.js';
import { createTestDb } from '../../test/helpers/db.js';
import { insertPublicItems, SEARCH_FIXTURE } from '../../test/helpers/search.js';
import type { Db } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import { compactTokenIndex, mergeTokenIndexStep } from './search.repository.js';
import { compactInSteps, runIndexerPass } from './search.indexer.js';
import { indexUnindexed, reindexAll, searchPublic } from './search.service.js';

const QUERIES = ['政府', '信息公开', '黄冈', '办法', '第十', '安全生产', '通知', '公开'];

let db: Db;
let sqlite: boolean;
let dept: number;

/** Each query's total and hits (ids, in order) by relevance and by date. */
async function answers(): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of QUERIES)
    for (const sort of ['relevance', 'date'] as const) {
      const r = await searchPublic(
        db.kysely,
        { q, sort, page: 1, pageSize: 50 },
        { postingCache: { maxBytes: 0 } },
      );
      out.push({ q, sort, total: r.total, hits: r.hits.map((h) => h.itemId) });
    }
  return out;
}

/** Adds public items (not indexed yet): the fixture's texts under new titles. */
async function addItems(n: number, day: string): Promise<void> {
  await insertPublicItems(
    db.kysely,
    Array.from({ length: n }, (_, i) => ({
      departmentId: dept,
      title: `合并测试${day}第${i + 1}号`,
      body: SEARCH_FIXTURE[i % SEARCH_FIXTURE.length] ?? '',
      publishedDate: day,
    })),
  );
}

beforeAll(async () => {
  db = await createTestDb();
  sqlite = dialectOf(db.kysely) === 'sqlite';
  dept = await makeDepartment({ db }, '黄冈市合并测试局');
});
afterAll(async () => db.close());

describe('merging the index', () => {
  it('merged at once: one segment, the same answers', async () => {
    await addItems(60, '2024-05-06');
    // Six transactions, not merged.
    await indexUnindexed(db.kysely, { batchSize: 10, compactAfter: Number.POSITIVE_INFINITY });
    const before = await answers();
    expect(before.filter((a) => (a as { total: number }).total > 0).length).toBeGreaterThan(8);
    await compactTokenIndex(db.kysely);
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
    expect(await answers()).toEqual(before);
  });

  it('the CLI paths merge after indexing at least compactAfter items, not after fewer', async () => {
    await addItems(30, '2024-05-07');
    await indexUnindexed(db.kysely, { batchSize: 10, compactAfter: 31 });
    // Not merged: SQLite has segments to merge (a step merges some); PostgreSQL never has.
    expect(await mergeTokenIndexStep(db.kysely, 1)).toBe(sqlite);
    await compactTokenIndex(db.kysely);
    await addItems(30, '2024-05-11');
    await indexUnindexed(db.kysely, { batchSize: 10, compactAfter: 30 });
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
    // reindexAll: every item again, in many transactions, then merged.
    const before = await answers();
    await reindexAll(db.kysely, { batchSize: 10, compactAfter: 1 });
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
    expect(await answers()).toEqual(before);
  });

  it('the server path: the indexer merges in steps after a large pass, answers unchanged', async () => {
    await addItems(40, '2024-05-08');
    const indexed = await runIndexerPass(db.kysely, { batchSize: 5, compactAfter: Number.POSITIVE_INFINITY });
    expect(indexed).toBe(40);
    const before = await answers();
    // Eight transactions since the last merge: SQLite has segments to merge, in steps of one page.
    const steps = await compactInSteps(db.kysely, { pages: 1 });
    if (sqlite) expect(steps).toBeGreaterThan(1);
    else expect(steps).toBe(0);
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
    expect(await answers()).toEqual(before);

    // And runIndexerPass does it itself when it indexed at least compactAfter items.
    await addItems(12, '2024-05-09');
    expect(await runIndexerPass(db.kysely, { batchSize: 3, compactAfter: 12 })).toBe(12);
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
  });

  it('stops between steps when asked to', async () => {
    await addItems(20, '2024-05-10');
    await runIndexerPass(db.kysely, { batchSize: 2, compactAfter: Number.POSITIVE_INFINITY });
    let asked = 0;
    const steps = await compactInSteps(db.kysely, { pages: 1, shouldStop: () => ++asked > 1 });
    expect(steps).toBe(sqlite ? 1 : 0);
    // It stopped with work left (SQLite), which the next call does.
    expect(await mergeTokenIndexStep(db.kysely, 1)).toBe(sqlite);
    await compactInSteps(db.kysely);
    expect(await mergeTokenIndexStep(db.kysely, 16)).toBe(false);
  });
});

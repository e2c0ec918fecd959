// The exact-characters check of the repository (SQLite and, with TEST_DATABASE_URL, PostgreSQL):
// of the candidates that have every bigram of a term, only the documents with the term's exact
// characters are kept, whether a whole candidate list (keysContaining) or a page of hits
// (verifyItems) is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { insertPublicItems } from '../../test/helpers/search.js';
import { contentTokens } from './search.document.js';
import { keysContaining, matchingKeys, verifyItems } from './search.repository.js';
import { reindexAll } from './search.service.js';
import { parseQuery } from './search.text.js';

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

  const keysOf = async (itemIds: readonly number[]) =>
    (
      await t.db.kysely
        .selectFrom('search_docs')
        .select('sort_key')
        .where('item_id', 'in', itemIds)
        .orderBy('sort_key')
        .execute()
    ).map((r) => Number(r.sort_key));

  it('keeps only the candidates that contain the term', async () => {
    const tokens = contentTokens(parseQuery('危险化学品'));
    const candidates = await matchingKeys(t.db.kysely, tokens);
    expect([...candidates]).toEqual(await keysOf(ids.slice(0, 3)));
    const exact = await keysContaining(t.db.kysely, tokens, candidates, ['危险化学品']);
    expect([...exact]).toEqual(await keysOf([ids[0] ?? 0, ids[2] ?? 0]));
    // Two texts: both must be there.
    const both = await keysContaining(t.db.kysely, tokens, candidates, ['危险化学品', '目录']);
    expect([...both]).toEqual(await keysOf([ids[2] ?? 0]));
    expect([...(await keysContaining(t.db.kysely, tokens, new Int32Array(0), ['危险化学品']))]).toEqual([]);
  });

  it('checks a page of hits the same way', async () => {
    const found = await verifyItems(t.db.kysely, ids, { texts: ['危险化学品'] });
    expect([...found].sort((a, b) => a - b)).toEqual([ids[0], ids[2]]);
  });
});

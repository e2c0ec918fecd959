// The index on a real database (SQLite, and PostgreSQL with TEST_DATABASE_URL), filled with bulk
// fixtures: the recall property end to end (every item whose text contains a query's exact
// characters is found, and only those), attachment text, sort keys on crowded days, rebuilding,
// pagination and the approximate path. On the shared corpus too when it is present.
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { testDatabaseUrl } from '../../test/helpers/db.js';
import { SEARCH_FIXTURE as FIXTURE, insertPublicItems } from '../../test/helpers/search.js';
import { currentSchema } from '../db/dialect.js';
import { foldText, textRuns } from './search.text.js';
import {
  reindexAll,
  reindexPublicItem,
  removeFromIndex,
  searchPublic,
  type SearchOptions,
} from './search.service.js';
import { RECALL_TERMS } from './search.terms.js';
import type { SearchQuery } from './search.types.js';

const CORPUS = new URL('../../../shared/corpus/corpus.jsonl', import.meta.url).pathname;

let t: TestApp;
let dept: number;

const all = (q: string, more: Partial<SearchQuery> = {}, options: SearchOptions = {}) =>
  searchPublic(t.db.kysely, { q, sort: 'date', page: 1, pageSize: 10_000, ...more }, options);

beforeAll(async () => {
  t = await buildTestApp();
  dept = await makeDepartment(t, '检索测试局');
});
afterAll(async () => t.close());

/** Chinese substrings of 1–6 characters of each text, every `step`-th one. */
function sampleQueries(texts: readonly string[], step: number): string[] {
  const out = new Set<string>();
  let n = 0;
  for (const text of texts)
    for (const run of textRuns(foldText(text).text)) {
      if (run.kind !== 'gram') continue;
      const chars = Array.from(run.text);
      for (let i = 0; i < chars.length; i++)
        for (let len = 1; len <= 6 && i + len <= chars.length; len++)
          if (n++ % step === 0) out.add(chars.slice(i, i + len).join(''));
    }
  return [...out];
}

describe('recall on the built-in fixture', () => {
  let ids: number[] = [];
  beforeAll(async () => {
    ids = await insertPublicItems(
      t.db.kysely,
      FIXTURE.map((text, i) => ({
        departmentId: dept,
        title: `检索样例${i + 1}`,
        body: text,
        publishedDate: `2024-03-${String(10 + i).padStart(2, '0')}`,
      })),
    );
    await reindexAll(t.db.kysely);
  });

  it('finds exactly the items that contain each 1–6 character query', async () => {
    const queries = sampleQueries(FIXTURE, 3);
    expect(queries.length).toBeGreaterThan(150);
    const folded = FIXTURE.map((f) => foldText(f).text);
    for (const q of [
      ...queries,
      '扶贫',
      '黄冈',
      '低保',
      '危险化学品',
      '政府门户网站',
      '信用代码',
      '扶贫攻坚',
    ]) {
      const truth = ids.filter((_, i) => folded[i]?.includes(foldText(q).text)).sort();
      const r = await all(q);
      expect(r.hits.map((h) => h.itemId).sort(), q).toEqual(truth);
      expect(r.total, q).toBe(truth.length);
    }
  });

  it('finds full-width and line-broken text from a plain query', async () => {
    expect((await all('91421100MA49')).hits).toHaveLength(1);
    expect((await all('扶贫攻坚')).hits.map((h) => h.itemId)).toEqual([ids[4]]);
  });

  it('keeps the exact rule when the index can only find candidates (approximate totals)', async () => {
    // Item 7 has all the bigrams of 危险化学品 (危险品, 保险化解, 化学品) but not the term itself.
    const exact = await all('危险化学品');
    expect(exact.hits.map((h) => h.itemId)).toEqual([ids[0]]);
    expect(exact.approximate).toBe(false);
    const approx = await all('危险化学品', {}, { verifyLimit: 0 });
    expect(approx.approximate).toBe(true);
    expect(approx.total).toBe(2);
    expect(approx.hits.map((h) => h.itemId)).toEqual([ids[0]]);
  });
});

describe('what is indexed', () => {
  it('includes attachments’ text, 文号 and summary', async () => {
    const [id] = await insertPublicItems(t.db.kysely, [
      {
        departmentId: dept,
        title: '附件测试',
        body: '见附件。',
        summary: '内容概述里的防汛抗旱',
        docNumber: '鄂黄防指〔2023〕3号',
        publishedDate: '2023-07-01',
      },
    ]);
    await t.db.kysely
      .insertInto('attachments')
      .values({
        item_id: id ?? 0,
        sha256: 'x',
        sort_order: 0,
        file_name: '名单.pdf',
        media_type: 'application/pdf',
        size: 1,
        extracted_text: '英山县孔家坊乡应急避难场所名单',
        created_at: '2023-07-01T00:00:00Z',
      })
      .execute();
    await t.db.kysely.transaction().execute((trx) => reindexPublicItem(trx, id ?? 0));
    const r = await all('孔家坊');
    expect(r.hits.map((h) => h.itemId)).toEqual([id]);
    expect(r.hits[0]?.snippetHtml).toContain('<mark>孔家坊</mark>');
    expect((await all('防汛抗旱')).hits.map((h) => h.itemId)).toEqual([id]);
    expect((await all('鄂黄防指')).hits.map((h) => h.itemId)).toEqual([id]);
  });

  it('indexes a document too large for one tsvector (its first characters stay findable)', async () => {
    const chars = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(0x4e00 + i)).join('');
    const strided = Array.from({ length: 20_000 }, (_, i) => chars[(i * 7) % 20_000]).join('');
    const [id] = await insertPublicItems(t.db.kysely, [
      {
        departmentId: dept,
        title: '超长附件',
        body: `巨型文档开头${chars}${[...chars].reverse().join('')}${strided}`,
        publishedDate: '2020-05-05',
      },
    ]);
    await t.db.kysely.transaction().execute((trx) => reindexPublicItem(trx, id ?? 0));
    expect((await all('巨型文档开头')).hits.map((h) => h.itemId)).toEqual([id]);
  });

  it('gives more than 64 items of one day distinct keys, newest indexed first', async () => {
    const ids = await insertPublicItems(
      t.db.kysely,
      Array.from({ length: 70 }, (_, i) => ({
        departmentId: dept,
        title: `同日发布${i}`,
        body: '同日批量发布的信息',
        publishedDate: '2022-02-02',
      })),
    );
    await reindexAll(t.db.kysely);
    const keys = await t.db.kysely
      .selectFrom('search_docs')
      .select('sort_key')
      .where('item_id', 'in', ids)
      .execute();
    expect(new Set(keys.map((k) => Number(k.sort_key))).size).toBe(70);
    const r = await all('同日批量发布');
    expect(r.total).toBe(70);
    expect(r.hits.map((h) => h.itemId)).toEqual([...ids].reverse());
  });

  it('gives crowded neighbouring days distinct keys across batches', async () => {
    const day = (date: string, n: number, title: string) =>
      Array.from({ length: n }, (_, i) => ({
        departmentId: dept,
        title: `${title}${i}`,
        body: '相邻两日批量发布',
        publishedDate: date,
      }));
    // The first day overflows into the second day's slots; both overflow again in later batches.
    const ids = await insertPublicItems(t.db.kysely, [
      ...day('2022-03-03', 90, '三日'),
      ...day('2022-03-04', 90, '四日'),
      ...day('2022-03-03', 30, '三日补'),
    ]);
    await reindexAll(t.db.kysely, { batchSize: 25 });
    const rows = await t.db.kysely
      .selectFrom('search_docs')
      .select('sort_key')
      .where('item_id', 'in', ids)
      .execute();
    expect(new Set(rows.map((r) => Number(r.sort_key))).size).toBe(210);
    const r = await all('相邻两日批量发布');
    expect(r.total).toBe(210);
    expect(r.hits).toHaveLength(210);
  });

  it('finds an item once, under its new key, after its publication date changes', async () => {
    const [id] = await insertPublicItems(t.db.kysely, [
      { departmentId: dept, title: '改期发布', body: '日期更正的信息', publishedDate: '2021-06-01' },
    ]);
    const itemId = id ?? 0;
    await t.db.kysely.transaction().execute((trx) => reindexPublicItem(trx, itemId));
    const keyOf = async () =>
      Number(
        (
          await t.db.kysely
            .selectFrom('search_docs')
            .select('sort_key')
            .where('item_id', '=', itemId)
            .executeTakeFirstOrThrow()
        ).sort_key,
      );
    const before = await keyOf();
    await t.db.kysely
      .updateTable('public_items')
      .set({ published_date: '2021-06-09' })
      .where('item_id', '=', itemId)
      .execute();
    await t.db.kysely.transaction().execute((trx) => reindexPublicItem(trx, itemId));
    expect(await keyOf()).toBeGreaterThan(before);
    const r = await all('日期更正');
    expect(r.total).toBe(1);
    expect(r.hits.map((h) => h.itemId)).toEqual([itemId]);
  });

  it('pages through results without gaps or repeats', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const r = await searchPublic(t.db.kysely, { q: '同日批量发布', sort: 'relevance', page, pageSize: 20 });
      expect(r.pageCount).toBe(4);
      seen.push(...r.hits.map((h) => h.itemId));
    }
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
  });

  it('removes an item, and a rebuild drops entries whose item is no longer public', async () => {
    const [a, b] = await insertPublicItems(t.db.kysely, [
      { departmentId: dept, title: '待删除甲', body: '临时信息甲乙丙', publishedDate: '2021-01-01' },
      { departmentId: dept, title: '待删除乙', body: '临时信息甲乙丙', publishedDate: '2021-01-02' },
    ]);
    await reindexAll(t.db.kysely);
    expect((await all('甲乙丙')).total).toBe(2);
    await t.db.kysely.transaction().execute((trx) => removeFromIndex(trx, a ?? 0));
    expect((await all('甲乙丙')).hits.map((h) => h.itemId)).toEqual([b]);
    // Left behind in the index although no longer public (e.g. an interrupted rebuild).
    await t.db.kysely
      .deleteFrom('public_items')
      .where('item_id', '=', b ?? 0)
      .execute();
    const rebuilt = await reindexAll(t.db.kysely);
    expect(rebuilt.removed).toBe(1);
    // The rebuild indexes every public item again (甲 is public) and drops 乙.
    expect((await all('甲乙丙')).hits.map((h) => h.itemId)).toEqual([a]);
  });
});

describe.skipIf(testDatabaseUrl() === undefined)('PostgreSQL: the two halves of the token table', () => {
  it('a first build leaves one GIN index on each half, taken over by the parent index', async () => {
    const schema = (await currentSchema(t.db.kysely)) ?? 'public';
    const indexes = async () =>
      (
        await sql<{ table: string; index: string; parent: string | null }>`
          SELECT c.relname AS table, i.relname AS index, p.relname AS parent
          FROM pg_index x
          JOIN pg_class i ON i.oid = x.indexrelid
          JOIN pg_class c ON c.oid = x.indrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
          LEFT JOIN pg_inherits h ON h.inhrelid = i.oid
          LEFT JOIN pg_class p ON p.oid = h.inhparent
          WHERE n.nspname = ${schema} AND c.relname IN ('search_tokens_0', 'search_tokens_1')
            AND i.relam = (SELECT oid FROM pg_am WHERE amname = 'gin')
          ORDER BY 1`.execute(t.db.kysely)
      ).rows;
    const expected = [
      { table: 'search_tokens_0', index: 'search_tokens_0_tokens_idx', parent: 'search_tokens_gin' },
      { table: 'search_tokens_1', index: 'search_tokens_1_tokens_idx', parent: 'search_tokens_gin' },
    ];
    expect(await indexes()).toEqual(expected);
    // A first build drops them and builds them again (each half on its own connection).
    await t.db.kysely.deleteFrom('search_tokens').execute();
    await t.db.kysely.deleteFrom('search_docs').execute();
    await reindexAll(t.db.kysely);
    expect(await indexes()).toEqual(expected);
    const halves = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM search_tokens_0 UNION ALL SELECT count(*)::int FROM search_tokens_1`.execute(
      t.db.kysely,
    );
    expect(halves.rows.every((r) => r.n > 0)).toBe(true);
    expect((await all('扶贫')).total).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(CORPUS))('recall on the shared corpus', () => {
  const docs = existsSync(CORPUS)
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { title: string; doc_number: string | null; body: string })
    : [];
  let ids: number[] = [];
  let texts: string[] = [];

  beforeAll(async () => {
    const corpusDept = await makeDepartment(t, '语料测试机构');
    ids = await insertPublicItems(
      t.db.kysely,
      docs.map((d, i) => ({
        departmentId: corpusDept,
        title: d.title,
        body: d.body,
        docNumber: d.doc_number ?? '',
        publishedDate: `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      })),
    );
    texts = docs.map((d) => foldText([d.title, d.doc_number ?? '', d.body].join('\n')).text);
    await reindexAll(t.db.kysely);
  }, 300_000);

  it('finds every public item that contains each recall term', async () => {
    for (const q of RECALL_TERMS) {
      const f = foldText(q).text;
      const truth = ids.filter((_, i) => texts[i]?.includes(f));
      const found = new Set((await all(q)).hits.map((h) => h.itemId));
      expect(
        truth.filter((id) => !found.has(id)),
        q,
      ).toEqual([]);
      expect(found.size, q).toBeGreaterThanOrEqual(truth.length);
    }
  }, 300_000);
});

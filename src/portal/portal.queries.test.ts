// List pages make a bounded number of queries however many items they show: department and topic
// names are loaded once per page, never once per row (counted with Kysely's query log, with the
// render cache off so that every request renders).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, makeTopic } from '../../test/helpers/catalogue.js';

describe('bounded queries on list pages', () => {
  let t: TestApp;
  let queries = 0;
  let small: number;
  let large: number;

  async function countQueries(url: string): Promise<number> {
    const before = queries;
    const res = await t.app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return queries - before;
  }

  beforeAll(async () => {
    t = await buildTestApp(
      { RENDER_CACHE_MB: '0' },
      {
        onQuery: (e) => {
          queries++;
          if (process.env.LOGQ) console.log(e.query.sql);
        },
      },
    );
    small = await makeDepartment(t, '小机构');
    large = await makeDepartment(t, '大机构');
    // 100 items of one department, spread over 10 topics and 3 years; one item of another.
    const topics: number[] = [];
    for (let i = 0; i < 10; i++) topics.push(await makeTopic(t, `计数主题${i}`));
    await makePublishedItem(t, {
      departmentId: small,
      title: '小机构的唯一信息',
      body: '正文',
      topicId: topics[0] ?? null,
    });
    for (let i = 0; i < 100; i++) {
      await makePublishedItem(t, {
        departmentId: large,
        title: `大机构信息${i}`,
        body: '正文',
        topicId: topics[i % 10] ?? null,
        publishedAt: `${2022 + (i % 3)}-06-01T0${i % 10}:00:00.000Z`,
      });
    }
  }, 120_000);
  afterAll(async () => t.close());

  it('renders a list of 1 row and of 20 rows (out of 100) with the same number of queries', async () => {
    await countQueries('/xxgk/topics'); // loads the shared topic list once
    const one = await countQueries(`/xxgk/catalogue?department=${small}`);
    const twenty = await countQueries(`/xxgk/catalogue?department=${large}`);
    expect(twenty).toBe(one);
    expect(one).toBeLessThanOrEqual(10);
    // Another page of the same list reuses its facet counts: only its rows with their names.
    const lastPage = await countQueries(`/xxgk/catalogue?department=${large}&page=5`);
    expect(lastPage).toBe(1);
  });

  it('reads an item page in one query (one round trip to the database)', async () => {
    const item = await t.db.kysely
      .selectFrom('public_items')
      .select('item_id')
      .where('department_id', '=', large)
      .executeTakeFirstOrThrow();
    expect(await countQueries(`/xxgk/items/${item.item_id}`)).toBe(1);
  });

  it('answers the API with 5 or 100 items in the same number of queries', async () => {
    const five = await countQueries(`/api/v1/items?department=${large}&limit=5`);
    const hundred = await countQueries(`/api/v1/items?department=${large}&limit=100`);
    expect(hundred).toBe(five);
    expect(five).toBeLessThanOrEqual(4);
  });

  it('builds feeds and the home page in a fixed number of queries', async () => {
    const smallFeed = await countQueries(`/feeds/departments/${small}.atom`);
    const largeFeed = await countQueries(`/feeds/departments/${large}.atom`);
    expect(largeFeed).toBe(smallFeed);
    expect(await countQueries('/')).toBeLessThanOrEqual(12);
  });

  it('exports 100 items in a handful of batch queries', async () => {
    const csv = await countQueries(`/open-data/items.csv?department=${large}`);
    expect(csv).toBeLessThanOrEqual(4);
  });
});

// Search over published items, through the real workflow (makePublishedItem) and the real index,
// on SQLite and (with TEST_DATABASE_URL) PostgreSQL: ranking, 文号/索引号, filters and counts,
// withdrawal, highlighting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment, buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, makeTopic, staffOf } from '../../test/helpers/catalogue.js';
import { withdrawItem } from '../catalogue/items.publish.js';
import { searchPublic } from './search.service.js';
import type { SearchQuery } from './search.types.js';

let t: TestApp;
let deptA: number;
let deptB: number;
let topicParent: number;
let topicChild: number;

const search = (q: string, more: Partial<SearchQuery> = {}) =>
  searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 20, ...more });

beforeAll(async () => {
  t = await buildTestApp();
  deptA = await makeDepartment(t, '黄冈市应急管理局');
  deptB = await makeDepartment(t, '黄冈市民政局');
  topicParent = await makeTopic(t, '安全生产');
  topicChild = await makeTopic(t, '危化品监管', { parentId: topicParent });
});
afterAll(async () => t.close());

describe('ranking', () => {
  it('puts a title hit above a body hit, even a newer body hit', async () => {
    const titled = await makePublishedItem(t, {
      departmentId: deptA,
      title: '关于开展危险化学品安全专项整治的通知',
      body: '各县市区：现将有关事项通知如下。',
      publishedAt: '2023-01-05T02:00:00.000Z',
    });
    const body = await makePublishedItem(t, {
      departmentId: deptA,
      title: '2024年安全生产工作要点',
      body: '加强危险化学品、烟花爆竹等重点行业监管。',
      publishedAt: '2024-06-01T02:00:00.000Z',
    });
    const r = await search('危险化学品');
    const ids = r.hits.map((h) => h.itemId);
    expect(ids.indexOf(titled.itemId)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(titled.itemId)).toBeLessThan(ids.indexOf(body.itemId));
    expect(r.hits.find((h) => h.itemId === titled.itemId)?.titleMatch).toBe(true);
    expect(r.hits.find((h) => h.itemId === body.itemId)?.snippetHtml).toContain('<mark>危险化学品</mark>');
  });

  it('sorts by date when asked', async () => {
    const r = await search('危险化学品', { sort: 'date' });
    const dates = r.hits.map((h) => h.publishedDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('文号 and 索引号', () => {
  let target: { itemId: number; indexNumber: string };
  beforeAll(async () => {
    target = await makePublishedItem(t, {
      departmentId: deptB,
      title: '黄冈市人民政府办公室关于进一步加强城乡低保管理的通知',
      body: '各县、市、区人民政府：为规范最低生活保障工作……',
      docNumber: '黄政办发〔2017〕27号',
      publishedAt: '2017-05-10T02:00:00.000Z',
    });
    // A newer item whose title contains the same characters would otherwise come first.
    await makePublishedItem(t, {
      departmentId: deptB,
      title: '关于转发黄政办发〔2017〕27号文件的通知',
      body: '请认真贯彻执行黄政办发〔2017〕27号。',
      publishedAt: '2024-01-10T02:00:00.000Z',
    });
  });

  it.each(['黄政办发[2017]27号', '黄政办发（2017）27号', '黄政办发(2017)27号', '黄政办发〔2017〕27号'])(
    'returns the item first for %s',
    async (q) => {
      const r = await search(q);
      expect(r.hits[0]?.itemId).toBe(target.itemId);
      expect(r.hits[0]?.numberMatch).toBe(true);
      expect(r.hits.filter((h) => h.itemId === target.itemId)).toHaveLength(1);
    },
  );

  it('finds an item by its 索引号', async () => {
    const r = await search(target.indexNumber);
    expect(r.hits[0]?.itemId).toBe(target.itemId);
  });
});

describe('filters and counts', () => {
  it('filters by department, topic (with sub-topics), category and year, with counts', async () => {
    await makePublishedItem(t, {
      departmentId: deptA,
      title: '扶贫资金公示',
      body: '扶贫专项资金使用情况。',
      category: 'finance',
      topicId: topicChild,
      publishedAt: '2022-03-01T02:00:00.000Z',
    });
    await makePublishedItem(t, {
      departmentId: deptB,
      title: '民政扶贫工作动态',
      body: '开展扶贫助困活动。',
      category: 'news',
      publishedAt: '2023-03-01T02:00:00.000Z',
    });
    const all = await search('扶贫');
    expect(all.total).toBe(2);
    expect(all.facets.departments.map((d) => [d.label, d.count])).toEqual(
      expect.arrayContaining([
        ['黄冈市应急管理局', 1],
        ['黄冈市民政局', 1],
      ]),
    );
    expect(all.facets.topics).toEqual([{ value: topicParent, label: '安全生产', count: 1 }]);
    expect(all.facets.years.map((y) => y.value)).toEqual([2023, 2022]);

    const a = await search('扶贫', { department: deptA });
    expect(a.total).toBe(1);
    expect(a.hits[0]?.departmentName).toBe('黄冈市应急管理局');
    // The department facet still offers the other department.
    expect(a.facets.departments).toHaveLength(2);
    expect((await search('扶贫', { topic: topicParent })).total).toBe(1);
    expect((await search('扶贫', { category: 'news' })).total).toBe(1);
    expect((await search('扶贫', { year: 2022 })).total).toBe(1);
    expect((await search('扶贫', { year: 2021 })).total).toBe(0);
  });
});

describe('withdrawal', () => {
  it('removes a withdrawn item from search', async () => {
    const item = await makePublishedItem(t, {
      departmentId: deptA,
      title: '临时通告：黄冈大桥封闭',
      body: '封闭施工。',
    });
    expect((await search('黄冈大桥')).hits.map((h) => h.itemId)).toContain(item.itemId);
    const publisher = await staffOf(t, deptA, 'publisher');
    const result = await withdrawItem(t.db.kysely, publisher, item.itemId, '信息已过时');
    expect(result.ok).toBe(true);
    const after = await search('黄冈大桥');
    expect(after.hits.map((h) => h.itemId)).not.toContain(item.itemId);
    expect(after.total).toBe(0);
  });
});

describe('highlighting', () => {
  it('escapes HTML in titles and marks only the terms', async () => {
    await makePublishedItem(t, {
      departmentId: deptA,
      title: '<script>alert(1)</script>关于低保标准的说明',
      body: '提高城乡低保标准。',
    });
    const r = await search('低保');
    const hit = r.hits.find((h) => h.title.startsWith('<script>'));
    expect(hit?.titleHtml).toBe('&lt;script&gt;alert(1)&lt;/script&gt;关于<mark>低保</mark>标准的说明');
  });
});

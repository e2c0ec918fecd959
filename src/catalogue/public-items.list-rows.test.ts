// The list tables' rows (listPublicRows): each shape of filter is compiled once and then run with
// other values, so the same shape asked for another department, topic set, year or page must give
// that one's rows, never the first caller's. Runs on SQLite, and on PostgreSQL with TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { ShapeCache, type Slots } from '../db/compiled-shapes.js';
import { makeDepartment } from '../../test/helpers/app.js';
import { makeTopic } from '../../test/helpers/catalogue.js';
import { createTestDb } from '../../test/helpers/db.js';
import { insertPublicItems, type FixtureDoc } from '../../test/helpers/search.js';
import { listPublicEntries, listPublicRows } from './public-items.repository.js';
import type { PublicItemFilter } from './public-items.types.js';

describe('list table rows', () => {
  let db: Db;
  const departments: number[] = [];
  const topics: number[] = [];

  beforeAll(async () => {
    db = await createTestDb();
    for (const name of ['甲局', '乙局']) departments.push(await makeDepartment({ db }, `黄冈市${name}`));
    for (const name of ['教育', '卫生', '交通']) topics.push(await makeTopic({ db }, name));
    // 60 items: department by i % 2, topic by i % 3, year 2020 + i % 4, category by i % 5.
    const docs: FixtureDoc[] = Array.from({ length: 60 }, (_, i) => ({
      departmentId: departments[i % 2] ?? 0,
      title: `列表信息${i}`,
      body: `正文${i}`,
      docNumber: `黄测〔2024〕${i}号`,
      topicId: topics[i % 3] ?? null,
      category: ['notice', 'policy', 'plan', 'statistics', 'personnel'][i % 5] ?? 'notice',
      publishedDate: `${2020 + (i % 4)}-0${1 + (i % 9)}-${String(10 + (i % 17)).padStart(2, '0')}`,
    }));
    await insertPublicItems(db.kysely, docs, 25);
  });
  afterAll(async () => db.close());

  const filters: PublicItemFilter[] = [
    {},
    { departmentId: 0 },
    { departmentId: 1 },
    { topicIds: [0] },
    { topicIds: [1] },
    { topicIds: [0, 2] },
    { topicIds: [1, 2] },
    { departmentId: 1, topicIds: [0, 1] },
    { departmentId: 0, topicIds: [1, 2] },
    { topicIds: [] },
    { departmentId: 1, year: 2021 },
    { departmentId: 0, year: 2023, category: 'plan' },
    { category: 'policy' },
    { category: 'statistics' },
    { year: 2022 },
  ];

  function resolve(f: PublicItemFilter): PublicItemFilter {
    return {
      ...f,
      ...(f.departmentId === undefined ? {} : { departmentId: departments[f.departmentId] }),
      ...(f.topicIds === undefined ? {} : { topicIds: f.topicIds.map((i) => topics[i] ?? 0) }),
    };
  }

  it('gives each filter and page its own rows, as the full list query does', async () => {
    for (const raw of filters) {
      const filter = resolve(raw);
      for (const page of [
        { limit: 7, offset: 0 },
        { limit: 7, offset: 7 },
        { limit: 20, offset: 3 },
      ]) {
        const rows = await listPublicRows(db.kysely, filter, page);
        const full = await listPublicEntries(db.kysely, filter, page);
        expect(rows, JSON.stringify({ raw, page })).toEqual(
          full.map((e) => ({
            itemId: e.itemId,
            indexNumber: e.indexNumber,
            title: e.title,
            docNumber: e.docNumber,
            issuer: e.issuer,
            publishedDate: e.publishedDate,
            departmentName: e.departmentName,
          })),
        );
      }
    }
  });

  it('gives the same rows inside a transaction (a handle with its own compiled shapes)', async () => {
    const filter = resolve({ departmentId: 1, topicIds: [0, 1] });
    const page = { limit: 10, offset: 0 };
    const outside = await listPublicRows(db.kysely, filter, page);
    expect(outside.length).toBeGreaterThan(0);
    const inside = await db.kysely.transaction().execute((trx) => listPublicRows(trx, filter, page));
    expect(inside).toEqual(outside);
  });

  it('refuses a filter field it does not know instead of dropping it', async () => {
    const filter = { departmentId: departments[0], keyword: '教育' } as PublicItemFilter;
    await expect(listPublicRows(db.kysely, filter, { limit: 5, offset: 0 })).rejects.toThrow(/keyword/);
  });

  it('lists a department newest first with its name', async () => {
    const rows = await listPublicRows(db.kysely, { departmentId: departments[1] }, { limit: 100, offset: 0 });
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.departmentName))).toEqual(new Set(['黄冈市乙局']));
    const dates = rows.map((r) => r.publishedDate);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('compiled shapes', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb({ migrate: false });
  });
  afterAll(async () => db.close());

  it('runs a shape compiled once with each call’s values', async () => {
    const cache = new ShapeCache<{ a: number; b: string }>();
    const run = async (a: number, b: string) => {
      const statement = cache.statement(db.kysely, 'ab', [a, b], (s) =>
        db.kysely.selectNoFrom((eb) => [
          eb.val(s.num(0)).as('a'),
          eb.val(s.str(1)).as('b'),
          eb.lit(7).as('c'),
        ]),
      );
      const { rows } = await db.kysely.executeQuery(statement);
      return rows[0];
    };
    expect(await run(3, '甲')).toMatchObject({ b: '甲' });
    expect(Number((await run(3, '甲'))?.a)).toBe(3);
    expect(await run(41, '乙')).toMatchObject({ b: '乙' });
    expect(Number((await run(41, '乙'))?.a)).toBe(41);
  });

  it('refuses a builder that leaves a value out or uses it twice', () => {
    const cache = new ShapeCache<unknown>();
    expect(() =>
      cache.statement(db.kysely, 'missing', [1, 2], (s) =>
        db.kysely.selectNoFrom((eb) => [eb.val(s.num(0)).as('a')]),
      ),
    ).toThrow(/no place/);
    expect(() =>
      cache.statement(db.kysely, 'twice', [1], (s) =>
        db.kysely.selectNoFrom((eb) => [eb.val(s.num(0)).as('a'), eb.val(s.num(0)).as('b')]),
      ),
    ).toThrow(/twice/);
    const once = new ShapeCache<{ a: number }>();
    const build = (s: Slots) => db.kysely.selectNoFrom((eb) => [eb.val(s.num(0)).as('a')]);
    expect(once.statement(db.kysely, 'a', [1], build).parameters).toEqual([1]);
    expect(() => once.statement(db.kysely, 'a', ['1'], build)).toThrow(/other types/);
    expect(() =>
      cache.statement(db.kysely, 'kind', ['x'], (s) =>
        db.kysely.selectNoFrom((eb) => [eb.val(s.num(0)).as('a')]),
      ),
    ).toThrow(/not a number/);
  });
});

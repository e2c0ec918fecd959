// Named prepared statements (PostgreSQL): a list page's compiled shape is parsed once per
// connection and then run with each call's values, giving the same rows as a freshly built query.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment } from '../../test/helpers/app.js';
import { createTestDb } from '../../test/helpers/db.js';
import { insertPublicItems } from '../../test/helpers/search.js';
import { listPublicEntries, listPublicRows } from '../catalogue/public-items.repository.js';
import type { Db } from './database.js';
import { dialectOf } from './dialect.js';
import { prepareOnPostgres, preparedName } from './prepared-statements.js';

describe('named prepared statements', () => {
  let db: Db;
  const departments: number[] = [];
  beforeAll(async () => {
    db = await createTestDb({ poolSize: 1 }); // one connection: its prepared statements are the pool's
    for (const name of ['黄冈市预备语句甲局', '黄冈市预备语句乙局'])
      departments.push(await makeDepartment({ db }, name));
    await insertPublicItems(
      db.kysely,
      departments.flatMap((departmentId, d) =>
        Array.from({ length: 7 }, (_, i) => ({
          departmentId,
          title: `第${d + 1}局第${i + 1}号通知`,
          body: '正文',
          publishedDate: `2025-03-${String(10 + i).padStart(2, '0')}`,
        })),
      ),
    );
  });
  afterAll(async () => db.close());

  it('gives each call its own rows, the same as the query built anew, from one statement per shape', async () => {
    for (let round = 0; round < 4; round++) {
      for (const [d, departmentId] of departments.entries()) {
        const page = { limit: 3, offset: round % 3 };
        const rows = await listPublicRows(db.kysely, { departmentId }, page);
        const fresh = await listPublicEntries(db.kysely, { departmentId }, page);
        expect(rows.map((r) => r.itemId)).toEqual(fresh.map((r) => r.itemId));
        expect(rows.map((r) => r.title)).toEqual(
          [7, 6, 5].map((n) => `第${d + 1}局第${n - (round % 3)}号通知`),
        );
      }
    }
    if (dialectOf(db.kysely) !== 'postgres') return;
    const { rows } = await sql<{ name: string; statement: string; runs: number }>`
      SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements`.execute(
      db.kysely,
    );
    const listed = rows.filter((r) => r.statement.includes('"department_name"'));
    // One statement for the shape (department, limit, offset), registered under its text, run 8 times.
    expect(listed).toHaveLength(1);
    expect(listed[0]?.name).toBe(preparedName(listed[0]?.statement ?? ''));
    expect(Number(listed[0]?.runs)).toBe(8);
  });

  it('runs a statement whose result changed under it (a migration) unnamed, and gives the new result', async () => {
    if (dialectOf(db.kysely) !== 'postgres') return;
    await sql`CREATE FUNCTION prepared_probe() RETURNS integer LANGUAGE sql AS 'SELECT 1'`.execute(db.kysely);
    const probe = sql<{ v: unknown }>`SELECT prepared_probe() AS v`.compile(db.kysely);
    prepareOnPostgres(probe.sql);
    expect((await db.kysely.executeQuery(probe)).rows).toEqual([{ v: 1 }]);
    await sql`DROP FUNCTION prepared_probe()`.execute(db.kysely);
    await sql`CREATE FUNCTION prepared_probe() RETURNS text LANGUAGE sql AS $$SELECT '二'$$`.execute(
      db.kysely,
    );
    expect((await db.kysely.executeQuery(probe)).rows).toEqual([{ v: '二' }]);
    expect((await db.kysely.executeQuery(probe)).rows).toEqual([{ v: '二' }]);
  });
});

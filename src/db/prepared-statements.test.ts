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

  const listStatements = async () => {
    const { rows } = await sql<{ name: string; statement: string; runs: number }>`
      SELECT name, statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements`.execute(
      db.kysely,
    );
    return rows.filter((r) => r.statement.includes('"department_name"'));
  };

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
    // Two filters: planned for their values each time, never prepared.
    const both = await listPublicRows(
      db.kysely,
      { departmentId: departments[1] ?? 0, category: 'notice' },
      { limit: 2, offset: 0 },
    );
    expect(both.map((r) => r.title)).toEqual(['第2局第7号通知', '第2局第6号通知']);
    if (dialectOf(db.kysely) !== 'postgres') return;
    const listed = await listStatements();
    // One statement for the shape (department, limit, offset), registered under its text, run 8 times.
    expect(listed).toHaveLength(1);
    expect(listed[0]?.name).toBe(preparedName(listed[0]?.statement ?? ''));
    expect(listed[0]?.statement).not.toContain('"category"');
    expect(Number(listed[0]?.runs)).toBe(8);
  });

  it('prepares again a statement whose result changed under it (a migration), in and out of a transaction', async () => {
    if (dialectOf(db.kysely) !== 'postgres') return;
    const k = db.kysely;
    await sql`CREATE FUNCTION prepared_probe() RETURNS integer LANGUAGE sql AS 'SELECT 1'`.execute(k);
    const probe = sql<{ v: unknown }>`SELECT prepared_probe() AS v`.compile(k);
    prepareOnPostgres(probe.sql);
    const retype = async (type: string, value: string) => {
      await sql`DROP FUNCTION prepared_probe()`.execute(k);
      await sql
        .raw(`CREATE FUNCTION prepared_probe() RETURNS ${type} LANGUAGE sql AS $$SELECT ${value}$$`)
        .execute(k);
    };
    expect((await k.executeQuery(probe)).rows).toEqual([{ v: 1 }]);

    // Outside a transaction: answered at once, from a statement prepared anew.
    await retype('text', `'二'`);
    expect((await k.executeQuery(probe)).rows).toEqual([{ v: '二' }]);
    expect((await k.executeQuery(probe)).rows).toEqual([{ v: '二' }]);

    // Inside one: the transaction has failed, and its caller sees why (not "transaction aborted").
    await retype('boolean', 'true');
    const inside = k.transaction().execute(async (trx) => trx.executeQuery(probe));
    await expect(inside).rejects.toMatchObject({ code: '0A000' });
    expect((await k.executeQuery(probe)).rows).toEqual([{ v: true }]);
    const names = (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(k)).rows;
    expect(names.map((r) => r.name).filter((n) => n.startsWith(preparedName(probe.sql) ?? '?'))).toHaveLength(
      3,
    );
  });
});

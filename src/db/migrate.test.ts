// The migration check: from an empty database to the newest schema, then the newest migration
// down and up again, on whichever database the suite runs against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { createTestDb } from '../../test/helpers/db.js';
import type { Db } from './database.js';
import { currentSchema } from './dialect.js';
import { migrateDown, migrateTo, migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe('migrations', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb({ migrate: false });
  });
  afterAll(async () => db.close());

  // Only this file's schema: on PostgreSQL other test files' schemas exist at the same time.
  const tableNames = async () => {
    const schema = await currentSchema(db.kysely);
    const tables = await db.kysely.introspection.getTables();
    return tables
      .filter((t) => schema === undefined || t.schema === schema)
      .map((t) => t.name)
      .sort();
  };

  it('run from empty, and the newest goes down and up again', async () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    expect(await migrateToLatest(db.kysely)).toEqual(names);
    expect(await migrateToLatest(db.kysely)).toEqual([]);
    const tablesBefore = await tableNames();
    expect(tablesBefore).toContain('audit_log');
    const newest = names[names.length - 1];
    expect(await migrateDown(db.kysely)).toEqual([newest]);
    expect(await migrateToLatest(db.kysely)).toEqual([newest]);
    const tablesAfter = await tableNames();
    expect(tablesAfter).toEqual(tablesBefore);
  });
});

describe('2026-12-06T1400_item_working_copy (items.body may be NULL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const bodies = async () =>
    t.db.kysely.selectFrom('items').select(['id', 'body', 'status']).orderBy('id').execute();
  const setBodyNull = (id: number) =>
    t.db.kysely.updateTable('items').set({ body: null }).where('id', '=', id).execute();

  it('keeps every item through down and up; down fills a NULL body from the current version', async () => {
    const dept = await makeDepartment(t, '黄冈市迁移测试局');
    const a = await makePublishedItem(t, { departmentId: dept, title: '第一份通知', body: '第一份正文' });
    const b = await makePublishedItem(t, { departmentId: dept, title: '第二份通知', body: '第二份正文' });
    await setBodyNull(b.itemId); // as the import leaves it
    const before = await bodies();

    await migrateTo(t.db.kysely, '2026-11-30T1300_draw_pool_reads');
    expect(await bodies()).toEqual(before.map((r) => (r.id === b.itemId ? { ...r, body: '第二份正文' } : r)));
    await expect(setBodyNull(a.itemId)).rejects.toThrow();

    await migrateToLatest(t.db.kysely);
    expect(await bodies()).toEqual(before.map((r) => (r.id === b.itemId ? { ...r, body: '第二份正文' } : r)));
    await setBodyNull(a.itemId);
    // The rebuilt table is still what the other tables' foreign keys refer to.
    await expect(
      t.db.kysely
        .insertInto('item_links')
        .values({ from_item_id: a.itemId, to_item_id: 999_999, kind: 'interprets', created_at: '2026-12-06' })
        .execute(),
    ).rejects.toThrow();
    // A new item after the rebuild takes a fresh id (AUTOINCREMENT kept its high-water mark).
    const c = await makePublishedItem(t, { departmentId: dept, title: '第三份通知', body: '第三份正文' });
    expect(c.itemId).toBeGreaterThan(b.itemId);
  });
});

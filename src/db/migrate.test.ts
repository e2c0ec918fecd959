// The migration check: from an empty database to the newest schema, then the newest migration
// down and up again, on whichever database the suite runs against.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/helpers/db.js';
import type { Db } from './database.js';
import { currentSchema } from './dialect.js';
import { migrateDown, migrateToLatest } from './migrate.js';
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

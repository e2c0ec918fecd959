// A fresh, migrated database for a test file: SQLite in memory, or — when TEST_DATABASE_URL
// (or DATABASE_URL) points at PostgreSQL — a new schema of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function createTestDb(
  options: {
    migrate?: boolean;
    onQuery?: (event: LogEvent) => void;
    /** PostgreSQL: connections in the pool (default 4). */
    poolSize?: number;
  } = {},
): Promise<Db> {
  const onQuery = options.onQuery ? { onQuery: options.onQuery } : {};
  const url = testDatabaseUrl();
  let db: Db;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const inner = createDb({
      databaseUrl: url,
      pgSchema: schema,
      poolSize: options.poolSize ?? 4,
      ...onQuery,
    });
    db = {
      ...inner,
      close: async () => {
        await inner.close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      },
    };
  } else {
    db = createDb({ sqliteFile: ':memory:', ...onQuery });
  }
  if (options.migrate !== false) await migrateToLatest(db.kysely);
  return db;
}

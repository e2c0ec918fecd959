// lockResource on SQLite: the write lock is taken at once, so another process cannot commit
// between a transaction's reads and its writes (which SQLite would refuse: SQLITE_BUSY_SNAPSHOT).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/helpers/db.js';
import { createDb } from './database.js';
import { lockResource } from './dialect.js';
import { migrateToLatest } from './migrate.js';

describe.skipIf(testDatabaseUrl() !== undefined)('lockResource on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the write lock from the call on: another connection cannot write until the commit', async () => {
    const file = join(dir, 'gongkai.sqlite');
    const db = createDb({ sqliteFile: file });
    await migrateToLatest(db.kysely);
    const other = new SQLite(file);
    other.pragma('busy_timeout = 0');
    const write = (key: string) =>
      other
        .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)')
        .run(key, '1', '2026-12-06');
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await lockResource(trx, 'test');
        const before = await sql<{ n: number }>`SELECT count(*) AS n FROM settings`.execute(trx);
        expect(() => write('other-during')).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
        // The write after the read succeeds: nobody could commit in between.
        await sql`INSERT INTO settings (key, value, updated_at) VALUES ('mine', ${String(before.rows[0]?.n)}, '2026-12-06')`.execute(
          trx,
        );
      });
      write('other-after');
      const keys = other
        .prepare("SELECT key FROM settings WHERE key IN ('mine', 'other-during', 'other-after')")
        .all();
      expect(keys.map((r) => (r as { key: string }).key).sort()).toEqual(['mine', 'other-after']);
    } finally {
      other.close();
      await db.close();
    }
  });
});

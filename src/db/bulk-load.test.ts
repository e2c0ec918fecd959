// The bulk load's checkpointer: while a writer commits with automatic checkpoints off, another
// thread copies the WAL into the database file; when the load ends the WAL is empty.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { startBulkLoad } from './bulk-load.js';
import { createDb } from './database.js';

const dir = mkdtempSync(join(tmpdir(), 'gk-bulk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startBulkLoad (SQLite)', () => {
  it('checkpoints on another thread while the writer commits, and leaves an empty WAL', async () => {
    const db = createDb({ dataDir: dir });
    const sqlite = db.sqlite!;
    try {
      sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const file = join(dir, 'gongkai.sqlite');
      const before = statSync(file).size;
      const bulk = startBulkLoad(db);
      const insert = sqlite.prepare('INSERT INTO bulk (body) VALUES (?)');
      const body = '政务公开'.repeat(2_000); // 24 KB of UTF-8
      let grewDuringLoad = false;
      for (let batch = 0; batch < 20 && !grewDuringLoad; batch++) {
        sqlite.transaction(() => {
          for (let i = 0; i < 50; i++) insert.run(body);
        })();
        // The writer never checkpoints (wal_autocheckpoint = 0): only the other thread can have
        // grown the database file. Give it a moment, as a busy import would.
        await sleep(50);
        grewDuringLoad = statSync(file).size > before;
      }
      expect(grewDuringLoad).toBe(true);
      await bulk.end();
      expect(statSync(`${file}-wal`).size).toBe(0);
      expect((sqlite.prepare('SELECT count(*) AS n FROM bulk').get() as { n: number }).n).toBeGreaterThan(0);
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await db.close();
    }
  });

  it('keeps the WAL short: settle() between transactions lets the next one start it over', async () => {
    const sub = join(dir, 'settle');
    const db = createDb({ dataDir: sub });
    const sqlite = db.sqlite!;
    try {
      sqlite.exec('CREATE TABLE bulk (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      // Each transaction writes about 1.2 MB (some 300 pages); settle() acts from 200 frames on.
      const bulk = startBulkLoad(db, { restartFrames: 200 });
      const insert = sqlite.prepare('INSERT INTO bulk (body) VALUES (?)');
      const body = '双随机一公开'.repeat(1_350);
      for (let batch = 0; batch < 12; batch++) {
        sqlite.transaction(() => {
          for (let i = 0; i < 50; i++) insert.run(body);
        })();
        await bulk.settle();
      }
      // Without restarts the WAL would hold all 12 transactions (over 14 MB).
      expect(statSync(join(sub, 'gongkai.sqlite-wal')).size).toBeLessThan(4 * 1024 * 1024);
      await bulk.end();
      expect((sqlite.prepare('SELECT count(*) AS n FROM bulk').get() as { n: number }).n).toBe(600);
    } finally {
      await db.close();
    }
  });

  it('does nothing on an in-memory database', async () => {
    const db = createDb({ sqliteFile: ':memory:' });
    try {
      await startBulkLoad(db).end();
      expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    } finally {
      await db.close();
    }
  });
});

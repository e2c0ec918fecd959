// `gongkai audit verify` on a SQLite data directory: exit 0 on a clean chain, 1 on a broken one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { createDepartment } from '../orgs/orgs.service.js';
import { createUser } from '../users/users.service.js';
import { SYSTEM_ACTOR } from './audit.types.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function verify(dataDir: string) {
  return spawnSync(process.execPath, ['bin/gongkai.js', 'audit', 'verify'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function withDb<T>(dir: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ dataDir: dir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('gongkai audit verify', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
    await withDb(dir, async (db) => {
      await migrateToLatest(db.kysely);
      for (let i = 0; i < 3; i++) {
        const r = await createDepartment(db.kysely, SYSTEM_ACTOR, {
          fullName: `命令行测试局${i}`,
          shortName: '',
          kind: 'city_department',
          creditCode: demoCreditCode(8100 + i),
          parentId: undefined,
          address: '',
          officeHours: '',
          phone: '',
          email: '',
          guideText: '',
          functionsText: '',
          sortOrder: undefined,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.fields));
        const u = await createUser(
          db.kysely,
          SYSTEM_ACTOR,
          {
            username: `cli.user${i}`,
            displayName: `命令行用户${i}`,
            departmentId: r.value,
            roles: ['publisher'],
            password: 'Cli-Passw0rd-2026',
          },
          async () => true,
        );
        if (!u.ok) throw new Error(JSON.stringify(u.fields));
      }
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and says so on a clean chain', () => {
    const res = verify(dir);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('审计日志完整：共 6 条');
  });

  it('exits 1 and names the first broken entry when a row was altered', async () => {
    const original = await withDb(dir, async (db) => {
      const row = await db.kysely
        .selectFrom('audit_log')
        .select('summary')
        .where('id', '=', 4)
        .executeTakeFirstOrThrow();
      await db.kysely
        .updateTable('audit_log')
        .set({ summary: '{"username":"someone.else"}' })
        .where('id', '=', 4)
        .execute();
      return row.summary;
    });
    const res = verify(dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('首个断点：第 4 条');
    expect(res.stdout).toContain('内容与其哈希不符');

    await withDb(dir, (db) =>
      db.kysely.updateTable('audit_log').set({ summary: original }).where('id', '=', 4).execute(),
    );
    expect(verify(dir).status).toBe(0);
  });

  it('exits 1 at the next entry when a middle row was deleted', async () => {
    await withDb(dir, (db) => db.kysely.deleteFrom('audit_log').where('id', '=', 3).execute());
    const res = verify(dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toContain('首个断点：第 4 条');
    expect(res.stdout).toContain('前序哈希与上一条不符');
  });
});

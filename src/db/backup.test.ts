// SQLite online backup and restore, through the functions and through the `gongkai` CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../test/helpers/db.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import {
  createDepartment,
  getDepartment,
  listAllDepartments,
  updateDepartment,
} from '../orgs/orgs.service.js';
import { backupSqlite, checkBackupFile, restoreSqlite } from './backup.js';
import { createDb, type Db } from './database.js';
import { migrateToLatest } from './migrate.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP_REASON =
  'skipped because TEST_DATABASE_URL is set: backup/restore is for the embedded SQLite database (PostgreSQL uses pg_dump, see README)';
const onPostgres = Boolean(testDatabaseUrl());

let serial = 7000;

async function addDepartment(db: Db, fullName: string): Promise<number> {
  const r = await createDepartment(db.kysely, SYSTEM_ACTOR, {
    fullName,
    shortName: '',
    kind: 'city_department',
    creditCode: demoCreditCode(++serial),
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
  return r.value;
}

async function rename(db: Db, id: number, fullName: string): Promise<void> {
  const d = await getDepartment(db.kysely, id);
  const r = await updateDepartment(db.kysely, SYSTEM_ACTOR, id, {
    ...d,
    fullName,
    creditCode: d.creditCode ?? '',
    parentId: undefined,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.fields));
}

/** A fresh data directory with a migrated SQLite database holding one department. */
async function dataDirWithOneDepartment(): Promise<{ dir: string; departmentId: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
  const db = createDb({ dataDir: dir });
  try {
    await migrateToLatest(db.kysely);
    return { dir, departmentId: await addDepartment(db, '备份时的机构') };
  } finally {
    await db.close();
  }
}

async function departmentNames(dir: string): Promise<string[]> {
  const db = createDb({ dataDir: dir });
  try {
    return (await listAllDepartments(db.kysely)).map((d) => d.fullName).sort();
  } finally {
    await db.close();
  }
}

function gongkai(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['bin/gongkai.js', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      TEST_DATABASE_URL: '',
      LOG_LEVEL: 'silent',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.skipIf(onPostgres)(`SQLite backup and restore${onPostgres ? ` (${SKIP_REASON})` : ''}`, () => {
  const dirs: string[] = [];
  let dir: string;
  let departmentId: number;

  beforeAll(async () => {
    ({ dir, departmentId } = await dataDirWithOneDepartment());
    dirs.push(dir);
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('restores the data as it was at backup time (online backup while the database is open)', async () => {
    const file = join(dir, 'before.sqlite');
    const db = createDb({ dataDir: dir });
    try {
      if (!db.sqlite) throw new Error('expected SQLite');
      await backupSqlite(db.sqlite, file);
      await rename(db, departmentId, '备份后改过名的机构');
      await addDepartment(db, '备份后新增的机构');
    } finally {
      await db.close();
    }
    expect(await departmentNames(dir)).toEqual(['备份后新增的机构', '备份后改过名的机构'].sort());
    expect(checkBackupFile(file)).toBeUndefined();

    await restoreSqlite(file, join(dir, 'gongkai.sqlite'));
    expect(await departmentNames(dir)).toEqual(['备份时的机构']);
    const again = createDb({ dataDir: dir });
    try {
      // The audit trail comes back with the data, its chain intact.
      expect(await verifyAuditChain(again.kysely)).toEqual({ ok: true, entries: 1 });
    } finally {
      await again.close();
    }
  });

  it('rejects files that are not gongkai SQLite backups, with Chinese messages', () => {
    expect(checkBackupFile(join(dir, 'missing.sqlite'))).toContain('文件不存在');
    const text = join(dir, 'notes.txt');
    writeFileSync(text, '这不是数据库，只是一段文字。\n'.repeat(20));
    expect(checkBackupFile(text)).toBe('该文件不是 SQLite 数据库文件，不能用于恢复');
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');
    expect(checkBackupFile(empty)).toBe('该文件不是 SQLite 数据库文件，不能用于恢复');
    expect(checkBackupFile(dir)).toBe('该文件不是 SQLite 数据库文件，不能用于恢复');
    const other = join(dir, 'other-app.sqlite');
    const foreign = new SQLite(other);
    foreign.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    foreign.close();
    expect(checkBackupFile(other)).toBe('该文件不是 gongkai 的数据库备份');
  });

  it('backs up and restores through the gongkai CLI', async () => {
    const cli = await dataDirWithOneDepartment();
    dirs.push(cli.dir);
    const file = join(cli.dir, 'cli-backup.sqlite');
    const backup = gongkai(['backup', file], cli.dir);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain('备份完成');
    expect(existsSync(file)).toBe(true);

    const db = createDb({ dataDir: cli.dir });
    try {
      await rename(db, cli.departmentId, 'CLI 备份后改的名');
    } finally {
      await db.close();
    }
    expect(await departmentNames(cli.dir)).toEqual(['CLI 备份后改的名']);

    const restore = gongkai(['restore', file], cli.dir);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain('已从');
    expect(await departmentNames(cli.dir)).toEqual(['备份时的机构']);

    // A file that is not a backup is refused and the database is left alone.
    const junk = join(cli.dir, 'junk.bin');
    writeFileSync(junk, 'not a database');
    const refused = gongkai(['restore', junk], cli.dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('该文件不是 SQLite 数据库文件');
    expect(await departmentNames(cli.dir)).toEqual(['备份时的机构']);

    const usage = gongkai(['backup'], cli.dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('用法：gongkai backup <file>');
  });

  it('points PostgreSQL installations to pg_dump', () => {
    const res = gongkai(['backup', join(dir, 'pg.sqlite')], dir, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      SESSION_SECRET: 'x'.repeat(40),
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('pg_dump');
  });
});

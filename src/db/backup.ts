// SQLite online backup and restore. PostgreSQL installations use pg_dump / pg_restore (README).
import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';

export async function backupSqlite(source: SQLite.Database, file: string): Promise<void> {
  await source.backup(file);
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Whether the file starts with SQLite's 16-byte magic string (a directory or unreadable file: no). */
function hasSqliteHeader(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const n = readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Checks that a file is an intact gongkai SQLite database; returns a problem or undefined. */
export function checkBackupFile(file: string): string | undefined {
  if (!existsSync(file)) return `文件不存在：${file}`;
  if (!hasSqliteHeader(file)) return '该文件不是 SQLite 数据库文件，不能用于恢复';
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return `备份文件已损坏：${String(integrity)}`;
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='kysely_migration'")
      .get();
    if (!table) return '该文件不是 gongkai 的数据库备份';
    return undefined;
  } catch (err) {
    return `无法读取备份文件：${err instanceof Error ? err.message : String(err)}`;
  } finally {
    db?.close();
  }
}

/** Replaces the database file at `target` with the backup (the server must not be running). */
export async function restoreSqlite(backupFile: string, target: string): Promise<void> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  const source = new SQLite(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
}

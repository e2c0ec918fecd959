import { join, resolve } from 'node:path';
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { backupSqlite, checkBackupFile, restoreSqlite } from './backup.js';
import { createDb } from './database.js';

const PG_HINT = 'PostgreSQL 请使用 pg_dump / pg_restore 备份和恢复（见 README）。';

export async function runBackup(config: Config, args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new CliError('用法：gongkai backup <file>');
  if (config.databaseUrl) throw new CliError(PG_HINT);
  const db = createDb({ dataDir: config.dataDir });
  try {
    if (!db.sqlite) throw new CliError(PG_HINT);
    await backupSqlite(db.sqlite, resolve(file));
    console.log(`备份完成：${resolve(file)}`);
    return 0;
  } finally {
    await db.close();
  }
}

export async function runRestore(config: Config, args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new CliError('用法：gongkai restore <file>（请先停止服务）');
  if (config.databaseUrl) throw new CliError(PG_HINT);
  const problem = checkBackupFile(resolve(file));
  if (problem) throw new CliError(problem);
  const target = join(config.dataDir, 'gongkai.sqlite');
  await restoreSqlite(resolve(file), target);
  console.log(`已从 ${resolve(file)} 恢复到 ${target}`);
  return 0;
}

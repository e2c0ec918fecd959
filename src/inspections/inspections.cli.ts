// `gongkai inspections verify <draw-id>`: recomputes a past draw from its public data alone
// (pool, digest, commitment, seed, parameters) and says whether the published result holds.
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb, type Db } from '../db/database.js';
import { verifyDrawById } from './inspections.service.js';

export async function verifyDrawCommand(
  db: Db,
  args: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  if (args[0] !== 'verify' || !/^\d{1,9}$/.test(args[1] ?? ''))
    throw new CliError('用法：gongkai inspections verify <抽取编号>');
  const outcome = await verifyDrawById(db.kysely, Number(args[1]));
  for (const line of outcome.checks) print(`✓ ${line}`);
  if (outcome.ok) {
    print(`抽取 ${args[1]} 复核通过。`);
    return 0;
  }
  print(`✗ 复核未通过：${outcome.problem}`);
  return 1;
}

export async function runInspectionsCommand(config: Config, args: string[]): Promise<number> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    return await verifyDrawCommand(db, args);
  } finally {
    await db.close();
  }
}

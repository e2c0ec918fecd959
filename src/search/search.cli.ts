// `gongkai search reindex`: rebuilds the search index from the public catalogue (after an upgrade
// that changes how text is indexed, or to repair it), through the same service the app uses.
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { reindexAll } from './search.service.js';

const USAGE = `用法：
  gongkai search reindex      按公开目录重建全文检索索引（检索在重建期间照常可用）`;

export async function runSearchCommand(config: Config, args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== 'reindex' || rest.length > 0) throw new CliError(USAGE);
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.kysely);
    const started = Date.now();
    const tty = process.stderr.isTTY;
    const result = await reindexAll(db.kysely, {
      onProgress: (n) => {
        if (tty) process.stderr.write(`\r已索引 ${n} 条`);
      },
    });
    if (tty) process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `已重建索引：${result.indexed} 条公开信息，移除 ${result.removed} 条已不公开的索引，用时 ${seconds.toFixed(1)} 秒。`,
    );
    return 0;
  } finally {
    await db.close();
  }
}

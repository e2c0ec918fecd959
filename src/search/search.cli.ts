// `gongkai search reindex`: rebuilds the search index from the public catalogue (after an upgrade
// that changes how text is indexed, or to repair it), through the same service the app uses.
// `gongkai search index`: indexes now the public items not indexed yet (after a bulk import, when
// no server is running to do it in the background).
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { indexUnindexed, reindexAll } from './search.service.js';

const USAGE = `用法：
  gongkai search index        为尚未建立检索索引的公开信息（如刚导入的信息）建立索引
  gongkai search reindex      按公开目录重建全文检索索引（检索在重建期间照常可用）`;

export async function runSearchCommand(config: Config, args: readonly string[]): Promise<number> {
  const [command, ...rest] = args;
  if ((command !== 'reindex' && command !== 'index') || rest.length > 0) throw new CliError(USAGE);
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.kysely);
    if (command === 'index') {
      const started = Date.now();
      const { indexed } = await indexUnindexed(db.kysely, { batchSize: 500 });
      const seconds = (Date.now() - started) / 1000;
      console.log(
        indexed > 0
          ? `已为 ${indexed} 条公开信息建立检索索引，用时 ${seconds.toFixed(1)} 秒。`
          : '所有公开信息均已建立检索索引。',
      );
      return 0;
    }
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

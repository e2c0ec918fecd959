import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { verifyAuditChain } from './audit.service.js';

export async function runAuditCommand(config: Config, args: string[]): Promise<number> {
  if (args[0] !== 'verify') throw new CliError('用法：gongkai audit verify');
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await verifyAuditChain(db.kysely);
    if (result.ok) {
      console.log(`审计日志完整：共 ${result.entries} 条，哈希链校验通过。`);
      return 0;
    }
    console.log(`审计日志校验失败：${result.reason}（首个断点：第 ${result.brokenAt} 条）`);
    return 1;
  } finally {
    await db.close();
  }
}

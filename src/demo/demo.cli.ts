import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { seedDemoIfEmpty } from './demo.service.js';

export async function runSeedDemo(config: Config): Promise<number> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.kysely);
    if (await seedDemoIfEmpty(db.kysely)) {
      console.log('演示数据已载入。');
      return 0;
    }
    console.log('数据库中已有机构数据，未载入演示数据（演示数据只载入空数据库）。');
    return 1;
  } finally {
    await db.close();
  }
}

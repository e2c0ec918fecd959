import type { Config } from '../config.js';
import { createDb } from './database.js';
import { migrateToLatest } from './migrate.js';

export async function runMigrate(config: Config): Promise<number> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await migrateToLatest(db.kysely);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await db.close();
  }
}

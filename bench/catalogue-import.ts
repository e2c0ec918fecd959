// Measures `gongkai import items` on the shared corpus into a fresh SQLite database:
//   node bin/run-ts.js bench/catalogue-import.ts [file.jsonl]
// Prints items/s of wall time (including the final WAL checkpoint) and CPU seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.js';
import { loadBundledCalendar } from '../src/calendar/calendar.service.js';
import { DEFAULT_CATALOGUE_SETTINGS } from '../src/catalogue/items.access.js';
import { importItemsFromFile } from '../src/catalogue/items.import.js';
import { createDb } from '../src/db/database.js';
import { deferCheckpoints } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoIfEmpty } from '../src/demo/demo.service.js';

const file = process.argv[2] ?? resolve(import.meta.dirname, '../../shared/corpus/corpus.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'gk-import-bench-'));
const db = createDb({ dataDir: dir });
try {
  await migrateToLatest(db.kysely);
  await loadBundledCalendar(db.kysely);
  await seedDemoIfEmpty(db.kysely);
  const cpu0 = process.cpuUsage();
  const end = deferCheckpoints(db);
  const r = await importItemsFromFile(db.kysely, file, {
    settings: DEFAULT_CATALOGUE_SETTINGS,
    actor: SYSTEM_ACTOR,
    defaultDepartment: '',
  });
  const t0 = performance.now();
  end();
  const seconds = r.seconds + (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `import (SQLite): ${r.imported} items in ${seconds.toFixed(2)} s = ${Math.round(r.imported / seconds)} items/s ` +
      `(CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s; ${r.errors.length} bad lines)`,
  );
} finally {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
}

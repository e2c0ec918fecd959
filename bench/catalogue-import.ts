// Measures `gongkai import items` into a fresh SQLite database (or PostgreSQL with
// BENCH_DATABASE_URL: a database is created for the run and dropped after):
//   node bin/run-ts.js bench/catalogue-import.ts [file.jsonl]        the shared corpus by default
//   node bin/run-ts.js bench/catalogue-import.ts --generate 20000    a generated catalogue
//                                                                   (bench/catalogue-gen.ts, 60 departments)
// Prints each phase separately — the catalogue rows (phase 1), the search index (phase 2) and the
// final WAL checkpoint — and the total, as items/s of wall time and CPU time per item (the CPU
// time of this process, plus PostgreSQL's backends when measured there, is less sensitive to other
// load on the machine than wall time).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.js';
import { loadBundledCalendar } from '../src/calendar/calendar.service.js';
import { DEFAULT_CATALOGUE_SETTINGS } from '../src/catalogue/items.access.js';
import { importItemsFromFile, type ImportReport } from '../src/catalogue/items.import.js';
import { createDb } from '../src/db/database.js';
import { deferCheckpoints } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoIfEmpty } from '../src/demo/demo.service.js';
import { prepareBenchDatabase, writeCatalogueJsonl } from './catalogue-gen.js';

const args = process.argv.slice(2);
const generate = args[0] === '--generate' ? Number(args[1] ?? 20_000) : 0;
const dir = mkdtempSync(join(tmpdir(), 'gk-import-bench-'));
const file = generate
  ? join(dir, `catalogue-${generate}.jsonl`)
  : resolve(args[0] ?? resolve(import.meta.dirname, '../../shared/corpus/corpus.jsonl'));
const pgAdmin = process.env.BENCH_DATABASE_URL;
const pgName = pgAdmin ? `gk_import_bench_${process.pid}` : undefined;

/** CPU seconds of this database's PostgreSQL backends so far (0 on SQLite). */
async function backendCpu(): Promise<number> {
  if (!pgAdmin || !pgName) return 0;
  const client = new pg.Client({ connectionString: pgAdmin });
  await client.connect();
  try {
    const r = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
      pgName,
    ]);
    let ticks = 0;
    const { readFileSync } = await import('node:fs');
    for (const { pid } of r.rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The backend ended.
      }
    }
    return ticks / 100;
  } finally {
    await client.end();
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdmin });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function databaseUrl(): string | undefined {
  if (!pgAdmin || !pgName) return undefined;
  const url = new URL(pgAdmin);
  url.pathname = `/${pgName}`;
  return url.toString();
}

function row(name: string, items: number, seconds: number, cpu: number): string {
  const rate = seconds > 0 ? Math.round(items / seconds) : 0;
  const cpuPerItem = items > 0 ? ((cpu / items) * 1000).toFixed(3) : '–';
  return `| ${name} | ${items} | ${seconds.toFixed(2)} | ${rate} | ${cpu.toFixed(2)} | ${cpuPerItem} |`;
}

if (generate) {
  const t0 = performance.now();
  const bytes = await writeCatalogueJsonl(file, { items: generate });
  console.log(
    `generated ${generate} items (${(bytes / 1024 / 1024).toFixed(0)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
}
if (pgName) await admin(`CREATE DATABASE ${pgName}`);
const db = createDb({ dataDir: dir, databaseUrl: databaseUrl() });
try {
  await migrateToLatest(db.kysely);
  await loadBundledCalendar(db.kysely);
  if (generate) await prepareBenchDatabase(db.kysely);
  else await seedDemoIfEmpty(db.kysely);
  // Each phase's CPU time: this process (user + system) and, on PostgreSQL, the server's backends.
  const marks: { cpu: number; pg: number }[] = [];
  const mark = async () => {
    const c = process.cpuUsage();
    marks.push({ cpu: (c.user + c.system) / 1e6, pg: await backendCpu() });
  };
  let phase1Cpu = 0;
  await mark();
  const end = deferCheckpoints(db);
  const r: ImportReport = await importItemsFromFile(db.kysely, file, {
    settings: DEFAULT_CATALOGUE_SETTINGS,
    actor: SYSTEM_ACTOR,
    defaultDepartment: generate ? '黄冈市人民政府办公室' : '',
    onPhase: (phase) => {
      if (phase === 'index') {
        const c = process.cpuUsage();
        phase1Cpu = (c.user + c.system) / 1e6;
      }
    },
  });
  await mark();
  const t0 = performance.now();
  end();
  const checkpoint = (performance.now() - t0) / 1000;
  await mark();
  const [m0, m1, m2] = marks as [(typeof marks)[0], (typeof marks)[0], (typeof marks)[0]];
  const cpu1 = phase1Cpu - m0.cpu;
  const cpu2 = m1.cpu - phase1Cpu;
  const pgCpu = m2.pg - m0.pg;
  const total = r.seconds + checkpoint;
  const size = statSync(file).size / 1024 / 1024;
  console.log(
    `\nimport into ${pgName ? 'PostgreSQL' : 'SQLite'}: ${generate ? `generated catalogue` : file.split('/').pop()} ` +
      `(${size.toFixed(0)} MB, ${r.lines} lines), ${r.imported} items imported, ${r.indexed} indexed, ` +
      `${r.errors.length} bad lines`,
  );
  console.log('\n| phase | items | s | items/s | CPU s | CPU ms/item |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('1. catalogue rows (items, versions, public_items)', r.imported, r.catalogueSeconds, cpu1));
  console.log(row('2. search index', r.indexed, r.indexSeconds, cpu2));
  if (!pgName) console.log(row('WAL checkpoint', r.imported, checkpoint, m2.cpu - m1.cpu));
  console.log(row('total: every item findable', r.imported, total, m2.cpu - m0.cpu));
  if (pgName) console.log(`\n(PostgreSQL backends: ${pgCpu.toFixed(2)} CPU s more, not in the CPU column)`);
} finally {
  await db.close();
  if (pgName) await admin(`DROP DATABASE IF EXISTS ${pgName}`);
  rmSync(dir, { recursive: true, force: true });
}

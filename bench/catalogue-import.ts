// Measures `gongkai import items` into a fresh SQLite database (or PostgreSQL with
// BENCH_DATABASE_URL: a database is created for the run and dropped after):
//   node bin/run-ts.js bench/catalogue-import.ts [file.jsonl]        the shared corpus by default
//   node bin/run-ts.js bench/catalogue-import.ts --generate 20000    a generated catalogue
//                                                                   (bench/catalogue-gen.ts, 60 departments)
//   node bin/run-ts.js bench/catalogue-import.ts --bench-departments catalogue-100000.jsonl
//                                                                   one generated before
//   … --catalogue-only                                               phase 1 alone
// Prints each phase separately — the catalogue rows (phase 1, what the command does before it
// returns, with the WAL checkpoint it leaves at the end) and the search index (phase 2, what the
// background indexer does next) — and the total, as items/s of wall time and CPU time per item (the CPU
// time of this process, plus PostgreSQL's backends when measured there, is less sensitive to other
// load on the machine than wall time).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { loadBundledCalendar } from '../src/calendar/calendar.service.js';
import type { ImportReport } from '../src/catalogue/items.import.js';
import { createDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemoIfEmpty } from '../src/demo/demo.service.js';
import { importBenchCatalogue, prepareBenchDatabase, writeCatalogueJsonl } from './catalogue-gen.js';

const args = process.argv.slice(2);
// --bench-departments: the file was written by --generate earlier (its issuers are the 60 bench departments).
const benchDepartments = args.includes('--bench-departments');
if (benchDepartments) args.splice(args.indexOf('--bench-departments'), 1);
// --catalogue-only: phase 1 alone (what the command does before it returns), no search index.
const catalogueOnly = args.includes('--catalogue-only');
if (catalogueOnly) args.splice(args.indexOf('--catalogue-only'), 1);
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
  if (generate || benchDepartments) await prepareBenchDatabase(db.kysely);
  else await seedDemoIfEmpty(db.kysely);
  // Each phase's CPU time: this process (user + system) and, on PostgreSQL, the server's backends.
  const marks: { cpu: number; pg: number }[] = [];
  const mark = async () => {
    const c = process.cpuUsage();
    marks.push({ cpu: (c.user + c.system) / 1e6, pg: await backendCpu() });
  };
  // Phase 1 is what `gongkai import items` does by default: the catalogue rows, with the WAL
  // checkpointed on another thread meanwhile (bulk-load.ts) and the rest checkpointed at the end.
  // Phase 2 is what the server's background indexer (or `gongkai search index`) then does.
  const run = await importBenchCatalogue(db, file, {
    defaultDepartment: generate || benchDepartments ? '黄冈市人民政府办公室' : '',
    index: !catalogueOnly,
    onPhase: mark,
  });
  const r: ImportReport = run.report;
  const { checkpointSeconds: checkpoint, indexed, indexSeconds } = run;
  const [m0, m1, m2, m3] = marks as [
    (typeof marks)[0],
    (typeof marks)[0],
    (typeof marks)[0],
    (typeof marks)[0],
  ];
  const imported = r.catalogueSeconds + checkpoint;
  const size = statSync(file).size / 1024 / 1024;
  console.log(
    `\nimport into ${pgName ? 'PostgreSQL' : 'SQLite'}: ${generate ? `generated catalogue` : file.split('/').pop()} ` +
      `(${size.toFixed(0)} MB, ${r.lines} lines), ${r.imported} items imported, ${indexed} indexed, ` +
      `${r.errors.length} bad lines`,
  );
  console.log('\n| phase | items | s | items/s | CPU s | CPU ms/item |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(
    row('1. catalogue rows (items, versions, public_items)', r.imported, r.catalogueSeconds, m1.cpu - m0.cpu),
  );
  if (!pgName) console.log(row('   WAL checkpoint left at the end', r.imported, checkpoint, m2.cpu - m1.cpu));
  console.log(
    row('**import: `gongkai import items` returns, items browsable**', r.imported, imported, m2.cpu - m0.cpu),
  );
  console.log(
    row(
      '2. search index (background indexer / `gongkai search index`)',
      indexed,
      indexSeconds,
      m3.cpu - m2.cpu,
    ),
  );
  console.log(
    row('until every item is findable (1 + 2)', r.imported, imported + indexSeconds, m3.cpu - m0.cpu),
  );
  if (pgName)
    console.log(`\n(PostgreSQL backends: ${(m3.pg - m0.pg).toFixed(2)} CPU s more, not in the CPU column)`);
} finally {
  await db.close();
  if (pgName) await admin(`DROP DATABASE IF EXISTS ${pgName}`);
  rmSync(dir, { recursive: true, force: true });
}

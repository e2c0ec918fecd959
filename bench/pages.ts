// Figures for the public pages (issue 3 §6), on a generated catalogue loaded through the import:
// - the item page and a department list page through HTTP at 32 connections, with the render
//   cache on and off, beside a minimal node:http server returning a fixed 35 KB buffer in the same
//   run (the ceiling of this machine, measured before and after the pages; the ratios use the
//   higher); req/s, p50/p99 and the ratios to the ceiling;
// - the server's peak RSS (VmHWM of the server process) under that load.
// Targets: item page ≥ 50 % of the ceiling with the render cache, ≥ 10 % without; list page
// p99 < 50 ms; peak RSS < 400 MB. BENCH_ITEMS sets the catalogue size (default 100,000).
// Beside req/s (which depends on what else the machine is doing) it prints the CPU time each
// request cost the server process and, on PostgreSQL, the database's backends: these barely move
// with load. BENCH_REUSE=1 keeps the loaded database (per size and database kind) for the next
// run instead of importing the catalogue again.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createDb } from '../src/db/database.js';
import { countPublicItems } from '../src/catalogue/public-items.service.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importBenchCatalogue, prepareBenchDatabase, writeCatalogueJsonl } from './catalogue-gen.js';
import { isMarkedLoaded, markLoaded, pgAdmin } from './kept-database.js';
import { measure, type HttpFigures } from './http.js';

const CEILING_BYTES = 35 * 1024;

export interface PagesBenchOptions {
  /** PostgreSQL admin URL (a database is created for the run and dropped after); undefined = SQLite. */
  pgAdminUrl?: string | undefined;
  port: number;
  items: number;
  seconds: number;
  connections: number;
  /** Keep the loaded database for the next run (and use a kept one). */
  reuse?: boolean;
}

interface Proc {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess, path: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + path)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
}

/** The ceiling: node:http answering every request with the same 35 KB buffer. */
async function startCeiling(port: number): Promise<Proc> {
  const script = `
    const body = Buffer.alloc(${CEILING_BYTES}, 'x');
    require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length });
      res.end(body);
    }).listen(${port}, '127.0.0.1');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, '/');
  return { child, url, stop: stopper(child) };
}

async function startGongkai(
  port: number,
  place: { dataDir: string; databaseUrl: string | undefined },
  renderCacheMb: number,
): Promise<Proc> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: place.dataDir,
    DEMO_DATA: 'off',
    LOG_LEVEL: 'warn',
    RENDER_CACHE_MB: String(renderCacheMb),
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  };
  delete env.DATABASE_URL;
  if (place.databaseUrl) env.DATABASE_URL = place.databaseUrl;
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child, '/readyz');
  return { child, url, stop: stopper(child) };
}

/** Peak resident set size of a process in MB (VmHWM), or NaN where /proc is not available. */
function peakRssMb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The generated catalogue file, made once per size and reused by later runs (and other benches). */
export async function catalogueFile(items: number): Promise<string> {
  const file = join(tmpdir(), `gongkai-bench-catalogue-${items}.jsonl`);
  if (!existsSync(file) || statSync(file).size === 0) await writeCatalogueJsonl(file, { items });
  return file;
}

interface BenchPlace {
  dataDir: string;
  databaseUrl: string | undefined;
  /** The PostgreSQL database's name (for its backends' CPU time). */
  pgName: string | undefined;
  /** Whether a catalogue of this size is already loaded (a kept database). */
  loaded: boolean;
  drop(): Promise<void>;
}

const LOADED_KEY = 'bench_pages_catalogue';

/** Whether the database at `place` holds the loaded catalogue of `items` items (a kept one). */
async function isLoaded(place: { dataDir: string; databaseUrl: string | undefined }, items: number) {
  if (!place.databaseUrl && !existsSync(join(place.dataDir, 'gongkai.sqlite'))) return false;
  const db = createDb({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
  try {
    return await isMarkedLoaded(db.kysely, LOADED_KEY, items);
  } finally {
    await db.close();
  }
}

async function makeDatabase(
  pgAdminUrl: string | undefined,
  items: number,
  reuse: boolean,
): Promise<BenchPlace> {
  const kind = pgAdminUrl ? 'pg' : 'sqlite';
  const dataDir = reuse
    ? join(tmpdir(), `gongkai-bench-pages-kept-${kind}-${items}`)
    : mkdtempSync(join(tmpdir(), 'gongkai-bench-pages-'));
  const removeDir = async () => rmSync(dataDir, { recursive: true, force: true });
  if (!pgAdminUrl) {
    const place = { dataDir, databaseUrl: undefined, pgName: undefined };
    if (reuse && (await isLoaded(place, items))) return { ...place, loaded: true, drop: async () => {} };
    await removeDir();
    mkdirSync(dataDir, { recursive: true });
    return { ...place, loaded: false, drop: reuse ? async () => {} : removeDir };
  }
  const name = reuse
    ? `gongkai_bench_pages_kept_${items}`
    : `gongkai_bench_pages_${process.pid}_${Date.now()}`;
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const place = { dataDir, databaseUrl: u.toString(), pgName: name };
  if (reuse) {
    const exists = await pgAdmin(pgAdminUrl, async (c) => {
      const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      return r.rowCount === 1;
    });
    if (exists && (await isLoaded(place, items))) return { ...place, loaded: true, drop: async () => {} };
  }
  await removeDir();
  mkdirSync(dataDir, { recursive: true });
  await pgAdmin(pgAdminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name}`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return {
    ...place,
    loaded: false,
    drop: reuse
      ? async () => {}
      : async () => {
          await removeDir();
          await pgAdmin(pgAdminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
        },
  };
}

/** CPU seconds (user + system) a process has used so far, or NaN where /proc is not available. */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** Linux's USER_HZ: /proc reports CPU times in 1/100 s on every mainstream architecture. */
const CLOCK_TICKS = 100;

/** The CPU seconds used so far by the PostgreSQL backends connected to database `name`. */
async function pgBackendsCpu(adminUrl: string, name: string): Promise<Map<number, number>> {
  const pids = await pgAdmin(adminUrl, async (c) => {
    const r = await c.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      [name],
    );
    return r.rows.map((x) => x.pid);
  });
  return new Map(pids.map((p) => [p, cpuSeconds(p)]));
}

/** CPU ms per request of the server and (PostgreSQL) its database backends over one measured run. */
async function withCpu(
  serverPid: number | undefined,
  pgAdminUrl: string | undefined,
  pgName: string | undefined,
  run: () => Promise<HttpFigures>,
): Promise<HttpFigures & { serverCpuMs: number; dbCpuMs: number }> {
  const server0 = cpuSeconds(serverPid);
  const db0 = pgAdminUrl && pgName ? await pgBackendsCpu(pgAdminUrl, pgName) : undefined;
  const figures = await run();
  const server1 = cpuSeconds(serverPid);
  let dbSeconds = Number.NaN;
  if (pgAdminUrl && pgName && db0) {
    const db1 = await pgBackendsCpu(pgAdminUrl, pgName);
    // Backends started during the run count from zero; ones that ended are lost (the pool keeps
    // its connections while it is busy, so that does not happen under this load).
    dbSeconds = 0;
    for (const [pid, t] of db1) if (Number.isFinite(t)) dbSeconds += t - (db0.get(pid) ?? 0);
  }
  const n = Math.max(1, figures.requests);
  return { ...figures, serverCpuMs: (1000 * (server1 - server0)) / n, dbCpuMs: (1000 * dbSeconds) / n };
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '–');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export async function benchPages(o: PagesBenchOptions): Promise<string> {
  const label = o.pgAdminUrl ? 'PostgreSQL' : 'SQLite';
  const file = await catalogueFile(o.items);
  const place = await makeDatabase(o.pgAdminUrl, o.items, o.reuse ?? false);
  const lines: string[] = [];
  try {
    const db = createDb({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
    let itemId: number;
    let departmentId: number;
    try {
      await migrateToLatest(db.kysely);
      let imported: number;
      if (place.loaded) {
        imported = await countPublicItems(db.kysely, {});
        lines.push(`catalogue: ${imported} items, kept from an earlier run (BENCH_REUSE=1)`);
      } else {
        await prepareBenchDatabase(db.kysely);
        const run = await importBenchCatalogue(db, file);
        const report = run.report;
        imported = report.imported;
        const perSecond = (n: number, seconds: number) => Math.round(n / seconds);
        lines.push(
          `catalogue: ${report.imported} items (${(statSync(file).size / 1024 / 1024).toFixed(0)} MB of JSON Lines), ${report.errors.length} bad lines; ` +
            `**import ${run.catalogueSeconds.toFixed(1)} s = ${perSecond(report.imported, run.catalogueSeconds)} items/s** ` +
            `(\`gongkai import items\` returns, items browsable; target ≥ 2,000), ` +
            `then search index ${run.indexSeconds.toFixed(1)} s (${perSecond(run.indexed, run.indexSeconds)} items/s; ` +
            `all findable after ${perSecond(report.imported, run.catalogueSeconds + run.indexSeconds)} items/s overall)`,
        );
        // What autovacuum does in production after a bulk load (this server may run with it off):
        // planner statistics, and a visibility map so that browse indexes are read alone.
        if (o.pgAdminUrl) await sql`VACUUM ANALYZE`.execute(db.kysely);
        if (o.reuse && report.errors.length === 0) await markLoaded(db.kysely, LOADED_KEY, o.items);
      }
      const middle = await db.kysely
        .selectFrom('public_items')
        .select(['item_id', 'department_id'])
        .orderBy('item_id')
        .offset(Math.floor(imported / 2))
        .limit(1)
        .executeTakeFirstOrThrow();
      itemId = middle.item_id;
      departmentId = middle.department_id;
    } finally {
      await db.close();
    }

    const itemPath = `/xxgk/items/${itemId}`;
    const listPath = `/xxgk/catalogue?department=${departmentId}`;
    const run = { connections: o.connections, seconds: o.seconds };
    const warm = { connections: o.connections, seconds: 1 };
    const rows: (HttpFigures & { serverCpuMs?: number; dbCpuMs?: number })[] = [];
    const rss: number[] = [];

    // The ceiling is measured before and after the pages (it moved by up to half between runs on
    // a shared 2-core machine); the ratios use the higher of the two.
    const measureCeiling = async (when: string) => {
      const ceiling = await startCeiling(o.port + 50);
      try {
        await measure('ceiling', ceiling.url, warm);
        return await measure(
          `node:http, fixed ${CEILING_BYTES / 1024} KB buffer (ceiling, ${when})`,
          ceiling.url,
          run,
        );
      } finally {
        await ceiling.stop();
      }
    };
    rows.push(await measureCeiling('before'));
    for (const cacheMb of [128, 0]) {
      const server = await startGongkai(o.port, place, cacheMb);
      const mode = cacheMb > 0 ? 'render cache on' : 'render cache off';
      try {
        const size = (await (await fetch(server.url + itemPath)).arrayBuffer()).byteLength;
        const cpu = (run: () => Promise<HttpFigures>) =>
          withCpu(server.child.pid, o.pgAdminUrl, place.pgName, run);
        await measure('warm-up', server.url + itemPath, warm);
        rows.push(
          await cpu(() =>
            measure(
              `item page ${itemPath} (${(size / 1024).toFixed(0)} KB), ${mode}`,
              server.url + itemPath,
              run,
            ),
          ),
        );
        await measure('warm-up', server.url + listPath, warm);
        rows.push(
          await cpu(() => measure(`department list page ${listPath}, ${mode}`, server.url + listPath, run)),
        );
        rss.push(peakRssMb(server.child.pid));
      } finally {
        await server.stop();
      }
    }
    rows.push(await measureCeiling('after'));
    const [ceilBefore, itemCached, listCached, itemUncached, listUncached, ceilAfter] = rows;
    const ceil = (ceilBefore?.reqPerSec ?? 0) >= (ceilAfter?.reqPerSec ?? 0) ? ceilBefore : ceilAfter;
    const ms = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(2));
    lines.push(
      '',
      '| what | req/s | p50 ms | p99 ms | errors | non-2xx | of ceiling | server CPU ms/req | database CPU ms/req |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${pct(r.reqPerSec, ceil?.reqPerSec ?? 0)} | ${ms(r.serverCpuMs)} | ${ms(r.dbCpuMs)} |`,
      ),
      '',
      `load average at the end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(
          ' ',
        )} on ${availableParallelism()} CPUs (req/s and latencies are a floor when others share the machine; CPU ms per request are not)`,
    );
    const c = ceil?.reqPerSec ?? 0;
    const peak = Math.max(...rss);
    lines.push(
      `- item page, render cache on: ${pct(itemCached?.reqPerSec ?? 0, c)} of the ceiling (target ≥ 50 %: ${verdict((itemCached?.reqPerSec ?? 0) >= 0.5 * c)})`,
      `- item page, render cache off: ${pct(itemUncached?.reqPerSec ?? 0, c)} of the ceiling (target ≥ 10 %: ${verdict((itemUncached?.reqPerSec ?? 0) >= 0.1 * c)})`,
      `- department list page p99: ${listCached?.p99 ?? '–'} ms cached, ${listUncached?.p99 ?? '–'} ms uncached (target < 50 ms: ${verdict((listCached?.p99 ?? Infinity) < 50 && (listUncached?.p99 ?? Infinity) < 50)})`,
      `- server peak RSS (VmHWM) under this load: ${rss.join(' MB / ')} MB (cache on / off) (target < 400 MB: ${verdict(peak < 400)})`,
    );
  } finally {
    await place.drop();
  }
  return [
    `### Public pages — ${label}, ${o.items} items, ${o.connections} connections, ${o.seconds} s each`,
    ...lines,
  ].join('\n');
}

/** The public-page figures on SQLite and, when `pgAdminUrl` is given, on PostgreSQL (called by run.ts). */
export async function runPagesBenches(pgAdminUrl: string | undefined): Promise<string> {
  const common = {
    items: Number(process.env.BENCH_ITEMS ?? 100_000),
    seconds: Number(process.env.BENCH_SECONDS ?? 10),
    connections: 32,
    reuse: process.env.BENCH_REUSE === '1',
  };
  const out = [await benchPages({ ...common, port: 3921 })];
  if (pgAdminUrl) out.push(await benchPages({ ...common, port: 3922, pgAdminUrl }));
  return out.join('\n\n');
}

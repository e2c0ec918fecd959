// Figures for the public pages (issue 3 §6), on a generated catalogue loaded through the import:
// - the item page and a department list page through HTTP at 32 connections, with the render
//   cache on and off, beside a minimal node:http server returning a fixed 35 KB buffer in the same
//   run (the ceiling of this machine); req/s, p50/p99 and the ratios to the ceiling;
// - the server's peak RSS (VmHWM of the server process) under that load.
// Targets: item page ≥ 50 % of the ceiling with the render cache, ≥ 10 % without; list page
// p99 < 50 ms; peak RSS < 400 MB. BENCH_ITEMS sets the catalogue size (default 100,000).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { importBenchCatalogue, prepareBenchDatabase, writeCatalogueJsonl } from './catalogue-gen.js';
import { measure, type HttpFigures } from './http.js';

const CEILING_BYTES = 35 * 1024;

export interface PagesBenchOptions {
  /** PostgreSQL admin URL (a database is created for the run and dropped after); undefined = SQLite. */
  pgAdminUrl?: string | undefined;
  port: number;
  items: number;
  seconds: number;
  connections: number;
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

async function makeDatabase(pgAdminUrl: string | undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-pages-'));
  if (!pgAdminUrl)
    return {
      dataDir,
      databaseUrl: undefined,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  const name = `gongkai_bench_pages_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: u.toString(),
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)} %` : '–');
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');

export async function benchPages(o: PagesBenchOptions): Promise<string> {
  const label = o.pgAdminUrl ? 'PostgreSQL' : 'SQLite';
  const file = await catalogueFile(o.items);
  const place = await makeDatabase(o.pgAdminUrl);
  const lines: string[] = [];
  try {
    const db = createDb({ databaseUrl: place.databaseUrl, dataDir: place.dataDir });
    let itemId: number;
    let departmentId: number;
    try {
      await migrateToLatest(db.kysely);
      await prepareBenchDatabase(db.kysely);
      const report = await importBenchCatalogue(db.kysely, file);
      lines.push(
        `catalogue: ${report.imported} items (${(statSync(file).size / 1024 / 1024).toFixed(0)} MB of JSON Lines) imported in ${report.seconds.toFixed(1)} s (${Math.round(report.imported / report.seconds)} items/s), ${report.errors.length} bad lines`,
      );
      const middle = await db.kysely
        .selectFrom('public_items')
        .select(['item_id', 'department_id'])
        .orderBy('item_id')
        .offset(Math.floor(report.imported / 2))
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
    const rows: HttpFigures[] = [];
    const rss: number[] = [];

    const ceiling = await startCeiling(o.port + 50);
    try {
      await measure('ceiling', ceiling.url, warm);
      rows.push(
        await measure(`node:http, fixed ${CEILING_BYTES / 1024} KB buffer (ceiling)`, ceiling.url, run),
      );
    } finally {
      await ceiling.stop();
    }
    for (const cacheMb of [128, 0]) {
      const server = await startGongkai(o.port, place, cacheMb);
      const mode = cacheMb > 0 ? 'render cache on' : 'render cache off';
      try {
        const size = (await (await fetch(server.url + itemPath)).arrayBuffer()).byteLength;
        await measure('warm-up', server.url + itemPath, warm);
        rows.push(
          await measure(
            `item page ${itemPath} (${(size / 1024).toFixed(0)} KB), ${mode}`,
            server.url + itemPath,
            run,
          ),
        );
        await measure('warm-up', server.url + listPath, warm);
        rows.push(await measure(`department list page ${listPath}, ${mode}`, server.url + listPath, run));
        rss.push(peakRssMb(server.child.pid));
      } finally {
        await server.stop();
      }
    }
    const [ceil, itemCached, listCached, itemUncached, listUncached] = rows;
    lines.push(
      '',
      '| what | req/s | p50 ms | p99 ms | errors | non-2xx | of ceiling |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.name} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${pct(r.reqPerSec, ceil?.reqPerSec ?? 0)} |`,
      ),
      '',
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
  };
  const out = [await benchPages({ ...common, port: 3921 })];
  if (pgAdminUrl) out.push(await benchPages({ ...common, port: 3922, pgAdminUrl }));
  return out.join('\n\n');
}

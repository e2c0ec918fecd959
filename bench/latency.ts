// Latency figures of requests made one at a time: timing, percentiles, the table row, and the app
// served on a free port for the HTTP rows (used by search.ts and credit.ts).
import http from 'node:http';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Db } from '../src/db/database.js';

/** Runs `run` on each of `xs` in turn; the milliseconds each took. */
export async function timeEach<T>(xs: readonly T[], run: (x: T) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (const x of xs) {
    const t0 = performance.now();
    await run(x);
    ms.push(performance.now() - t0);
  }
  return ms;
}

/**
 * timeEach, with the CPU time this process spent per call (user + system, mean): unlike latency,
 * it barely moves when other work shares the machine. For HTTP rows it counts client and server,
 * which share this process.
 */
export async function timeEachWithCpu<T>(
  xs: readonly T[],
  run: (x: T) => Promise<unknown>,
): Promise<{ ms: number[]; cpuMs: number }> {
  const before = process.cpuUsage();
  const ms = await timeEach(xs, run);
  const used = process.cpuUsage(before);
  return { ms, cpuMs: (used.user + used.system) / 1000 / Math.max(1, xs.length) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/**
 * A row of a `| database | what | p50 | p95 | p99 | max |` table, in ms with one decimal; with
 * `cpuMs`, one more column (CPU ms per call, two decimals).
 */
export function latencyRow(label: string, what: string, ms: readonly number[], cpuMs?: number): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  const cpu = cpuMs === undefined ? '' : ` ${cpuMs.toFixed(2)} |`;
  return `| ${label} | ${what} | ${f(percentile(s, 50))} | ${f(percentile(s, 95))} | ${f(percentile(s, 99))} | ${f(s[s.length - 1] ?? 0)} |${cpu}`;
}

/**
 * The app on the target's database, listening on a free local port; `get` fails on a non-2xx
 * answer. The client is node:http on one kept-alive connection, as a browser keeps its connection:
 * client and server share this process's thread, and fetch() (undici) cost the measurement about
 * 0.8 ms more per request at the median and 1.5 ms at p90 than node:http (same server, same
 * queries, measured 2026-12-06), time that no server change could take away.
 */
export async function serveApp(t: {
  db: Db;
  env: Record<string, string>;
}): Promise<{ get: (path: string) => Promise<void>; close: () => Promise<void> }> {
  const config = loadConfig(
    {
      ...t.env,
      DEMO_DATA: 'off',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    },
    { persistSecret: false },
  );
  const app = await buildApp({ db: t.db, config });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    get: (path: string) =>
      new Promise<void>((resolve, reject) => {
        http
          .get(address + path, { agent }, (res) => {
            res.resume();
            res.on('error', reject);
            res.on('end', () => {
              const status = res.statusCode ?? 0;
              if (status >= 200 && status < 300) resolve();
              else reject(new Error(`${path}: HTTP ${status}`));
            });
          })
          .on('error', reject);
      }),
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}

// Latency figures of requests made one at a time: timing, percentiles, the table row, and the app
// served on a free port for the HTTP rows (used by search.ts and credit.ts).
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

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A row of a `| database | what | p50 | p95 | p99 | max |` table, in ms with one decimal. */
export function latencyRow(label: string, what: string, ms: readonly number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1);
  return `| ${label} | ${what} | ${f(percentile(s, 50))} | ${f(percentile(s, 95))} | ${f(percentile(s, 99))} | ${f(s[s.length - 1] ?? 0)} |`;
}

/** The app on the target's database, listening on a free local port; `get` fails on a non-2xx answer. */
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
  return {
    get: async (path: string) => {
      const res = await fetch(address + path);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    },
    close: () => app.close(),
  };
}

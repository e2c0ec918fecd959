// Starts `gongkai serve` as a child process on a fresh database (SQLite in a temp dir, or a new
// PostgreSQL database) with the demo data, and waits until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchServer {
  url: string;
  label: string;
  pid: number;
  stop(): Promise<void>;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready in 60 s');
}

export async function startBenchServer(opts: {
  port: number;
  pgAdminUrl?: string | undefined;
}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (opts.pgAdminUrl) {
    dbName = `gongkai_bench_${process.pid}_${Date.now()}`;
    const c = new pg.Client({ connectionString: opts.pgAdminUrl });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(opts.pgAdminUrl);
    u.pathname = `/${dbName}`;
    databaseUrl = u.toString();
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'on',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  };
  delete env.DATABASE_URL;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const child = spawn(process.execPath, ['bin/gongkai.js', 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${opts.port}`;
  await waitReady(url, child);
  return {
    url,
    label: databaseUrl ? 'PostgreSQL' : 'SQLite',
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      if (opts.pgAdminUrl && dbName) {
        const c = new pg.Client({ connectionString: opts.pgAdminUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${dbName}`);
        await c.end();
      }
    },
  };
}

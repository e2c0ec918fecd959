// `npm run bench`: starts the server on a fresh database and prints req/s and latency figures as
// Markdown tables. SQLite always; PostgreSQL too when BENCH_DATABASE_URL names a server
// (a database is created for the run and dropped after). BENCH_SECONDS sets each run's length,
// BENCH_ONLY picks parts, BENCH_ITEMS the size of the generated catalogue.
import { formatTable, measure, type HttpFigures } from './http.js';
import { startBenchServer } from './server.js';
import { runPagesBenches } from './pages.js';
import { runRequestsBenches } from './requests.js';
import { runSearchBench } from './search.js';
import { runCreditBench } from './credit.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

const TARGETS: { name: string; path: string }[] = [
  { name: 'public directory page GET /departments', path: '/departments' },
  {
    name: 'calendar API GET /api/v1/calendar/add (20 working days)',
    path: '/api/v1/calendar/add?from=2024-09-30&workdays=20',
  },
  {
    name: 'calendar API GET /api/v1/calendar/count',
    path: '/api/v1/calendar/count?from=2024-01-01&to=2024-12-31',
  },
];

async function runFor(pgAdminUrl: string | undefined, port: number): Promise<string> {
  const server = await startBenchServer({ port, pgAdminUrl });
  try {
    const rows: HttpFigures[] = [];
    for (const t of TARGETS) {
      await measure(t.name, server.url + t.path, { connections: CONNECTIONS, seconds: 1 }); // warm-up
      rows.push(await measure(t.name, server.url + t.path, { connections: CONNECTIONS, seconds: SECONDS }));
    }
    return formatTable(`### ${server.label} — ${CONNECTIONS} connections, ${SECONDS} s each`, rows);
  } finally {
    await server.stop();
  }
}

// BENCH_ONLY=foundation,pages,requests,search,credit runs a subset (default: all).
const ONLY = new Set(
  (process.env.BENCH_ONLY ?? 'foundation,pages,requests,search,credit').split(',').map((s) => s.trim()),
);

const out: string[] = [
  `gongkai bench — ${new Date().toISOString()} — Node ${process.version}, ${process.platform}/${process.arch}`,
];
if (ONLY.has('foundation')) {
  out.push(await runFor(undefined, 3901));
  if (process.env.BENCH_DATABASE_URL) out.push(await runFor(process.env.BENCH_DATABASE_URL, 3902));
  else
    out.push(
      '(PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to include it)',
    );
}
if (ONLY.has('pages')) out.push(await runPagesBenches(process.env.BENCH_DATABASE_URL));
if (ONLY.has('requests')) out.push(await runRequestsBenches(process.env.BENCH_DATABASE_URL));
if (ONLY.has('search')) out.push(await runSearchBench(process.env.BENCH_DATABASE_URL));
if (ONLY.has('credit')) out.push(await runCreditBench(process.env.BENCH_DATABASE_URL));
console.log(out.join('\n\n'));

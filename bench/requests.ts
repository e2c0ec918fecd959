// Figures for 依申请公开 (issue 4 §6), in process on a fresh database:
// - tables 三 and 四 for a year, city-wide, with 100,000 requests across 60 departments
//   (statistics of the year and of the year before, as the console computes them): target < 2 s;
// - the officer's dashboard (500 open requests with their live deadlines, rendered to HTML):
//   target p99 < 100 ms.
// The records are generated straight into the tables (a bench, not the app's write path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.js';
import { loadBundledCalendar } from '../src/calendar/calendar.service.js';
import { addDays } from '../src/calendar/calendar.dates.js';
import { createDb, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { demoCreditCode } from '../src/demo/demo-departments.js';
import { createDepartment } from '../src/orgs/orgs.service.js';
import { requestListPage } from '../src/requests/requests.console.views.js';
import { OUTCOMES } from '../src/requests/requests.outcomes.js';
import { listClosedRequests, listOpenRequests } from '../src/requests/requests.service.js';
import { getStatistics } from '../src/requests/requests.statistics.js';
import { APPLICANT_CATEGORIES } from '../src/requests/requests.types.js';
import { shanghaiDate } from '../src/shared/clock.js';
import type { CurrentUser } from '../src/users/users.types.js';
import type { Insertable } from 'kysely';
import type { RequestEventsTable } from '../src/requests/requests.table.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const DEPARTMENTS = 60;
const OPEN_ON_DASHBOARD = 500;

async function makeDb(pgAdminUrl: string | undefined): Promise<{ db: Db; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-bench-requests-'));
  if (!pgAdminUrl) {
    const db = createDb({ dataDir });
    return {
      db,
      drop: async () => {
        await db.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `gongkai_bench_requests_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgAdminUrl);
  u.pathname = `/${name}`;
  const db = createDb({ databaseUrl: u.toString() });
  return {
    db,
    drop: async () => {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name}`);
      await c.end();
    },
  };
}

/** A deterministic pseudo-random sequence. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

async function seed(db: Db): Promise<number[]> {
  const k = db.kysely;
  await loadBundledCalendar(k);
  const departments: number[] = [];
  for (let i = 0; i < DEPARTMENTS; i++) {
    const r = await createDepartment(k, SYSTEM_ACTOR, {
      fullName: `黄冈市基准测试局${i + 1}`,
      shortName: '',
      kind: 'city_department',
      creditCode: demoCreditCode(90_000 + i),
      parentId: undefined,
      address: '',
      officeHours: '',
      phone: '',
      email: '',
      guideText: '',
      functionsText: '',
      sortOrder: undefined,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.fields));
    departments.push(r.value);
  }
  const rand = rng(42);
  const now = new Date().toISOString();
  const today = shanghaiDate();
  const rows = [];
  // Years 2024–2026; most decided within ~30 days, some carried over, 500 open in department 1.
  for (let i = 0; i < REQUESTS; i++) {
    const open = i < OPEN_ON_DASHBOARD;
    const received = open
      ? addDays(today, -Math.floor(rand() * 40))
      : addDays('2024-01-02', Math.floor(rand() * 1050));
    const decided = open ? null : addDays(received, 5 + Math.floor(rand() * 40));
    const year = Number(received.slice(0, 4));
    rows.push({
      number: `YSQ-${year}-B${String(i).padStart(7, '0')}`,
      year,
      serial: 1_000_000 + i,
      tracking_hash: 'x',
      department_id: open ? (departments[0] ?? 1) : (departments[i % DEPARTMENTS] ?? 1),
      channel: 'online',
      applicant_category: APPLICANT_CATEGORIES[i % APPLICANT_CATEGORIES.length] ?? 'natural',
      applicant_name: '测试',
      phone: '',
      email: '',
      address: '',
      info_doc_number: '',
      info_index_number: '',
      info_description: '',
      suggest_proactive: 0,
      id_type: 'other',
      id_number: String(i),
      applicant_key: `k${i % 9000}`,
      info_title: `基准申请 ${i}`,
      info_key: `info${i % 5000}`,
      form_wanted: 'electronic',
      delivery_wanted: 'online',
      status: decided && decided <= today ? 'closed' : 'received',
      submitted_at: now,
      received_date: received,
      outcome: decided && decided <= today ? (OUTCOMES[i % OUTCOMES.length] ?? 'disclosed') : null,
      decided_date: decided && decided <= today ? decided : null,
      reason: '',
      reply_letter: '',
      created_at: now,
      updated_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await k
      .insertInto('requests')
      .values(rows.slice(i, i + 500))
      .execute();
  // Clock events for the open ones: a receipt each, some consultations and extensions.
  const open = await k
    .selectFrom('requests')
    .select(['id', 'received_date'])
    .where('status', '=', 'received')
    .execute();
  const events = open.flatMap((r, j): Insertable<RequestEventsTable>[] => {
    const base = {
      request_id: r.id,
      party: '',
      body: '',
      actor_user_id: null,
      actor_name: '',
      created_at: now,
      due_date: null,
    };
    const d = r.received_date ?? today;
    const list: Insertable<RequestEventsTable>[] = [{ ...base, kind: 'receipt_confirmed', event_date: d }];
    if (j % 5 === 0)
      list.push(
        { ...base, kind: 'consultation_started', event_date: addDays(d, 2) },
        { ...base, kind: 'consultation_ended', event_date: addDays(d, 9) },
      );
    if (j % 7 === 0) list.push({ ...base, kind: 'extended', event_date: addDays(d, 3), days: 10 });
    return list;
  });
  for (let i = 0; i < events.length; i += 500)
    await k
      .insertInto('request_events')
      .values(events.slice(i, i + 500))
      .execute();
  return departments;
}

function p(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function benchOne(pgAdminUrl: string | undefined): Promise<string> {
  const label = pgAdminUrl ? 'PostgreSQL' : 'SQLite';
  const { db, drop } = await makeDb(pgAdminUrl);
  try {
    await migrateToLatest(db.kysely);
    const departments = await seed(db);
    const supervisor: CurrentUser = {
      id: 0,
      username: 'bench',
      displayName: 'bench',
      departmentId: departments[1] ?? 1,
      roles: ['supervisor'],
    };
    const officer: CurrentUser = {
      id: 0,
      username: 'bench',
      displayName: 'bench',
      departmentId: departments[0] ?? 1,
      roles: ['request_officer'],
    };
    await getStatistics(db.kysely, supervisor, 2025, undefined); // warm-up
    const statTimes: number[] = [];
    let ok = true;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const s = await getStatistics(db.kysely, supervisor, 2025, undefined);
      statTimes.push(performance.now() - t0);
      ok &&= s.ok && s.table3.new.total > 0;
    }
    const dashTimes: number[] = [];
    let openCount = 0;
    // 20 warm-up renders (JIT), then 200 measured.
    for (let i = -20; i < 200; i++) {
      const t0 = performance.now();
      const [open, closed] = await Promise.all([
        listOpenRequests(db.kysely, officer),
        listClosedRequests(db.kysely, officer, 50),
      ]);
      const page = requestListPage({
        open,
        closed,
        canHandle: true,
        readAll: false,
        departments: [],
        departmentId: undefined,
      });
      if (i >= 0) dashTimes.push(performance.now() - t0);
      openCount = open.length;
      if (page.value.length === 0) throw new Error('empty page');
    }
    statTimes.sort((a, b) => a - b);
    dashTimes.sort((a, b) => a - b);
    const statMax = statTimes[statTimes.length - 1] ?? 0;
    const dashP99 = p(dashTimes, 0.99);
    return [
      `### 依申请公开 — ${label} (${REQUESTS.toLocaleString('en')} requests, ${DEPARTMENTS} departments)`,
      '| figure | value | target |',
      '|---|---|---|',
      `| tables 三 + 四 for 2025, city-wide (incl. 2024 for the cross-year check), worst of 5 | ${statMax.toFixed(0)} ms | < 2000 ms: ${statMax < 2000 ? 'met' : '**not met**'} |`,
      `| integrity checks hold | ${ok ? 'yes' : '**no**'} | yes |`,
      `| officer dashboard (${openCount} open, live deadlines, HTML) p50 / p99 of 200 | ${p(dashTimes, 0.5).toFixed(1)} / ${dashP99.toFixed(1)} ms | p99 < 100 ms: ${dashP99 < 100 ? 'met' : '**not met**'} |`,
    ].join('\n');
  } finally {
    await drop();
  }
}

export async function runRequestsBenches(pgAdminUrl: string | undefined): Promise<string> {
  const out = [await benchOne(undefined)];
  if (pgAdminUrl) out.push(await benchOne(pgAdminUrl));
  return out.join('\n\n');
}

// `npx tsx bench/requests.ts` runs these figures alone.
if (process.argv[1]?.endsWith('requests.ts')) {
  console.log(await runRequestsBenches(process.env.BENCH_DATABASE_URL));
}

// Search figures (issue 3 §6): generates BENCH_ITEMS public items (default 100,000) with Chinese
// bodies of 3–30 KB (log-uniform; built from the shared corpus's paragraphs when
// ../shared/corpus/corpus.jsonl is present, else from a built-in vocabulary) over 60 departments
// and ten years, indexes them through reindexAll, then runs 200 queries of 2–6 characters drawn
// from the corpus and prints p50/p95/p99 and CPU per query in-process (relevance, by date, and
// relevance with the posting-list cache off) and through HTTP (GET /search and GET /api/v1/search,
// one request at a time). SQLite always (unless BENCH_SEARCH_DATABASES=postgres);
// PostgreSQL when BENCH_DATABASE_URL is set. With BENCH_REUSE=1 both load into kept databases that
// later runs reuse (SQLite's in a folder under the temporary directory). Run alone:
// node bin/run-ts.js bench/search-run.ts
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.js';
import { ITEM_CATEGORIES } from '../src/catalogue/catalogue.types.js';
import { createTopic } from '../src/catalogue/topics.service.js';
import { createDb, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { demoCreditCode } from '../src/demo/demo-departments.js';
import { createDepartment } from '../src/orgs/orgs.service.js';
import { reindexAll, searchPublic, VERIFY_BUDGET_MS } from '../src/search/search.service.js';
import { insertPublicItems, type FixtureDoc } from '../test/helpers/search.js';
import { isMarkedLoaded, markLoaded, pgAdmin } from './kept-database.js';
import { latencyRow, serveApp, timeEach, timeEachWithCpu } from './latency.js';

const CORPUS = process.env.CORPUS ?? new URL('../../shared/corpus/corpus.jsonl', import.meta.url).pathname;
const QUERIES = 200;

export interface Corpus {
  titles: string[];
  paragraphs: string[];
  /** Index of each document's first paragraph. */
  starts: number[];
  source: string;
}

/** mulberry32: small, fast, reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  '政府 信息 公开 工作 通知 关于 进一步 加强 管理 办法 实施 意见 安全 生产 危险化学品 扶贫 低保 ' +
  '城乡 居民 医疗 保险 教育 卫生 环境 保护 交通 运输 农业 农村 水利 财政 预算 审计 统计 民政 ' +
  '社会 保障 就业 住房 公积金 规划 建设 市场 监管 食品 药品 应急 消防 防汛 抗旱 行政 许可 处罚 ' +
  '复议 诉讼 听证 营商 环境 优化 服务 企业 项目 资金 补助 标准 调整 公示 名单 结果 报告 年度'
).split(' ');

function builtInCorpus(): Corpus {
  const r = rng(7);
  const pick = () => WORDS[Math.floor(r() * WORDS.length)] ?? '工作';
  const sentence = () => Array.from({ length: 6 + Math.floor(r() * 10) }, pick).join('') + '。';
  const paragraphs = Array.from({ length: 20_000 }, () =>
    Array.from({ length: 2 + Math.floor(r() * 5) }, sentence).join(''),
  );
  const titles = Array.from({ length: 2_000 }, () => `关于${pick()}${pick()}${pick()}的通知`);
  return { titles, paragraphs, starts: [0], source: 'built-in vocabulary' };
}

export function loadCorpus(): Corpus {
  if (!existsSync(CORPUS)) return builtInCorpus();
  const titles: string[] = [];
  const paragraphs: string[] = [];
  const starts: number[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as { title?: string; body?: string };
    if (!d.title || !d.body) continue;
    titles.push(d.title);
    starts.push(paragraphs.length);
    for (const p of d.body.split('\n')) if (p.trim()) paragraphs.push(p.trim());
  }
  return { titles, paragraphs, starts, source: CORPUS };
}

/** A body of about `bytes` UTF-8 bytes: consecutive paragraphs from a random place in the corpus. */
function makeBody(c: Corpus, r: () => number, bytes: number): string {
  const doc = Math.floor(r() * c.starts.length);
  let p = (c.starts[doc] ?? 0) + Math.floor(r() * 20);
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const text = c.paragraphs[p % c.paragraphs.length] ?? '';
    out.push(text);
    size += Buffer.byteLength(text) + 1;
    p++;
  }
  return out.join('\n');
}

const HAN_RUN = /[\u4e00-\u9fff]{2,}/gu;

/** Queries of 2–6 Chinese characters: substrings of random titles (half) and body paragraphs (half). */
export function drawQueries(c: Corpus, n: number, seed: number): string[] {
  const r = rng(seed);
  const out: string[] = [];
  while (out.length < n) {
    const source =
      out.length % 2 === 0
        ? c.titles[Math.floor(r() * c.titles.length)]
        : c.paragraphs[Math.floor(r() * c.paragraphs.length)];
    const runs = (source ?? '').match(HAN_RUN) ?? [];
    const run = runs[Math.floor(r() * runs.length)];
    if (!run) continue;
    const len = Math.min(run.length, 2 + Math.floor(r() * 5));
    const at = Math.floor(r() * (run.length - len + 1));
    out.push(run.slice(at, at + len));
  }
  return out;
}

const BUREAUS = (
  '发展和改革委员会 教育局 科学技术局 工业和信息化局 公安局 民政局 司法局 财政局 人力资源和社会保障局 ' +
  '自然资源和规划局 生态环境局 住房和城乡建设局 交通运输局 水利和湖泊局 农业农村局 商务局 文化和旅游局 ' +
  '卫生健康委员会 退役军人事务局 应急管理局 审计局 国有资产监督管理委员会 市场监督管理局 体育局 统计局 ' +
  '医疗保障局 林业局 城市管理执法委员会 信访局 数据局 政务服务和大数据管理局 地方金融工作局 粮食和物资储备局 ' +
  '人民防空办公室 机关事务服务中心 公共资源交易中心 住房公积金中心 民族宗教事务局 外事办公室 档案馆'
).split(' ');
const COUNTIES = '黄州区 团风县 红安县 麻城市 罗田县 英山县 浠水县 蕲春县 武穴市 黄梅县'.split(' ');

async function makeDepartments(db: Db): Promise<number[]> {
  const names = [
    '黄冈市人民政府办公室',
    ...BUREAUS.map((b) => `黄冈市${b}`),
    ...COUNTIES.map((c) => `${c}人民政府`),
  ];
  for (let i = 0; names.length < 60; i++) names.push(`黄冈市第${i + 1}工作办公室`);
  const ids: number[] = [];
  for (const [i, fullName] of names.slice(0, 60).entries()) {
    const result = await createDepartment(db.kysely, SYSTEM_ACTOR, {
      fullName,
      shortName: '',
      kind: 'city_department',
      creditCode: demoCreditCode(9000 + i),
      parentId: undefined,
      address: '',
      officeHours: '',
      phone: '',
      email: '',
      guideText: '',
      functionsText: '',
      sortOrder: undefined,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.fields));
    ids.push(result.value);
  }
  return ids;
}

async function makeTopics(db: Db): Promise<number[]> {
  const ids: number[] = [];
  const parents =
    '综合政务 国民经济管理 财政金融 工业交通 商贸 城乡建设 农业水利 教育科技 卫生体育 民政社保'.split(' ');
  for (const [i, name] of parents.entries()) {
    const topic = async (n: string, parentId: string) => {
      const res = await createTopic(db.kysely, SYSTEM_ACTOR, {
        name: n,
        slug: `bench-${ids.length + 1}`,
        parentId,
        description: '',
        isKeyArea: false,
        sortOrder: String(i),
      });
      if (!res.ok) throw new Error(JSON.stringify(res.fields));
      ids.push(res.value);
      return res.value;
    };
    const parent = await topic(name, '');
    await topic(`${name}（一）`, String(parent));
    await topic(`${name}（二）`, String(parent));
  }
  return ids;
}

export interface Target {
  label: string;
  db: Db;
  /** A kept database that already holds the catalogue (BENCH_REUSE=1). */
  loaded?: boolean;
  /** Records that the catalogue is loaded (kept databases only). */
  markLoaded?: () => Promise<void>;
  env: Record<string, string>;
  size: () => Promise<string>;
  cleanup: () => Promise<void>;
}

const LOADED_KEY = 'bench_search_catalogue';

/**
 * A SQLite database for the run, removed after; with `keepItems` (BENCH_REUSE=1) a kept one in a
 * folder named after the size, loaded once and reused by later runs.
 */
export async function sqliteTarget(keepItems?: number): Promise<Target> {
  const dir = keepItems
    ? join(tmpdir(), `gongkai-search-bench-kept-sqlite-${keepItems}`)
    : mkdtempSync(join(tmpdir(), 'gongkai-search-bench-'));
  const file = join(dir, 'gongkai.sqlite');
  const existed = existsSync(file);
  mkdirSync(dir, { recursive: true });
  const db = createDb({ sqliteFile: file });
  const loaded =
    keepItems !== undefined && existed && (await isMarkedLoaded(db.kysely, LOADED_KEY, keepItems));
  if (keepItems !== undefined && existed && !loaded) {
    // A kept file from an unfinished load: start again from an empty one.
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    return sqliteTarget(keepItems);
  }
  return {
    label: 'SQLite',
    db,
    loaded,
    env: { DATA_DIR: dir },
    size: async () => {
      db.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
      return `${(statSync(file).size / 1e9).toFixed(2)} GB`;
    },
    markLoaded: async () => {
      if (keepItems) await markLoaded(db.kysely, LOADED_KEY, keepItems);
    },
    cleanup: async () => {
      await db.close();
      if (!keepItems) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A PostgreSQL database for the run, dropped after; with `keepItems` (BENCH_REUSE=1) a kept one
 * named after the size, loaded once and reused by later runs.
 */
export async function postgresTarget(adminUrl: string, keepItems?: number): Promise<Target> {
  const name = keepItems ? `gongkai_search_bench_kept_${keepItems}` : `gongkai_search_bench_${process.pid}`;
  const exists = await pgAdmin(adminUrl, async (c) => {
    const found = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (!found) await c.query(`CREATE DATABASE ${name}`);
    return found;
  });
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const db = createDb({ databaseUrl: u.toString() });
  const loaded =
    keepItems !== undefined && exists && (await isMarkedLoaded(db.kysely, LOADED_KEY, keepItems));
  return {
    label: 'PostgreSQL',
    db,
    loaded,
    env: { DATABASE_URL: u.toString() },
    size: async () => {
      const c = new pg.Client({ connectionString: u.toString() });
      await c.connect();
      await c.query('VACUUM ANALYZE');
      const r = await c.query<{ s: string }>(
        'SELECT pg_size_pretty(pg_database_size(current_database())) AS s',
      );
      await c.end();
      return r.rows[0]?.s ?? '?';
    },
    markLoaded: async () => {
      if (keepItems) await markLoaded(db.kysely, LOADED_KEY, keepItems);
    },
    cleanup: async () => {
      await db.close();
      if (!keepItems) await pgAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name}`));
    },
  };
}

export async function populate(
  t: Target,
  corpus: Corpus,
  items: number,
): Promise<{ load: number; index: number }> {
  await migrateToLatest(t.db.kysely);
  const departments = await makeDepartments(t.db);
  const topics = await makeTopics(t.db);
  const r = rng(42);
  const started = Date.now();
  const BATCH = 1000;
  for (let i = 0; i < items; i += BATCH) {
    const docs: FixtureDoc[] = [];
    for (let k = i; k < Math.min(items, i + BATCH); k++) {
      const day = Math.floor(r() * 3652); // 2016-01-01 + up to ten years
      const date = new Date(Date.UTC(2016, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
      const topicIndex = Math.floor(r() * (topics.length + 6));
      docs.push({
        departmentId: departments[Math.floor(r() * departments.length)] ?? 1,
        title: corpus.titles[Math.floor(r() * corpus.titles.length)] ?? '通知',
        body: makeBody(corpus, r, Math.round(3000 * 10 ** r())),
        docNumber: r() < 0.3 ? `黄政办发〔${date.slice(0, 4)}〕${k + 1}号` : '',
        category: ITEM_CATEGORIES[Math.floor(r() * ITEM_CATEGORIES.length)],
        topicId: topics[topicIndex] ?? null,
        publishedDate: date,
        indexNumber: `BENCH${String(k + 1).padStart(7, '0')}/${date.slice(0, 4)}-${k + 1}`,
      });
    }
    await insertPublicItems(t.db.kysely, docs, 200);
    if (process.stderr.isTTY) process.stderr.write(`\r${t.label}: ${i + docs.length} items inserted`);
  }
  const load = (Date.now() - started) / 1000;
  const indexStart = Date.now();
  await reindexAll(t.db.kysely, {
    batchSize: 500,
    onProgress: (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${t.label}: ${n} items indexed   `);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  return { load, index: (Date.now() - indexStart) / 1000 };
}

async function benchTarget(t: Target, corpus: Corpus, items: number): Promise<string[]> {
  // A kept database is brought up to the newest schema first, as an upgrade would.
  if (t.loaded) await migrateToLatest(t.db.kysely);
  const { load, index } = t.loaded ? { load: 0, index: 0 } : await populate(t, corpus, items);
  if (!t.loaded) await t.markLoaded?.();
  const size = await t.size();
  const queries = drawQueries(corpus, QUERIES, 2024);
  // Warm caches with other queries first (a fresh index build leaves PostgreSQL's buffers cold).
  const warmUp = drawQueries(corpus, 100, 99);
  // The time budget for checking candidates that the routes give (VERIFY_BUDGET_MS).
  const budget = { verifyBudgetMs: VERIFY_BUDGET_MS };
  const search = (q: string) =>
    searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 20 }, budget);
  await timeEach(warmUp, search);
  let approximate = 0;
  const inProcess = await timeEachWithCpu(queries, async (q) => {
    const r = await search(q);
    if (r.approximate) approximate++;
  });
  // Queries whose time budget ran out (approximate in this pass and exact in the next).
  let approximateByDate = 0;
  const byDate = await timeEachWithCpu(queries, async (q) => {
    const r = await searchPublic(t.db.kysely, { q, sort: 'date', page: 1, pageSize: 20 }, budget);
    if (r.approximate) approximateByDate++;
  });
  // Without the posting-list cache, after the passes above (so with the pages they read warm).
  const uncached = await timeEachWithCpu(queries, (q) =>
    searchPublic(
      t.db.kysely,
      { q, sort: 'relevance', page: 1, pageSize: 20 },
      { ...budget, postingCache: { maxBytes: 0 } },
    ),
  );

  const { get, close } = await serveApp(t);
  await timeEach(warmUp, (q) => get(`/search?q=${encodeURIComponent(q)}`));
  const page = await timeEachWithCpu(queries, (q) => get(`/search?q=${encodeURIComponent(q)}`));
  const api = await timeEachWithCpu(queries, (q) => get(`/api/v1/search?q=${encodeURIComponent(q)}`));
  await close();

  // PostgreSQL's own work is in its server processes, not in this CPU column.
  const row = (what: string, m: { ms: number[]; cpuMs: number }) => latencyRow(t.label, what, m.ms, m.cpuMs);
  return [
    (t.loaded
      ? `${t.label}: ${items} items, kept from an earlier run (BENCH_REUSE=1)`
      : `${t.label}: ${items} items loaded in ${load.toFixed(0)} s, indexed in ${index.toFixed(0)} s ` +
        `(${Math.round(items / index)} items/s)`) +
      `; database ${size}; ${approximate} of ${QUERIES} queries had approximate counts in the first pass, ` +
      `${approximateByDate} in the second (the difference: past the time budget for checking candidates, ${VERIFY_BUDGET_MS} ms)`,
    row('in-process searchPublic, relevance', inProcess),
    row('in-process searchPublic, by date', byDate),
    row('in-process searchPublic, relevance, posting-list cache off (run third)', uncached),
    row('HTTP GET /search (HTML page)', page),
    row('HTTP GET /api/v1/search (JSON)', api),
  ];
}

export async function runSearchBench(pgAdminUrl: string | undefined): Promise<string> {
  const items = Number(process.env.BENCH_ITEMS ?? 100_000);
  const corpus = loadCorpus();
  const notes: string[] = [];
  const rows: string[] = [];
  const keep = process.env.BENCH_REUSE === '1' ? items : undefined;
  const targets: (() => Promise<Target>)[] = [];
  // BENCH_SEARCH_DATABASES=postgres measures PostgreSQL only.
  if (process.env.BENCH_SEARCH_DATABASES !== 'postgres') targets.push(() => sqliteTarget(keep));
  if (pgAdminUrl) targets.push(() => postgresTarget(pgAdminUrl, keep));
  for (const make of targets) {
    const t = await make();
    try {
      const [note = '', ...r] = await benchTarget(t, corpus, items);
      notes.push(note);
      rows.push(...r);
    } finally {
      await t.cleanup();
    }
  }
  return [
    `### Search — ${items} items, ${QUERIES} queries of 2–6 characters (from ${corpus.source}), one at a time, ms`,
    '| database | what | p50 | p95 | p99 | max | CPU ms/query (this process) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...notes.map((n) => `- ${n}`),
    '- CPU ms/query: this process, user + system, mean (HTTP rows: client and server together; PostgreSQL backends not counted). It moves much less than latency when the host is busy.',
    '- Targets: p95 < 30 ms on SQLite and < 50 ms on PostgreSQL at 100,000 items.',
  ].join('\n');
}

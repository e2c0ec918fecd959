// A generated catalogue for the figures of issue 3 §6: N items with realistic Chinese bodies
// (3–30 KB, built from paragraphs of the shared corpus), spread over 60 departments and ten
// years, written as the JSON Lines that `gongkai import items` reads, then loaded through the
// catalogue's own import path (so public_items, versions and the search index are all filled the
// way production fills them). Deterministic: the same seed gives the same catalogue.
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/audit.types.js';
import { loadBundledCalendar } from '../src/calendar/calendar.service.js';
import { DEFAULT_CATALOGUE_SETTINGS } from '../src/catalogue/items.access.js';
import { importItemsFromFile, INDEX_BATCH_SIZE, type ImportReport } from '../src/catalogue/items.import.js';
import { DEFAULT_TOPICS } from '../src/catalogue/topics.types.js';
import { ensureDefaultTopics } from '../src/catalogue/topics.service.js';
import type { Database, Db } from '../src/db/database.js';
import { startBulkLoad } from '../src/db/bulk-load.js';
import { demoCreditCode } from '../src/demo/demo-departments.js';
import { createDepartment } from '../src/orgs/orgs.service.js';
import { indexUnindexed } from '../src/search/search.service.js';

const CORPUS = process.env.CORPUS ?? new URL('../../shared/corpus/corpus.jsonl', import.meta.url).pathname;

const BUREAUS = [
  '人民政府办公室',
  '发展和改革委员会',
  '教育局',
  '科学技术局',
  '经济和信息化局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利和湖泊局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '林业局',
  '城市管理执法委员会',
  '行政审批局',
  '信访局',
  '地方金融工作局',
];
const COUNTIES = [
  '黄州区',
  '团风县',
  '红安县',
  '麻城市',
  '罗田县',
  '英山县',
  '浠水县',
  '蕲春县',
  '武穴市',
  '黄梅县',
];
const DOC_TYPES = [
  '通知公告',
  '规范性文件',
  '工作动态',
  '政策解读',
  '规划计划',
  '统计数据',
  '财政信息',
  '人事信息',
  '国务院文件',
];

/** 60 departments: the city's 30 bureaus, 10 county governments and 20 county bureaus. */
export function benchDepartmentNames(): string[] {
  const names = BUREAUS.map((b) => `黄冈市${b}`);
  names.push(...COUNTIES.map((c) => `${c}人民政府`));
  for (const c of COUNTIES) names.push(`${c}教育局`, `${c}财政局`);
  return names.slice(0, 60);
}

/** Small, fast, seeded PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function loadCorpus(): { titles: string[]; paragraphs: string[] } {
  if (!existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (set CORPUS=<file.jsonl>)`);
  const titles: string[] = [];
  const paragraphs: string[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc: unknown = JSON.parse(line);
    if (typeof doc !== 'object' || doc === null) continue;
    const title = 'title' in doc && typeof doc.title === 'string' ? doc.title : '';
    const body = 'body' in doc && typeof doc.body === 'string' ? doc.body : '';
    if (title) titles.push(title.replace(/\s+/g, ' ').trim().slice(0, 80));
    for (const p of body.split(/\n+/)) {
      const text = p.trim();
      if ([...text].length >= 30) paragraphs.push(text);
    }
  }
  return { titles, paragraphs };
}

export interface GenerateOptions {
  items: number;
  seed?: number;
  /** First of the ten years (default 2016: 2016–2025). */
  firstYear?: number;
}

/** Writes the catalogue as import JSON Lines; returns the total bytes written. */
export async function writeCatalogueJsonl(file: string, o: GenerateOptions): Promise<number> {
  const rand = prng(o.seed ?? 20171);
  const { titles, paragraphs } = loadCorpus();
  if (titles.length === 0 || paragraphs.length === 0) throw new Error(`no documents in ${CORPUS}`);
  const pick = (xs: readonly string[]): string => xs[Math.floor(rand() * xs.length)] ?? '';
  const departments = benchDepartmentNames();
  const topics = DEFAULT_TOPICS.flatMap((g) => g.children.map(([name]) => name));
  const firstYear = o.firstYear ?? 2016;
  const out = createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  for (let i = 0; i < o.items; i++) {
    const year = firstYear + (i % 10);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const signed = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const publishedDay = Math.min(28, day + Math.floor(rand() * 10));
    const published = `${year}-${String(month).padStart(2, '0')}-${String(publishedDay).padStart(2, '0')}`;
    const issuer = departments[i % departments.length] ?? '';
    const target = 3 * 1024 + Math.floor(rand() * 27 * 1024);
    const parts: string[] = [];
    let size = 0;
    while (size < target) {
      const p = pick(paragraphs);
      parts.push(p);
      size += Buffer.byteLength(p) + 2;
    }
    const record = {
      title: `${pick(titles)}（${year}-${i}）`,
      issuer,
      doc_number: rand() < 0.6 ? `黄${issuer.slice(3, 5)}发〔${year}〕${1 + (i % 300)}号` : null,
      date: signed,
      published_date: published,
      body: parts.join('\n\n'),
      source: `bench:${i}`,
      doc_type: pick(DOC_TYPES),
      topic: rand() < 0.7 ? pick(topics) : null,
    };
    const line = `${JSON.stringify(record)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Prepares an empty, migrated database: calendar, topics and the 60 departments. */
export async function prepareBenchDatabase(db: Kysely<Database>): Promise<void> {
  await loadBundledCalendar(db);
  await ensureDefaultTopics(db);
  let n = 0;
  for (const fullName of benchDepartmentNames()) {
    const r = await createDepartment(db, SYSTEM_ACTOR, {
      fullName,
      shortName: '',
      kind: fullName.endsWith('人民政府') ? 'county_government' : 'city_department',
      creditCode: demoCreditCode(9000 + ++n),
      parentId: undefined,
      address: '',
      officeHours: '',
      phone: '',
      email: '',
      guideText: `${fullName}政府信息公开指南（测试数据）。`,
      functionsText: '',
      sortOrder: undefined,
    });
    if (!r.ok) throw new Error(`department ${fullName}: ${JSON.stringify(r.fields)}`);
  }
}

export interface BenchImport {
  report: ImportReport;
  /** Phase 1 with its final WAL checkpoint: what `gongkai import items` takes before it returns. */
  catalogueSeconds: number;
  /** Of which the final checkpoint (SQLite). */
  checkpointSeconds: number;
  /** Phase 2: the search index, as the server's background indexer (or `gongkai search index`) builds it. */
  indexed: number;
  indexSeconds: number;
}

/**
 * Loads the file as `gongkai import items` does (the catalogue rows in a bulk load, which ends with
 * a checkpoint), then builds the search index in a second bulk load. `onPhase` is called before
 * each step and at the end (for CPU accounting); `index: false` skips phase 2.
 */
export async function importBenchCatalogue(
  db: Db,
  file: string,
  o: { defaultDepartment?: string; index?: boolean; onPhase?: () => Promise<void> } = {},
): Promise<BenchImport> {
  await o.onPhase?.();
  const bulk = startBulkLoad(db);
  const report = await importItemsFromFile(db.kysely, file, {
    settings: DEFAULT_CATALOGUE_SETTINGS,
    actor: { userId: null, name: '基准测试导入', departmentId: null },
    defaultDepartment: o.defaultDepartment ?? '黄冈市人民政府办公室',
    index: false,
    betweenBatches: () => bulk.settle(),
  });
  await o.onPhase?.();
  let t0 = performance.now();
  await bulk.end();
  const checkpointSeconds = (performance.now() - t0) / 1000;
  await o.onPhase?.();
  const bulk2 = startBulkLoad(db);
  t0 = performance.now();
  const { indexed } =
    o.index === false
      ? { indexed: 0 }
      : await indexUnindexed(db.kysely, {
          batchSize: INDEX_BATCH_SIZE,
          betweenBatches: () => bulk2.settle(),
        });
  await bulk2.end();
  const indexSeconds = (performance.now() - t0) / 1000;
  await o.onPhase?.();
  return {
    report,
    catalogueSeconds: report.catalogueSeconds + checkpointSeconds,
    checkpointSeconds,
    indexed,
    indexSeconds,
  };
}

// Import from an old site's catalogue: JSON Lines, one document per line
//   {title, issuer, doc_number, date, body, source?, doc_type?, published_date?, index_number?, topic?}
// (null where unknown). Imported items are published directly with their original dates (they
// were public on the old site). Issuers are matched to departments by full name; unknown issuers
// become external organisations filed under a default department. Re-running a file changes
// nothing (import_key); bad lines are reported with their line numbers and skipped; lines are
// written in batches, each batch one transaction.
//
// Two phases: first the catalogue rows of the whole file (items, their first version and the public
// projection; the file is read and decoded on another thread, shared/lines.ts), then the search
// index for them, in large batches (search's indexUnindexed: it also picks up items that an import
// interrupted between the phases left unindexed). Indexing is most of the work (FTS5 or GIN over
// every character and bigram), about five times the first phase. With `index: false` (the
// command's default) the second phase is left to the background indexer (search.indexer.ts): the
// items can be browsed as soon as this returns and are findable once it has caught up. Otherwise,
// when importItemsFromFile returns, every imported item is findable. The report times both phases.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import { sqliteHandleOf, type Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import type { Department } from '../orgs/orgs.types.js';
import { invalidatePublicCache } from '../portal/render-cache.js';
import { indexUnindexed } from '../search/search.service.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { readLines } from '../shared/lines.js';
import { renderBody } from './body.render.js';
import type { ItemCategory } from './catalogue.types.js';
import { normaliseDocNumber } from './doc-number.js';
import { formatIndexNumber, indexNumberPrefix, serialOfIndexNumber } from './index-number.js';
import type { CatalogueSettings } from './items.access.js';
import { publicationDueDate, workdayCalendar, type WorkdayCalendar } from './items.deadlines.js';
import * as importRepo from './items-import.repository.js';
import * as repo from './items.repository.js';
import { TITLE_MAX } from './items.types.js';
import { DEFAULT_SCOPE, isIsoDate } from './items.validation.js';
import { listTopics } from './topics.service.js';

/**
 * Lines per transaction of the catalogue rows. Each transaction writes every index page it touches
 * once (索引号, import key and the browse indexes take keys at random places), so larger ones write
 * fewer pages per item: at 100,000 items, 2,000 lines wrote 9 GB against 11.6 GB for 500, and took a
 * quarter less time. A transaction of 2,000 lines holds SQLite's write lock for about a second.
 */
export const IMPORT_BATCH_SIZE = 2_000;
/** Items per transaction when indexing the imported items for search. */
export const INDEX_BATCH_SIZE = 500;

/** One valid line of the file. */
export interface ImportRecord {
  line: number;
  title: string;
  issuer: string;
  docNumber: string;
  date: string | null;
  body: string;
  source: string;
  docType: string;
  publishedDate: string | null;
  indexNumber: string | null;
  topic: string;
  importKey: string;
}

export interface ImportReport {
  lines: number;
  imported: number;
  /** Lines already imported by an earlier run (or repeated in the file). */
  unchanged: number;
  errors: { line: number; message: string }[];
  /** Issuers that are not departments of this platform, with how many documents each. */
  externalOrgs: { name: string; items: number }[];
  defaultDepartment: string;
  /** Whether the second phase ran (otherwise the background indexer builds the index). */
  waitedForIndex: boolean;
  /** Items added to the search index in the second phase (this import's, and any left unindexed). */
  indexed: number;
  /** Phase 1: reading the file and writing the catalogue rows (items, versions, public_items). */
  catalogueSeconds: number;
  /** Phase 2: the search index for the new items. */
  indexSeconds: number;
  /** Everything, from opening the file until the rows are written and, when waited for, indexed. */
  seconds: number;
}

const CATEGORY_OF_DOC_TYPE: Record<string, ItemCategory> = {
  国务院文件: 'policy',
  政府工作报告: 'plan',
  行政法规: 'policy',
  部门规章: 'policy',
  地方性法规: 'policy',
  司法解释: 'policy',
  宪法: 'policy',
  宪法相关法: 'policy',
  民法典: 'policy',
  民法商法: 'policy',
  行政法: 'policy',
  经济法: 'policy',
  社会法: 'policy',
  刑法: 'policy',
  诉讼与非诉讼程序法: 'policy',
  规范性文件: 'normative',
  政策解读: 'interpretation',
  通知公告: 'notice',
  工作动态: 'news',
  规划计划: 'plan',
  统计数据: 'statistics',
  财政信息: 'finance',
  人事信息: 'personnel',
};

function optionalString(o: Record<string, unknown>, key: string): string | null | Error {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return new Error(`“${key}”应为字符串或 null`);
  return v;
}

/** Reads one line; a string is the reason it cannot be imported. */
export function parseImportLine(text: string, line: number): ImportRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return '不是有效的 JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '应为 JSON 对象';
  const o: Record<string, unknown> = { ...value };
  const fields: Record<string, string | null> = {};
  for (const key of [
    'title',
    'issuer',
    'doc_number',
    'date',
    'body',
    'source',
    'doc_type',
    'published_date',
    'index_number',
    'topic',
  ]) {
    const v = optionalString(o, key);
    if (v instanceof Error) return v.message;
    fields[key] = v;
  }
  const title = (fields.title ?? '').replace(/\s+/g, ' ').trim();
  if (!title) return '缺少名称（title）';
  if ([...title].length > TITLE_MAX) return `名称超过 ${TITLE_MAX} 个字`;
  if (fields.body === null) return '缺少正文（body）';
  for (const key of ['date', 'published_date'] as const) {
    const d = fields[key];
    if (d !== null && d !== undefined && !isIsoDate(d))
      return `日期“${key}”应为 YYYY-MM-DD 格式的有效日期（现为“${d}”）`;
  }
  const date = fields.date ?? null;
  const publishedDate = fields.published_date ?? null;
  if (date && publishedDate && date > publishedDate) return `成文日期 ${date} 晚于发布日期 ${publishedDate}`;
  const docNumber = normaliseDocNumber(fields.doc_number ?? '');
  const source = (fields.source ?? '').trim();
  const indexNumber = (fields.index_number ?? '').trim() || null;
  if (indexNumber && indexNumber.length > 60) return '索引号过长';
  return {
    line,
    title,
    issuer: (fields.issuer ?? '').trim(),
    docNumber,
    date,
    body: fields.body ?? '',
    source,
    docType: (fields.doc_type ?? '').trim(),
    publishedDate,
    indexNumber,
    topic: (fields.topic ?? '').trim(),
    importKey: createHash('sha256').update(`${source}\u0000${title}\u0000${docNumber}`).digest('hex'),
  };
}

/** The department documents of unknown issuers are filed under. */
export function chooseDefaultDepartment(
  departments: readonly Department[],
  wanted: string,
): Department | undefined {
  const active = departments.filter((d) => d.active);
  if (wanted) return departments.find((d) => d.fullName === wanted);
  return (
    active.find((d) => /市人民政府办公室$/.test(d.fullName)) ??
    active.find((d) => d.fullName.endsWith('人民政府办公室')) ??
    active[0]
  );
}

function beijingMidnightIso(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, -8)).toISOString();
}

interface ImportContext {
  settings: CatalogueSettings;
  calendar: WorkdayCalendar;
  departmentsByName: Map<string, Department>;
  fallback: Department;
  topicIdByName: Map<string, number>;
  externalOrgIds: Map<string, number>;
  externalCounts: Map<string, number>;
  seenKeys: Set<string>;
  actor: AuditActor;
  fileName: string;
  today: string;
}

/**
 * Lines checked at a time against those already imported (one query each), before their bodies
 * are rendered: few enough that their text, still strings, is gone by the young-generation
 * collector's next cycle.
 */
const SCREEN_SIZE = 100;

/**
 * A new line waiting for its transaction, with its publication due date (Art. 26) and its body and
 * public HTML as UTF-8 bytes, all worked out beforehand so that the transaction (SQLite's write
 * lock) holds only the writes. A transaction's 2,000 lines wait in memory: as strings, their
 * bodies outlived the young-generation collector's cycles and were copied by it (a quarter of the
 * main thread's time went to collecting). Bytes live outside the JavaScript heap and are never
 * copied, and SQLite stores them as text unchanged. (Encoding turns a lone surrogate, which UTF-8
 * cannot hold, into U+FFFD, as PostgreSQL's driver always did.)
 */
type ReadyRecord = Omit<ImportRecord, 'body'> & {
  body: Uint8Array;
  bodyHtml: Uint8Array;
  dueDate: string | null;
};

/**
 * The lines to write among `records`: not seen earlier in the file and not imported before (a
 * re-run changes nothing and renders nothing), made ready.
 */
async function screen(
  db: Kysely<Database>,
  ctx: ImportContext,
  records: readonly ImportRecord[],
  report: ImportReport,
): Promise<ReadyRecord[]> {
  const fresh = records.filter((r) => {
    if (ctx.seenKeys.has(r.importKey)) {
      report.unchanged++;
      return false;
    }
    ctx.seenKeys.add(r.importKey);
    return true;
  });
  if (fresh.length === 0) return [];
  const known = await importRepo.existingImportKeys(
    db,
    fresh.map((r) => r.importKey),
  );
  const ready: ReadyRecord[] = [];
  for (const r of fresh) {
    if (known.has(r.importKey)) report.unchanged++;
    else
      ready.push({
        ...r,
        body: Buffer.from(r.body, 'utf8'),
        bodyHtml: Buffer.from(renderBody(r.body), 'utf8'),
        // The calendar is cached per database handle.
        dueDate: r.date ? await publicationDueDate(ctx.calendar, r.date) : null,
      });
  }
  return ready;
}

/** Writes new lines in one transaction (those another import wrote meanwhile are skipped). */
async function importBatch(
  db: Kysely<Database>,
  ctx: ImportContext,
  ready: ReadyRecord[],
  report: ImportReport,
): Promise<void> {
  if (ready.length === 0) return;
  await db.transaction().execute(async (trx) => {
    // Before reading: a server may be writing the same database meanwhile.
    await lockResource(trx, 'catalogue_import');
    // Another import may have written some of them since.
    const existing = await importRepo.existingImportKeys(
      trx,
      ready.map((r) => r.importKey),
    );
    const taken = await importRepo.existingIndexNumbers(
      trx,
      ready.flatMap((r) => (r.indexNumber ? [r.indexNumber] : [])),
    );
    const todo: ReadyRecord[] = [];
    for (const r of ready) {
      if (existing.has(r.importKey)) report.unchanged++;
      else if (r.indexNumber && taken.has(r.indexNumber))
        report.errors.push({ line: r.line, message: `索引号 ${r.indexNumber} 已被其他信息使用` });
      else {
        if (r.indexNumber) taken.add(r.indexNumber);
        todo.push(r);
      }
    }
    if (todo.length === 0) return;
    const rows = await buildRows(trx, ctx, todo);
    const ids = await importRepo.insertPublishedItems(trx, rows, sqliteHandleOf(db));
    await appendAudit(trx, ctx.actor, {
      action: 'items_imported',
      entityType: 'import',
      entityId: ctx.fileName,
      summary: { lines: `${todo[0]?.line ?? 0}–${todo[todo.length - 1]?.line ?? 0}`, imported: ids.size },
      departmentId: null,
    });
    report.imported += ids.size;
  });
}

/** The department, external organisation and 索引号 of each record; serials taken in blocks. */
async function buildRows(
  trx: Transaction<Database>,
  ctx: ImportContext,
  records: ReadyRecord[],
): Promise<Parameters<typeof importRepo.insertPublishedItems>[1]> {
  const placed = [];
  const needSerial = new Map<string, { departmentId: number; year: number; count: number; next: number }>();
  for (const r of records) {
    const department = ctx.departmentsByName.get(r.issuer) ?? ctx.fallback;
    let externalOrgId: number | null = null;
    if (!ctx.departmentsByName.has(r.issuer) && r.issuer) {
      externalOrgId = ctx.externalOrgIds.get(r.issuer) ?? null;
      if (externalOrgId === null) {
        externalOrgId = await importRepo.findOrCreateExternalOrg(trx, r.issuer, nowIso());
        ctx.externalOrgIds.set(r.issuer, externalOrgId);
      }
      ctx.externalCounts.set(r.issuer, (ctx.externalCounts.get(r.issuer) ?? 0) + 1);
    }
    const publishedDate = r.publishedDate ?? r.date ?? ctx.today;
    const year = Number(publishedDate.slice(0, 4));
    const code = indexNumberPrefix(department);
    if (r.indexNumber) {
      const own = serialOfIndexNumber(ctx.settings.indexNumberFormat, r.indexNumber, code);
      if (own) await repo.raiseSerial(trx, department.id, own.year, own.serial);
    } else {
      const key = `${department.id}:${year}`;
      const group = needSerial.get(key) ?? { departmentId: department.id, year, count: 0, next: 0 };
      group.count++;
      needSerial.set(key, group);
    }
    placed.push({ r, department, externalOrgId, publishedDate, year, code });
  }
  // In a fixed order, so two imports never wait on each other's serial rows.
  const groups = [...needSerial.values()].sort((x, y) => x.departmentId - y.departmentId || x.year - y.year);
  for (const group of groups)
    group.next = await importRepo.allocateSerials(trx, group.departmentId, group.year, group.count);
  const now = nowIso();
  return placed.map(({ r, department, externalOrgId, publishedDate, year, code }) => {
    let indexNumber = r.indexNumber;
    if (!indexNumber) {
      const group = needSerial.get(`${department.id}:${year}`);
      const serial = group ? group.next++ : 0;
      indexNumber = formatIndexNumber(ctx.settings.indexNumberFormat, { code, year, serial });
    }
    const at = beijingMidnightIso(publishedDate);
    const segments = r.topic.split(/\\+/).filter(Boolean);
    const topicId = ctx.topicIdByName.get(segments[segments.length - 1] ?? '') ?? null;
    const category = CATEGORY_OF_DOC_TYPE[r.docType] ?? 'other';
    const issuer = r.issuer || department.fullName;
    const dueDate = r.dueDate;
    return {
      changeNote: '从原网站导入',
      body: r.body,
      bodyHtml: r.bodyHtml,
      item: {
        departmentId: department.id,
        externalOrgId,
        indexNumber,
        title: r.title,
        summary: '',
        docNumber: r.docNumber,
        issuer,
        signedDate: r.date,
        topicId,
        category,
        disclosure: 'proactive' as const,
        disclosureGround: null,
        disclosureReason: '',
        scope: DEFAULT_SCOPE,
        validity: null,
        needsInterpretation: false,
        interpretationExemptReason: '',
        interpretationForm: null,
        status: 'published' as const,
        currentVersion: 1,
        pendingChangeNote: '',
        authorId: null,
        reviewerId: null,
        reviewComment: '',
        scheduledAt: null,
        firstPublishedAt: at,
        dueDate,
        publishedOnTime: dueDate === null ? null : publishedDate <= dueDate,
        withdrawnAt: null,
        withdrawReason: '',
        piiConfirmReason: '',
        sourceUrl: r.source,
        importKey: r.importKey,
        createdAt: now,
        updatedAt: now,
      },
      publicRow: {
        index_number: indexNumber,
        department_id: department.id,
        issuer,
        title: r.title,
        summary: '',
        doc_number: r.docNumber,
        signed_date: r.date,
        published_date: publishedDate,
        published_at: at,
        updated_at: now,
        year,
        topic_id: topicId,
        category,
        validity: null,
        scope: DEFAULT_SCOPE,
        version: 1,
        interpretation_form: null,
      },
    };
  });
}

export interface ImportOptions {
  settings: CatalogueSettings;
  actor: AuditActor;
  /** Full name of the department for unknown issuers ('' = the 人民政府办公室, else the first). */
  defaultDepartment: string;
  /** New lines per transaction (default IMPORT_BATCH_SIZE). */
  batchSize?: number;
  onProgress?: (done: { bytes: number; totalBytes: number; lines: number }) => void;
  /** Progress of the second phase (search index): items indexed so far, of about `total`. */
  onIndexProgress?: (done: { indexed: number; total: number }) => void;
  /** Called when a phase starts: 'index' once the catalogue rows are all written. */
  onPhase?: (phase: 'index') => void;
  /** Build the search index before returning (default); false leaves it to the background indexer. */
  index?: boolean;
  /** Called after each transaction of either phase (a bulk load's settle(), db/bulk-load.ts). */
  betweenBatches?: () => Promise<void>;
}

export class ImportSetupError extends Error {}

export async function importItemsFromFile(
  db: Kysely<Database>,
  file: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const departments = await listAllDepartments(db);
  const fallback = chooseDefaultDepartment(departments, options.defaultDepartment);
  if (!fallback)
    throw new ImportSetupError(
      options.defaultDepartment
        ? `找不到默认机构“${options.defaultDepartment}”（须为机构全称）`
        : '系统中还没有任何机构，请先创建机构',
    );
  const topics = await listTopics(db, true);
  const ctx: ImportContext = {
    settings: options.settings,
    calendar: workdayCalendar(db),
    departmentsByName: new Map(departments.map((d) => [d.fullName, d])),
    fallback,
    topicIdByName: new Map(topics.map((t) => [t.name, t.id])),
    externalOrgIds: new Map(),
    externalCounts: new Map(),
    seenKeys: new Set(),
    actor: options.actor,
    fileName: file.split(/[\\/]/).pop() ?? file,
    today: shanghaiDate(),
  };
  const report: ImportReport = {
    lines: 0,
    imported: 0,
    unchanged: 0,
    errors: [],
    externalOrgs: [],
    defaultDepartment: fallback.fullName,
    waitedForIndex: options.index !== false,
    indexed: 0,
    catalogueSeconds: 0,
    indexSeconds: 0,
    seconds: 0,
  };
  const totalBytes = (await stat(file)).size;
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer (was ${batchSize})`);
  let bytes = 0;
  let shownLines = 0;
  let pending: ImportRecord[] = [];
  const batch: ReadyRecord[] = [];
  /** Writes the waiting new lines, batchSize to a transaction (at the end of the file, all). */
  const write = async (all: boolean) => {
    while (batch.length >= batchSize || (all && batch.length > 0)) {
      await importBatch(db, ctx, batch.splice(0, batchSize), report);
      await options.betweenBatches?.();
    }
  };
  for await (const line of readLines(file)) {
    const text = line.text;
    report.lines++;
    bytes = line.bytes;
    if (text.trim() === '') continue;
    const parsed = parseImportLine(report.lines === 1 ? text.replace(/^\uFEFF/, '') : text, report.lines);
    if (typeof parsed === 'string') report.errors.push({ line: report.lines, message: parsed });
    else pending.push(parsed);
    if (pending.length >= SCREEN_SIZE) {
      batch.push(...(await screen(db, ctx, pending, report)));
      pending = [];
    }
    await write(false);
    if (report.lines - shownLines >= batchSize) {
      options.onProgress?.({ bytes, totalBytes, lines: report.lines });
      shownLines = report.lines;
    }
  }
  batch.push(...(await screen(db, ctx, pending, report)));
  await write(true);
  options.onProgress?.({ bytes: totalBytes, totalBytes, lines: report.lines });
  if (report.imported > 0) invalidatePublicCache();
  options.onPhase?.('index');
  const indexing = performance.now();
  report.catalogueSeconds = (indexing - started) / 1000;
  // Phase 2: the search index, in large batches (each a transaction), for the new items and any
  // that an interrupted earlier import left unindexed. When this returns, every item is findable.
  if (report.waitedForIndex) {
    const total = report.imported;
    const { indexed } = await indexUnindexed(db, {
      batchSize: INDEX_BATCH_SIZE,
      ...(options.betweenBatches ? { betweenBatches: options.betweenBatches } : {}),
      onProgress: (n) => options.onIndexProgress?.({ indexed: n, total: Math.max(total, n) }),
    });
    report.indexed = indexed;
  }
  report.indexSeconds = (performance.now() - indexing) / 1000;
  report.errors.sort((a, b) => a.line - b.line);
  report.externalOrgs = [...ctx.externalCounts]
    .map(([name, items]) => ({ name, items }))
    .sort((a, b) => b.items - a.items);
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

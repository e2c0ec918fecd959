// Use-cases of 双随机一公开: the two 名录库 (imported like the lists), draws committed before and
// revealed at the draw, results with their 20-working-day deadline, and yearly coverage.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { addWorkdays } from '../calendar/calendar.service.js';
import type { Database } from '../db/database.js';
import { likePattern } from '../db/dialect.js';
import { notFound, invalid, ok, type Result } from '../http/errors.js';
import { INSPECTION_MATTERS_SLUG } from '../lists/lists.builtin.js';
import type { RowProblem } from '../lists/lists.import.js';
import { findDepartmentList, getListType, listDepartmentLists, listEntries } from '../lists/lists.service.js';
import { mapHeaders, readTable } from '../lists/lists.tabular.js';
import { creditCodeProblem, CREDIT_CODE_MESSAGES, normaliseCreditCode } from '../orgs/credit-code.js';
import { getDepartment, listAllDepartments } from '../orgs/orgs.service.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import {
  canonicalJson,
  drawSelection,
  seedCommitment,
  sha256Hex,
  verifyDraw,
  type DrawPublicData,
  type VerifyOutcome,
} from './inspections.draw.js';
import { keepCommitted, takeCommitted } from './inspections.committed.js';
import * as repo from './inspections.repository.js';
import {
  MIN_COVERAGE_PERCENT,
  OUTCOMES,
  RESULT_PUBLISH_WORKDAYS,
  type Draw,
  type DrawSummary,
  type Entity,
  type InspectionResult,
  type Inspector,
} from './inspections.types.js';

export const LIBRARIES = ['entities', 'inspectors'] as const;
export type Library = (typeof LIBRARIES)[number];
export const LIBRARY_LABELS: Record<Library, string> = {
  entities: '检查对象名录库',
  inspectors: '执法检查人员名录库',
};

const ENTITY_COLUMNS = [
  { key: 'creditCode', label: '统一社会信用代码', required: true },
  { key: 'name', label: '名称', required: true },
  { key: 'address', label: '地址', required: false },
  { key: 'industry', label: '行业', required: false },
  { key: 'riskTags', label: '风险标签', required: false },
];
const INSPECTOR_COLUMNS = [
  { key: 'certNo', label: '执法证号', required: true },
  { key: 'name', label: '姓名', required: true },
  { key: 'field', label: '执法领域', required: false },
  { key: 'relations', label: '回避对象', required: false },
];

export function libraryColumns(library: Library) {
  return library === 'entities' ? ENTITY_COLUMNS : INSPECTOR_COLUMNS;
}

export type LibraryImport =
  { ok: true; imported: number } | { ok: false; message: string; problems: RowProblem[] };

/** Imports (adds or updates) a 名录库 from CSV/XLSX: all rows or none. */
export async function importLibrary(
  db: Kysely<Database>,
  user: CurrentUser,
  library: Library,
  bytes: Buffer,
): Promise<LibraryImport> {
  const read = readTable(bytes);
  if (!read.ok) return { ok: false, message: read.message, problems: [] };
  const cols = libraryColumns(library);
  const { columns } = mapHeaders(read.table.headers, cols);
  const missing = cols.filter((c) => c.required && !columns.includes(c));
  if (missing.length)
    return {
      ok: false,
      message: '文件缺少必填列。',
      problems: missing.map((c) => ({ row: 1, column: c.label, message: `缺少必填列“${c.label}”` })),
    };
  const problems: RowProblem[] = [];
  const entities: Entity[] = [];
  const inspectors: Inspector[] = [];
  const certRows = new Map<string, number>();
  for (const row of read.table.rows) {
    const v: Record<string, string> = {};
    columns.forEach((c, i) => {
      if (c) v[c.key] = (row.cells[i] ?? '').trim();
    });
    for (const c of cols)
      if (c.required && !v[c.key])
        problems.push({ row: row.rowNumber, column: c.label, message: `请填写${c.label}` });
    if (library === 'entities') {
      const code = normaliseCreditCode(v.creditCode ?? '');
      const problem = code ? creditCodeProblem(code) : undefined;
      if (problem)
        problems.push({
          row: row.rowNumber,
          column: '统一社会信用代码',
          message: CREDIT_CODE_MESSAGES[problem],
        });
      entities.push({
        creditCode: code,
        name: v.name ?? '',
        address: v.address ?? '',
        industry: v.industry ?? '',
        riskTags: v.riskTags ?? '',
      });
    } else {
      const relations = (v.relations ?? '')
        .split(/[、,，;；\s]+/)
        .map(normaliseCreditCode)
        .filter(Boolean);
      const certNo = (v.certNo ?? '').toUpperCase();
      const first = certRows.get(certNo);
      if (certNo && first !== undefined)
        problems.push({
          row: row.rowNumber,
          column: '执法证号',
          message: `与第 ${first} 行重复（${certNo}）`,
        });
      else if (certNo) certRows.set(certNo, row.rowNumber);
      inspectors.push({ certNo, name: v.name ?? '', field: v.field ?? '', relations });
    }
  }
  // A 执法证号 identifies one person: it may not be in another department's library.
  for (const holder of await repo.inspectorsByCert(db, [...certRows.keys()]))
    if (holder.departmentId !== user.departmentId)
      problems.push({
        row: certRows.get(holder.certNo) ?? 0,
        column: '执法证号',
        message: `执法证号 ${holder.certNo} 已登记在${holder.departmentName}的名录库中`,
      });
  problems.sort((a, b) => a.row - b.row);
  if (problems.length) return { ok: false, message: '有数据有误，未导入任何数据。', problems };
  await db.transaction().execute(async (trx) => {
    if (library === 'entities') await repo.upsertEntities(trx, user.departmentId, entities, nowIso());
    else await repo.upsertInspectors(trx, user.departmentId, inspectors, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: `inspections.import_${library}`,
      entityType: 'inspection_library',
      entityId: user.departmentId,
      summary: { rows: library === 'entities' ? entities.length : inspectors.length },
    });
  });
  return { ok: true, imported: library === 'entities' ? entities.length : inspectors.length };
}

export const listEntities = (db: Kysely<Database>, departmentId: number) =>
  repo.listEntities(db, departmentId);
export const listInspectors = (db: Kysely<Database>, departmentId: number) =>
  repo.listInspectors(db, departmentId);

/** The matters of the department's 随机抽查事项清单 (its published entries' names). */
export async function departmentMatters(db: Kysely<Database>, departmentId: number): Promise<string[]> {
  const type = await getListType(db, INSPECTION_MATTERS_SLUG);
  const list = await findDepartmentList(db, type.id, departmentId);
  if (!list) return [];
  return (await listEntries(db, list.id)).map((e) => e.values.name ?? e.key);
}

export interface DrawInput {
  title: string;
  matter: string;
  industry: string;
  count: string;
  percent: string;
  inspectorsPerEntity: string;
}

/** Publishes a draw's pool, parameters and seed commitment (the seed stays secret until the draw). */
export async function commitDraw(
  db: Kysely<Database>,
  user: CurrentUser,
  input: DrawInput,
  today: string = shanghaiDate(),
): Promise<Result<number>> {
  const fields: Record<string, string> = {};
  const title = input.title.trim();
  if (title.length < 2 || title.length > 100) fields.title = '请填写抽查任务名称（2–100 字）';
  const matters = await departmentMatters(db, user.departmentId);
  if (!matters.includes(input.matter))
    fields.matter = matters.length
      ? '请从本部门随机抽查事项清单中选择抽查事项'
      : '本部门尚未公布随机抽查事项清单';
  const count = /^\d{1,7}$/.test(input.count.trim()) ? Number(input.count.trim()) : null;
  const percent = /^\d{1,3}(\.\d{1,2})?$/.test(input.percent.trim()) ? Number(input.percent.trim()) : null;
  if ((count === null || count < 1) && (percent === null || percent <= 0 || percent > 100))
    fields.count = '请填写抽取数量（≥ 1），或抽取比例（0–100%）';
  const per = Number(input.inspectorsPerEntity.trim() || '2');
  if (!Number.isInteger(per) || per < 2 || per > 10)
    fields.inspectorsPerEntity = '每个检查对象至少抽取 2 名执法检查人员（至多 10 名）';
  const entities = await repo.listPool(db, user.departmentId, input.industry.trim() || undefined);
  const inspectors = await repo.listInspectors(db, user.departmentId);
  if (entities.length === 0) fields.industry = '抽取池为空：检查对象名录库中没有符合条件的对象';
  if (inspectors.length < per)
    fields.inspectorsPerEntity = `执法检查人员名录库中只有 ${inspectors.length} 人`;
  if (Object.keys(fields).length) return invalid(fields);
  const pool = new Set(entities.map((e) => e.creditCode));
  const previous = await repo.previousInspectors(db, user.departmentId);
  const conflicts: DrawPublicData['conflicts'] = [];
  // Declared relations, then the inspectors of each pooled entity's previous inspection.
  const declared = new Map(inspectors.map((i) => [i.certNo, new Set(i.relations)]));
  for (const i of inspectors)
    for (const code of i.relations)
      if (pool.has(code)) conflicts.push({ certNo: i.certNo, creditCode: code, reason: '申报的利害关系' });
  for (const [code, certs] of previous)
    if (pool.has(code))
      for (const certNo of certs) {
        const relations = declared.get(certNo);
        if (relations && !relations.has(code))
          conflicts.push({ certNo, creditCode: code, reason: '上次检查该对象' });
      }
  conflicts.sort((a, b) => (a.certNo + a.creditCode < b.certNo + b.creditCode ? -1 : 1));
  const department = await getDepartment(db, user.departmentId);
  const data: DrawPublicData = {
    title,
    matter: input.matter,
    department: department.fullName,
    year: Number(today.slice(0, 4)),
    params: {
      count: count && count >= 1 ? count : null,
      percent: count && count >= 1 ? null : percent,
      inspectorsPerEntity: per,
    },
    entities,
    inspectors: inspectors.map((i) => ({ certNo: i.certNo, name: i.name })),
    conflicts,
  };
  const secret = randomBytes(32).toString('hex');
  // The draw belongs to the department's 年度抽查计划 of the year when the plan lists its matter.
  const plan = (await repo.listPlans(db, { departmentId: user.departmentId, year: data.year }))[0];
  const planId = plan?.items.some((i) => i.matter === input.matter) ? plan.id : null;
  // Stored as its canonical JSON, the very text the digest is computed from.
  const publicJson = canonicalJson(data);
  const digest = sha256Hex(publicJson);
  const id = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertDraw(
      trx,
      {
        planId,
        departmentId: user.departmentId,
        data,
        publicJson,
        poolDigest: digest,
        commitment: seedCommitment(secret),
        secret,
        createdBy: user.displayName,
      },
      nowIso(),
    );
    await appendAudit(trx, actorOf(user), {
      action: 'inspections.commit',
      entityType: 'inspection_draw',
      entityId: newId,
      summary: { title, matter: input.matter, pool: entities.length },
    });
    return newId;
  });
  keepCommitted(db, id, digest, data);
  return ok(id);
}

/** Reveals the seed and stores the selection it determines. */
export async function performDraw(db: Kysely<Database>, user: CurrentUser, id: number): Promise<Draw> {
  const head = await repo.findDrawHead(db, id);
  if (!head || head.departmentId !== user.departmentId) throw notFound('没有这次抽取。');
  if (head.status === 'drawn') return getOwnDraw(db, user, id);
  const data = takeCommitted(db, id, head.poolDigest) ?? (await getOwnDraw(db, user, id)).data;
  const draw: Draw = { ...head, data, result: null };
  const at = nowIso();
  const drawn = await db.transaction().execute(async (trx) => {
    const seed = (await repo.findSecret(trx, id)) ?? '';
    const result = drawSelection(draw.data, seed);
    // Two clicks at once: the second finds the draw drawn and changes nothing (no second audit entry).
    if (!(await repo.markDrawn(trx, id, seed, result, at))) return undefined;
    await appendAudit(trx, actorOf(user), {
      action: 'inspections.draw',
      entityType: 'inspection_draw',
      entityId: id,
      summary: { selected: result.length },
    });
    return {
      ...draw,
      seed,
      result,
      selectedCount: result.length,
      status: 'drawn',
      drawnAt: at,
    } satisfies Draw;
  });
  return drawn ?? getOwnDraw(db, user, id);
}

export async function getOwnDraw(db: Kysely<Database>, user: CurrentUser, id: number): Promise<Draw> {
  const d = await repo.findDraw(db, id);
  if (!d || d.departmentId !== user.departmentId) throw notFound('没有这次抽取。');
  return d;
}

/** Draws are public from the moment they are committed (pool, digest, commitment; seed after the draw). */
export async function getPublicDraw(db: Kysely<Database>, id: number): Promise<Draw> {
  const d = await repo.findDraw(db, id);
  if (!d) throw notFound('没有这次抽取。');
  return d;
}

/** The public list of draws: search over title, matter, department and inspected entities; a page. */
export function searchPublicDraws(
  db: Kysely<Database>,
  q: string,
  page: { limit: number; offset: number },
): Promise<{ total: number; draws: DrawSummary[] }> {
  const text = q.trim();
  return repo.searchDrawSummaries(
    db,
    text ? { pattern: likePattern(text), code: text.toUpperCase() } : {},
    page,
  );
}
export const listDepartmentDraws = (db: Kysely<Database>, departmentId: number) =>
  repo.listDraws(db, { departmentId });
export const listDrawResults = (db: Kysely<Database>, drawId: number) => repo.listResults(db, drawId);

/** Recomputes a past draw from its public data alone (the CLI and the page use it). */
export async function verifyDrawById(db: Kysely<Database>, id: number): Promise<VerifyOutcome> {
  const d = await getPublicDraw(db, id);
  return verifyDraw({
    data: d.data,
    poolDigest: d.poolDigest,
    commitment: d.commitment,
    seed: d.seed,
    result: d.result,
  });
}

export interface ResultInput {
  creditCode: string;
  outcome: string;
  note: string;
  inspectionEndDate: string;
}

export async function recordResult(
  db: Kysely<Database>,
  user: CurrentUser,
  drawId: number,
  input: ResultInput,
  today: string = shanghaiDate(),
): Promise<Result<{ late: boolean }>> {
  const draw = await getOwnDraw(db, user, drawId);
  const sel = draw.result?.find((s) => s.creditCode === input.creditCode);
  if (!sel) throw notFound('该对象不在本次抽取结果中。');
  const fields: Record<string, string> = {};
  const outcome = OUTCOMES.find((o) => o === input.outcome);
  if (!outcome) fields.outcome = '请选择检查结果';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.inspectionEndDate) || input.inspectionEndDate > today)
    fields.inspectionEndDate = '请填写检查结束日期（不晚于今天）';
  if (input.note.trim().length > 2000) fields.note = '说明不能超过 2000 字';
  if (!outcome || Object.keys(fields).length) return invalid(fields);
  const dueDate = (await addWorkdays(db, input.inspectionEndDate, RESULT_PUBLISH_WORKDAYS)).date;
  const result: InspectionResult = {
    drawId,
    creditCode: sel.creditCode,
    entityName: sel.name,
    inspectors: sel.inspectors
      .map((c) => draw.data.inspectors.find((i) => i.certNo === c)?.name ?? c)
      .join('、'),
    outcome,
    note: input.note.trim(),
    inspectionEndDate: input.inspectionEndDate,
    publishedDate: today,
    dueDate,
    late: today > dueDate,
  };
  await db.transaction().execute(async (trx) => {
    await repo.upsertResult(trx, result, nowIso());
    await appendAudit(trx, actorOf(user), {
      action: 'inspections.result',
      entityType: 'inspection_draw',
      entityId: drawId,
      summary: { creditCode: sel.creditCode, outcome, late: result.late },
    });
  });
  return ok({ late: result.late });
}

export interface CoverageRow {
  department: string;
  matter: string;
  draws: number;
  /** Largest share of the pool drawn in one draw, in percent. */
  bestPercent: number;
  reached: boolean;
  /** From the department's 年度抽查计划 (undefined: the matter is not in the plan). */
  planned?: { ratioPercent: number | null; draws: number | null; period: string; reached: boolean };
}

/** For supervisors: each department's matters in a year, drawn at least once and with ≥ 5 % of the pool. */
export async function yearlyCoverage(db: Kysely<Database>, year: number): Promise<CoverageRow[]> {
  const type = await getListType(db, INSPECTION_MATTERS_SLUG);
  const draws = (await repo.listDraws(db, { year })).filter((d) => d.status === 'drawn');
  const plans = await repo.listPlans(db, { year });
  const rows: CoverageRow[] = [];
  for (const dept of await listAllDepartments(db, true)) {
    const list = (await listDepartmentLists(db, dept.id)).find((l) => l.typeId === type.id);
    if (!list) continue;
    for (const e of await listEntries(db, list.id)) {
      const matter = e.values.name ?? e.key;
      const mine = draws.filter((d) => d.departmentId === dept.id && d.matter === matter);
      const best = Math.max(0, ...mine.map((d) => (d.poolSize ? (100 * d.selectedCount) / d.poolSize : 0)));
      const item = plans.find((p) => p.departmentId === dept.id)?.items.find((i) => i.matter === matter);
      const bestPercent = Math.round(best * 100) / 100;
      rows.push({
        department: dept.fullName,
        matter,
        draws: mine.length,
        bestPercent,
        reached: mine.length > 0 && best >= MIN_COVERAGE_PERCENT,
        ...(item
          ? {
              planned: {
                ratioPercent: item.ratioPercent,
                draws: item.plannedDraws,
                period: `${item.periodStart} 至 ${item.periodEnd}`,
                reached:
                  mine.length > 0 &&
                  mine.length >= (item.plannedDraws ?? 0) &&
                  bestPercent >= (item.ratioPercent ?? 0),
              },
            }
          : {}),
      });
    }
  }
  return rows;
}

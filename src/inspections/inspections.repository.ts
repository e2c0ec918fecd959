// The only file of the inspections domain with SQL.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DrawPublicData, DrawSelection } from './inspections.draw.js';
import type { InspDrawsTable, InspEntitiesTable, InspInspectorsTable } from './inspections.table.js';
import {
  DRAW_STATUSES,
  OUTCOMES,
  type Draw,
  type DrawHead,
  type DrawSummary,
  type Entity,
  type InspectionResult,
  type Inspector,
  type LibraryRecord,
  type Plan,
  type PlanItem,
} from './inspections.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows per multi-row INSERT (8 parameters a row: well under SQLite's and PostgreSQL's limits). */
const BATCH = 500;

/** The last of each key, at the place of its first occurrence (as one upsert per row would leave them). */
function lastByKey<T>(items: readonly T[], key: (x: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const x of items) byKey.set(key(x), x);
  return [...byKey.values()];
}

export async function upsertEntities(
  trx: Transaction<Database>,
  departmentId: number,
  entities: readonly Entity[],
  at: string,
): Promise<void> {
  const rows = lastByKey(entities, (e) => e.creditCode);
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto('insp_entities')
      .values(
        rows.slice(i, i + BATCH).map((e) => ({
          department_id: departmentId,
          credit_code: e.creditCode,
          name: e.name,
          address: e.address,
          industry: e.industry,
          risk_tags: e.riskTags,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['department_id', 'credit_code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          address: eb.ref('excluded.address'),
          industry: eb.ref('excluded.industry'),
          risk_tags: eb.ref('excluded.risk_tags'),
          active: 1,
          updated_at: at,
        })),
      )
      .execute();
}

export async function upsertInspectors(
  trx: Transaction<Database>,
  departmentId: number,
  inspectors: readonly Inspector[],
  at: string,
): Promise<void> {
  const rows = lastByKey(inspectors, (i) => i.certNo);
  for (let n = 0; n < rows.length; n += BATCH)
    await trx
      .insertInto('insp_inspectors')
      .values(
        rows.slice(n, n + BATCH).map((i) => ({
          department_id: departmentId,
          cert_no: i.certNo,
          name: i.name,
          field: i.field,
          relations: i.relations.join(','),
          active: 1,
          created_at: at,
          updated_at: at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['department_id', 'cert_no']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          field: eb.ref('excluded.field'),
          relations: eb.ref('excluded.relations'),
          active: 1,
          updated_at: at,
        })),
      )
      .execute();
}

/** A draw's pool: the active entities of a department (code and name), sorted by credit code. */
export async function listPool(
  db: Db,
  departmentId: number,
  industry?: string,
): Promise<{ creditCode: string; name: string }[]> {
  let q = db
    .selectFrom('insp_entities')
    .select(['credit_code as creditCode', 'name'])
    .where('department_id', '=', departmentId)
    .where('active', '=', 1);
  if (industry) q = q.where('industry', '=', industry);
  return q.orderBy('credit_code').execute();
}

/** The active entities of a department (a draw's pool). */
export async function listEntities(db: Db, departmentId: number, industry?: string): Promise<Entity[]> {
  let q = db
    .selectFrom('insp_entities')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('active', '=', 1);
  if (industry) q = q.where('industry', '=', industry);
  const rows = await q.orderBy('credit_code').execute();
  return rows.map(entityOf);
}

function entityOf(r: Selectable<InspEntitiesTable>): Entity {
  return {
    id: r.id,
    active: r.active === 1,
    creditCode: r.credit_code,
    name: r.name,
    address: r.address,
    industry: r.industry,
    riskTags: r.risk_tags,
  };
}

function inspectorOf(r: Selectable<InspInspectorsTable>): Inspector {
  return {
    id: r.id,
    active: r.active === 1,
    certNo: r.cert_no,
    name: r.name,
    field: r.field,
    relations: r.relations
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

/** The two 名录库: each kind's table and key column. */
const LIBRARY_TABLES = {
  entities: { table: 'insp_entities', key: 'credit_code' },
  inspectors: { table: 'insp_inspectors', key: 'cert_no' },
} as const;

/**
 * A row of the kind's table as a record. Kysely types a select from either table as a row with the
 * columns of both; only the kind's own columns are read.
 */
function recordOf(
  library: LibraryRecord['library'],
  r: Selectable<InspEntitiesTable> & Selectable<InspInspectorsTable>,
): LibraryRecord {
  return library === 'entities' ? { library, record: entityOf(r) } : { library, record: inspectorOf(r) };
}

/** One page of a department's records of a 名录库 (active or not), optionally matching a needle (LIKE pattern). */
export async function pageLibrary(
  db: Db,
  library: LibraryRecord['library'],
  departmentId: number,
  pattern: string | undefined,
  limit: number,
  offset: number,
): Promise<{ rows: LibraryRecord[]; total: number }> {
  const { table, key } = LIBRARY_TABLES[library];
  let q = db.selectFrom(table).where('department_id', '=', departmentId);
  if (pattern) q = q.where((eb) => eb.or([eb('name', 'like', pattern), eb(key, 'like', pattern)]));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy(key).limit(limit).offset(offset).execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((r) => recordOf(library, r)), total: Number(count.n) };
}

export async function findRecord(
  db: Db,
  library: LibraryRecord['library'],
  id: number,
): Promise<{ departmentId: number; record: LibraryRecord } | undefined> {
  const r = await db
    .selectFrom(LIBRARY_TABLES[library].table)
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { departmentId: r.department_id, record: recordOf(library, r) };
}

/** The id of the department's entity with a credit code. */
export async function entityIdByCode(
  db: Db,
  departmentId: number,
  code: string,
): Promise<number | undefined> {
  const r = await db
    .selectFrom('insp_entities')
    .select('id')
    .where('department_id', '=', departmentId)
    .where('credit_code', '=', code)
    .executeTakeFirst();
  return r?.id;
}

/** Inspectors holding one of these 执法证号, in any department (the number identifies a person). */
export async function inspectorsByCert(
  db: Db,
  certNos: readonly string[],
): Promise<{ id: number; certNo: string; departmentId: number; departmentName: string }[]> {
  if (certNos.length > 1000)
    return (
      await Promise.all(
        Array.from({ length: Math.ceil(certNos.length / 1000) }, (_, i) =>
          inspectorsByCert(db, certNos.slice(i * 1000, (i + 1) * 1000)),
        ),
      )
    ).flat();
  if (certNos.length === 0) return [];
  const rows = await db
    .selectFrom('insp_inspectors')
    .innerJoin('departments', 'departments.id', 'insp_inspectors.department_id')
    .select([
      'insp_inspectors.id',
      'insp_inspectors.cert_no',
      'insp_inspectors.department_id',
      'departments.full_name',
    ])
    .where('insp_inspectors.cert_no', 'in', [...certNos])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    certNo: r.cert_no,
    departmentId: r.department_id,
    departmentName: r.full_name,
  }));
}

export async function insertEntity(
  trx: Transaction<Database>,
  departmentId: number,
  e: Entity,
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('insp_entities')
    .values({
      department_id: departmentId,
      credit_code: e.creditCode,
      name: e.name,
      address: e.address,
      industry: e.industry,
      risk_tags: e.riskTags,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateEntity(trx: Transaction<Database>, id: number, e: Entity, at: string) {
  await trx
    .updateTable('insp_entities')
    .set({
      credit_code: e.creditCode,
      name: e.name,
      address: e.address,
      industry: e.industry,
      risk_tags: e.riskTags,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function insertInspector(
  trx: Transaction<Database>,
  departmentId: number,
  i: Inspector,
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('insp_inspectors')
    .values({
      department_id: departmentId,
      cert_no: i.certNo,
      name: i.name,
      field: i.field,
      relations: i.relations.join(','),
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateInspector(trx: Transaction<Database>, id: number, i: Inspector, at: string) {
  await trx
    .updateTable('insp_inspectors')
    .set({
      cert_no: i.certNo,
      name: i.name,
      field: i.field,
      relations: i.relations.join(','),
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function setActive(
  trx: Transaction<Database>,
  table: 'insp_entities' | 'insp_inspectors',
  id: number,
  active: boolean,
  at: string,
) {
  await trx
    .updateTable(table)
    .set({ active: active ? 1 : 0, updated_at: at })
    .where('id', '=', id)
    .execute();
}

export async function listInspectors(db: Db, departmentId: number): Promise<Inspector[]> {
  const rows = await db
    .selectFrom('insp_inspectors')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .orderBy('cert_no')
    .execute();
  return rows.map(inspectorOf);
}

function parseJson(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const strOf = (v: unknown) => (typeof v === 'string' ? v : '');
const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

/** An entity of a pool exactly as stored: { creditCode, name }, both strings. */
function isPoolEntity(v: unknown): v is { creditCode: string; name: string } {
  if (!isRecord(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length === 2 &&
    keys[0] === 'creditCode' &&
    keys[1] === 'name' &&
    typeof v.creditCode === 'string' &&
    typeof v.name === 'string'
  );
}

/** The pool: the parsed array itself when every entity is as stored (no copy of 100,000 objects). */
function entitiesOf(raw: unknown): DrawPublicData['entities'] {
  if (!Array.isArray(raw)) return [];
  if (raw.every(isPoolEntity)) return raw;
  return raw.filter(isRecord).map((e) => ({ creditCode: strOf(e.creditCode), name: strOf(e.name) }));
}

/** Reads the stored public data back without casts (it was written by this module). */
export function toPublicData(raw: unknown): DrawPublicData {
  const o = isRecord(raw) ? raw : {};
  const p = isRecord(o.params) ? o.params : {};
  const arr = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord) : []);
  return {
    title: strOf(o.title),
    matter: strOf(o.matter),
    department: strOf(o.department),
    year: typeof o.year === 'number' ? o.year : 0,
    params: {
      count: numOrNull(p.count),
      percent: numOrNull(p.percent),
      inspectorsPerEntity: typeof p.inspectorsPerEntity === 'number' ? p.inspectorsPerEntity : 2,
    },
    entities: entitiesOf(o.entities),
    inspectors: arr(o.inspectors).map((i) => ({ certNo: strOf(i.certNo), name: strOf(i.name) })),
    conflicts: arr(o.conflicts).map((c) => ({
      certNo: strOf(c.certNo),
      creditCode: strOf(c.creditCode),
      reason: strOf(c.reason),
    })),
  };
}

export function toSelection(raw: unknown): DrawSelection[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.filter(isRecord).map((s) => ({
    creditCode: strOf(s.creditCode),
    name: strOf(s.name),
    inspectors: Array.isArray(s.inspectors)
      ? s.inspectors.filter((x): x is string => typeof x === 'string')
      : [],
  }));
}

function rowToDraw(r: Selectable<InspDrawsTable>): Draw {
  return {
    ...headOf(r),
    data: toPublicData(parseJson(r.public_json)),
    result: toSelection(parseJson(r.result_json)),
  };
}

export async function insertDraw(
  trx: Transaction<Database>,
  d: {
    departmentId: number;
    data: DrawPublicData;
    /** The public data as JSON (its canonical JSON; JSON.stringify(data) when absent). */
    publicJson?: string;
    poolDigest: string;
    commitment: string;
    secret: string;
    createdBy: string;
    planId?: number | null;
  },
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('insp_draws')
    .values({
      plan_id: d.planId ?? null,
      department_id: d.departmentId,
      title: d.data.title,
      matter: d.data.matter,
      year: d.data.year,
      public_json: d.publicJson ?? JSON.stringify(d.data),
      pool_digest: d.poolDigest,
      pool_size: d.data.entities.length,
      seed_commitment: d.commitment,
      seed_secret: d.secret,
      status: 'committed',
      committed_at: at,
      created_by: d.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findDraw(db: Db, id: number): Promise<Draw | undefined> {
  const r = await db.selectFrom('insp_draws').selectAll().where('id', '=', id).executeTakeFirst();
  return r && rowToDraw(r);
}

const DRAW_HEAD_COLUMNS = [
  'id',
  'department_id',
  'title',
  'matter',
  'year',
  'pool_digest',
  'pool_size',
  'seed_commitment',
  'seed',
  'status',
  'committed_at',
  'drawn_at',
  'plan_id',
  'selected_count',
] as const;

function headOf(r: Pick<Selectable<InspDrawsTable>, (typeof DRAW_HEAD_COLUMNS)[number]>): DrawHead {
  return {
    id: r.id,
    departmentId: r.department_id,
    title: r.title,
    matter: r.matter,
    year: r.year,
    poolDigest: r.pool_digest,
    poolSize: r.pool_size,
    commitment: r.seed_commitment,
    seed: r.seed,
    status: DRAW_STATUSES.find((s) => s === r.status) ?? 'committed',
    committedAt: r.committed_at,
    drawnAt: r.drawn_at,
    planId: r.plan_id,
    selectedCount: r.selected_count,
  };
}

/** A draw without its public data and result (the two JSON texts, megabytes for a large pool). */
export async function findDrawHead(db: Db, id: number): Promise<DrawHead | undefined> {
  const r = await db
    .selectFrom('insp_draws')
    .select(DRAW_HEAD_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && headOf(r);
}

export async function findSecret(trx: Transaction<Database>, id: number): Promise<string | undefined> {
  const r = await trx.selectFrom('insp_draws').select('seed_secret').where('id', '=', id).executeTakeFirst();
  return r?.seed_secret;
}

export async function markDrawn(
  trx: Transaction<Database>,
  id: number,
  seed: string,
  result: DrawSelection[],
  at: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('insp_draws')
    .set({
      seed,
      result_json: JSON.stringify(result),
      selected_count: result.length,
      status: 'drawn',
      drawn_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'committed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Draws newest first, without their pools and results. */
export async function listDraws(
  db: Db,
  filter: { departmentId?: number; year?: number } = {},
): Promise<DrawHead[]> {
  let q = db.selectFrom('insp_draws').select(DRAW_HEAD_COLUMNS);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map(headOf);
}

/**
 * Public list of draws, newest first, without their pools: `pattern` (a LIKE pattern) matches the
 * title, the matter, the department or an inspected entity's name; `code` an entity's credit code.
 */
export async function searchDrawSummaries(
  db: Db,
  filter: { pattern?: string; code?: string },
  page: { limit: number; offset: number },
): Promise<{ total: number; draws: DrawSummary[] }> {
  const { pattern, code } = filter;
  const base = db
    .selectFrom('insp_draws')
    .innerJoin('departments', 'departments.id', 'insp_draws.department_id')
    .where((eb) => {
      if (pattern === undefined) return eb.lit(true);
      const inResults = eb.exists(
        eb
          .selectFrom('insp_results')
          .select('insp_results.id')
          .whereRef('insp_results.draw_id', '=', 'insp_draws.id')
          .where((r) =>
            r.or([
              r('insp_results.entity_name', 'like', pattern),
              ...(code ? [r('insp_results.credit_code', '=', code)] : []),
            ]),
          ),
      );
      return eb.or([
        eb('insp_draws.title', 'like', pattern),
        eb('insp_draws.matter', 'like', pattern),
        eb('departments.full_name', 'like', pattern),
        inResults,
      ]);
    });
  const [rows, count] = await Promise.all([
    base
      .select([
        'insp_draws.id',
        'insp_draws.title',
        'insp_draws.matter',
        'insp_draws.department_id',
        'departments.full_name',
        'insp_draws.year',
        'insp_draws.status',
        'insp_draws.pool_size',
        'insp_draws.pool_digest',
        'insp_draws.committed_at',
      ])
      .orderBy('insp_draws.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    draws: rows.map((r) => ({
      id: r.id,
      title: r.title,
      matter: r.matter,
      departmentId: r.department_id,
      departmentName: r.full_name,
      year: r.year,
      status: DRAW_STATUSES.find((s) => s === r.status) ?? 'committed',
      poolSize: r.pool_size,
      poolDigest: r.pool_digest,
      committedAt: r.committed_at,
    })),
  };
}

/** The previous drawn inspection of each entity of a department: its inspectors. */
export async function previousInspectors(db: Db, departmentId: number): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('insp_draws')
    .select('result_json')
    .where('department_id', '=', departmentId)
    .where('result_json', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows)
    for (const s of toSelection(parseJson(r.result_json)) ?? [])
      if (!out.has(s.creditCode)) out.set(s.creditCode, s.inspectors);
  return out;
}

export async function upsertResult(
  trx: Transaction<Database>,
  r: InspectionResult,
  at: string,
): Promise<void> {
  const values = {
    entity_name: r.entityName,
    inspectors: r.inspectors,
    outcome: r.outcome,
    note: r.note,
    inspection_end_date: r.inspectionEndDate,
    published_date: r.publishedDate,
    due_date: r.dueDate,
    late: r.late ? 1 : 0,
  };
  await trx
    .insertInto('insp_results')
    .values({ draw_id: r.drawId, credit_code: r.creditCode, created_at: at, ...values })
    .onConflict((oc) => oc.columns(['draw_id', 'credit_code']).doUpdateSet(values))
    .execute();
}

export async function listResults(db: Db, drawId: number): Promise<InspectionResult[]> {
  const rows = await db
    .selectFrom('insp_results')
    .selectAll()
    .where('draw_id', '=', drawId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    drawId: r.draw_id,
    creditCode: r.credit_code,
    entityName: r.entity_name,
    inspectors: r.inspectors,
    outcome: OUTCOMES.find((o) => o === r.outcome) ?? 'other',
    note: r.note,
    inspectionEndDate: r.inspection_end_date,
    publishedDate: r.published_date,
    dueDate: r.due_date,
    late: r.late === 1,
  }));
}

// ---- 年度抽查计划

export async function listPlans(
  db: Db,
  filter: { departmentId?: number; year?: number } = {},
): Promise<Plan[]> {
  let q = db
    .selectFrom('insp_plans')
    .innerJoin('departments', 'departments.id', 'insp_plans.department_id')
    .selectAll('insp_plans')
    .select('departments.full_name');
  if (filter.departmentId !== undefined) q = q.where('insp_plans.department_id', '=', filter.departmentId);
  if (filter.year !== undefined) q = q.where('insp_plans.year', '=', filter.year);
  const plans = await q
    .orderBy('insp_plans.year', 'desc')
    .orderBy('departments.sort_order')
    .orderBy('insp_plans.id')
    .execute();
  if (plans.length === 0) return [];
  const items = await db
    .selectFrom('insp_plan_items')
    .selectAll()
    .where(
      'plan_id',
      'in',
      plans.map((p) => p.id),
    )
    .orderBy('id')
    .execute();
  return plans.map((p) => ({
    id: p.id,
    departmentId: p.department_id,
    departmentName: p.full_name,
    year: p.year,
    note: p.note,
    createdBy: p.created_by,
    updatedAt: p.updated_at,
    items: items
      .filter((i) => i.plan_id === p.id)
      .map((i) => ({
        matter: i.matter,
        ratioPercent: i.ratio_bp === null ? null : i.ratio_bp / 100,
        plannedDraws: i.planned_draws,
        periodStart: i.period_start,
        periodEnd: i.period_end,
      })),
  }));
}

/** Writes a department's plan of a year (its items replaced); returns the plan's id. */
export async function writePlan(
  trx: Transaction<Database>,
  p: { departmentId: number; year: number; note: string; items: readonly PlanItem[]; by: string },
  at: string,
): Promise<number> {
  const existing = await trx
    .selectFrom('insp_plans')
    .select('id')
    .where('department_id', '=', p.departmentId)
    .where('year', '=', p.year)
    .executeTakeFirst();
  let id: number;
  if (existing) {
    id = existing.id;
    await trx.updateTable('insp_plans').set({ note: p.note, updated_at: at }).where('id', '=', id).execute();
    await trx.deleteFrom('insp_plan_items').where('plan_id', '=', id).execute();
  } else {
    const row = await trx
      .insertInto('insp_plans')
      .values({
        department_id: p.departmentId,
        year: p.year,
        note: p.note,
        created_by: p.by,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  if (p.items.length)
    await trx
      .insertInto('insp_plan_items')
      .values(
        p.items.map((i) => ({
          plan_id: id,
          matter: i.matter,
          ratio_bp: i.ratioPercent === null ? null : Math.round(i.ratioPercent * 100),
          planned_draws: i.plannedDraws,
          period_start: i.periodStart,
          period_end: i.periodEnd,
        })),
      )
      .execute();
  return id;
}

// The only file of the inspections domain with SQL.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DrawPublicData, DrawSelection } from './inspections.draw.js';
import type { InspDrawsTable } from './inspections.table.js';
import {
  DRAW_STATUSES,
  OUTCOMES,
  type Draw,
  type Entity,
  type InspectionResult,
  type Inspector,
} from './inspections.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function upsertEntities(
  trx: Transaction<Database>,
  departmentId: number,
  entities: readonly Entity[],
  at: string,
): Promise<void> {
  for (const e of entities) {
    await trx
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
      .onConflict((oc) =>
        oc.columns(['department_id', 'credit_code']).doUpdateSet({
          name: e.name,
          address: e.address,
          industry: e.industry,
          risk_tags: e.riskTags,
          updated_at: at,
        }),
      )
      .execute();
  }
}

export async function upsertInspectors(
  trx: Transaction<Database>,
  departmentId: number,
  inspectors: readonly Inspector[],
  at: string,
): Promise<void> {
  for (const i of inspectors) {
    const relations = i.relations.join(',');
    await trx
      .insertInto('insp_inspectors')
      .values({
        department_id: departmentId,
        cert_no: i.certNo,
        name: i.name,
        field: i.field,
        relations,
        active: 1,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc
          .columns(['department_id', 'cert_no'])
          .doUpdateSet({ name: i.name, field: i.field, relations, active: 1, updated_at: at }),
      )
      .execute();
  }
}

export async function listEntities(db: Db, departmentId: number, industry?: string): Promise<Entity[]> {
  let q = db.selectFrom('insp_entities').selectAll().where('department_id', '=', departmentId);
  if (industry) q = q.where('industry', '=', industry);
  const rows = await q.orderBy('credit_code').execute();
  return rows.map((r) => ({
    creditCode: r.credit_code,
    name: r.name,
    address: r.address,
    industry: r.industry,
    riskTags: r.risk_tags,
  }));
}

export async function listInspectors(db: Db, departmentId: number): Promise<Inspector[]> {
  const rows = await db
    .selectFrom('insp_inspectors')
    .selectAll()
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .orderBy('cert_no')
    .execute();
  return rows.map((r) => ({
    certNo: r.cert_no,
    name: r.name,
    field: r.field,
    relations: r.relations
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  }));
}

function parseJson(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const strOf = (v: unknown) => (typeof v === 'string' ? v : '');
const numOrNull = (v: unknown) => (typeof v === 'number' ? v : null);

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
    entities: arr(o.entities).map((e) => ({ creditCode: strOf(e.creditCode), name: strOf(e.name) })),
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
    id: r.id,
    departmentId: r.department_id,
    title: r.title,
    matter: r.matter,
    year: r.year,
    data: toPublicData(parseJson(r.public_json)),
    poolDigest: r.pool_digest,
    poolSize: r.pool_size,
    commitment: r.seed_commitment,
    seed: r.seed,
    result: toSelection(parseJson(r.result_json)),
    status: DRAW_STATUSES.find((s) => s === r.status) ?? 'committed',
    committedAt: r.committed_at,
    drawnAt: r.drawn_at,
  };
}

export async function insertDraw(
  trx: Transaction<Database>,
  d: {
    departmentId: number;
    data: DrawPublicData;
    poolDigest: string;
    commitment: string;
    secret: string;
    createdBy: string;
  },
  at: string,
): Promise<number> {
  const row = await trx
    .insertInto('insp_draws')
    .values({
      department_id: d.departmentId,
      title: d.data.title,
      matter: d.data.matter,
      year: d.data.year,
      public_json: JSON.stringify(d.data),
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
): Promise<void> {
  await trx
    .updateTable('insp_draws')
    .set({
      seed,
      result_json: JSON.stringify(result),
      selected_count: result.length,
      status: 'drawn',
      drawn_at: at,
    })
    .where('id', '=', id)
    .execute();
}

export async function listDraws(
  db: Db,
  filter: { departmentId?: number; year?: number } = {},
): Promise<Draw[]> {
  let q = db.selectFrom('insp_draws').selectAll();
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.year !== undefined) q = q.where('year', '=', filter.year);
  const rows = await q.orderBy('id', 'desc').execute();
  return rows.map(rowToDraw);
}

/** The previous drawn inspection of each entity of a department: its inspectors. */
export async function previousInspectors(db: Db, departmentId: number): Promise<Map<string, string[]>> {
  const draws = await listDraws(db, { departmentId });
  const out = new Map<string, string[]>();
  for (const d of draws)
    for (const s of d.result ?? []) if (!out.has(s.creditCode)) out.set(s.creditCode, s.inspectors);
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

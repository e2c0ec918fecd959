// Use-cases of the two 名录库 one record at a time: add, edit, deactivate and reactivate an entity
// (检查对象) or an inspector (执法检查人员) of one's own department, validated and audited.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, likePattern } from '../db/dialect.js';
import { invalid, notFound, ok, type Result } from '../http/errors.js';
import { creditCodeProblem, CREDIT_CODE_MESSAGES, normaliseCreditCode } from '../orgs/credit-code.js';
import { nowIso } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import * as repo from './inspections.repository.js';
import type { Library } from './inspections.service.js';
import type { Entity, Inspector, LibraryRecord } from './inspections.types.js';

/** The form values of a record (the keys of `libraryColumns`). */
export type RecordValues = Record<string, string>;

export function recordValues(r: LibraryRecord): RecordValues {
  return r.library === 'entities'
    ? {
        creditCode: r.record.creditCode,
        name: r.record.name,
        address: r.record.address,
        industry: r.record.industry,
        riskTags: r.record.riskTags,
      }
    : {
        certNo: r.record.certNo,
        name: r.record.name,
        field: r.record.field,
        relations: r.record.relations.join('、'),
      };
}

export async function pageLibrary(
  db: Kysely<Database>,
  departmentId: number,
  library: Library,
  q: string,
  limit: number,
  offset: number,
): Promise<{ rows: LibraryRecord[]; total: number }> {
  const pattern = q.trim() ? likePattern(q.trim()) : undefined;
  return repo.pageLibrary(db, library, departmentId, pattern, limit, offset);
}

/** A record of the user's own department (other departments' records are not found). */
export async function getOwnRecord(
  db: Kysely<Database>,
  user: CurrentUser,
  library: Library,
  id: number,
): Promise<LibraryRecord> {
  const r = await repo.findRecord(db, library, id);
  if (r && r.departmentId === user.departmentId) return r.record;
  throw notFound('名录库中没有这条记录。');
}

function limit(fields: Record<string, string>, key: string, label: string, value: string, max: number) {
  if (value.length > max) fields[key] = `${label}不能超过 ${max} 个字`;
}

function codeProblem(code: string): string | undefined {
  const p = creditCodeProblem(code);
  return p ? CREDIT_CODE_MESSAGES[p] : undefined;
}

/** Splits declared relations (credit codes separated by 、, commas, semicolons or spaces). */
export function splitRelations(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map(normaliseCreditCode)
    .filter(Boolean);
}

async function checkEntity(
  db: Kysely<Database>,
  departmentId: number,
  id: number | undefined,
  v: RecordValues,
): Promise<Result<Entity>> {
  const fields: Record<string, string> = {};
  const e: Entity = {
    creditCode: normaliseCreditCode(v.creditCode ?? ''),
    name: (v.name ?? '').trim(),
    address: (v.address ?? '').trim(),
    industry: (v.industry ?? '').trim(),
    riskTags: (v.riskTags ?? '').trim(),
  };
  if (e.creditCode === '') fields.creditCode = '请填写统一社会信用代码';
  else {
    const problem = codeProblem(e.creditCode);
    if (problem) fields.creditCode = problem;
  }
  if (e.name === '') fields.name = '请填写名称';
  limit(fields, 'name', '名称', e.name, 200);
  limit(fields, 'address', '地址', e.address, 200);
  limit(fields, 'industry', '行业', e.industry, 50);
  limit(fields, 'riskTags', '风险标签', e.riskTags, 200);
  if (!fields.creditCode) {
    const other = await repo.entityIdByCode(db, departmentId, e.creditCode);
    if (other !== undefined && other !== id)
      fields.creditCode = `名录库中已有统一社会信用代码为 ${e.creditCode} 的检查对象`;
  }
  return Object.keys(fields).length ? invalid(fields) : ok(e);
}

async function checkInspector(
  db: Kysely<Database>,
  departmentId: number,
  id: number | undefined,
  v: RecordValues,
): Promise<Result<Inspector>> {
  const fields: Record<string, string> = {};
  const i: Inspector = {
    certNo: (v.certNo ?? '').trim().toUpperCase(),
    name: (v.name ?? '').trim(),
    field: (v.field ?? '').trim(),
    relations: splitRelations(v.relations ?? ''),
  };
  if (i.certNo === '') fields.certNo = '请填写执法证号';
  else if (!/^[0-9A-Z-]{4,40}$/.test(i.certNo)) fields.certNo = '执法证号应为 4–40 位数字、字母或连字符';
  if (i.name === '') fields.name = '请填写姓名';
  limit(fields, 'name', '姓名', i.name, 50);
  limit(fields, 'field', '执法领域', i.field, 50);
  const badCode = i.relations.find((c) => codeProblem(c));
  if (badCode) fields.relations = `回避对象 ${badCode}：${codeProblem(badCode) ?? ''}`;
  if (!fields.certNo) {
    const holder = (await repo.inspectorsByCert(db, [i.certNo])).find((h) => h.id !== id);
    if (holder)
      fields.certNo =
        holder.departmentId === departmentId
          ? `执法证号 ${i.certNo} 已在本部门名录库中`
          : `执法证号 ${i.certNo} 已登记在${holder.departmentName}的名录库中`;
  }
  return Object.keys(fields).length ? invalid(fields) : ok(i);
}

const ENTITY_TYPE: Record<Library, string> = {
  entities: 'inspection_entity',
  inspectors: 'inspection_inspector',
};

/** Adds (id undefined) or changes a record of the user's department. */
export async function saveRecord(
  db: Kysely<Database>,
  user: CurrentUser,
  library: Library,
  id: number | undefined,
  values: RecordValues,
): Promise<Result<number>> {
  const before = id === undefined ? undefined : await getOwnRecord(db, user, library, id);
  const at = nowIso();
  let after: LibraryRecord;
  let write: (trx: Transaction<Database>) => Promise<number>;
  if (library === 'entities') {
    const checked = await checkEntity(db, user.departmentId, id, values);
    if (!checked.ok) return invalid(checked.fields);
    const e = checked.value;
    after = { library, record: e };
    write = async (trx) => {
      if (id === undefined) return repo.insertEntity(trx, user.departmentId, e, at);
      await repo.updateEntity(trx, id, e, at);
      return id;
    };
  } else {
    const checked = await checkInspector(db, user.departmentId, id, values);
    if (!checked.ok) return invalid(checked.fields);
    const i = checked.value;
    after = { library, record: i };
    write = async (trx) => {
      if (id === undefined) return repo.insertInspector(trx, user.departmentId, i, at);
      await repo.updateInspector(trx, id, i, at);
      return id;
    };
  }
  const next = recordValues(after);
  const old = before ? recordValues(before) : {};
  try {
    return await db.transaction().execute(async (trx) => {
      const recordId = await write(trx);
      await appendAudit(trx, actorOf(user), {
        action: `inspections.${library}.${id === undefined ? 'create' : 'update'}`,
        entityType: ENTITY_TYPE[library],
        entityId: recordId,
        departmentId: user.departmentId,
        summary:
          id === undefined
            ? next
            : Object.fromEntries(
                Object.entries(next)
                  .filter(([k, v]) => old[k] !== v)
                  .map(([k, v]) => [k, { from: old[k] ?? '', to: v }]),
              ),
      });
      return ok(recordId);
    });
  } catch (err) {
    // Two people adding the same code at once: the unique constraint decides.
    if (!isUniqueViolation(err)) throw err;
    return invalid(
      library === 'entities'
        ? { creditCode: '名录库中已有该统一社会信用代码的检查对象' }
        : { certNo: '执法证号已在本部门名录库中' },
    );
  }
}

/** Deactivates (out of new draw pools, kept for past draws) or reactivates a record. */
export async function setRecordActive(
  db: Kysely<Database>,
  user: CurrentUser,
  library: Library,
  id: number,
  active: boolean,
): Promise<void> {
  const r = await getOwnRecord(db, user, library, id);
  if (r.record.active === active) return;
  await db.transaction().execute(async (trx) => {
    await repo.setActive(
      trx,
      library === 'entities' ? 'insp_entities' : 'insp_inspectors',
      id,
      active,
      nowIso(),
    );
    await appendAudit(trx, actorOf(user), {
      action: `inspections.${library}.${active ? 'activate' : 'deactivate'}`,
      entityType: ENTITY_TYPE[library],
      entityId: id,
      departmentId: user.departmentId,
      summary: recordValues(r),
    });
  });
}

// Reading the audit console's filter form: department, user, entity type and a date range of
// Asia/Shanghai calendar dates, turned into UTC instant bounds by arithmetic (no local time).
import type { FieldErrors } from '../http/errors.js';
import type { AuditFilter } from './audit.types.js';

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The UTC instant at which Shanghai calendar day `y-m-d` begins (m is 1-based; d may overflow). */
function dayStartUtc(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS).toISOString();
}

function parts(date: string): [number, number, number] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // Date.UTC rolls 2024-02-30 over to 2024-03-01: a real date survives the round trip.
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d)
    return undefined;
  return [y, mo, d];
}

export function isIsoDate(date: string): boolean {
  return parts(date) !== undefined;
}

/** When Shanghai day `date` begins, as a UTC ISO instant: (date − 1 day)T16:00:00.000Z. */
export function shanghaiDayStart(date: string): string {
  const p = parts(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return dayStartUtc(p[0], p[1], p[2]);
}

/** When Shanghai day `date` ends (exclusive), as a UTC ISO instant: dateT16:00:00.000Z. */
export function shanghaiDayEnd(date: string): string {
  return new Date(Date.parse(shanghaiDayStart(date)) + DAY_MS).toISOString();
}

/** What the filter form shows: exactly what the reader typed or picked. */
export interface AuditFilterValues {
  department: string;
  user: string;
  entity: string;
  from: string;
  to: string;
}

export const AUDIT_FILTER_LABELS = {
  department: '单位',
  user: '操作人',
  entity: '对象类型',
  from: '开始日期',
  to: '结束日期',
} as const;

function optionalId(raw: string): number | undefined | null {
  if (raw === '') return undefined;
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

export function parseAuditFilter(values: AuditFilterValues): { filter: AuditFilter; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const filter: AuditFilter = {};
  const department = optionalId(values.department);
  if (department === null) errors.department = '请选择列表中的单位';
  else filter.departmentId = department;
  const user = optionalId(values.user);
  if (user === null) errors.user = '请选择列表中的操作人';
  else filter.actorUserId = user;
  if (values.entity) filter.entityType = values.entity;
  for (const key of ['from', 'to'] as const) {
    if (values[key] && !isIsoDate(values[key]))
      errors[key] = '请输入有效日期，格式为 YYYY-MM-DD，例如 2026-01-31';
  }
  if (values.from && !errors.from) filter.from = shanghaiDayStart(values.from);
  if (values.to && !errors.to) filter.to = shanghaiDayEnd(values.to);
  if (filter.from && filter.to && filter.from >= filter.to) errors.to = '结束日期不能早于开始日期';
  return { filter, errors };
}

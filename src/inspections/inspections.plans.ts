// Use-cases of the 年度抽查计划: a department plans, for a year, which matters of its 随机抽查事项清单
// it draws, how much (a share of the pool and/or a number of draws) and when; draws of that year
// and matter belong to the plan; the public sees each plan with what was drawn against it.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { parseDate } from '../calendar/calendar.dates.js';
import type { Database } from '../db/database.js';
import { invalid, ok, type Result } from '../http/errors.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import * as repo from './inspections.repository.js';
import { departmentMatters } from './inspections.service.js';
import type { DrawHead, Plan, PlanItem } from './inspections.types.js';

export const PLAN_YEAR_MIN = 2000;
export const PLAN_YEAR_MAX = 2200;

/** What the form sends for one matter (row `i` of the form). */
export interface PlanItemInput {
  matter: string;
  percent: string;
  draws: string;
  start: string;
  end: string;
}

export interface PlanInput {
  note: string;
  items: PlanItemInput[];
}

export const listPlans = (db: Kysely<Database>, filter: { departmentId?: number; year?: number } = {}) =>
  repo.listPlans(db, filter);

export async function findPlan(
  db: Kysely<Database>,
  departmentId: number,
  year: number,
): Promise<Plan | undefined> {
  return (await repo.listPlans(db, { departmentId, year }))[0];
}

/** A row of the form is left out of the plan when all its figures and dates are empty. */
const isBlank = (i: PlanItemInput) => [i.percent, i.draws, i.start, i.end].every((v) => v.trim() === '');

/** Saves (creates or replaces) the user's department's plan of a year; errors keyed `<what>_<row>`. */
export async function savePlan(
  db: Kysely<Database>,
  user: CurrentUser,
  year: number,
  input: PlanInput,
): Promise<Result<number>> {
  const fields: Record<string, string> = {};
  const matters = await departmentMatters(db, user.departmentId);
  const items: PlanItem[] = [];
  input.items.forEach((raw, row) => {
    if (isBlank(raw)) return;
    const m = `“${raw.matter}”`;
    if (!matters.includes(raw.matter)) {
      fields[`percent_${row}`] = `${m}不在本部门随机抽查事项清单中`;
      return;
    }
    const percentText = raw.percent.trim().replace(/%$/, '');
    const drawsText = raw.draws.trim();
    let ratioPercent: number | null = null;
    let plannedDraws: number | null = null;
    if (percentText !== '') {
      ratioPercent = /^\d{1,3}(\.\d{1,2})?$/.test(percentText) ? Number(percentText) : NaN;
      if (!(ratioPercent > 0 && ratioPercent <= 100))
        fields[`percent_${row}`] = `${m}的抽查比例应为 0–100 之间的数字（最多两位小数）`;
    }
    if (drawsText !== '') {
      plannedDraws = /^\d{1,3}$/.test(drawsText) ? Number(drawsText) : NaN;
      if (!(plannedDraws >= 1)) fields[`draws_${row}`] = `${m}的抽取次数应为 1–999 的整数`;
    }
    if (percentText === '' && drawsText === '') fields[`percent_${row}`] = `${m}请填写计划抽查比例或抽取次数`;
    const start = parseDate(raw.start.trim());
    const end = parseDate(raw.end.trim());
    if (!start.ok || !start.date.startsWith(`${year}-`))
      fields[`start_${row}`] = `${m}的开始日期应为 ${year} 年内的日期`;
    else if (!end.ok || !end.date.startsWith(`${year}-`))
      fields[`end_${row}`] = `${m}的结束日期应为 ${year} 年内的日期`;
    else if (end.date < start.date) fields[`end_${row}`] = `${m}的结束日期不能早于开始日期`;
    if (start.ok && end.ok)
      items.push({
        matter: raw.matter,
        ratioPercent,
        plannedDraws,
        periodStart: start.date,
        periodEnd: end.date,
      });
  });
  const note = input.note.trim();
  if (note.length > 2000) fields.note = '说明不能超过 2000 字';
  if (Object.keys(fields).length === 0 && items.length === 0)
    fields.note = matters.length
      ? '请至少为一个抽查事项填写计划'
      : '本部门尚未公布随机抽查事项清单，无法制定抽查计划';
  if (Object.keys(fields).length) return invalid(fields);
  const id = await db.transaction().execute(async (trx) => {
    const planId = await repo.writePlan(
      trx,
      { departmentId: user.departmentId, year, note, items, by: user.displayName },
      nowIso(),
    );
    await appendAudit(trx, actorOf(user), {
      action: 'inspections.plan.save',
      entityType: 'inspection_plan',
      entityId: planId,
      departmentId: user.departmentId,
      summary: { year, items },
    });
    return planId;
  });
  return ok(id);
}

export interface PlanItemProgress {
  item: PlanItem;
  draws: DrawHead[];
  /** Draws made within the period, and the share of the pool the largest one drew, in percent. */
  drawn: number;
  bestPercent: number;
  /** The planned number of draws and share are both reached (only draws made within the period count). */
  reached: boolean;
}

export const drawPercent = (d: DrawHead) => (d.poolSize ? (100 * d.selectedCount) / d.poolSize : 0);

/** Whether a draw was made within the planned period of its matter (Asia/Shanghai dates). */
export function drawnInPeriod(d: DrawHead, item: PlanItem): boolean {
  if (d.status !== 'drawn' || !d.drawnAt) return false;
  const day = shanghaiDate(new Date(d.drawnAt));
  return day >= item.periodStart && day <= item.periodEnd;
}

/**
 * A plan's items with the draws of its department, year and matter. Only draws made within the
 * item's period count towards the plan; the others are listed (and shown as outside the period).
 */
export function planProgress(plan: Plan, draws: readonly DrawHead[]): PlanItemProgress[] {
  return plan.items.map((item) => {
    const mine = draws.filter(
      (d) => d.departmentId === plan.departmentId && d.year === plan.year && d.matter === item.matter,
    );
    const done = mine.filter((d) => drawnInPeriod(d, item));
    const bestPercent = Math.round(Math.max(0, ...done.map(drawPercent)) * 100) / 100;
    const reached =
      done.length > 0 && done.length >= (item.plannedDraws ?? 0) && bestPercent >= (item.ratioPercent ?? 0);
    return { item, draws: mine, drawn: done.length, bestPercent, reached };
  });
}

/** Plans (filtered by department and year) with their progress, for the public page. */
export async function plansWithProgress(
  db: Kysely<Database>,
  filter: { departmentId?: number; year?: number },
): Promise<{ plan: Plan; progress: PlanItemProgress[] }[]> {
  const plans = await repo.listPlans(db, filter);
  const years = [...new Set(plans.map((p) => p.year))];
  const draws = (await Promise.all(years.map((year) => repo.listDraws(db, { year })))).flat();
  return plans.map((plan) => ({ plan, progress: planProgress(plan, draws) }));
}

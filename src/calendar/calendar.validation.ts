// Validation of calendar entries and of calendar files (the shape of holidays.json), pure.
import type { FieldErrors } from '../http/errors.js';
import { MAX_YEAR, MIN_YEAR, parseDate, weekdayOf, yearOf } from './calendar.dates.js';
import { isDayKind, type CalendarEntry, type DayKind } from './calendar.rules.js';

export const MAX_NAME_LENGTH = 20;
export const MAX_SOURCE_LENGTH = 200;

export interface CalendarYearData {
  year: number;
  entries: CalendarEntry[];
}

export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export function parseYear(input: string): { ok: true; year: number } | { ok: false; message: string } {
  const text = input.trim();
  if (!/^\d{4}$/.test(text)) return { ok: false, message: '年份应为四位数字，例如 2027' };
  const year = Number(text);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, message: `年份须在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间` };
  }
  return { ok: true, year };
}

/** One entry of a year: a real date inside the year, a kind, a name; 调休 workdays on weekends only. */
export function validateEntry(
  year: number,
  input: { date: string; kind: string; name: string },
): Validated<CalendarEntry> {
  const fields: FieldErrors = {};
  const parsed = parseDate(input.date);
  const kind: DayKind | undefined = isDayKind(input.kind) ? input.kind : undefined;
  const name = input.name.trim();
  if (!parsed.ok) fields.date = parsed.message;
  else if (yearOf(parsed.date) !== year) fields.date = `日期须在 ${year} 年内`;
  else if (kind === 'workday' && weekdayOf(parsed.date) <= 5) {
    fields.date = '调休上班日必须是星期六或星期日：星期一至星期五本来就是工作日，无需登记';
  }
  if (!kind) fields.kind = '请选择“放假”或“调休上班”';
  if (name === '') fields.name = '请填写节日名称，例如 国庆节';
  else if ([...name].length > MAX_NAME_LENGTH) fields.name = `节日名称不能超过 ${MAX_NAME_LENGTH} 个字`;
  if (!parsed.ok || !kind || Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, value: { date: parsed.date, kind, name } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const MAX_REPORTED_PROBLEMS = 5;

/**
 * Parses a calendar file of the shape of holidays.json: `{ "2027": { "off": [{date, name, …}],
 * "workdays": [{date, name, …}] }, … }`; keys starting with "_" are comments. Every entry is
 * validated like a console entry; an entry's optional `weekday` (1 = Monday … 7 = Sunday) must
 * match its date. Problems are reported in Chinese under the field `json`.
 */
export function parseCalendarJson(text: string): Validated<CalendarYearData[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, fields: { json: '不是有效的 JSON，请检查括号、引号和逗号' } };
  }
  if (!isRecord(data)) {
    return {
      ok: false,
      fields: { json: '内容应为以年份为键的对象，例如 {"2027": {"off": [...], "workdays": [...]}}' },
    };
  }
  const problems: string[] = [];
  const years: CalendarYearData[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('_')) continue;
    const year = parseYear(key);
    if (!year.ok) {
      problems.push(`“${key}”：${year.message}`);
      continue;
    }
    if (!isRecord(value)) {
      problems.push(`${key} 年：应为包含 off 和 workdays 两个列表的对象`);
      continue;
    }
    years.push({ year: year.year, entries: parseYearEntries(year.year, value, problems) });
  }
  if (problems.length === 0 && years.length === 0) problems.push('没有任何年份的数据');
  if (problems.length > 0) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).join('；');
    const more =
      problems.length > MAX_REPORTED_PROBLEMS
        ? `；另有 ${problems.length - MAX_REPORTED_PROBLEMS} 处问题`
        : '';
    return { ok: false, fields: { json: `${shown}${more}` } };
  }
  return { ok: true, value: years.sort((a, b) => a.year - b.year) };
}

const LISTS: readonly { key: string; kind: DayKind }[] = [
  { key: 'off', kind: 'off' },
  { key: 'workdays', kind: 'workday' },
];

function parseYearEntries(year: number, value: Record<string, unknown>, problems: string[]): CalendarEntry[] {
  const entries: CalendarEntry[] = [];
  const seen = new Set<string>();
  for (const { key, kind } of LISTS) {
    const list = value[key] ?? [];
    if (!Array.isArray(list)) {
      problems.push(`${year} 年：${key} 应为列表`);
      continue;
    }
    list.forEach((item: unknown, i) => {
      const where = `${year} 年 ${key} 第 ${i + 1} 项`;
      if (!isRecord(item) || typeof item.date !== 'string' || typeof item.name !== 'string') {
        problems.push(`${where}：应包含 date 和 name 两个文本字段`);
        return;
      }
      const checked = validateEntry(year, { date: item.date, kind, name: item.name });
      if (!checked.ok) {
        problems.push(`${where}（${item.date}）：${Object.values(checked.fields).join('，')}`);
        return;
      }
      if (item.weekday !== undefined && item.weekday !== weekdayOf(checked.value.date)) {
        problems.push(`${where}（${item.date}）：weekday 为 ${String(item.weekday)}，与日期不符`);
        return;
      }
      if (seen.has(checked.value.date)) {
        problems.push(`${where}（${item.date}）：该日期重复出现`);
        return;
      }
      seen.add(checked.value.date);
      entries.push(checked.value);
    });
  }
  return entries.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

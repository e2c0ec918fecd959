// Calendar dates as 'YYYY-MM-DD' strings and their UTC epoch-day numbers. All arithmetic is on
// whole days since 1970-01-01 computed with Date.UTC, so no answer depends on the server's time
// zone. Pure: no I/O, no clock.

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateParse = { ok: true; date: string; day: number } | { ok: false; message: string };

/** Parses a strict 'YYYY-MM-DD' that names a real date in MIN_YEAR..MAX_YEAR. */
export function parseDate(input: string): DateParse {
  const text = input.trim();
  if (text === '') return { ok: false, message: '请填写日期' };
  const m = DATE_PATTERN.exec(text);
  if (!m) return { ok: false, message: '日期格式应为 YYYY-MM-DD，例如 2024-10-08' };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dayOfMonth = Number(m[3]);
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return { ok: false, message: `年份须在 ${MIN_YEAR} 至 ${MAX_YEAR} 之间` };
  }
  if (month < 1 || month > 12) return { ok: false, message: '月份须在 01 至 12 之间' };
  const last = daysInMonth(year, month);
  if (dayOfMonth < 1 || dayOfMonth > last) {
    return { ok: false, message: `日期不存在：${year}年${month}月只有 ${last} 天` };
  }
  return { ok: true, date: text, day: Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY };
}

export function isValidDate(text: string): boolean {
  return parseDate(text).ok;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The epoch-day number of a date already known to be valid; throws RangeError otherwise. */
export function dayNumber(date: string): number {
  const parsed = parseDate(date);
  if (!parsed.ok) throw new RangeError(`invalid date ${JSON.stringify(date)}: ${parsed.message}`);
  return parsed.day;
}

export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function weekdayOf(date: string): number {
  return weekdayOfDay(dayNumber(date));
}

export function isWeekendDay(day: number): boolean {
  return weekdayOfDay(day) >= 6;
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function addDays(date: string, n: number): string {
  return dateOfDay(dayNumber(date) + n);
}

const WEEKDAY_LABELS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'] as const;

/** 星期一 … 星期日 */
export function weekdayLabel(date: string): string {
  return WEEKDAY_LABELS[weekdayOf(date) - 1] ?? '';
}

/** 2024年10月8日 */
export function formatChineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 10月8日 (for lists inside one known year) */
export function formatMonthDay(date: string): string {
  const [, m, d] = date.split('-').map(Number);
  return `${m}月${d}日`;
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Hour deadlines (the 5-hour and 24-hour rules) are plain elapsed hours: the instant `hours`
 * later, as a UTC ISO string. The input must carry its offset ('Z' or '+08:00'), because an
 * instant without one would be read in the server's local time.
 */
export function addHours(isoInstant: string, hours: number): string {
  const ms = INSTANT_PATTERN.test(isoInstant) ? Date.parse(isoInstant) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant with an offset: ${isoInstant}`);
  if (!Number.isFinite(hours)) throw new RangeError(`not a number of hours: ${hours}`);
  return new Date(ms + hours * 3_600_000).toISOString();
}

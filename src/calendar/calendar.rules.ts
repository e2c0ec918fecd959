// The working-day rules, pure (no I/O): a Calendar built from the exceptional days (official days
// off and weekend 调休 working days) and the years whose official notice is in force.
//
// - A date is a working day when it is Monday–Friday and not an official day off, or when it is an
//   official 调休 working day.
// - Entries of a year that is not official are ignored: such a year is answered by weekends alone
//   and every answer that touches it says `official: false`.
// - addWorkdays(date, n): the n-th working day strictly after `date` (the start date itself is
//   never counted, working day or not); n = 0 gives `date`; negative n counts backwards the same way.
// - countWorkdays(from, to): working days in the closed interval [from, to]; from > to is a
//   caller's error (RangeError) — the edges validate it first with `validateInterval`.
import { dateOfDay, dayNumber, isWeekendDay, parseDate, weekdayOfDay, yearOfDay } from './calendar.dates.js';

export const DAY_KINDS = ['off', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  off: '放假（休息日）',
  workday: '调休上班（工作日）',
};

export function isDayKind(value: string): value is DayKind {
  return (DAY_KINDS as readonly string[]).includes(value);
}

/** The largest |n| accepted for addWorkdays at the edges (API, page, CLI). */
export const MAX_WORKDAYS = 1000;

export interface CalendarEntry {
  date: string;
  kind: DayKind;
  /** The holiday the entry belongs to, e.g. 国庆节. */
  name: string;
}

export interface DayAnswer {
  date: string;
  workday: boolean;
  official: boolean;
  /** Present when the date is an official day off or 调休 working day. */
  entry?: CalendarEntry;
}

export interface AddAnswer {
  from: string;
  workdays: number;
  date: string;
  official: boolean;
  /** The years touched that have no official data (answered by weekends alone). */
  yearsWithoutData: number[];
}

export interface CountAnswer {
  from: string;
  to: string;
  workdays: number;
  official: boolean;
  yearsWithoutData: number[];
}

/** A run of consecutive official days off with the same name, e.g. 国庆节 10-01 … 10-07. */
export interface HolidayBlock {
  name: string;
  first: string;
  last: string;
  days: number;
}

export class Calendar {
  private readonly exceptions = new Map<number, CalendarEntry>();
  private readonly officialYears: ReadonlySet<number>;

  constructor(entries: readonly CalendarEntry[], officialYears: Iterable<number>) {
    this.officialYears = new Set(officialYears);
    for (const e of entries) {
      const day = dayNumber(e.date);
      if (this.officialYears.has(yearOfDay(day))) this.exceptions.set(day, e);
    }
  }

  isOfficialYear(year: number): boolean {
    return this.officialYears.has(year);
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayNumber(dayNumber(date));
  }

  day(date: string): DayAnswer {
    const d = dayNumber(date);
    const entry = this.exceptions.get(d);
    return {
      date,
      workday: this.isWorkdayNumber(d),
      official: this.officialYears.has(yearOfDay(d)),
      ...(entry ? { entry } : {}),
    };
  }

  addWorkdays(from: string, n: number): AddAnswer {
    if (!Number.isInteger(n)) throw new RangeError(`workdays must be an integer: ${n}`);
    const start = dayNumber(from);
    const step = n < 0 ? -1 : 1;
    let day = start;
    for (let remaining = Math.abs(n); remaining > 0;) {
      day += step;
      if (this.isWorkdayNumber(day)) remaining--;
    }
    const missing = this.yearsWithoutData(Math.min(start, day), Math.max(start, day));
    return {
      from,
      workdays: n,
      date: dateOfDay(day),
      official: missing.length === 0,
      yearsWithoutData: missing,
    };
  }

  countWorkdays(from: string, to: string): CountAnswer {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (a > b) throw new RangeError(`countWorkdays: ${from} is after ${to}`);
    let count = weekdaysBetween(a, b);
    for (const [day, e] of this.exceptions) {
      if (day < a || day > b) continue;
      const weekend = isWeekendDay(day);
      if (e.kind === 'off' && !weekend) count--;
      else if (e.kind === 'workday' && weekend) count++;
    }
    const missing = this.yearsWithoutData(a, b);
    return { from, to, workdays: count, official: missing.length === 0, yearsWithoutData: missing };
  }

  /** The official days off and 调休 working days in [from, to], in date order. */
  entriesBetween(from: string, to: string): CalendarEntry[] {
    const a = dayNumber(from);
    const b = dayNumber(to);
    return [...this.exceptions]
      .filter(([day]) => day >= a && day <= b)
      .sort(([x], [y]) => x - y)
      .map(([, e]) => e);
  }

  private isWorkdayNumber(day: number): boolean {
    const entry = this.exceptions.get(day);
    if (entry) return entry.kind === 'workday';
    return !isWeekendDay(day);
  }

  private yearsWithoutData(a: number, b: number): number[] {
    const missing: number[] = [];
    for (let y = yearOfDay(a); y <= yearOfDay(b); y++) if (!this.officialYears.has(y)) missing.push(y);
    return missing;
  }
}

/** Monday–Friday days in the closed interval of epoch days [a, b] (a <= b). */
function weekdaysBetween(a: number, b: number): number {
  const total = b - a + 1;
  const fullWeeks = Math.floor(total / 7);
  let count = fullWeeks * 5;
  for (let day = a + fullWeeks * 7; day <= b; day++) if (weekdayOfDay(day) <= 5) count++;
  return count;
}

/** Groups the days off among `entries` (in date order) into blocks of consecutive same-name days. */
export function holidayBlocks(entries: readonly CalendarEntry[]): HolidayBlock[] {
  const blocks: HolidayBlock[] = [];
  let current: { name: string; first: number; last: number } | undefined;
  const close = () => {
    if (current) {
      blocks.push({
        name: current.name,
        first: dateOfDay(current.first),
        last: dateOfDay(current.last),
        days: current.last - current.first + 1,
      });
    }
  };
  for (const e of entries) {
    if (e.kind !== 'off') continue;
    const day = dayNumber(e.date);
    if (current && current.name === e.name && day === current.last + 1) current.last = day;
    else {
      close();
      current = { name: e.name, first: day, last: day };
    }
  }
  close();
  return blocks;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses a number of working days: an integer in -MAX_WORKDAYS..MAX_WORKDAYS. */
export function parseWorkdayCount(input: string): Checked<number> {
  const text = input.trim();
  if (text === '') return { ok: false, message: '请填写工作日数' };
  if (!/^[+-]?\d{1,7}$/.test(text)) return { ok: false, message: '工作日数须为整数，例如 20' };
  const n = Number(text);
  if (Math.abs(n) > MAX_WORKDAYS) {
    return { ok: false, message: `工作日数须在 -${MAX_WORKDAYS} 至 ${MAX_WORKDAYS} 之间` };
  }
  return { ok: true, value: n === 0 ? 0 : n };
}

/** Validates a closed interval of two dates; field errors are keyed by the given field names. */
export function validateInterval(
  from: string,
  to: string,
  names: { from: string; to: string },
): { ok: true; from: string; to: string } | { ok: false; fields: Record<string, string> } {
  const a = parseDate(from);
  const b = parseDate(to);
  const fields: Record<string, string> = {};
  if (!a.ok) fields[names.from] = a.message;
  if (!b.ok) fields[names.to] = b.message;
  if (a.ok && b.ok && a.day > b.day) fields[names.to] = '结束日期不能早于起始日期';
  if (!a.ok || !b.ok || Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, from: a.date, to: b.date };
}

// The bundled official calendar 2017–2026, checked around every holiday block and every 调休 day
// against an independent day-by-day reading of holidays.json, plus hand-verified deadlines.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Calendar, holidayBlocks, type CalendarEntry } from './calendar.rules.js';
import { parseCalendarJson } from './calendar.validation.js';

interface RawEntry {
  date: string;
  name: string;
  weekday: number;
}
type RawFile = Record<string, { off: RawEntry[]; workdays: RawEntry[] }>;

const TEXT = readFileSync(new URL('./holidays.json', import.meta.url), 'utf8');
const RAW = JSON.parse(TEXT) as RawFile;
const YEARS = Object.keys(RAW).filter((k) => !k.startsWith('_'));
const OFF = YEARS.flatMap((y) => RAW[y]!.off);
const WORKDAYS = YEARS.flatMap((y) => RAW[y]!.workdays);

const parsed = parseCalendarJson(TEXT);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.fields));
const cal = new Calendar(
  parsed.value.flatMap((y) => y.entries),
  parsed.value.map((y) => y.year),
);

// The oracle: JavaScript's own UTC calendar and the raw lists, day by day.
const MS = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const offSet = new Set(OFF.map((e) => e.date));
const workSet = new Set(WORKDAYS.map((e) => e.date));
function oracleWorkday(d: string): boolean {
  if (workSet.has(d)) return true;
  if (offSet.has(d)) return false;
  const wd = new Date(toMs(d)).getUTCDay();
  return wd !== 0 && wd !== 6;
}
function oracleStep(d: string, step: 1 | -1): string {
  let ms = toMs(d);
  do ms += step * MS;
  while (!oracleWorkday(fromMs(ms)));
  return fromMs(ms);
}

/** Maximal runs of consecutive official days off (a run may cross New Year). */
function offBlocks(): string[][] {
  const sorted = [...offSet].sort();
  const blocks: string[][] = [];
  for (const d of sorted) {
    const last = blocks.at(-1);
    if (last && toMs(d) - toMs(last.at(-1)!) === MS) last.push(d);
    else blocks.push([d]);
  }
  return blocks;
}

describe('the bundled holidays.json', () => {
  it('parses cleanly: ten official years, weekdays consistent with the dates', () => {
    expect(parsed.ok && parsed.value.map((y) => y.year)).toEqual([
      2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026,
    ]);
    expect(OFF.length).toBeGreaterThan(250);
    expect(WORKDAYS.length).toBeGreaterThan(40);
  });

  const blocks = offBlocks();
  it('has the holiday blocks one expects (about seven a year)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(blocks.map((b) => [`${b[0]} … ${b.at(-1)}`, b] as const))('block %s', (_label, block) => {
    const first = block[0]!;
    const last = block.at(-1)!;
    const before = oracleStep(first, -1);
    const after = oracleStep(last, 1);
    // 2016 has no data: the block of 元旦 2017 touches it.
    const official = YEARS.includes(before.slice(0, 4)) && YEARS.includes(after.slice(0, 4));

    it('is all days off, and the first working day after it follows the last one before it', () => {
      for (const d of block) expect(cal.isWorkday(d), d).toBe(false);
      expect(cal.isWorkday(before)).toBe(true);
      expect(cal.isWorkday(after)).toBe(true);
      expect(cal.addWorkdays(before, 1)).toMatchObject({ date: after, official });
      expect(cal.addWorkdays(after, -1)).toMatchObject({ date: before, official });
      expect(cal.countWorkdays(before, after).workdays).toBe(2);
    });

    it('starting on any day inside it, +1 gives the day after it and -1 the day before it', () => {
      for (const d of block) {
        expect(cal.addWorkdays(d, 1).date, d).toBe(after);
        expect(cal.addWorkdays(d, -1).date, d).toBe(before);
        expect(cal.addWorkdays(d, 0).date, d).toBe(d);
      }
    });
  });

  it.each(WORKDAYS.map((e) => [e.date, e.name, e] as const))(
    '调休 %s (%s) is a weekend working day',
    (date, name, e) => {
      expect([6, 7]).toContain(e.weekday);
      expect(cal.isWorkday(date)).toBe(true);
      expect(cal.day(date)).toEqual({
        date,
        workday: true,
        official: true,
        entry: { date, kind: 'workday', name },
      });
      // It is counted when stepping over it in both directions.
      expect(cal.addWorkdays(oracleStep(date, -1), 1).date).toBe(date);
      expect(cal.addWorkdays(oracleStep(date, 1), -1).date).toBe(date);
    },
  );

  it('agrees with the day-by-day oracle on every day of 2017–2026, for +1, -1 and +20', () => {
    for (let ms = toMs('2017-01-01'); ms <= toMs('2026-12-31'); ms += MS) {
      const d = fromMs(ms);
      expect(cal.isWorkday(d), d).toBe(oracleWorkday(d));
      expect(cal.addWorkdays(d, 1).date, d).toBe(oracleStep(d, 1));
      expect(cal.addWorkdays(d, -1).date, d).toBe(oracleStep(d, -1));
    }
    for (let ms = toMs('2017-01-01'); ms <= toMs('2026-10-31'); ms += 3 * MS) {
      let d = fromMs(ms);
      const start = d;
      for (let i = 0; i < 20; i++) d = oracleStep(d, 1);
      expect(cal.addWorkdays(start, 20).date, start).toBe(d);
      // Back 20 from there lands on the start, or on the last working day before a day-off start.
      expect(cal.addWorkdays(d, -20).date, d).toBe(oracleWorkday(start) ? start : oracleStep(start, -1));
    }
  });

  it('counts each year’s working days like the day-by-day oracle', () => {
    for (const y of YEARS) {
      let expected = 0;
      for (let ms = toMs(`${y}-01-01`); ms <= toMs(`${y}-12-31`); ms += MS)
        if (oracleWorkday(fromMs(ms))) expected++;
      expect(cal.countWorkdays(`${y}-01-01`, `${y}-12-31`)).toMatchObject({
        workdays: expected,
        official: true,
      });
      expect(expected).toBeGreaterThanOrEqual(247);
      expect(expected).toBeLessThanOrEqual(251);
    }
  });
});

describe('hand-verified deadlines', () => {
  it.each([
    // [from, n, expected, why]
    ['2024-09-30', 1, '2024-10-08', '国庆节 2024: 10-01…10-07 off'],
    ['2024-09-27', 1, '2024-09-29', '调休 Sunday 2024-09-29'],
    ['2024-02-09', 1, '2024-02-18', '春节 2024: 02-10…02-17 off, 调休 Sunday 02-18'],
    ['2023-12-29', 1, '2024-01-02', '元旦 2024: 2023-12-30…2024-01-01 off'],
    ['2025-09-30', 1, '2025-10-09', '国庆节、中秋节 2025: 10-01…10-08 off'],
    // 20 working days across 春节 2024: 02-02, 02-04 (调休), 02-05…02-09, 02-18 (调休),
    // 02-19…02-23, 02-26…03-01, 03-04, 03-05.
    ['2024-02-01', 20, '2024-03-05', '春节 2024'],
    // 20 working days across 国庆节 2024: 09-23…09-27, 09-29 (调休), 09-30, 10-08…10-11,
    // 10-12 (调休), 10-14…10-18, 10-21…10-23.
    ['2024-09-20', 20, '2024-10-23', '国庆节 2024'],
    // 春节 2025: 01-21…01-24, 01-26 (调休), 01-27, 02-05…02-07, 02-08 (调休), 02-10…02-14,
    // 02-17…02-21.
    ['2025-01-20', 20, '2025-02-21', '春节 2025'],
    // 国庆节 2025: 09-28 (调休), 09-29, 09-30, 10-09, 10-10, 10-11 (调休), 10-13…10-17,
    // 10-20…10-24, 10-27…10-30.
    ['2025-09-26', 20, '2025-10-30', '国庆节 2025'],
    ['2024-10-23', -20, '2024-09-20', 'backwards across 国庆节 2024'],
    ['2025-02-21', -20, '2025-01-20', 'backwards across 春节 2025'],
  ] as const)('addWorkdays(%s, %i) = %s (%s)', (from, n, expected, _why) => {
    expect(cal.addWorkdays(from, n)).toEqual({
      from,
      workdays: n,
      date: expected,
      official: true,
      yearsWithoutData: [],
    });
  });

  it('names the holidays between a start and its deadline', () => {
    const blocks = holidayBlocks(cal.entriesBetween('2024-09-20', '2024-10-23'));
    expect(blocks).toEqual([{ name: '国庆节', first: '2024-10-01', last: '2024-10-07', days: 7 }]);
    const workdays: CalendarEntry[] = cal
      .entriesBetween('2024-09-20', '2024-10-23')
      .filter((e) => e.kind === 'workday');
    expect(workdays.map((e) => e.date)).toEqual(['2024-09-29', '2024-10-12']);
  });

  it('crosses into 2027 (no official data yet) by weekends alone and says so', () => {
    expect(cal.addWorkdays('2026-12-31', 1)).toEqual({
      from: '2026-12-31',
      workdays: 1,
      date: '2027-01-01',
      official: false,
      yearsWithoutData: [2027],
    });
    expect(cal.countWorkdays('2030-01-01', '2030-01-31')).toMatchObject({ workdays: 23, official: false });
    expect(cal.isOfficialYear(2030)).toBe(false);
    expect(cal.day('2030-10-01')).toEqual({ date: '2030-10-01', workday: true, official: false });
  });
});

import { describe, expect, it } from 'vitest';
import {
  Calendar,
  holidayBlocks,
  parseWorkdayCount,
  validateInterval,
  type CalendarEntry,
} from './calendar.rules.js';

// A small hand-made calendar: 2024's National Day as the State Council set it.
const NATIONAL_DAY_2024: CalendarEntry[] = [
  { date: '2024-09-29', kind: 'workday', name: '国庆节' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d): CalendarEntry => ({
    date: `2024-10-${d}`,
    kind: 'off',
    name: '国庆节',
  })),
  { date: '2024-10-12', kind: 'workday', name: '国庆节' },
];
const cal = new Calendar(NATIONAL_DAY_2024, [2024]);

describe('isWorkday and day()', () => {
  it('follows weekends, official days off and 调休 working days', () => {
    expect(cal.isWorkday('2024-09-27')).toBe(true); // Friday
    expect(cal.isWorkday('2024-09-28')).toBe(false); // Saturday
    expect(cal.isWorkday('2024-09-29')).toBe(true); // Sunday, 调休
    expect(cal.isWorkday('2024-10-01')).toBe(false); // Tuesday, 国庆节
    expect(cal.isWorkday('2024-10-05')).toBe(false); // Saturday inside the block
    expect(cal.isWorkday('2024-10-12')).toBe(true); // Saturday, 调休
    expect(cal.isWorkday('2024-10-13')).toBe(false); // Sunday
  });

  it('names the day and says whether its year is official', () => {
    expect(cal.day('2024-10-01')).toEqual({
      date: '2024-10-01',
      workday: false,
      official: true,
      entry: { date: '2024-10-01', kind: 'off', name: '国庆节' },
    });
    expect(cal.day('2024-10-08')).toEqual({ date: '2024-10-08', workday: true, official: true });
    expect(cal.day('2025-10-01')).toEqual({ date: '2025-10-01', workday: true, official: false });
  });
});

describe('addWorkdays', () => {
  it('finds the next working day after a holiday block', () => {
    expect(cal.addWorkdays('2024-09-30', 1)).toEqual({
      from: '2024-09-30',
      workdays: 1,
      date: '2024-10-08',
      official: true,
      yearsWithoutData: [],
    });
  });

  it('never counts the start date, whether or not it is a working day', () => {
    expect(cal.addWorkdays('2024-10-01', 1).date).toBe('2024-10-08'); // holiday start
    expect(cal.addWorkdays('2024-10-07', 1).date).toBe('2024-10-08');
    expect(cal.addWorkdays('2024-10-08', 1).date).toBe('2024-10-09'); // working-day start
    expect(cal.addWorkdays('2024-10-11', 1).date).toBe('2024-10-12'); // Friday → 调休 Saturday
    expect(cal.addWorkdays('2024-10-12', 1).date).toBe('2024-10-14'); // 调休 Saturday start
    expect(cal.addWorkdays('2024-10-13', 1).date).toBe('2024-10-14'); // Sunday start
    expect(cal.addWorkdays('2024-09-28', 1).date).toBe('2024-09-29'); // Saturday → 调休 Sunday
  });

  it('returns the date itself for n = 0, even on a day off', () => {
    expect(cal.addWorkdays('2024-10-03', 0).date).toBe('2024-10-03');
    expect(cal.addWorkdays('2024-10-08', 0).date).toBe('2024-10-08');
  });

  it('counts backwards the same way for negative n', () => {
    expect(cal.addWorkdays('2024-10-08', -1).date).toBe('2024-09-30');
    expect(cal.addWorkdays('2024-10-03', -1).date).toBe('2024-09-30');
    expect(cal.addWorkdays('2024-09-30', -1).date).toBe('2024-09-29'); // 调休 Sunday
    expect(cal.addWorkdays('2024-09-30', -2).date).toBe('2024-09-27');
    expect(cal.addWorkdays('2024-10-14', -1).date).toBe('2024-10-12');
    expect(cal.addWorkdays('2024-10-14', -6).date).toBe('2024-09-30');
    expect(cal.addWorkdays('2024-09-30', 6).date).toBe('2024-10-14');
  });

  it('answers by weekends alone, and says so, for a year without data', () => {
    const answer = cal.addWorkdays('2030-09-30', 1);
    expect(answer).toEqual({
      from: '2030-09-30',
      workdays: 1,
      date: '2030-10-01',
      official: false,
      yearsWithoutData: [2030],
    });
    expect(cal.addWorkdays('2030-02-01', 1).date).toBe('2030-02-04'); // Friday → Monday
    expect(cal.addWorkdays('2024-12-31', 1)).toMatchObject({ date: '2025-01-01', official: false });
    expect(cal.addWorkdays('2024-12-20', 5)).toMatchObject({ date: '2024-12-27', official: true });
  });

  it('lists every year without data that a long answer crosses', () => {
    expect(cal.addWorkdays('2024-12-31', 600).yearsWithoutData).toEqual([2025, 2026, 2027]);
    expect(cal.addWorkdays('2024-01-02', -300).yearsWithoutData).toEqual([2022, 2023]);
  });

  it('refuses a fractional number of days', () => {
    expect(() => cal.addWorkdays('2024-10-08', 1.5)).toThrow(RangeError);
  });
});

describe('countWorkdays', () => {
  it('counts the closed interval, both ends included', () => {
    expect(cal.countWorkdays('2024-10-08', '2024-10-08').workdays).toBe(1);
    expect(cal.countWorkdays('2024-10-01', '2024-10-07').workdays).toBe(0);
    expect(cal.countWorkdays('2024-09-30', '2024-10-08').workdays).toBe(2);
    // October 2024: 23 weekdays, 5 of them off, plus the 调休 Saturday the 12th.
    expect(cal.countWorkdays('2024-10-01', '2024-10-31')).toEqual({
      from: '2024-10-01',
      to: '2024-10-31',
      workdays: 19,
      official: true,
      yearsWithoutData: [],
    });
    expect(cal.countWorkdays('2024-09-28', '2024-09-29').workdays).toBe(1);
  });

  it('counts weekends alone in a year without data', () => {
    expect(cal.countWorkdays('2030-01-01', '2030-12-31')).toMatchObject({ workdays: 261, official: false });
    expect(cal.countWorkdays('2030-01-05', '2030-01-06').workdays).toBe(0);
  });

  it('agrees with a day-by-day count on many intervals', () => {
    for (let i = 0; i < 60; i++) {
      const from = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`;
      for (const n of [0, 1, 5, 19, 40]) {
        const end = cal.addWorkdays(from, n).date;
        const expected = (cal.isWorkday(from) ? 1 : 0) + n;
        expect(cal.countWorkdays(from, end).workdays).toBe(expected);
      }
    }
  });

  it('treats from > to as the caller’s error', () => {
    expect(() => cal.countWorkdays('2024-10-08', '2024-10-07')).toThrow(RangeError);
  });
});

describe('entriesBetween and holidayBlocks', () => {
  it('lists the official entries in a closed interval and groups the days off', () => {
    const entries = cal.entriesBetween('2024-09-29', '2024-10-12');
    expect(entries.map((e) => e.date)).toEqual([
      '2024-09-29',
      '2024-10-01',
      '2024-10-02',
      '2024-10-03',
      '2024-10-04',
      '2024-10-05',
      '2024-10-06',
      '2024-10-07',
      '2024-10-12',
    ]);
    expect(holidayBlocks(entries)).toEqual([
      { name: '国庆节', first: '2024-10-01', last: '2024-10-07', days: 7 },
    ]);
    expect(cal.entriesBetween('2024-10-08', '2024-10-11')).toEqual([]);
  });

  it('splits blocks on a gap or a change of name', () => {
    expect(
      holidayBlocks([
        { date: '2024-06-08', kind: 'off', name: '端午节' },
        { date: '2024-06-09', kind: 'off', name: '端午节' },
        { date: '2024-06-10', kind: 'off', name: '端午节' },
        { date: '2024-09-15', kind: 'off', name: '中秋节' },
        { date: '2024-09-16', kind: 'off', name: '中秋节' },
        { date: '2024-09-17', kind: 'off', name: '国庆节' },
      ]),
    ).toEqual([
      { name: '端午节', first: '2024-06-08', last: '2024-06-10', days: 3 },
      { name: '中秋节', first: '2024-09-15', last: '2024-09-16', days: 2 },
      { name: '国庆节', first: '2024-09-17', last: '2024-09-17', days: 1 },
    ]);
  });

  it('ignores the entries of a year that is not official', () => {
    const draft = new Calendar([{ date: '2027-10-01', kind: 'off', name: '国庆节' }], [2024]);
    expect(draft.isWorkday('2027-10-01')).toBe(true);
    expect(draft.entriesBetween('2027-01-01', '2027-12-31')).toEqual([]);
  });
});

describe('input parsing', () => {
  it.each([
    ['20', 20],
    ['-5', -5],
    ['+3', 3],
    ['0', 0],
    ['-0', 0],
    ['1000', 1000],
    ['-1000', -1000],
  ])('reads the number of working days %j', (text, n) => {
    expect(parseWorkdayCount(text)).toEqual({ ok: true, value: n });
  });

  it.each([
    ['', '请填写工作日数'],
    ['abc', '工作日数须为整数，例如 20'],
    ['1.5', '工作日数须为整数，例如 20'],
    ['1e3', '工作日数须为整数，例如 20'],
    ['1001', '工作日数须在 -1000 至 1000 之间'],
    ['-1001', '工作日数须在 -1000 至 1000 之间'],
  ])('rejects %j', (text, message) => {
    expect(parseWorkdayCount(text)).toEqual({ ok: false, message });
  });

  it('validates an interval, naming the field at fault', () => {
    expect(validateInterval('2024-10-01', '2024-10-31', { from: 'from', to: 'to' })).toEqual({
      ok: true,
      from: '2024-10-01',
      to: '2024-10-31',
    });
    expect(validateInterval('2024-10-31', '2024-10-01', { from: 'from', to: 'to' })).toEqual({
      ok: false,
      fields: { to: '结束日期不能早于起始日期' },
    });
    expect(validateInterval('2024-02-30', 'x', { from: 'start', to: 'end' })).toEqual({
      ok: false,
      fields: { start: '日期不存在：2024年2月只有 29 天', end: '日期格式应为 YYYY-MM-DD，例如 2024-10-08' },
    });
  });
});

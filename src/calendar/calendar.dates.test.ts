import { describe, expect, it } from 'vitest';
import {
  addDays,
  addHours,
  dateOfDay,
  dayNumber,
  formatChineseDate,
  parseDate,
  weekdayLabel,
  weekdayOf,
  yearOfDay,
} from './calendar.dates.js';

describe('parseDate', () => {
  it.each(['2024-02-29', '2000-02-29', '1900-01-01', '2200-12-31', '2024-12-31', ' 2024-10-08 '])(
    'accepts the real date %s',
    (text) => {
      const parsed = parseDate(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(dateOfDay(parsed.day)).toBe(text.trim());
    },
  );

  it.each([
    ['2024-02-30', '日期不存在：2024年2月只有 29 天'],
    ['2023-02-29', '日期不存在：2023年2月只有 28 天'],
    ['1900-02-29', '日期不存在：1900年2月只有 28 天'],
    ['2024-04-31', '日期不存在：2024年4月只有 30 天'],
    ['2024-13-01', '月份须在 01 至 12 之间'],
    ['2024-00-10', '月份须在 01 至 12 之间'],
    ['2024-01-00', '日期不存在：2024年1月只有 31 天'],
    ['1899-12-31', '年份须在 1900 至 2200 之间'],
    ['2201-01-01', '年份须在 1900 至 2200 之间'],
    ['abc', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['2024-9-30', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['2024/09/30', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['2024-09-30T00:00', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['２０２４-09-30', '日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    ['', '请填写日期'],
  ])('rejects %j with a Chinese message', (text, message) => {
    expect(parseDate(text)).toEqual({ ok: false, message });
  });
});

describe('epoch-day arithmetic', () => {
  it('numbers days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(dateOfDay(dayNumber('1900-03-01') - 1)).toBe('1900-02-28');
    expect(dateOfDay(dayNumber('2200-12-31'))).toBe('2200-12-31');
    expect(yearOfDay(dayNumber('2024-12-31'))).toBe(2024);
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday), including before 1970', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('1900-01-01')).toBe(1);
    expect(weekdayOf('2024-09-29')).toBe(7);
    expect(weekdayOf('2024-09-30')).toBe(1);
    expect(weekdayOf('2024-10-12')).toBe(6);
    expect(weekdayOf('2200-12-31')).toBe(3);
    expect(weekdayLabel('2024-10-08')).toBe('星期二');
    expect(weekdayLabel('2024-09-29')).toBe('星期日');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11'); // a US DST change day
    expect(addDays('2024-11-03', 1)).toBe('2024-11-04');
  });

  it('formats dates in Chinese', () => {
    expect(formatChineseDate('2024-10-08')).toBe('2024年10月8日');
  });
});

describe('addHours (plain elapsed hours)', () => {
  it('adds hours to an instant with an offset and answers in UTC', () => {
    expect(addHours('2024-09-30T20:00:00+08:00', 5)).toBe('2024-09-30T17:00:00.000Z');
    expect(addHours('2024-09-30T12:00:00Z', 24)).toBe('2024-10-01T12:00:00.000Z');
    expect(addHours('2024-02-28T23:30:00.000Z', 48)).toBe('2024-03-01T23:30:00.000Z');
  });

  it('counts a holiday and a DST night like any other hours', () => {
    expect(addHours('2024-10-01T00:00:00+08:00', 24)).toBe('2024-10-01T16:00:00.000Z');
    expect(addHours('2024-03-10T01:00:00-05:00', 5)).toBe('2024-03-10T11:00:00.000Z');
  });

  it('refuses an instant without an offset (it would be read in local time)', () => {
    expect(() => addHours('2024-09-30T20:00:00', 5)).toThrow(RangeError);
    expect(() => addHours('2024-09-30', 5)).toThrow(RangeError);
    expect(() => addHours('2024-09-30T20:00:00Z', Number.NaN)).toThrow(RangeError);
  });
});

describe('independence from the process time zone', () => {
  it('gives the same answers whatever TZ is, even when it changes at run time', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of [
        'Asia/Shanghai',
        'America/New_York',
        'Pacific/Kiritimati',
        'Pacific/Pago_Pago',
        'UTC',
      ]) {
        process.env.TZ = tz;
        expect(weekdayOf('2024-09-29'), tz).toBe(7);
        expect(addDays('2024-03-10', 1), tz).toBe('2024-03-11');
        expect(addDays('2024-12-31', 1), tz).toBe('2025-01-01');
        expect(parseDate('2024-02-29').ok, tz).toBe(true);
        expect(addHours('2024-09-30T20:00:00+08:00', 5), tz).toBe('2024-09-30T17:00:00.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

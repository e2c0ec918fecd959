import { describe, expect, it } from 'vitest';
import { isIsoDate, parseAuditFilter, shanghaiDayEnd, shanghaiDayStart } from './audit.filter.js';

const blank = { department: '', user: '', entity: '', from: '', to: '' };

describe('Shanghai calendar days as UTC instant bounds', () => {
  it('starts a day at 16:00Z of the day before and ends it at 16:00Z of the day itself', () => {
    expect(shanghaiDayStart('2026-03-01')).toBe('2026-02-28T16:00:00.000Z');
    expect(shanghaiDayEnd('2026-03-01')).toBe('2026-03-01T16:00:00.000Z');
  });

  it('crosses month, year and leap-day boundaries by arithmetic', () => {
    expect(shanghaiDayStart('2025-01-01')).toBe('2024-12-31T16:00:00.000Z');
    expect(shanghaiDayEnd('2024-12-31')).toBe('2024-12-31T16:00:00.000Z');
    expect(shanghaiDayStart('2024-03-01')).toBe('2024-02-29T16:00:00.000Z');
    expect(shanghaiDayEnd('2024-02-29')).toBe('2024-02-29T16:00:00.000Z');
    expect(shanghaiDayStart('2023-03-01')).toBe('2023-02-28T16:00:00.000Z');
  });

  it('gives the same bounds whatever the process time zone (run under TZ=America/New_York too)', () => {
    // A date in US daylight-saving changeover week: local-time arithmetic would be off by an hour.
    expect(shanghaiDayStart('2026-03-08')).toBe('2026-03-07T16:00:00.000Z');
    expect(shanghaiDayEnd('2026-11-01')).toBe('2026-11-01T16:00:00.000Z');
  });

  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-1-01', 'abc', '', '2024-01-01T00:00'])
      expect(isIsoDate(bad), bad).toBe(false);
    expect(() => shanghaiDayStart('2024-02-30')).toThrow(RangeError);
  });
});

describe('parseAuditFilter', () => {
  it('turns the form into a filter with instant bounds, the end day included', () => {
    const { filter, errors } = parseAuditFilter({
      ...blank,
      department: '3',
      user: '7',
      entity: 'user',
      from: '2026-01-01',
      to: '2026-01-31',
    });
    expect(errors).toEqual({});
    expect(filter).toEqual({
      departmentId: 3,
      actorUserId: 7,
      entityType: 'user',
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-01-31T16:00:00.000Z',
    });
  });

  it('allows a single day (from = to) and leaves empty fields out', () => {
    const { filter, errors } = parseAuditFilter({ ...blank, from: '2026-05-01', to: '2026-05-01' });
    expect(errors).toEqual({});
    expect(filter).toEqual({ from: '2026-04-30T16:00:00.000Z', to: '2026-05-01T16:00:00.000Z' });
    expect(parseAuditFilter(blank)).toEqual({ filter: {}, errors: {} });
  });

  it('reports bad dates, a reversed range and bad ids in Chinese', () => {
    expect(parseAuditFilter({ ...blank, from: '2026-02-30' }).errors.from).toContain('请输入有效日期');
    expect(parseAuditFilter({ ...blank, to: '31/01/2026' }).errors.to).toContain('YYYY-MM-DD');
    expect(parseAuditFilter({ ...blank, from: '2026-02-02', to: '2026-02-01' }).errors.to).toBe(
      '结束日期不能早于开始日期',
    );
    expect(parseAuditFilter({ ...blank, department: 'x' }).errors.department).toBe('请选择列表中的单位');
    expect(parseAuditFilter({ ...blank, user: '-1' }).errors.user).toBe('请选择列表中的操作人');
  });
});

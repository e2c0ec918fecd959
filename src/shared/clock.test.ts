import { describe, expect, it } from 'vitest';
import { formatShanghaiDateTime, shanghaiDate } from './clock.js';

describe('Asia/Shanghai dates, whatever the server time zone', () => {
  it('gives the Shanghai calendar date of an instant', () => {
    // 2024-09-30T16:30Z is already 1 October in Beijing (UTC+8).
    expect(shanghaiDate(new Date('2024-09-30T16:30:00Z'))).toBe('2024-10-01');
    expect(shanghaiDate(new Date('2024-09-30T15:59:59Z'))).toBe('2024-09-30');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('shows instants in Beijing time', () => {
    expect(formatShanghaiDateTime('2024-09-30T16:30:00Z')).toBe('2024/10/01 00:30');
    expect(formatShanghaiDateTime(null)).toBe('');
    expect(formatShanghaiDateTime('garbage')).toBe('');
  });
});

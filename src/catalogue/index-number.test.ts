import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INDEX_NUMBER_FORMAT,
  formatIndexNumber,
  indexNumberFormatProblems,
  indexNumberPrefix,
  serialOfIndexNumber,
} from './index-number.js';

describe('索引号 format', () => {
  it('defaults to {统一社会信用代码}/{YYYY}-{NNNNN}', () => {
    expect(
      formatIndexNumber(DEFAULT_INDEX_NUMBER_FORMAT, { code: '11421100MB1234567X', year: 2024, serial: 7 }),
    ).toBe('11421100MB1234567X/2024-00007');
  });

  it('follows a configured template and width', () => {
    expect(formatIndexNumber('{code}-{year}-{serial:6}', { code: 'ABC', year: 2019, serial: 153 })).toBe(
      'ABC-2019-000153',
    );
  });

  it('reports unusable templates', () => {
    expect(indexNumberFormatProblems('{code}/{serial}')).not.toEqual([]);
    expect(indexNumberFormatProblems('{code}/{year}-{serial:5}')).toEqual([]);
    expect(indexNumberFormatProblems('{org}/{year}-{serial}')).not.toEqual([]);
  });

  it('uses a stand-in prefix for a department without a credit code', () => {
    expect(indexNumberPrefix({ id: 12, creditCode: null })).toBe('DEPT00012');
  });

  it('reads the serial back from an index number of the same shape', () => {
    expect(serialOfIndexNumber(DEFAULT_INDEX_NUMBER_FORMAT, 'ABC/2020-00042', 'ABC')).toEqual({
      year: 2020,
      serial: 42,
    });
    expect(serialOfIndexNumber(DEFAULT_INDEX_NUMBER_FORMAT, 'XYZ/2020-00042', 'ABC')).toBeUndefined();
  });
});

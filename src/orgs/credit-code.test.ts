import { describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { CREDIT_CODE_MESSAGES, creditCodeCheckChar, creditCodeProblem } from './credit-code.js';
import { validateDepartmentInput } from './department.validation.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Real codes published by their holders (GB 32100-2015 check characters).
const REAL_CODES = [
  '91350100M000100Y43',
  '11100000000013127D', // 中华人民共和国公安部 (prefix of the national certificate type codes 11100000000013127D001…)
  '91310110666007217T',
  '91230184MA1BUFLT44',
  '92371000MA3MXH0E3W',
];

describe('统一社会信用代码 check characters (GB 32100-2015)', () => {
  it.each(REAL_CODES)('accepts the real code %s', (code) => {
    expect(creditCodeProblem(code)).toBeUndefined();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('rejects every single-character corruption of a real code', () => {
    for (const code of REAL_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const ch of ALPHABET) {
          if (ch === code[i]) continue;
          const corrupted = code.slice(0, i) + ch + code.slice(i + 1);
          expect(creditCodeProblem(corrupted), corrupted).toBe('check');
        }
      }
    }
  });

  it('rejects a wrong last character, such as 11100000000013127G', () => {
    expect(creditCodeProblem('11100000000013127G')).toBe('check');
    // An early pilot-region code that does not follow the standard.
    expect(creditCodeProblem('91350211M00013FA1N')).toBe('check');
  });

  it('tells length and alphabet problems apart from a wrong check character', () => {
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
    expect(creditCodeProblem('91350100M000I00Y43')).toBe('charset'); // I is not in the alphabet
    expect(creditCodeProblem('91350100m000100Y43')).toBe('charset');
    expect(creditCodeCheckChar('91350100M000100Y')).toBeUndefined();
  });

  it('makes valid, distinct demo codes', () => {
    const codes = Array.from({ length: 500 }, (_, i) => demoCreditCode(i + 1));
    expect(new Set(codes).size).toBe(500);
    for (const c of codes) expect(creditCodeProblem(c)).toBeUndefined();
  });

  it('gives the form a message that names the check character, after trimming and upper-casing', () => {
    const base = {
      fullName: '黄冈市数据局',
      shortName: '',
      kind: 'city_department',
      parentId: undefined,
      address: '',
      officeHours: '',
      phone: '',
      email: '',
      guideText: '',
      functionsText: '',
      sortOrder: undefined,
    };
    const wrong = validateDepartmentInput({ ...base, creditCode: '91350100M000100Y44' });
    expect(wrong.fields.creditCode).toBe(CREDIT_CODE_MESSAGES.check);
    expect(wrong.fields.creditCode).toContain('校验位不正确');
    const right = validateDepartmentInput({ ...base, creditCode: ' 91350100m000100y43 ' });
    expect(right.fields).toEqual({});
    expect(right.values.creditCode).toBe('91350100M000100Y43');
  });
});

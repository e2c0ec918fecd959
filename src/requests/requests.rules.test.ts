// Pure rules: 证件 checks, the outcome → table 三 mapping, the remedy clause, the statistics checks.
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../orgs/credit-code.js';
import { remedyClause } from './requests.letters.js';
import { ARTICLE_36_KINDS, OUTCOME_INFO, OUTCOMES, RESULT_ROWS } from './requests.outcomes.js';
import { buildTable3, checkTable3, checkTable4, statisticsCsv, buildTable4 } from './requests.stats.js';
import {
  EMPTY_APPLICATION,
  isValidPhone,
  residentIdProblem,
  validateApplication,
} from './requests.validation.js';

describe('居民身份证 numbers', () => {
  it.each([
    ['11010519491231002X', undefined],
    ['110105194912310021', '校验位不正确'],
    ['11010519491231002', '应为 18 位'],
    ['1101051949123100AX', '前 17 位应为数字'],
    ['110105194902300020', '出生日期无效'],
    ['110105209912310021', '出生日期无效'],
  ])('%s', (id, problem) => {
    const p = residentIdProblem(id, '2026-11-29');
    if (problem === undefined) expect(p).toBeUndefined();
    else expect(p).toContain(problem);
  });
  it('accepts a lower-case x check character', () => {
    expect(residentIdProblem('11010519491231002x', '2026-11-29')).toBeUndefined();
  });
});

describe('applications', () => {
  const base = {
    ...EMPTY_APPLICATION,
    departmentId: '1',
    applicantCategory: 'research',
    name: '某研究所',
    idType: 'credit_code',
    idNumber: '',
    phone: '13912345678',
    infoDescription: '2025 年空气质量监测原始数据',
    formWanted: 'email',
    deliveryWanted: 'email',
  };
  const ctx = { today: '2026-11-29', departmentIsActive: (id: number) => id === 1 };
  it('checks a 统一社会信用代码 and needs an email for delivery by email', () => {
    const first17 = '91421100MA4F00001';
    const good = `${first17}${creditCodeCheckChar(first17)}`;
    const r = validateApplication({ ...base, idNumber: good }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields).toEqual({ email: '选择以电子邮件获取时，请填写电子邮箱' });
    const ok = validateApplication({ ...base, idNumber: good.toLowerCase(), email: 'a@b.cn' }, ctx);
    expect(ok.ok).toBe(true);
    if (ok.ok) expect(ok.value.applicant.idNumber).toBe(good);
  });
  it('refuses a personal ID type for an organisation and an inactive department', () => {
    const r = validateApplication(
      { ...base, idType: 'resident_id', idNumber: '11010519491231002X', departmentId: '2', email: 'a@b.cn' },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fields.idType).toBe('法人或其他组织请选择统一社会信用代码或其他证件');
      expect(r.fields.departmentId).toBe('所选机关不存在或已停用');
    }
  });
  it.each([
    ['13912345678', true],
    ['0713-8888888', true],
    ['12345', false],
    ['1391234567a', false],
  ])('phone %s', (p, valid) => expect(isValidPhone(p)).toBe(valid));
});

describe('outcome codes', () => {
  it('map to every row of table 三 (22 rows minus （七）), each code to exactly one row', () => {
    const rows = new Set(OUTCOMES.map((o) => OUTCOME_INFO[o].row));
    expect([...rows].sort()).toEqual([...RESULT_ROWS].sort());
    expect(RESULT_ROWS).toHaveLength(21);
  });
  it('cover the seven Article 36 decision kinds', () => {
    expect(ARTICLE_36_KINDS.map((k) => k.item)).toEqual([
      '（一）',
      '（二）',
      '（三）',
      '（四）',
      '（五）',
      '（六）',
      '（七）',
    ]);
    expect(ARTICLE_36_KINDS.flatMap((k) => k.outcomes).every((o) => OUTCOMES.includes(o))).toBe(true);
  });
  it('state 复议前置 for 不予公开 and both remedies otherwise', () => {
    expect(remedyClause('refused_state_secret', '黄冈市人民政府')).toContain('应当先申请行政复议');
    expect(remedyClause('refused_state_secret', '黄冈市人民政府')).toContain(
      '60 日内向黄冈市人民政府申请行政复议',
    );
    expect(remedyClause('not_held', '黄冈市人民政府')).toContain('6 个月内');
  });
});

describe('table 三 checks', () => {
  const counts = {
    received: [{ departmentId: 1, category: 'natural', n: 5 }],
    carriedIn: [{ departmentId: 1, category: 'natural', n: 2 }],
    decided: [
      { departmentId: 1, category: 'natural', outcome: 'disclosed', n: 4 },
      { departmentId: 1, category: 'natural', outcome: 'partial', n: 1 },
    ],
    carriedOut: [{ departmentId: 1, category: 'natural', n: 2 }],
  };
  it('hold for consistent counts', () => {
    const t = buildTable3(counts);
    expect(t.r1.natural).toBe(4);
    expect(t.total.total).toBe(5);
    expect(
      checkTable3(t, buildTable3({ ...counts, carriedOut: counts.carriedIn }), 2026).every((c) => c.ok),
    ).toBe(true);
  });
  it('fail when a column does not balance or last year’s 四 differs from this year’s 二', () => {
    const t = buildTable3({ ...counts, carriedOut: [{ departmentId: 1, category: 'natural', n: 3 }] });
    const checks = checkTable3(t, buildTable3({ ...counts, carriedOut: [] }), 2026);
    expect(checks.find((c) => c.label.startsWith('自然人：一 + 二'))?.ok).toBe(false);
    expect(checks.find((c) => c.label.includes('2025 年'))?.ok).toBe(false);
  });
  it('table 四 totals, and the CSV has the template rows', () => {
    const t4 = buildTable4([
      { departmentId: 1, kind: 'litigation', result: 'upheld', afterReconsideration: true, n: 2 },
    ]);
    expect(t4.after_upheld).toBe(2);
    expect(t4.after_total).toBe(2);
    expect(checkTable4(t4).every((c) => c.ok)).toBe(true);
    const csv = statisticsCsv('全市', 2026, buildTable3(counts), t4);
    expect(csv).toContain('一、本年新收政府信息公开申请数量,5,0,0,0,0,0,5');
    expect(csv).toContain('（三）不予公开 3.危及“三安全一稳定”');
    expect(csv).toContain('四、结转下年度继续办理,2,0,0,0,0,0,2');
  });
});

import { describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { addMonths, checkRecord, idCardProblem } from './credit.fields.js';
import { maskId, maskPersonName, maskText, publicFields } from './credit.mask.js';
import { idNumber } from './credit.test-ids.js';

const penalty = (over: Record<string, string> = {}) => ({
  CF_WSH: '黄市监罚〔2026〕12号',
  CF_XDR_MC: '黄冈某某餐饮有限公司',
  CF_XDR_LB: '法人及非法人组织',
  CF_XDR_SHXYM: demoCreditCode(77),
  CF_WFXW: '食品安全',
  CF_SY: '经营超过保质期的食品',
  CF_YJ: '《食品安全法》第一百二十四条',
  CF_CFLB: '罚款',
  CF_NR: '罚款人民币五万元',
  CF_NR_FK: '5',
  CF_JDRQ: '2026-03-02',
  CF_CFJG: '黄冈市市场监督管理局',
  CF_CFJGDM: demoCreditCode(78),
  ...over,
});

describe('credit record rules', () => {
  it('居民身份证 check character and birth date', () => {
    expect(idCardProblem(idNumber())).toBeUndefined();
    const bad = idNumber().slice(0, 17) + (idNumber().endsWith('0') ? '1' : '0');
    expect(idCardProblem(bad)).toBe('居民身份证号码校验位不正确');
    expect(idCardProblem(idNumber('19900230'))).toBe('居民身份证号码中的出生日期不存在');
    expect(idCardProblem('12345')).toBe('居民身份证号码应为 18 位（最后一位可为 X）');
  });

  it('accepts a good penalty and computes the 公示期 from severity (一般: 1 year; 严重: 3 years; 轻微: never shown)', () => {
    const r = checkRecord('penalty', penalty(), '2026-03-10');
    expect(r).toMatchObject({
      ok: true,
      record: { severity: 'general', publishUntil: '2027-03-02', creditCode: demoCreditCode(77) },
    });
    expect(checkRecord('penalty', penalty({ CF_SXYZCD: '严重' }), '2026-03-10')).toMatchObject({
      ok: true,
      record: { publishUntil: '2029-03-02' },
    });
    expect(checkRecord('penalty', penalty({ CF_SXYZCD: '轻微' }), '2026-03-10')).toMatchObject({
      ok: true,
      record: { severity: 'minor', publishUntil: null },
    });
    expect(checkRecord('penalty', penalty({ CF_GSJZQ: '2026-09-30' }), '2026-03-10')).toMatchObject({
      ok: true,
      record: { publishUntil: '2026-09-30' },
    });
  });

  it('rejects a future decision, negative amounts, a 公示截止期 outside its bounds and a bad credit code', () => {
    const r = checkRecord(
      'penalty',
      penalty({
        CF_JDRQ: '2026-03-11',
        CF_NR_FK: '-1',
        CF_GSJZQ: '2026-04-01',
        CF_XDR_SHXYM: '91420000000000000X',
      }),
      '2026-03-10',
    );
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        CF_JDRQ: '决定日期不能晚于今天（2026-03-10）',
        CF_NR_FK: '金额不能为负数',
        CF_GSJZQ: '一般失信信息的公示截止期应在 2026-06-11 至 2027-03-11 之间',
        CF_XDR_SHXYM: expect.stringContaining('统一社会信用代码'),
      });
  });

  it('licence: 有效期自 ≤ 有效期至; a natural person needs an ID number that passes the check', () => {
    const lic = {
      XK_XDR_MC: '张三',
      XK_XDR_LB: '自然人',
      XK_XDR_ZJLX: '身份证',
      XK_XDR_ZJHM: idNumber().slice(0, 17) + 'Z',
      XK_XKWS: '准予行政许可决定书',
      XK_WSH: '黄卫许〔2026〕3号',
      XK_XKLB: '普通',
      XK_NR: '医师执业注册',
      XK_JDRQ: '2026-03-02',
      XK_YXQZ: '2026-03-02',
      XK_YXQZI: '2026-03-01',
      XK_XKJG: '黄冈市卫生健康委员会',
      XK_XKJGDM: demoCreditCode(79),
    };
    const r = checkRecord('license', lic, '2026-03-10');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual({
        XK_YXQZI: '有效期至不能早于有效期自',
        XK_XDR_ZJHM: '居民身份证号码应为 18 位（最后一位可为 X）',
      });
    expect(
      checkRecord('license', { ...lic, XK_XDR_ZJHM: idNumber(), XK_YXQZI: '2031-03-01' }, '2026-03-10').ok,
    ).toBe(true);
  });

  it('adds months by the calendar (clamped to the month end)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('masks ID numbers to the first 4 and last 4 characters, and natural persons’ names', () => {
    expect(maskId('420102199003071234')).toBe('4201**********1234');
    expect(maskId('12345678')).toBe('********');
    expect(maskPersonName('张三丰')).toBe('张**');
    const f = publicFields(
      {
        CF_XDR_MC: '张三',
        CF_XDR_ZJHM: '420102199003071234',
        CF_FR_ZJHM: '420102199003075678',
        CF_NR: '警告',
      },
      '自然人',
    );
    expect(f).toEqual({
      CF_XDR_MC: '张*',
      CF_XDR_ZJHM: '4201**********1234',
      CF_FR_ZJHM: '4201**********5678',
      CF_NR: '警告',
    });
  });

  it('masks a natural person’s name and ID numbers written in free text; leaves credit codes alone', () => {
    const id = idNumber('19920505', '789');
    const f = publicFields(
      {
        CF_XDR_MC: '欧阳小明',
        CF_SY: `当事人欧阳小明（身份证号 ${id}）无证经营；欧阳小明已改正。`,
        CF_NR: '罚款',
        BZ: `见统一社会信用代码 ${demoCreditCode(601)} 的处罚`,
      },
      '自然人',
    );
    expect(f.CF_XDR_MC).toBe('欧***');
    expect(f.CF_SY).toBe(
      `当事人欧***（身份证号 ${id.slice(0, 4)}**********${id.slice(-4)}）无证经营；欧***已改正。`,
    );
    expect(f.BZ).toContain(demoCreditCode(601));
    // A company: its name stays; an ID number written in its text is masked.
    const c = publicFields(
      { CF_XDR_MC: '黄冈某某有限公司', CF_SY: `法定代表人身份证 ${id}` },
      '法人及非法人组织',
    );
    expect(c.CF_XDR_MC).toBe('黄冈某某有限公司');
    expect(c.CF_SY).toBe(`法定代表人身份证 ${id.slice(0, 4)}**********${id.slice(-4)}`);
    expect(maskText('编号 123456789012345678 不是身份证号')).toBe('编号 123456789012345678 不是身份证号');
  });
});

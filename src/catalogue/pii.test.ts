import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isValidIdCardNumber, maskPersonalData, scanPersonalData } from './pii.js';

// 11010519491231002X is the GB 11643 standard's own example number.
const VALID_ID = '11010519491231002X';

describe('personal-data detection', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(idCardCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts a valid 居民身份证 number and rejects a wrong check character', () => {
    expect(isValidIdCardNumber(VALID_ID)).toBe(true);
    expect(isValidIdCardNumber('110105194912310021')).toBe(false);
  });

  it('rejects an impossible birth date or region even with a matching check character', () => {
    const badDate = '1101051949023' + '1002';
    expect(isValidIdCardNumber(badDate + idCardCheckChar(badDate))).toBe(false);
    const badRegion = '99010519491231002';
    expect(isValidIdCardNumber(badRegion + idCardCheckChar(badRegion))).toBe(false);
  });

  it('finds ID numbers and mobile numbers in text, masked', () => {
    const hits = scanPersonalData(
      `申请人张三，身份证号${VALID_ID}，电话13912345678，座机0713-8888888。`,
      '正文',
    );
    expect(hits).toEqual([
      { kind: 'id_card', where: '正文', masked: '110105********002X' },
      { kind: 'mobile', where: '正文', masked: '139****5678' },
    ]);
  });

  it('finds numbers written with full-width digits or separators', () => {
    expect(scanPersonalData('联系电话：１３９１２３４５６７８', '正文')).toHaveLength(1);
    expect(scanPersonalData('联系电话：139-1234-5678', '正文')).toHaveLength(1);
  });

  it('ignores look-alikes: 文号, 索引号, long numbers, landlines, invalid IDs', () => {
    const text =
      '黄政办发〔2017〕27号 索引号 11421100MB1234567X/2024-00001 流水号 2139123456789 金额 12345678901234567 电话 0713-8638888 编号110105194912310021';
    expect(scanPersonalData(text, '正文')).toEqual([]);
  });

  it('masks every hit in place', () => {
    expect(maskPersonalData(`身份证${VALID_ID}，手机13912345678。`)).toBe(
      '身份证110105********002X，手机139****5678。',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { normaliseDocNumber, sameDocNumber } from './doc-number.js';

describe('文号 normalisation', () => {
  it.each([
    '黄政办发[2017]27号',
    '黄政办发（2017）27号',
    '黄政办发(2017)27号',
    '黄政办发〔2017〕27号',
    '黄政办发【2017】27号',
    '黄政办发［2017］27号',
    '黄政办发〔２０１７〕２７号',
    ' 黄政办发 ( 2017 ) 27 号 ',
    '黄政办发〔2017〕027号',
  ])('%s → 黄政办发〔2017〕27号', (input) => {
    expect(normaliseDocNumber(input)).toBe('黄政办发〔2017〕27号');
  });

  it('leaves numbers without a bracketed year alone', () => {
    expect(normaliseDocNumber('中华人民共和国国务院令第699号')).toBe('中华人民共和国国务院令第699号');
    expect(normaliseDocNumber('国令第７０２号')).toBe('国令第702号');
  });

  it('does not bracket numbers that are not years', () => {
    expect(normaliseDocNumber('某发(12)3号')).toBe('某发(12)3号');
  });

  it('treats the bracket forms as the same 文号', () => {
    expect(sameDocNumber('国办发[2018]118号', '国办发〔2018〕118号')).toBe(true);
    expect(sameDocNumber('国办发[2018]118号', '国办发〔2018〕119号')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseCalendarJson, parseYear, validateEntry } from './calendar.validation.js';

describe('validateEntry', () => {
  it('accepts a day off on a weekday or a weekend, and a 调休 workday on a weekend', () => {
    expect(validateEntry(2027, { date: '2027-10-01', kind: 'off', name: ' 国庆节 ' })).toEqual({
      ok: true,
      value: { date: '2027-10-01', kind: 'off', name: '国庆节' },
    });
    expect(validateEntry(2027, { date: '2027-10-02', kind: 'off', name: '国庆节' }).ok).toBe(true); // Saturday
    expect(validateEntry(2027, { date: '2027-09-26', kind: 'workday', name: '国庆节' }).ok).toBe(true); // Sunday
  });

  it('rejects a 调休 workday on a weekday with a Chinese message', () => {
    expect(validateEntry(2027, { date: '2027-09-27', kind: 'workday', name: '国庆节' })).toEqual({
      ok: false,
      fields: { date: '调休上班日必须是星期六或星期日：星期一至星期五本来就是工作日，无需登记' },
    });
  });

  it('rejects a date outside the year, a bad date, a bad kind and a missing or long name', () => {
    expect(validateEntry(2027, { date: '2026-10-01', kind: 'off', name: '国庆节' })).toEqual({
      ok: false,
      fields: { date: '日期须在 2027 年内' },
    });
    expect(validateEntry(2027, { date: '2027-02-30', kind: 'holiday', name: '' })).toEqual({
      ok: false,
      fields: {
        date: '日期不存在：2027年2月只有 28 天',
        kind: '请选择“放假”或“调休上班”',
        name: '请填写节日名称，例如 国庆节',
      },
    });
    expect(validateEntry(2027, { date: '2027-10-01', kind: 'off', name: '节'.repeat(21) })).toEqual({
      ok: false,
      fields: { name: '节日名称不能超过 20 个字' },
    });
  });
});

describe('parseYear', () => {
  it('reads four-digit years in range', () => {
    expect(parseYear('2027')).toEqual({ ok: true, year: 2027 });
    expect(parseYear('27')).toEqual({ ok: false, message: '年份应为四位数字，例如 2027' });
    expect(parseYear('2201')).toEqual({ ok: false, message: '年份须在 1900 至 2200 之间' });
  });
});

describe('parseCalendarJson', () => {
  const good = {
    _about: 'comment keys are ignored',
    '2027': {
      off: [
        { date: '2027-10-01', name: '国庆节', kind: 'explicit', weekday: 5 },
        { date: '2027-01-01', name: '元旦' },
      ],
      workdays: [{ date: '2027-09-26', name: '国庆节', weekday: 7 }],
    },
    '2028': { off: [], workdays: [] },
  };

  it('reads years in the shape of holidays.json, sorted', () => {
    expect(parseCalendarJson(JSON.stringify(good))).toEqual({
      ok: true,
      value: [
        {
          year: 2027,
          entries: [
            { date: '2027-01-01', kind: 'off', name: '元旦' },
            { date: '2027-09-26', kind: 'workday', name: '国庆节' },
            { date: '2027-10-01', kind: 'off', name: '国庆节' },
          ],
        },
        { year: 2028, entries: [] },
      ],
    });
  });

  it.each([
    ['{', '不是有效的 JSON，请检查括号、引号和逗号'],
    ['[]', '内容应为以年份为键的对象，例如 {"2027": {"off": [...], "workdays": [...]}}'],
    ['{"_about": "x"}', '没有任何年份的数据'],
    ['{"27": {"off": []}}', '“27”：年份应为四位数字，例如 2027'],
    ['{"2027": []}', '2027 年：应为包含 off 和 workdays 两个列表的对象'],
    ['{"2027": {"off": {}}}', '2027 年：off 应为列表'],
    ['{"2027": {"off": [{"date": "2027-10-01"}]}}', '2027 年 off 第 1 项：应包含 date 和 name 两个文本字段'],
    [
      '{"2027": {"off": [{"date": "2027-10-01", "name": "国庆节", "weekday": 4}]}}',
      '2027 年 off 第 1 项（2027-10-01）：weekday 为 4，与日期不符',
    ],
    [
      '{"2027": {"workdays": [{"date": "2027-09-27", "name": "国庆节"}]}}',
      '2027 年 workdays 第 1 项（2027-09-27）：调休上班日必须是星期六或星期日：星期一至星期五本来就是工作日，无需登记',
    ],
    [
      '{"2027": {"off": [{"date": "2027-10-02", "name": "国庆节"}], "workdays": [{"date": "2027-10-02", "name": "国庆节"}]}}',
      '2027 年 workdays 第 1 项（2027-10-02）：该日期重复出现',
    ],
    [
      '{"2027": {"off": [{"date": "2028-01-01", "name": "元旦"}]}}',
      '2027 年 off 第 1 项（2028-01-01）：日期须在 2027 年内',
    ],
  ])('reports %s as %s', (text, message) => {
    expect(parseCalendarJson(text)).toEqual({ ok: false, fields: { json: message } });
  });

  it('reports at most five problems and counts the rest', () => {
    const off = Array.from({ length: 7 }, () => ({ date: 'x', name: '元旦' }));
    const result = parseCalendarJson(JSON.stringify({ '2027': { off } }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fields.json).toContain('第 5 项');
      expect(result.fields.json).not.toContain('第 6 项');
      expect(result.fields.json).toMatch(/另有 2 处问题$/);
    }
  });
});

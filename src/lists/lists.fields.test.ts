import { describe, expect, it } from 'vitest';
import { BUILTIN_LIST_TYPES, POWER_TYPES } from './lists.builtin.js';
import { parseDefinition } from './lists.definition.js';
import { diffSnapshots } from './lists.diff.js';
import { checkEntry, checkValue } from './lists.fields.js';
import { encodeGbk } from './lists.gbk.test-helper.js';
import { checkImport } from './lists.import.js';
import { decodeText, readTable, writeCsv, writeXlsx } from './lists.tabular.js';
import type { ListField } from './lists.types.js';

const f = (type: ListField['type'], extra: Partial<ListField> = {}): ListField => ({
  key: 'x',
  label: '字段',
  type,
  required: true,
  ...extra,
});

describe('field types', () => {
  it('text: one line, trimmed, length limit', () => {
    expect(checkValue(f('text'), '  某局 ')).toEqual({ ok: true, value: '某局' });
    expect(checkValue(f('text'), '一\n二')).toMatchObject({ ok: false, message: '字段应为一行文字' });
    expect(checkValue(f('text'), 'a'.repeat(501))).toMatchObject({ ok: false });
  });
  it('long text keeps line breaks', () => {
    expect(checkValue(f('longtext'), '第一步\r\n第二步')).toEqual({ ok: true, value: '第一步\n第二步' });
  });
  it('required and optional blanks', () => {
    expect(checkValue(f('text'), '  ')).toEqual({ ok: false, message: '请填写字段' });
    expect(checkValue(f('date', { required: false }), '')).toEqual({ ok: true, value: '' });
  });
  it('enum accepts only its values', () => {
    const e = f('enum', { options: ['是', '否'] });
    expect(checkValue(e, '是')).toEqual({ ok: true, value: '是' });
    expect(checkValue(e, '可能')).toEqual({ ok: false, message: '字段只能是：是、否' });
  });
  it('date accepts the usual spellings and Excel serials, rejects impossible dates', () => {
    for (const s of ['2024-03-05', '2024/3/5', '2024.3.5', '2024年3月5日', '45356'])
      expect(checkValue(f('date'), s)).toEqual({ ok: true, value: '2024-03-05' });
    expect(checkValue(f('date'), '2023-02-29')).toMatchObject({ ok: false });
    expect(checkValue(f('date'), '下周一')).toMatchObject({
      ok: false,
      message: '日期格式应为 YYYY-MM-DD，例如 2024-10-08',
    });
  });
  it('number and money', () => {
    expect(checkValue(f('number'), '1,200')).toEqual({ ok: true, value: '1200' });
    expect(checkValue(f('number'), '-3.5')).toEqual({ ok: true, value: '-3.5' });
    expect(checkValue(f('number'), '三')).toMatchObject({ ok: false, message: '应为数字' });
    expect(checkValue(f('money'), '12.50元')).toEqual({ ok: true, value: '12.50' });
    expect(checkValue(f('money'), '-1')).toEqual({ ok: false, message: '金额不能为负数' });
  });
  it('credit code checks the check character', () => {
    expect(checkValue(f('credit_code'), '91110000600037341l')).toEqual({
      ok: true,
      value: '91110000600037341L',
    });
    expect(checkValue(f('credit_code'), '911100006000373410')).toMatchObject({
      ok: false,
      message: '统一社会信用代码校验位不正确，请核对最后一位',
    });
  });
  it('url must be http(s)', () => {
    expect(checkValue(f('url'), 'https://zwfw.example.gov.cn/a')).toEqual({
      ok: true,
      value: 'https://zwfw.example.gov.cn/a',
    });
    expect(checkValue(f('url'), 'javascript:alert(1)')).toMatchObject({ ok: false });
  });
  it('documents: one per line or separated by semicolons', () => {
    expect(checkValue(f('documents'), '《行政许可法》第十二条；《某条例》\n《某办法》')).toEqual({
      ok: true,
      value: '《行政许可法》第十二条\n《某条例》\n《某办法》',
    });
  });
  it('checkEntry reports every bad field by key', () => {
    const qzqd = BUILTIN_LIST_TYPES.find((t) => t.slug === 'qzqd');
    const r = checkEntry(qzqd?.fields ?? [], { code: 'A1', name: '某许可', power_type: '行政审批' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['basis', 'power_type', 'subject']);
  });
});

describe('built-in list types', () => {
  it('权责清单 has the 10 power types; 政务服务事项目录 the ten 办事指南 elements, all required', () => {
    const qzqd = BUILTIN_LIST_TYPES.find((t) => t.slug === 'qzqd');
    expect(qzqd?.fields.find((x) => x.key === 'power_type')?.options).toEqual([...POWER_TYPES]);
    expect(POWER_TYPES).toHaveLength(10);
    const zwfw = BUILTIN_LIST_TYPES.find((t) => t.slug === 'zwfw');
    for (const label of [
      '事项名称',
      '设定依据',
      '申请条件',
      '办理材料',
      '办理地点',
      '办理机构',
      '收费标准',
      '办理时间',
      '联系电话',
      '办理流程',
    ])
      expect(zwfw?.fields.find((x) => x.label === label)?.required, label).toBe(true);
    expect(BUILTIN_LIST_TYPES.map((t) => t.name)).toEqual([
      '权责清单',
      '行政事业性收费目录清单',
      '涉企经营服务性收费清单',
      '政府性基金收费目录清单',
      '中介服务事项清单',
      '投资核准事项清单',
      '职业资格目录清单',
      '工商登记前置审批事项目录',
      '政务服务事项目录',
      '随机抽查事项清单',
    ]);
    for (const t of BUILTIN_LIST_TYPES)
      expect(t.fields.find((x) => x.key === t.keyField)?.required, t.slug).toBe(true);
  });
});

describe('type definitions typed by admins', () => {
  it('parses fields with types by Chinese label and enum values', () => {
    const r = parseDefinition(
      'name|项目名称|文本|是\nnature|收费性质|枚举|是|政府定价、市场调节价\nfee|金额|金额|否',
    );
    expect(r).toEqual({
      ok: true,
      fields: [
        { key: 'name', label: '项目名称', type: 'text', required: true },
        {
          key: 'nature',
          label: '收费性质',
          type: 'enum',
          required: true,
          options: ['政府定价', '市场调节价'],
        },
        { key: 'fee', label: '金额', type: 'money', required: false },
      ],
    });
  });
  it('rejects bad keys, unknown types, enums without values and duplicates', () => {
    expect(parseDefinition('Name|名称|文本|是')).toMatchObject({ ok: false });
    expect(parseDefinition('a|名称|表格|是')).toMatchObject({
      ok: false,
      message: expect.stringContaining('第 1 行：类型应为'),
    });
    expect(parseDefinition('a|名称|枚举|是')).toEqual({
      ok: false,
      message: '第 1 行：枚举字段须列出可选值',
    });
    expect(parseDefinition('a|名称|文本|是\na|别名|文本|否')).toEqual({
      ok: false,
      message: '第 2 行：键“a”重复',
    });
  });
});

describe('reading spreadsheets', () => {
  const csv =
    '职权编码,职权名称,职权类型,实施主体,实施依据\r\nXK-001,"建筑工程施工许可, 新建",行政许可,市住建局,《建筑法》第七条\r\n';

  it('detects GBK (Excel in China) and reads its 中文 headers', () => {
    const bytes = encodeGbk(csv);
    expect(decodeText(bytes).encoding).toBe('gb18030');
    const r = readTable(bytes);
    expect(r).toMatchObject({ ok: true, format: 'csv', encoding: 'gb18030' });
    if (r.ok) {
      expect(r.table.headers).toEqual(['职权编码', '职权名称', '职权类型', '实施主体', '实施依据']);
      expect(r.table.rows[0]?.cells[1]).toBe('建筑工程施工许可, 新建');
    }
  });
  it('reads UTF-8 with and without BOM', () => {
    for (const bytes of [Buffer.from(csv, 'utf8'), Buffer.from(`\uFEFF${csv}`, 'utf8')]) {
      const r = readTable(bytes);
      expect(r).toMatchObject({ ok: true, encoding: 'utf-8' });
      if (r.ok) expect(r.table.headers[0]).toBe('职权编码');
    }
  });
  it('round-trips XLSX (written here, read by the minimal reader)', () => {
    const bytes = writeXlsx(
      '权责清单',
      ['职权编码', '职权名称'],
      [
        ['XK-1', '甲 & <乙>'],
        ['XK-2', '丙'],
      ],
    );
    const r = readTable(bytes);
    expect(r).toMatchObject({ ok: true, format: 'xlsx' });
    if (r.ok) {
      expect(r.table.headers).toEqual(['职权编码', '职权名称']);
      expect(r.table.rows.map((x) => [x.rowNumber, ...x.cells])).toEqual([
        [2, 'XK-1', '甲 & <乙>'],
        [3, 'XK-2', '丙'],
      ]);
    }
  });
  it('writes CSV with a BOM and neutralises formulas', () => {
    const out = writeCsv(['a'], [['=1+1'], ['x,"y"']]).toString('utf8');
    expect(out).toBe('\uFEFFa\r\n\'=1+1\r\n"x,""y"""\r\n');
  });
  it('reports every bad row with row number, column and reason; duplicates too', () => {
    const qzqd = BUILTIN_LIST_TYPES.find((t) => t.slug === 'qzqd');
    const r = readTable(
      Buffer.from(
        '职权编码,职权名称,职权类型,实施主体,实施依据,不认识的列\nA1,甲,行政许可,某局,《法》,x\nA2,乙,行政审批,某局,,y\nA1,丙,行政处罚,某局,《法》,z\n',
      ),
    );
    if (!r.ok || !qzqd) throw new Error('unreadable');
    const c = checkImport(qzqd.fields, qzqd.keyField, r.table);
    expect(c.valid.map((v) => v.row)).toEqual([2]);
    expect(c.badRows).toBe(2);
    expect(c.ignoredColumns).toEqual(['不认识的列']);
    expect(c.problems).toEqual([
      { row: 3, column: '职权类型', message: `职权类型只能是：${POWER_TYPES.join('、')}` },
      { row: 3, column: '实施依据', message: '请填写实施依据' },
      { row: 4, column: '职权编码', message: '与第 2 行重复（A1）' },
    ]);
  });
  it('a missing required column makes the file fatal', () => {
    const qzqd = BUILTIN_LIST_TYPES.find((t) => t.slug === 'qzqd');
    const r = readTable(Buffer.from('职权编码,职权名称\nA1,甲\n'));
    if (!r.ok || !qzqd) throw new Error('unreadable');
    const c = checkImport(qzqd.fields, qzqd.keyField, r.table);
    expect(c.fatal).toBe(true);
    expect(c.problems.map((p) => p.message)).toEqual([
      '缺少必填列“职权类型”',
      '缺少必填列“实施主体”',
      '缺少必填列“实施依据”',
    ]);
  });
});

describe('version diff', () => {
  it('finds added, changed (with fields) and removed entries by key', () => {
    const d = diffSnapshots(
      [
        { key: 'A', values: { name: '甲', fee: '1' } },
        { key: 'B', values: { name: '乙' } },
      ],
      [
        { key: 'A', values: { name: '甲', fee: '2' } },
        { key: 'C', values: { name: '丙' } },
      ],
    );
    expect(d.added.map((e) => e.key)).toEqual(['C']);
    expect(d.changed).toEqual([
      { key: 'A', before: { name: '甲', fee: '1' }, after: { name: '甲', fee: '2' }, fields: ['fee'] },
    ]);
    expect(d.removed.map((e) => e.key)).toEqual(['B']);
  });
});

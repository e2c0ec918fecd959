// The fast CSV reader gives exactly what lists' reader gives (random files with every tricky case).
import { describe, expect, it } from 'vitest';
import { parseCsv, readTable } from '../lists/lists.tabular.js';
import { parseCsvFast, readImportTable } from './credit.csv.js';

describe('parseCsvFast', () => {
  it('matches parseCsv on hand-written cases', () => {
    for (const text of [
      '',
      'a,b\n1,2\n',
      'a,b\r\n1,2',
      'a,b\r1,2\r',
      'a,\n,b\n\n',
      '"x, y","he said ""hi""",z\n',
      '"multi\nline",2\n3,4',
      '"ab"cd"ef",x',
      '""x,y',
      'a"b,c\n',
      '""a"b,c',
      '"unterminated,\n1',
      'a;b;c\n1;2;3',
      'a\tb\n1\t2',
      '黄冈,市场监督管理局\n"罚款，警告",2',
    ])
      expect(parseCsvFast(text), JSON.stringify(text)).toEqual(parseCsv(text));
  });

  it('matches parseCsv on random files', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ['a', '黄', ',', '"', '\n', '\r', '\r\n', ' ', ';', '\t'];
    for (let k = 0; k < 10000; k++) {
      const text = Array.from(
        { length: Math.floor(rand() * 30) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('');
      expect(parseCsvFast(text), JSON.stringify(text)).toEqual(parseCsv(text));
    }
  });

  it('reads a table like readTable (BOM, blank rows, row numbers)', () => {
    const bytes = Buffer.from('\uFEFF\n名称,代码\n\n甲,1\n"乙\n丙",2\n');
    expect(readImportTable(bytes)).toEqual(readTable(bytes));
  });
});

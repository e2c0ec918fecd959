// Reading an import file fast: a 100,000-row CSV is parsed by slicing between separators instead
// of building each cell a character at a time. Same rules and result as lists' parseCsv/readTable
// (credit.csv.test.ts compares them); XLSX goes to lists' reader.
import { decodeText, parseCsv, readTable, type Table, type TableRead } from '../lists/lists.tabular.js';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** RFC 4180 CSV (as lists' parseCsv: separator from the first line, quotes, CRLF/CR/LF). */
export function parseCsvFast(text: string): string[][] {
  const nl = text.indexOf('\n');
  const firstLine = text.slice(0, nl < 0 ? text.length : nl);
  const sep = [',', '\t', ';'].reduce((best, c) =>
    firstLine.split(c).length > firstLine.split(best).length ? c : best,
  );
  const SEP = sep.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < n) {
    let cell = '';
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          cell += text.slice(j);
          j = n;
          break;
        }
        cell += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          cell += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      i = j;
    }
    // The unquoted part (or what follows a closing quote) up to the separator or line end.
    const start = i;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === SEP || c === LF || c === CR) break;
      i++;
    }
    if (i > start) {
      const rest = text.slice(start, i);
      // A quote inside an unquoted cell that started empty opens quoting in parseCsv: rare; defer.
      if (cell === '' && rest.includes('"')) return parseCsv(text);
      cell += rest;
    }
    if (i >= n) {
      if (cell !== '' || row.length) row.push(cell);
      break;
    }
    row.push(cell);
    if (c === SEP) {
      i++;
      if (i >= n) {
        row.push('');
        break;
      }
      continue;
    }
    // Line end.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}

/** An import file as a table: XLSX through lists' reader, CSV (UTF-8 or GBK) through parseCsvFast. */
export function readImportTable(bytes: Buffer): TableRead {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) return readTable(bytes);
  const { text, encoding } = decodeText(bytes);
  const grid = parseCsvFast(text.replace(/^\uFEFF/, ''));
  let headerAt = grid.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (headerAt < 0) return { ok: false, message: '文件中没有数据' };
  const table: Table = {
    headers: (grid[headerAt] ?? []).map((h) => h.trim()),
    rows: [],
  };
  for (headerAt++; headerAt < grid.length; headerAt++) {
    const cells = grid[headerAt] ?? [];
    if (cells.some((c) => c.trim() !== '')) table.rows.push({ rowNumber: headerAt + 1, cells });
  }
  return { ok: true, table, format: 'csv', encoding };
}

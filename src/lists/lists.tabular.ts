// Reading and writing spreadsheets without dependencies: CSV (RFC 4180) in UTF-8 (with or without
// BOM) or GBK/GB18030 as Excel in China writes it, detected by strict UTF-8 decoding; XLSX read
// from its ZIP (catalogue's reader) — shared strings, inline strings and numbers of the first
// sheet — and written as a minimal workbook. Used by lists, credit and inspections imports.
import { crc32, deflateRawSync } from 'node:zlib';
import { readZipEntry, zipEntries } from '../catalogue/attachments.zip.js';

export interface Table {
  headers: string[];
  /** Data rows with their 1-based row number in the file (the header is row 1). */
  rows: { rowNumber: number; cells: string[] }[];
}

export type TableEncoding = 'utf-8' | 'gb18030';

/** Decodes CSV bytes: UTF-8 (BOM stripped) when valid, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TableEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** Parses CSV text (comma or, when the header has more of them, semicolon/tab separated). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  const sep = [',', '\t', ';'].reduce((best, c) =>
    firstLine.split(c).length > firstLine.split(best).length ? c : best,
  );
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function toTable(grid: { rowNumber: number; cells: string[] }[]): Table | undefined {
  const nonEmpty = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const [head, ...rest] = nonEmpty;
  if (!head) return undefined;
  return { headers: head.cells.map((h) => h.trim()), rows: rest };
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function xmlText(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return XML_ENTITIES[e] ?? '';
  });
}

/** The text of every <t> inside a fragment (rich-text runs joined). */
function runsText(fragment: string): string {
  let out = '';
  const withoutPhonetics = fragment.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  for (const m of withoutPhonetics.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += xmlText(m[1] ?? '');
  return out;
}

function columnIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The first worksheet of an XLSX file as a grid, or undefined when it is not a readable workbook. */
export function readXlsx(buf: Buffer): { rowNumber: number; cells: string[] }[] | undefined {
  const entries = zipEntries(buf);
  if (!entries) return undefined;
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sheetEntry =
    byName.get('xl/worksheets/sheet1.xml') ??
    entries
      .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
      .sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  if (!sheetEntry) return undefined;
  const sheet = readZipEntry(buf, sheetEntry)?.toString('utf8');
  if (sheet === undefined) return undefined;
  const sharedEntry = byName.get('xl/sharedStrings.xml');
  const sharedXml = sharedEntry ? (readZipEntry(buf, sharedEntry)?.toString('utf8') ?? '') : '';
  const shared = [...sharedXml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1] ?? ''));
  const grid: { rowNumber: number; cells: string[] }[] = [];
  for (const rm of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowNumber = Number(/\br="(\d+)"/.exec(rm[1] ?? '')?.[1] ?? grid.length + 1);
    const cells: string[] = [];
    let next = 0;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = cm[1] ?? '';
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : next;
      next = col + 1;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
      const inner = cm[2] ?? '';
      const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = runsText(inner);
      else if (type === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v === undefined ? '' : xmlText(v);
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    grid.push({ rowNumber, cells });
  }
  return grid;
}

export type TableRead =
  | { ok: true; table: Table; format: 'csv' | 'xlsx'; encoding?: TableEncoding }
  | { ok: false; message: string };

/** Reads an uploaded spreadsheet: XLSX (by its ZIP signature) or CSV in any supported encoding. */
export function readTable(bytes: Buffer): TableRead {
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50) {
    const grid = readXlsx(bytes);
    const table = grid && toTable(grid);
    return table
      ? { ok: true, table, format: 'xlsx' }
      : { ok: false, message: '无法读取该 XLSX 文件的第一个工作表' };
  }
  const { text, encoding } = decodeText(bytes);
  const grid = parseCsv(text.replace(/^\uFEFF/, '')).map((cells, i) => ({ rowNumber: i + 1, cells }));
  const table = toTable(grid);
  return table ? { ok: true, table, format: 'csv', encoding } : { ok: false, message: '文件中没有数据' };
}

function csvCell(value: string): string {
  // A leading =, +, - or @ would run as a formula in Excel: quote it behind an apostrophe.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a UTF-8 BOM and CRLF line ends, which Excel opens correctly. */
export function writeCsv(headers: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const lines = [headers, ...rows].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;',
  );
}

function zip(files: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = deflateRawSync(f.data);
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** A one-sheet XLSX workbook with every cell as an inline string. */
export function writeXlsx(
  sheetName: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): Buffer {
  const colName = (i: number): string =>
    i < 26
      ? String.fromCharCode(65 + i)
      : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
  const rowXml = [headers, ...rows]
    .map(
      (r, ri) =>
        `<row r="${ri + 1}">${r
          .map(
            (v, ci) =>
              `<c r="${colName(ci)}${ri + 1}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(v)}</t></is></c>`,
          )
          .join('')}</row>`,
    )
    .join('');
  const file = (name: string, xml: string) => ({
    name,
    data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`, 'utf8'),
  });
  return zip([
    file(
      '[Content_Types].xml',
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    file(
      'xl/workbook.xml',
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${xmlEscape(sheetName.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    file(
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowXml}</sheetData></worksheet>`,
    ),
  ]);
}

/** Maps each header to a field by label or key (trimmed, case-insensitive for keys). */
export function mapHeaders<F extends { key: string; label: string }>(
  headers: readonly string[],
  fields: readonly F[],
): { columns: (F | undefined)[]; unknown: string[] } {
  const norm = (s: string) =>
    s
      .normalize('NFKC')
      .replace(/\s+/g, '')
      .replace(/[*＊]$/, '');
  const columns = headers.map((h) => {
    const n = norm(h);
    return fields.find((f) => norm(f.label) === n || f.key.toLowerCase() === n.toLowerCase());
  });
  return { columns, unknown: headers.filter((h, i) => h !== '' && !columns[i]) };
}

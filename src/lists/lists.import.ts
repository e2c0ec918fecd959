// Checking a spreadsheet against a list type (pure): columns mapped by header label, every row
// validated, every problem reported with its row number, column and reason.
import { checkValue } from './lists.fields.js';
import { mapHeaders, type Table } from './lists.tabular.js';
import type { EntryValues, ListField } from './lists.types.js';

export interface RowProblem {
  /** Row number in the file (the header is row 1); 0 for a problem with the file itself. */
  row: number;
  column: string;
  message: string;
}

export interface CheckedRow {
  row: number;
  key: string;
  values: EntryValues;
}

export interface ImportCheck {
  valid: CheckedRow[];
  problems: RowProblem[];
  /** Rows with at least one problem. */
  badRows: number;
  ignoredColumns: string[];
  /** A problem that makes the whole file unusable (e.g. a required column is missing). */
  fatal: boolean;
}

export function checkImport(fields: readonly ListField[], keyField: string, table: Table): ImportCheck {
  const { columns, unknown } = mapHeaders(table.headers, fields);
  const problems: RowProblem[] = [];
  const missing = fields.filter((f) => f.required && !columns.includes(f));
  for (const f of missing) problems.push({ row: 1, column: f.label, message: `缺少必填列“${f.label}”` });
  if (missing.length) return { valid: [], problems, badRows: 0, ignoredColumns: unknown, fatal: true };

  const valid: CheckedRow[] = [];
  const seen = new Map<string, number>();
  let badRows = 0;
  const keyLabel = fields.find((f) => f.key === keyField)?.label ?? keyField;
  for (const { rowNumber, cells } of table.rows) {
    const raw: Record<string, string> = {};
    columns.forEach((f, i) => {
      if (f) raw[f.key] = cells[i] ?? '';
    });
    const values: EntryValues = {};
    const rowProblems: RowProblem[] = [];
    for (const f of fields) {
      const r = checkValue(f, raw[f.key]);
      if (r.ok) values[f.key] = r.value;
      else rowProblems.push({ row: rowNumber, column: f.label, message: r.message });
    }
    const key = values[keyField] ?? '';
    if (key !== '') {
      const first = seen.get(key);
      if (first !== undefined)
        rowProblems.push({ row: rowNumber, column: keyLabel, message: `与第 ${first} 行重复（${key}）` });
      else seen.set(key, rowNumber);
    }
    if (rowProblems.length) {
      badRows++;
      problems.push(...rowProblems);
    } else valid.push({ row: rowNumber, key, values });
  }
  if (table.rows.length === 0) problems.push({ row: 0, column: '', message: '文件中只有表头，没有数据行' });
  return { valid, problems, badRows, ignoredColumns: unknown, fatal: table.rows.length === 0 };
}

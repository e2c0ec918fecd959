// Validation and normalisation of one value against its field definition (pure). Every field
// type accepts the forms people type in spreadsheets and stores one canonical string.
import { creditCodeProblem, CREDIT_CODE_MESSAGES, normaliseCreditCode } from '../orgs/credit-code.js';
import { addDays, parseDate } from '../calendar/calendar.dates.js';
import type { ListField } from './lists.types.js';

export type ValueCheck = { ok: true; value: string } | { ok: false; message: string };

const MAX_TEXT = 500;
const MAX_LONG_TEXT = 20_000;

/** Excel stores dates as days since 1899-12-30; 1 … 80000 covers 1900 … 2118. */
function excelSerialDate(text: string): string | undefined {
  if (!/^\d{1,5}(\.\d+)?$/.test(text)) return undefined;
  const n = Math.floor(Number(text));
  if (n < 2 || n > 80_000) return undefined;
  return addDays('1900-01-01', n - 2);
}

/** Accepts 2024-01-05, 2024-1-5, 2024/1/5, 2024.1.5, 2024年1月5日 and Excel serial numbers. */
export function normaliseDate(raw: string): ValueCheck {
  const text = raw.trim();
  const serial = excelSerialDate(text);
  if (serial) return { ok: true, value: serial };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!m) return { ok: false, message: '日期格式应为 YYYY-MM-DD，例如 2024-10-08' };
  const date = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const parsed = parseDate(date);
  return parsed.ok ? { ok: true, value: parsed.date } : { ok: false, message: parsed.message };
}

function normaliseNumber(raw: string, money: boolean): ValueCheck {
  const text = raw.trim().replace(/[,，\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text))
    return { ok: false, message: money ? '金额应为数字，例如 12.50' : '应为数字' };
  if (money && text.startsWith('-')) return { ok: false, message: '金额不能为负数' };
  if (money && /\.\d{7,}$/.test(text)) return { ok: false, message: '金额最多保留 6 位小数' };
  return { ok: true, value: text };
}

function normaliseUrl(raw: string): ValueCheck {
  const text = raw.trim();
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, value: url.toString() };
  } catch {
    // fall through
  }
  return { ok: false, message: '网址应以 http:// 或 https:// 开头' };
}

/** One document per line (or separated by ；/;): kept as lines without blanks. */
export function splitDocuments(raw: string): string[] {
  return raw
    .split(/\r?\n|[；;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function checkValue(field: ListField, raw: string | undefined): ValueCheck {
  const text = (raw ?? '').replace(/\r\n/g, '\n').trim();
  if (text === '') {
    return field.required ? { ok: false, message: `请填写${field.label}` } : { ok: true, value: '' };
  }
  switch (field.type) {
    case 'text':
      if (text.includes('\n')) return { ok: false, message: `${field.label}应为一行文字` };
      return text.length > MAX_TEXT
        ? { ok: false, message: `${field.label}不能超过 ${MAX_TEXT} 个字` }
        : { ok: true, value: text };
    case 'longtext':
      return text.length > MAX_LONG_TEXT
        ? { ok: false, message: `${field.label}不能超过 ${MAX_LONG_TEXT} 个字` }
        : { ok: true, value: text };
    case 'enum': {
      const options = field.options ?? [];
      return options.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `${field.label}只能是：${options.join('、')}` };
    }
    case 'date':
      return normaliseDate(text);
    case 'number':
      return normaliseNumber(text, false);
    case 'money':
      return normaliseNumber(text.replace(/元$/, ''), true);
    case 'credit_code': {
      const code = normaliseCreditCode(text);
      const problem = creditCodeProblem(code);
      return problem ? { ok: false, message: CREDIT_CODE_MESSAGES[problem] } : { ok: true, value: code };
    }
    case 'url':
      return normaliseUrl(text);
    case 'documents': {
      const docs = splitDocuments(text);
      if (docs.some((d) => d.length > MAX_TEXT))
        return { ok: false, message: `${field.label}中每个文件名称不能超过 ${MAX_TEXT} 个字` };
      return { ok: true, value: docs.join('\n') };
    }
    default: {
      const never: never = field.type;
      return never;
    }
  }
}

export type EntryCheck =
  { ok: true; values: Record<string, string> } | { ok: false; errors: Record<string, string> };

/** Checks every field of an entry; errors are keyed by field key. */
export function checkEntry(
  fields: readonly ListField[],
  raw: Record<string, string | undefined>,
): EntryCheck {
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const f of fields) {
    const r = checkValue(f, raw[f.key]);
    if (r.ok) values[f.key] = r.value;
    else errors[f.key] = r.message;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

/** The text searched within a list: every value, lower-cased, full-width letters folded. */
export function searchTextOf(values: Record<string, string>): string {
  return Object.values(values).join('\n').normalize('NFKC').toLowerCase();
}

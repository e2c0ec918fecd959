// 索引号: `{统一社会信用代码}/{YYYY}-{NNNNN}` by default (目录系统实施指引: 前段码/年份-流水号),
// with the serial allocated per department and year. The template is configurable
// (INDEX_NUMBER_FORMAT) with the placeholders {code}, {year} and {serial} or {serial:N}.

export const DEFAULT_INDEX_NUMBER_FORMAT = '{code}/{year}-{serial:5}';

const PLACEHOLDER = /\{(code|year|serial)(?::(\d{1,2}))?\}/g;

/** Problems with a template, for start-up validation (empty when it is usable). */
export function indexNumberFormatProblems(format: string): string[] {
  const problems: string[] = [];
  if (!format.includes('{serial')) problems.push('must contain {serial} or {serial:N}');
  if (!format.includes('{year}')) problems.push('must contain {year} (the serial restarts each year)');
  const stripped = format.replace(PLACEHOLDER, '');
  if (/[{}]/.test(stripped)) problems.push('unknown placeholder (use {code}, {year}, {serial:N})');
  return problems;
}

/** The department's 前段码: its 统一社会信用代码, or a stable stand-in when it has none. */
export function indexNumberPrefix(department: { id: number; creditCode: string | null }): string {
  return department.creditCode?.trim() || `DEPT${String(department.id).padStart(5, '0')}`;
}

export function formatIndexNumber(
  format: string,
  parts: { code: string; year: number; serial: number },
): string {
  return format.replace(PLACEHOLDER, (_m, name: string, width: string | undefined) => {
    if (name === 'code') return parts.code;
    if (name === 'year') return String(parts.year);
    return String(parts.serial).padStart(width ? Number(width) : 5, '0');
  });
}

/**
 * The serial of an index number written in `format` for this code and year, or undefined when
 * the text does not have that shape (used by the import to keep allocated serials above it).
 */
export function serialOfIndexNumber(
  format: string,
  indexNumber: string,
  code: string,
): { year: number; serial: number } | undefined {
  const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let pattern = '';
  let last = 0;
  const order: ('year' | 'serial')[] = [];
  for (const m of format.matchAll(PLACEHOLDER)) {
    pattern += escape(format.slice(last, m.index));
    if (m[1] === 'code') pattern += escape(code);
    else if (m[1] === 'year') {
      pattern += '(\\d{4})';
      order.push('year');
    } else {
      pattern += '(\\d+)';
      order.push('serial');
    }
    last = m.index + m[0].length;
  }
  pattern += escape(format.slice(last));
  const match = new RegExp(`^${pattern}$`).exec(indexNumber);
  if (!match) return undefined;
  const year = Number(match[order.indexOf('year') + 1]);
  const serial = Number(match[order.indexOf('serial') + 1]);
  return Number.isInteger(year) && Number.isInteger(serial) ? { year, serial } : undefined;
}

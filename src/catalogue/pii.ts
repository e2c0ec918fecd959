// Personal data that must not be published by accident (条例 Art. 15): 18-digit 居民身份证 numbers
// (GB 11643: a valid ISO 7064 MOD 11-2 check character and a plausible birth date) and mainland
// mobile numbers. A hit blocks publication until the text is masked or the publisher confirms,
// with a reason, that it may be published.
import { asciiDigits } from './doc-number.js';

export const PII_KINDS = ['id_card', 'mobile'] as const;
export type PiiKind = (typeof PII_KINDS)[number];
export const PII_KIND_LABELS: Record<PiiKind, string> = { id_card: '居民身份证号码', mobile: '手机号码' };

export interface PiiHit {
  kind: PiiKind;
  /** Where it was found, e.g. 正文 or an attachment's file name. */
  where: string;
  /** The number with its middle masked, safe to show. */
  masked: string;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** First two digits: the province-level 行政区划代码 (GB/T 2260). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83, 91,
]);

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '';
}

function plausibleBirthDate(yyyymmdd: string, maxYear: number): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > maxYear || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidIdCardNumber(id: string, maxYear = new Date().getUTCFullYear()): boolean {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  if (!plausibleBirthDate(s.slice(6, 14), maxYear)) return false;
  return idCardCheckChar(s.slice(0, 17)) === s[17];
}

const ID_CANDIDATE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE_CANDIDATE = /(?<![0-9])1[3-9]\d(?:[- ]?\d{4}){2}(?![0-9])/g;

function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  return (
    s.slice(0, keepStart) +
    '*'.repeat(Math.max(0, s.length - keepStart - keepEnd)) +
    s.slice(s.length - keepEnd)
  );
}

interface Found {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
}

function findAll(text: string): Found[] {
  const t = asciiDigits(text);
  const found: Found[] = [];
  for (const m of t.matchAll(ID_CANDIDATE)) {
    if (isValidIdCardNumber(m[0]))
      found.push({ kind: 'id_card', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  for (const m of t.matchAll(MOBILE_CANDIDATE)) {
    if (m[0].replace(/\D/g, '').length === 11)
      found.push({ kind: 'mobile', start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return found.sort((a, b) => a.start - b.start);
}

function maskedForm(f: Found): string {
  return f.kind === 'id_card' ? maskMiddle(f.text, 6, 4) : maskMiddle(f.text.replace(/\D/g, ''), 3, 4);
}

/** The personal data found in one text (masked for display). */
export function scanPersonalData(text: string, where: string): PiiHit[] {
  return findAll(text).map((f) => ({ kind: f.kind, where, masked: maskedForm(f) }));
}

/** The text with every hit masked (身份证: keep 6 + 4; 手机: keep 3 + 4). */
export function maskPersonalData(text: string): string {
  let out = '';
  let last = 0;
  for (const f of findAll(text)) {
    if (f.start < last) continue;
    out += text.slice(last, f.start) + maskedForm(f);
    last = f.end;
  }
  return out + text.slice(last);
}

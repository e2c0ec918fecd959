// Personal data on public pages and in the API (pure): ID numbers show at most the first 4 and
// last 4 characters; a natural person's name shows the surname only.
import { NATURAL_PERSON } from './credit.types.js';

export function maskId(value: string): string {
  const v = value.trim();
  if (v === '') return '';
  if (v.length <= 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export function maskPersonName(name: string): string {
  const chars = [...name.trim()];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

const ID_FIELDS = /_(FR|XDR)_ZJHM$/;
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_LIKE = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/** Whether 18 characters are a 居民身份证 number (its check character right): not a credit code. */
function isIdNumber(n: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * (ID_WEIGHTS[i] ?? 0);
  return '10X98765432'[sum % 11] === n[17]?.toUpperCase();
}

/** Free text as the public sees it: ID numbers written in it masked, and the person's name if given. */
export function maskText(text: string, personName?: string): string {
  let out = text.replace(ID_LIKE, (m) => (isIdNumber(m) ? maskId(m) : m));
  const name = personName?.trim();
  if (name && name.length >= 2) out = out.split(name).join(maskPersonName(name));
  return out;
}

/**
 * The fields the public may see: ID-number fields masked to the first and last 4 characters;
 * for a natural person the name masked to the surname, also where it is written in another field
 * (违法事实, 处罚内容, 备注 …); any 居民身份证 number written in free text masked the same way.
 */
export function publicFields(
  fields: Readonly<Record<string, string>>,
  partyCategory: string,
): Record<string, string> {
  const natural = partyCategory === NATURAL_PERSON;
  const name = natural ? Object.entries(fields).find(([k]) => /_XDR_MC$/.test(k))?.[1] : undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (ID_FIELDS.test(k)) out[k] = maskId(v);
    else if (/_XDR_MC$/.test(k) && natural) out[k] = maskPersonName(v);
    else out[k] = maskText(v, name);
  }
  return out;
}

/** The party's name as the public sees it: a natural person's masked (surname + *), others whole. */
export const publicPartyName = (r: { partyCategory: string; partyName: string }) =>
  r.partyCategory === NATURAL_PERSON ? maskPersonName(r.partyName) : r.partyName;

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

/** The fields the public may see: ID numbers masked; a natural person's name masked. */
export function publicFields(
  fields: Readonly<Record<string, string>>,
  partyCategory: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (ID_FIELDS.test(k)) out[k] = maskId(v);
    else if (/_XDR_MC$/.test(k) && partyCategory === NATURAL_PERSON) out[k] = maskPersonName(v);
    else out[k] = v;
  }
  return out;
}

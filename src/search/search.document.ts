// What the index stores for one public item, and the tokens a query needs: pure functions shared
// by indexing and searching so that both always agree.
import { foldText, foldedTokens, htmlToText, type QueryTerm } from './search.text.js';
import type { IndexRow, IndexSource } from './search.types.js';

/** Marks a token that comes from the title (§政府): a title match is a match of these. */
export const TITLE_MARK = '§';

/** Days since 1900-01-01 of a 'YYYY-MM-DD' date (UTC arithmetic: the same under any TZ). */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return 0;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.max(0, Math.floor(t / 86_400_000) + 25_567);
}

/** Separates the folded parts of a document so that no term matches across two of them. */
const PART_SEPARATOR = ' | ';

/** The searchable texts of an item, in the order snippets look for terms. */
export function searchableParts(s: IndexSource): string[] {
  return [
    s.title,
    s.summary,
    s.docNumber,
    s.indexNumber,
    s.issuer,
    htmlToText(s.bodyHtml),
    ...s.attachmentTexts,
  ];
}

/** The index row of a public item (tokens: content + marked title). */
/**
 * Most bytes of tokens one document keeps (title tokens first, then in order of first occurrence).
 * PostgreSQL refuses a tsvector over 1 MB; only a document of several hundred pages of varied text
 * comes near this, and it loses only the character pairs it first shows late.
 */
export const MAX_DOCUMENT_TOKEN_BYTES = 900_000;

/** A token's size in a tsvector: its UTF-8 bytes plus the entry header (4) and alignment. */
export function tokenBytes(token: string): number {
  let n = 6;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
  }
  return n;
}

export function indexRowOf(s: IndexSource, sortKey: number, indexedAt: string, version: number): IndexRow {
  // Each part is folded once, for both the stored text and the tokens.
  const parts = searchableParts(s).map((p) => foldText(p).text);
  const titleFolded = parts[0] ?? '';
  const tokens = foldedTokens([titleFolded]).map((t) => TITLE_MARK + t);
  let bytes = tokens.reduce((sum, t) => sum + tokenBytes(t), 0);
  for (const t of foldedTokens(parts)) {
    bytes += tokenBytes(t);
    if (bytes > MAX_DOCUMENT_TOKEN_BYTES) break;
    tokens.push(t);
  }
  return {
    itemId: s.itemId,
    sortKey,
    departmentId: s.departmentId,
    topicId: s.topicId,
    category: s.category,
    year: s.year,
    publishedDate: s.publishedDate,
    titleFolded,
    contentFolded: parts.join(PART_SEPARATOR),
    tokens,
    indexedAt,
    version,
  };
}

/** A token a document must have; `prefix`: or a longer token that starts with it. */
export interface TokenSpec {
  token: string;
  prefix: boolean;
}

/** The tokens every document containing all the terms has. */
export function contentTokens(terms: readonly QueryTerm[]): TokenSpec[] {
  const seen = new Set<string>();
  const out: TokenSpec[] = [];
  for (const t of terms)
    for (const token of t.tokens)
      if (!seen.has(token)) {
        seen.add(token);
        out.push({ token, prefix: t.prefix });
      }
  return out;
}

/** The tokens every document whose title contains all the terms has. */
export function titleTokens(terms: readonly QueryTerm[]): TokenSpec[] {
  return contentTokens(terms).map((t) => ({ ...t, token: TITLE_MARK + t.token }));
}

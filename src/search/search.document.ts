// What the index stores for one public item, and the tokens a query needs: pure functions shared
// by indexing and searching so that both always agree.
import { foldText, htmlToText, indexTokens, type QueryTerm } from './search.text.js';
import { SLOTS_PER_DAY, type IndexRow, type IndexSource, type TokenMatch } from './search.types.js';

/** Marks a token that comes from the title (§政府): a title match is a match of these. */
export const TITLE_MARK = '§';
/** Marks filter tokens (¤d12 department, ¤t3 topic, ¤cpolicy category, ¤y2024 year). */
const FILTER_MARK = '¤';

export const filterToken = {
  department: (id: number) => `${FILTER_MARK}d${id}`,
  topic: (id: number) => `${FILTER_MARK}t${id}`,
  category: (c: string) => `${FILTER_MARK}c${c}`,
  year: (y: number) => `${FILTER_MARK}y${y}`,
};

/** Days since 1900-01-01 of a 'YYYY-MM-DD' date (UTC arithmetic: the same under any TZ). */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return 0;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.max(0, Math.floor(t / 86_400_000) + 25_567);
}

/** The first sort key of a day; a day's documents take the keys [first, first + SLOTS_PER_DAY). */
export function firstKeyOfDay(date: string): number {
  return dayNumber(date) * SLOTS_PER_DAY;
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

/** The index row of a public item (tokens: content + marked title + filter tokens). */
export function indexRowOf(s: IndexSource, sortKey: number, indexedAt: string): IndexRow {
  const parts = searchableParts(s);
  const tokens = indexTokens(parts);
  for (const t of indexTokens([s.title])) tokens.push(TITLE_MARK + t);
  tokens.push(
    filterToken.department(s.departmentId),
    filterToken.category(s.category),
    filterToken.year(s.year),
  );
  if (s.topicId !== null) tokens.push(filterToken.topic(s.topicId));
  return {
    itemId: s.itemId,
    sortKey,
    departmentId: s.departmentId,
    topicId: s.topicId,
    category: s.category,
    year: s.year,
    publishedDate: s.publishedDate,
    titleFolded: foldText(s.title).text,
    contentFolded: parts.map((p) => foldText(p).text).join(PART_SEPARATOR),
    tokens,
    indexedAt,
  };
}

export interface SearchFilters {
  departmentId?: number | undefined;
  /** The topic and its sub-topics. */
  topicIds?: readonly number[] | undefined;
  category?: string | undefined;
  year?: number | undefined;
}

export type FilterName = 'department' | 'topic' | 'category' | 'year';

/** The filter tokens of a search, leaving one filter out (facet counts apply the other filters). */
function filterMatch(f: SearchFilters, without?: FilterName): Pick<TokenMatch, 'all' | 'anyOf'> {
  const all: string[] = [];
  const anyOf: string[][] = [];
  if (f.departmentId !== undefined && without !== 'department')
    all.push(filterToken.department(f.departmentId));
  if (f.category !== undefined && without !== 'category') all.push(filterToken.category(f.category));
  if (f.year !== undefined && without !== 'year') all.push(filterToken.year(f.year));
  if (f.topicIds?.length && without !== 'topic') anyOf.push(f.topicIds.map(filterToken.topic));
  return { all, anyOf };
}

/** Documents that have every token of every term (and pass the filters). */
export function contentMatch(
  terms: readonly QueryTerm[],
  f: SearchFilters,
  without?: FilterName,
): TokenMatch {
  const filters = filterMatch(f, without);
  return { all: [...new Set(terms.flatMap((t) => t.tokens)), ...filters.all], anyOf: filters.anyOf };
}

/** Documents whose title has every token of every term. */
export function titleMatch(terms: readonly QueryTerm[], f: SearchFilters): TokenMatch {
  const filters = filterMatch(f);
  return {
    all: [...new Set(terms.flatMap((t) => t.tokens.map((x) => TITLE_MARK + x))), ...filters.all],
    anyOf: filters.anyOf,
  };
}

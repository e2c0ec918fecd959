// Highlighting: finds the query's terms in the original text (through the folded text and its map
// back to the source, so ＡＢＣ, 黄冈\n市 and 2019 written in full width are found) and writes HTML in
// which everything is escaped except the <mark> elements this code adds.
import { escapeHtml } from '../http/html.js';
import { foldText, htmlToText, type QueryTerm } from './search.text.js';

type Range = [start: number, end: number];

/** Source ranges of every occurrence of every term, sorted and merged. */
export function termRanges(source: string, terms: readonly QueryTerm[]): Range[] {
  if (!source || terms.length === 0) return [];
  const folded = foldText(source, true);
  const ranges: Range[] = [];
  for (const term of terms) {
    if (!term.text) continue;
    let at = folded.text.indexOf(term.text);
    while (at >= 0) {
      const last = at + term.text.length - 1;
      const start = folded.start[at];
      const end = folded.end[last];
      if (start !== undefined && end !== undefined) ranges.push([start, end]);
      at = folded.text.indexOf(term.text, at + term.text.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Range[] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Escaped `source[from, to)` with the ranges inside it wrapped in <mark>. */
function markup(source: string, ranges: readonly Range[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const [s, e] of ranges) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += escapeHtml(source.slice(at, a)) + '<mark>' + escapeHtml(source.slice(a, b)) + '</mark>';
    at = b;
  }
  return out + escapeHtml(source.slice(at, to));
}

/** The whole text, escaped, with every occurrence of the terms marked. */
export function highlightAll(source: string, terms: readonly QueryTerm[]): string {
  return markup(source, termRanges(source, terms), 0, source.length);
}

/** Whether a UTF-16 index falls between the halves of a surrogate pair. */
function insidePair(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return i > 0 && i < text.length && c >= 0xdc00 && c <= 0xdfff;
}

/** Up to `max` positions of a term in raw text. */
function positions(text: string, term: string, max: number): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(term); at >= 0 && out.length < max; at = text.indexOf(term, at + 1))
    out.push(at);
  return out;
}

/**
 * Where the extract should start: among the first occurrences of the terms, the window of
 * `length` characters (starting a little before the occurrence) with the most distinct terms.
 */
function windowStart(text: string, terms: readonly QueryTerm[], length: number): number | undefined {
  // Fast path: the terms as typed, found in the raw text (most Chinese text needs no folding).
  let starts = terms.flatMap((t) => positions(text, t.text, 10));
  if (starts.length === 0) {
    // Only a folded form can match. Folding without the map of positions is several times
    // cheaper: the map is built only when a term is there (the body of a hit found by its title
    // often has none, and was folded whole for nothing).
    const folded = foldText(text).text;
    if (terms.some((t) => folded.includes(t.text))) starts = termRanges(text, terms).map((r) => r[0]);
  }
  if (starts.length === 0) return undefined;
  let best = 0;
  let bestScore = -1;
  for (const s of starts.sort((a, b) => a - b).slice(0, 40)) {
    const from = Math.max(0, s - Math.floor(length / 4));
    const folded = foldText(text.slice(from, from + length)).text;
    const score = terms.filter((t) => folded.includes(t.text)).length;
    if (score > bestScore) {
      bestScore = score;
      best = from;
    }
  }
  return best;
}

/**
 * An extract of about `length` characters around the place where the most distinct terms occur
 * close together, escaped, terms marked, with … where text was cut. Undefined when no term occurs.
 */
export function snippet(
  source: string,
  terms: readonly QueryTerm[],
  length = 120,
  /** The source is itself cut out of a longer text: before its start, after its end. */
  cut: { before: boolean; after: boolean } = { before: false, after: false },
): string | undefined {
  if (!source) return undefined;
  const text = source.replace(/\s+/g, ' ');
  const start = windowStart(text, terms, length);
  if (start === undefined) return undefined;
  let from = start;
  let to = Math.min(text.length, from + length);
  from = Math.max(0, Math.min(from, to - length));
  if (insidePair(text, from)) from--;
  if (insidePair(text, to)) to++;
  // Highlight within the extract only (a term cut at its edge is left unmarked).
  const window = text.slice(from, to);
  const body = markup(window, termRanges(window, terms), 0, window.length).trim();
  return `${from > 0 || cut.before ? '…' : ''}${body}${to < text.length || cut.after ? '…' : ''}`;
}

/** HTML characters kept before and after a term's first occurrence when cutting a body for its snippet. */
const HTML_BEFORE = 600;
const HTML_AFTER = 1_500;

/**
 * The snippet of an HTML body (search hits). A body of 3–30 KB is turned into text for one extract
 * of 120 characters; for a single term found as typed in the HTML, only the HTML around its first
 * occurrence is, which is the same extract (edges moved out of any tag they cut). Otherwise, or when
 * that part has no match after all (the term was inside a tag), the whole body.
 */
export function htmlSnippet(html: string, terms: readonly QueryTerm[], length = 120): string | undefined {
  const term = terms.length === 1 ? terms[0]?.text : undefined;
  const at = term ? html.indexOf(term) : -1;
  if (term && at >= 0 && html.length > HTML_BEFORE + HTML_AFTER + term.length) {
    let from = Math.max(0, at - HTML_BEFORE);
    let to = Math.min(html.length, at + term.length + HTML_AFTER);
    // A '>' before any '<' means `from` is inside a tag: start after it (not past the term).
    const close = html.indexOf('>', from);
    const open = html.indexOf('<', from);
    if (close >= 0 && close < at && (open < 0 || close < open)) from = close + 1;
    // A '<' after the last '>' means `to` cuts a tag: end before it.
    const lastOpen = html.lastIndexOf('<', to - 1);
    if (lastOpen > at && lastOpen > html.lastIndexOf('>', to - 1)) to = lastOpen;
    const found = snippet(htmlToText(html.slice(from, to)), terms, length, {
      before: from > 0,
      after: to < html.length,
    });
    if (found !== undefined) return found;
  }
  return snippet(htmlToText(html), terms, length);
}

// Chinese text for search: folding (NFKC, lower case, no layout whitespace inside Chinese), the
// index tokens (overlapping character bigrams + single characters for Chinese, whole words for
// ASCII letters and digits) and the query terms built the same way. Pure functions, no I/O.
//
// Why bigrams and not words: Intl.Segmenter splits many government terms into single characters
// (扶|贫, 黄|冈, 低|保) and segments the same characters differently in different contexts, so a
// word index misses documents that contain the query's exact characters (bench/search-recall.ts
// measures it: 2.3 % of all true matches missed, up to 38 % for some terms). Every run of two or
// more Chinese characters is a chain of overlapping bigrams, so a document that contains the
// query's characters always has all of the query's bigrams: the index never misses one.

/** A folded text and, for each of its UTF-16 units, the source range [start, end) it came from. */
export interface FoldedText {
  text: string;
  start: number[];
  end: number[];
}

// Character classes after folding.
const WORD = 1; // ASCII letter or digit: part of a word token
const GRAM = 2; // any other letter, number or mark (汉字, kana, 〇 …): single characters + bigrams
const SPACE = 3;
const OTHER = 4; // punctuation, symbols, controls: break runs
const SLOW = 5; // surrogate halves and characters whose folding is not one UTF-16 unit

let KIND: Uint8Array | undefined;
let FOLD: Uint16Array | undefined;

const LETTER_OR_NUMBER = /[\p{L}\p{N}\p{M}]/u;
const WHITESPACE = /\s/u;

function classify(folded: string): number {
  const c = folded.charCodeAt(0);
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return WORD;
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return SPACE;
    return OTHER;
  }
  if (WHITESPACE.test(folded)) return SPACE;
  return LETTER_OR_NUMBER.test(folded) ? GRAM : OTHER;
}

/** Lookup tables for the Basic Multilingual Plane, built once (about 20 ms). */
function tables(): { kind: Uint8Array; fold: Uint16Array } {
  if (KIND && FOLD) return { kind: KIND, fold: FOLD };
  const kind = new Uint8Array(0x10000);
  const fold = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      kind[c] = SLOW;
      continue;
    }
    const f = String.fromCharCode(c).normalize('NFKC').toLowerCase();
    if (f.length !== 1) {
      kind[c] = f.length === 0 ? OTHER : SLOW;
      fold[c] = c;
      continue;
    }
    fold[c] = f.charCodeAt(0);
    kind[c] = classify(f);
  }
  KIND = kind;
  FOLD = fold;
  return { kind, fold };
}

/** Class of a folded character (one code point, possibly a surrogate pair). */
function kindOfFolded(ch: string): number {
  const c = ch.charCodeAt(0);
  if (ch.length === 1) {
    const k = tables().kind[c] ?? OTHER;
    return k === SLOW ? classify(ch) : k;
  }
  return classify(ch);
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * foldText without the map: the same rules over a buffer of UTF-16 units. One difference, which no
 * query can see: the decoder turns a lone surrogate into U+FFFD (both break runs of characters).
 */
function foldFast(source: string): string {
  const { kind: KINDS, fold: FOLDS } = tables();
  let buf = new Uint16Array(source.length + 16);
  let n = 0;
  let pendingSpace = false;
  let lastKind = SPACE;
  const put = (code: number) => {
    if (n >= buf.length) {
      const bigger = new Uint16Array(buf.length * 2);
      bigger.set(buf);
      buf = bigger;
    }
    buf[n++] = code;
  };
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    const k = KINDS[c] ?? OTHER;
    if (k === SPACE) {
      pendingSpace = true;
      i++;
      continue;
    }
    if (k !== SLOW) {
      if (pendingSpace) {
        if (!(k === GRAM && lastKind === GRAM) && n > 0) put(0x20);
        pendingSpace = false;
      }
      put(FOLDS[c] ?? c);
      lastKind = k;
      i++;
      continue;
    }
    const cp = source.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    for (const f of source
      .slice(i, i + width)
      .normalize('NFKC')
      .toLowerCase()) {
      const fk = kindOfFolded(f);
      if (fk === SPACE) {
        pendingSpace = true;
        continue;
      }
      if (pendingSpace) {
        if (!(fk === GRAM && lastKind === GRAM) && n > 0) put(0x20);
        pendingSpace = false;
      }
      for (let k2 = 0; k2 < f.length; k2++) put(f.charCodeAt(k2));
      lastKind = fk;
    }
    i += width;
  }
  return UTF16.decode(buf.subarray(0, n));
}

/**
 * Folds text for matching: NFKC (full-width → ASCII, compatibility forms), lower case, and
 * whitespace removed between two Chinese characters (a line break inside a phrase is layout:
 * 黄冈\n市 is 黄冈市); other whitespace runs become one space. With `withMap`, records where each
 * folded UTF-16 unit came from (for highlighting in the original text).
 */
export function foldText(source: string, withMap = false): FoldedText {
  if (!withMap) return { text: foldFast(source), start: [], end: [] };
  const { kind: KINDS, fold: FOLDS } = tables();
  const out: string[] = [];
  let chunk = '';
  const start: number[] = [];
  const end: number[] = [];
  let pendingSpace = -1;
  let lastKind = SPACE;
  let written = 0;
  const emit = (piece: string, kind: number, from: number, to: number) => {
    if (pendingSpace >= 0) {
      if (!(kind === GRAM && lastKind === GRAM) && written > 0) {
        chunk += ' ';
        written++;
        if (withMap) {
          start.push(pendingSpace);
          end.push(pendingSpace + 1);
        }
      }
      pendingSpace = -1;
    }
    chunk += piece;
    written += piece.length;
    if (chunk.length > 4096) {
      out.push(chunk);
      chunk = '';
    }
    if (withMap) {
      for (let k = 0; k < piece.length; k++) {
        start.push(from);
        end.push(to);
      }
    }
    lastKind = kind;
  };
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    const k = KINDS[c] ?? OTHER;
    if (k !== SLOW) {
      if (k === SPACE) {
        if (pendingSpace < 0) pendingSpace = i;
      } else {
        emit(String.fromCharCode(FOLDS[c] ?? c), k, i, i + 1);
      }
      i++;
      continue;
    }
    const cp = source.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    const folded = source
      .slice(i, i + width)
      .normalize('NFKC')
      .toLowerCase();
    for (const f of folded) {
      const fk = kindOfFolded(f);
      if (fk === SPACE) {
        if (pendingSpace < 0) pendingSpace = i;
      } else {
        emit(f, fk, i, i + width);
      }
    }
    i += width;
  }
  out.push(chunk);
  return { text: out.join(''), start, end };
}

/** A piece of folded text that becomes index tokens: an ASCII word or a run of Chinese characters. */
export interface TextRun {
  kind: 'word' | 'gram';
  text: string;
  /** Offset of the run in the folded text. */
  at: number;
}

/** Class of the folded code point at `i` and its width in UTF-16 units. */
function kindAt(folded: string, i: number): [number, number] {
  const c = folded.charCodeAt(i);
  if (c < 0xd800 || c > 0xdfff) {
    const k = tables().kind[c] ?? OTHER;
    return [k === SLOW ? classify(folded[i] ?? ' ') : k, 1];
  }
  const cp = folded.codePointAt(i) ?? c;
  const width = cp > 0xffff ? 2 : 1;
  return [classify(folded.slice(i, i + width)), width];
}

/** Splits folded text into ASCII words and runs of Chinese (non-ASCII letter/number) characters. */
export function textRuns(folded: string): TextRun[] {
  const runs: TextRun[] = [];
  let runStart = -1;
  let runKind = 0;
  let i = 0;
  while (i < folded.length) {
    const [k, width] = kindAt(folded, i);
    if (k !== runKind) {
      if (runStart >= 0)
        runs.push({
          kind: runKind === WORD ? 'word' : 'gram',
          text: folded.slice(runStart, i),
          at: runStart,
        });
      runStart = k === WORD || k === GRAM ? i : -1;
      runKind = k;
    }
    i += width;
  }
  if (runStart >= 0)
    runs.push({ kind: runKind === WORD ? 'word' : 'gram', text: folded.slice(runStart), at: runStart });
  return runs;
}

/** Longest word token kept whole (longer ASCII runs, e.g. hashes, are cut to this length). */
export const MAX_WORD_LENGTH = 40;

/**
 * Distinct tokens of one document. Characters and bigrams of the Basic Multilingual Plane go into
 * an open-addressing set of 32-bit keys (c for a character, c1 << 16 | c2 for a bigram — no
 * clash, since a bigram's first character is ≥ 0x80), which is several times faster than a
 * Set of strings; words and characters outside the BMP go into a Set of strings.
 */
class TokenSet {
  private keys = new Uint32Array(1 << 14);
  private used = new Uint8Array(1 << 14);
  private count = 0;
  private order: number[] = [];
  readonly other = new Set<string>();

  addKey(key: number): void {
    let mask = this.keys.length - 1;
    if (this.count * 2 >= this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
    }
    let h = Math.imul(key, 0x9e3779b1) >>> 18;
    h &= mask;
    for (;;) {
      if (this.used[h] === 0) {
        this.used[h] = 1;
        this.keys[h] = key;
        this.order.push(key);
        this.count++;
        return;
      }
      if (this.keys[h] === key) return;
      h = (h + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.order;
    this.keys = new Uint32Array(this.keys.length * 2);
    this.used = new Uint8Array(this.keys.length);
    this.count = 0;
    this.order = [];
    for (const k of old) this.addKey(k);
  }

  /** Empties the set for the next document (its tables are reused: no new allocation). */
  reset(): void {
    this.used.fill(0);
    this.count = 0;
    this.order.length = 0;
    this.other.clear();
  }

  /** Whether the tables grew past what is worth keeping between documents. */
  get large(): boolean {
    return this.keys.length > 1 << 18;
  }

  tokens(): string[] {
    const out: string[] = [];
    for (const k of this.order)
      out.push(k < 0x10000 ? String.fromCharCode(k) : String.fromCharCode(k >>> 16, k & 0xffff));
    for (const t of this.other) out.push(t);
    return out;
  }
}

function addRunTokens(run: TextRun, set: TokenSet): void {
  if (run.kind === 'word') {
    set.other.add(run.text.slice(0, MAX_WORD_LENGTH));
    return;
  }
  const t = run.text;
  let prev = -1;
  let prevChar = '';
  let i = 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const cp = t.codePointAt(i) ?? c;
      const ch = t.slice(i, i + (cp > 0xffff ? 2 : 1));
      set.other.add(ch);
      if (prevChar) set.other.add(prevChar + ch);
      prev = -1;
      prevChar = ch;
      i += ch.length;
      continue;
    }
    set.addKey(c);
    if (prev >= 0) set.addKey(((prev << 16) | c) >>> 0);
    else if (prevChar) set.other.add(prevChar + String.fromCharCode(c));
    prev = c;
    prevChar = String.fromCharCode(c);
    i++;
  }
}

/** Adds the tokens of a folded text: one pass, no intermediate strings for BMP characters. */
function addTokensOf(folded: string, set: TokenSet): void {
  const KINDS = tables().kind;
  let prev = -1; // previous BMP gram character of the current run, or -1
  let runStart = -1; // start of the current run of gram characters
  let i = 0;
  while (i < folded.length) {
    const c = folded.charCodeAt(i);
    const k = KINDS[c] ?? OTHER;
    if (k === GRAM) {
      set.addKey(c);
      if (prev >= 0) set.addKey(((prev << 16) | c) >>> 0);
      else runStart = i;
      prev = c;
      i++;
      continue;
    }
    const from = prev >= 0 ? runStart : i;
    prev = -1;
    if (k === WORD) {
      let j = i + 1;
      while (j < folded.length && KINDS[folded.charCodeAt(j)] === WORD) j++;
      set.other.add(folded.slice(i, Math.min(j, i + MAX_WORD_LENGTH)));
      i = j;
      continue;
    }
    if (k === SLOW) {
      // Rare: surrogate pairs and odd characters; take the slow, general path for this run.
      let j = i;
      while (j < folded.length) {
        const [kj, w] = kindAt(folded, j);
        if (kj !== GRAM) break;
        j += w;
      }
      if (j > i) {
        for (const run of textRuns(folded.slice(from, j))) addRunTokens(run, set);
        i = j;
        continue;
      }
    }
    i++;
  }
}

/**
 * The distinct index tokens of some texts (title, summary, 文号, body …): for each Chinese run
 * every single character and every overlapping bigram, for each ASCII run the word itself.
 */
export function indexTokens(sources: readonly string[]): string[] {
  return foldedTokens(sources.map(foldFast));
}

/** indexTokens of texts already folded (foldText(…).text): no second folding pass. */
export function foldedTokens(folded: readonly string[]): string[] {
  // One set reused from document to document: a new one per document allocated 80 KB of typed
  // arrays each time, and bulk indexing spent a fifth of its time collecting them.
  const set = scratch ?? new TokenSet();
  scratch = undefined;
  try {
    for (const f of folded) addTokensOf(f, set);
    return set.tokens();
  } finally {
    if (!set.large) {
      set.reset();
      scratch = set;
    }
  }
}

let scratch: TokenSet | undefined;

/** One term of a query: the folded text a document must contain and the tokens that find it. */
export interface QueryTerm {
  /** Folded text that must occur in the document. */
  text: string;
  /** Index tokens every document containing `text` has (all of them). */
  tokens: string[];
  /** Whether having all the tokens is the same as containing the text (1–2 characters, words). */
  exact: boolean;
  /** An ASCII word of MIN_PREFIX_WORD or more characters also finds longer words (gb27 → gb2760). */
  prefix: boolean;
}

/** ASCII words at least this long match as prefixes. */
export const MIN_PREFIX_WORD = 4;

/** Longest query accepted (characters); longer input is cut. */
export const MAX_QUERY_LENGTH = 100;
/** At most this many terms are used. */
export const MAX_QUERY_TERMS = 8;

/**
 * Parses a query into terms: whitespace and punctuation separate terms, and a term that mixes
 * Chinese and ASCII (2019年) becomes its runs. A Chinese run of n ≥ 2 characters needs its n−1
 * bigrams; one character needs itself; an ASCII word needs that word. A term contained in a
 * longer term of the same query is dropped (扶贫 扶贫工作 → 扶贫工作).
 */
export function parseQuery(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const piece of q.slice(0, MAX_QUERY_LENGTH).split(/\s+/u)) {
    for (const run of textRuns(foldFast(piece))) {
      const text = run.kind === 'word' ? run.text.slice(0, MAX_WORD_LENGTH) : run.text;
      if (seen.has(text) || terms.length >= MAX_QUERY_TERMS) continue;
      seen.add(text);
      const chars = Array.from(text);
      const tokens = new Set<string>();
      if (run.kind === 'word' || chars.length === 1) tokens.add(text);
      for (let i = 0; i + 1 < chars.length && run.kind === 'gram'; i++)
        tokens.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
      terms.push({
        text,
        tokens: [...tokens],
        exact: run.kind === 'word' || chars.length <= 2,
        prefix: run.kind === 'word' && text.length >= MIN_PREFIX_WORD,
      });
    }
  }
  return terms.filter(
    (t) => !terms.some((o) => o !== t && o.text.length > t.text.length && o.text.includes(t.text)),
  );
}

const BLOCK_TAG =
  /<\/?(?:p|div|br|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|blockquote|section|article|pre|hr)\b[^>]*>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of sanitised body HTML: block elements become line breaks, entities are decoded. */
export function htmlToText(markup: string): string {
  return markup
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(BLOCK_TAG, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

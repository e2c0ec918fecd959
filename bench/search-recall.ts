// Measures how many of the documents that contain a query's exact characters each segmentation
// finds, on the shared corpus (../shared/corpus/corpus.jsonl, or CORPUS=<file>):
//   (a) Intl.Segmenter words, phrase search (the query's words consecutive in the document);
//   (b) Intl.Segmenter words, all of the query's words anywhere in the document;
//   (c) character bigrams (+ single characters), all of the query's bigrams anywhere — the
//       candidate set of the index in src/search; its precision before verification is printed;
//   (d) bigrams + Intl.Segmenter words (words add no recall; shown for completeness).
// Truth: the folded title + 文号 + body contains the folded query (src/search/search.text.ts).
// Run: node bin/run-ts.js bench/search-recall.ts
import { existsSync, readFileSync } from 'node:fs';
import { RECALL_TERMS } from '../src/search/search.terms.js';
import { foldText, indexTokens, parseQuery } from '../src/search/search.text.js';

const CORPUS = process.env.CORPUS ?? new URL('../../shared/corpus/corpus.jsonl', import.meta.url).pathname;

interface Doc {
  folded: string;
  words: string[];
  wordSet: Set<string>;
  grams: Set<string>;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

function words(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment.toLowerCase());
  return out;
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let k = 0; k < needle.length; k++) if (haystack[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

function pct(n: number, d: number): string {
  return d === 0 ? '–' : `${((100 * n) / d).toFixed(1)} %`;
}

interface Row {
  term: string;
  queryWords: string;
  truth: number;
  phrase: number;
  allWords: number;
  bigram: number;
  bigramExact: number;
}

function measure(docs: readonly Doc[], term: string): Row {
  const folded = foldText(term).text;
  const qWords = words(folded);
  const qGrams = parseQuery(term).flatMap((t) => t.tokens);
  let truth = 0;
  let phrase = 0;
  let allWords = 0;
  let bigram = 0;
  let bigramExact = 0;
  for (const d of docs) {
    const isTrue = d.folded.includes(folded);
    if (isTrue) truth++;
    if (isTrue && containsSequence(d.words, qWords)) phrase++;
    if (isTrue && qWords.every((w) => d.wordSet.has(w))) allWords++;
    if (qGrams.every((g) => d.grams.has(g))) {
      bigram++;
      if (isTrue) bigramExact++;
    }
  }
  return { term, queryWords: qWords.join('|'), truth, phrase, allWords, bigram, bigramExact };
}

function main(): void {
  if (!existsSync(CORPUS)) {
    console.log(`corpus not found at ${CORPUS}; set CORPUS=<file.jsonl>`);
    return;
  }
  const t0 = Date.now();
  const docs: Doc[] = [];
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { title?: string; doc_number?: string | null; body?: string };
    const text = [r.title ?? '', r.doc_number ?? '', r.body ?? ''].join('\n');
    const folded = foldText(text).text;
    const w = words(folded);
    docs.push({ folded, words: w, wordSet: new Set(w), grams: new Set(indexTokens([text])) });
  }
  console.log(
    `${docs.length} documents loaded and segmented in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const rows = RECALL_TERMS.map((t) => measure(docs, t));
  console.log(
    '| term | Intl.Segmenter words | true matches | (a) word phrase | (b) all words | (c) bigrams | (c) precision |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|');
  const sum = { truth: 0, phrase: 0, allWords: 0, bigramExact: 0, bigram: 0 };
  let worst = { term: '', recall: 1 };
  for (const r of rows) {
    console.log(
      `| ${r.term} | ${r.queryWords} | ${r.truth} | ${pct(r.phrase, r.truth)} | ${pct(r.allWords, r.truth)} | ${pct(r.bigramExact, r.truth)} | ${pct(r.bigramExact, r.bigram)} |`,
    );
    sum.truth += r.truth;
    sum.phrase += r.phrase;
    sum.allWords += r.allWords;
    sum.bigramExact += r.bigramExact;
    sum.bigram += r.bigram;
    if (r.truth > 0 && r.phrase / r.truth < worst.recall)
      worst = { term: r.term, recall: r.phrase / r.truth };
  }
  const missedTerms = rows.filter((r) => r.phrase < r.truth).length;
  console.log(
    `| **all ${rows.length} terms** | | ${sum.truth} | ${pct(sum.phrase, sum.truth)} | ${pct(sum.allWords, sum.truth)} | ${pct(sum.bigramExact, sum.truth)} | ${pct(sum.bigramExact, sum.bigram)} |`,
  );
  console.log(
    `\n(a) misses documents for ${missedTerms} of ${rows.length} terms (worst: ${worst.term}, ${pct(worst.recall * 100, 100)} recall);` +
      ' (d) bigrams + words has the recall of (c): words add no document that bigrams miss.',
  );
}

main();

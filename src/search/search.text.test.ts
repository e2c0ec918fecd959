// Segmentation: folding, index tokens, query terms — and the recall property at the token level:
// every document that contains a query's exact characters has all of the query's tokens (on a
// built-in fixture always; on the shared corpus when ../shared/corpus/corpus.jsonl is present).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEARCH_FIXTURE as FIXTURE } from '../../test/helpers/search.js';
import { RECALL_TERMS } from './search.terms.js';
import { foldText, htmlToText, indexTokens, parseQuery, textRuns } from './search.text.js';

const CORPUS = new URL('../../../shared/corpus/corpus.jsonl', import.meta.url).pathname;

/** The obvious implementation the fast one must agree with. */
function referenceTokens(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of textRuns(foldText(text).text)) {
    if (run.kind === 'word') {
      out.add(run.text.slice(0, 40));
      continue;
    }
    const chars = Array.from(run.text);
    chars.forEach((c, i) => {
      out.add(c);
      if (i + 1 < chars.length) out.add(c + chars[i + 1]);
    });
  }
  return out;
}

function containing(docs: readonly string[], q: string): number[] {
  const f = foldText(q).text;
  return docs.flatMap((d, i) => (foldText(d).text.includes(f) ? [i] : []));
}

function tokenMatches(docTokens: readonly Set<string>[], q: string): number[] {
  const need = parseQuery(q).flatMap((t) => t.tokens);
  return docTokens.flatMap((tokens, i) => (need.every((t) => tokens.has(t)) ? [i] : []));
}

/** Every substring of 1–6 characters of a Chinese run of a text. */
function substrings(text: string, max = 6): string[] {
  const out = new Set<string>();
  for (const run of textRuns(foldText(text).text)) {
    if (run.kind !== 'gram') continue;
    const chars = Array.from(run.text);
    for (let i = 0; i < chars.length; i++)
      for (let n = 1; n <= max && i + n <= chars.length; n++) out.add(chars.slice(i, i + n).join(''));
  }
  return [...out];
}

describe('folding', () => {
  it('makes full-width ASCII half-width, lower-cases, and joins Chinese across line breaks', () => {
    expect(foldText('ＡＢＣ１２３ Def').text).toBe('abc123 def');
    expect(foldText('黄冈\n 市').text).toBe('黄冈市');
    expect(foldText('黄冈 ABC').text).toBe('黄冈 abc');
    expect(foldText('国发〔2019〕5号').text).toBe('国发〔2019〕5号');
  });

  it('maps every folded character back to its source', () => {
    const source = 'ＡＢ 黄冈\n市①';
    const f = foldText(source, true);
    expect(f.text).toBe('ab 黄冈市1');
    const at = f.text.indexOf('黄冈市');
    expect(source.slice(f.start[at], f.end[at + 2])).toBe('黄冈\n市');
  });

  it('gives the same text with and without the map', () => {
    for (const t of FIXTURE) expect(foldText(t, true).text).toBe(foldText(t).text);
  });
});

describe('index tokens', () => {
  it('are the single characters, the overlapping bigrams and the ASCII words', () => {
    expect(new Set(indexTokens(['扶贫工作 2024年']))).toEqual(
      new Set(['扶', '贫', '工', '作', '扶贫', '贫工', '工作', '2024', '年']),
    );
  });

  it('agree with the obvious implementation, including characters outside the BMP', () => {
    for (const t of FIXTURE) expect(new Set(indexTokens([t]))).toEqual(referenceTokens(t));
    const random = Array.from({ length: 200 }, (_, i) =>
      String.fromCodePoint(
        ...Array.from(
          { length: 30 },
          (_, k) =>
            [0x4e00 + ((i * 31 + k * 7) % 40), 0x20000 + (k % 3), 0x41 + (k % 26), 0x3002][(i + k) % 4] ??
            0x4e00,
        ),
      ),
    );
    for (const t of random) expect(new Set(indexTokens([t]))).toEqual(referenceTokens(t));
  });

  it('never join two separate texts', () => {
    expect(indexTokens(['扶', '贫'])).not.toContain('扶贫');
  });
});

describe('queries', () => {
  it('splits on spaces and punctuation and turns each Chinese run into its bigrams', () => {
    expect(parseQuery('危险化学品  安全').map((t) => [t.text, t.tokens, t.exact])).toEqual([
      ['危险化学品', ['危险', '险化', '化学', '学品'], false],
      ['安全', ['安全'], true],
    ]);
    expect(parseQuery('GB2760 ab').map((t) => [t.text, t.prefix])).toEqual([
      ['gb2760', true],
      ['ab', false],
    ]);
    expect(parseQuery('黄政办发〔2017〕27号').map((t) => t.text)).toEqual(['黄政办发', '2017', '27', '号']);
    expect(parseQuery('扶贫 扶贫工作').map((t) => t.text)).toEqual(['扶贫工作']);
    expect(parseQuery('黄')[0]?.tokens).toEqual(['黄']);
    expect(parseQuery('  《》，。 ')).toEqual([]);
  });
});

describe('recall', () => {
  it('finds every fixture text that contains any 1–6 character substring', () => {
    const tokens = FIXTURE.map((t) => new Set(indexTokens([t])));
    const queries = new Set(FIXTURE.flatMap((t) => substrings(t)));
    expect(queries.size).toBeGreaterThan(500);
    for (const q of queries) {
      const truth = containing(FIXTURE, q);
      const found = tokenMatches(tokens, q);
      expect(
        truth.every((i) => found.includes(i)),
        q,
      ).toBe(true);
    }
  });

  it.skipIf(!existsSync(CORPUS))(
    'finds every corpus document that contains each recall term (shared corpus)',
    () => {
      const docs = readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { title: string; doc_number: string | null; body: string })
        .map((r) => [r.title, r.doc_number ?? '', r.body].join('\n'));
      const tokens = docs.map((d) => new Set(indexTokens([d])));
      for (const q of RECALL_TERMS) {
        const truth = containing(docs, q);
        expect(truth.length, q).toBeGreaterThan(0);
        const found = new Set(tokenMatches(tokens, q));
        expect(
          truth.filter((i) => !found.has(i)),
          q,
        ).toEqual([]);
      }
    },
    120_000,
  );
});

describe('body text', () => {
  it('turns sanitised HTML into text with line breaks and decoded entities', () => {
    expect(
      htmlToText('<p>第一段&amp;说明</p><table><tr><td>黄冈</td></tr></table><p>&#x4e00;&lt;b&gt;</p>'),
    ).toBe('第一段&说明\n\n黄冈\n\n一<b>');
  });
});

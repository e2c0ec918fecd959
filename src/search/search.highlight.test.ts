// Highlighting and snippets: everything escaped except the <mark> elements, terms found through
// folding (full width, line breaks), extracts cut around the terms.
import { describe, expect, it } from 'vitest';
import { highlightAll, snippet, termRanges } from './search.highlight.js';
import { parseQuery } from './search.text.js';

const terms = (q: string) => parseQuery(q);

describe('highlightAll', () => {
  it('escapes the text and marks every occurrence of every term', () => {
    expect(highlightAll('<b>低保</b> & 低保标准"', terms('低保'))).toBe(
      '&lt;b&gt;<mark>低保</mark>&lt;/b&gt; &amp; <mark>低保</mark>标准&quot;',
    );
  });

  it('finds terms through folding and marks the original characters', () => {
    expect(highlightAll('编号ＧＢ２７６０与黄冈\n市', terms('gb2760 黄冈市'))).toBe(
      '编号<mark>ＧＢ２７６０</mark>与<mark>黄冈\n市</mark>',
    );
  });

  it('merges overlapping terms', () => {
    expect(termRanges('扶贫攻坚', terms('扶贫 贫攻'))).toEqual([[0, 3]]);
  });

  it('leaves text without the terms unmarked', () => {
    expect(highlightAll('<script>x</script>', terms('低保'))).toBe('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('snippet', () => {
  const long = `${'前文。'.repeat(60)}城乡低保标准提高到每月800元。${'后文。'.repeat(60)}`;

  it('cuts an extract around the first term, with ellipses', () => {
    const s = snippet(long, terms('低保')) ?? '';
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('城乡<mark>低保</mark>标准');
    expect(s.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(122);
  });

  it('prefers the place where more terms occur together', () => {
    const text = `低保。${'其他内容。'.repeat(40)}低保标准和扶贫资金。`;
    expect(snippet(text, terms('低保 扶贫'))).toContain('<mark>低保</mark>标准和<mark>扶贫</mark>资金');
  });

  it('is undefined when no term occurs', () => {
    expect(snippet('没有相关内容', terms('低保'))).toBeUndefined();
    expect(snippet('', terms('低保'))).toBeUndefined();
  });
});

// Highlighting and snippets: everything escaped except the <mark> elements, terms found through
// folding (full width, line breaks), extracts cut around the terms.
import { describe, expect, it } from 'vitest';
import { highlightAll, htmlSnippet, snippet, termRanges } from './search.highlight.js';
import { htmlToText, parseQuery } from './search.text.js';

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

describe('htmlSnippet', () => {
  // What a hit shows: the same extract as from the whole body's text, wherever the term is.
  const whole = (html: string, q: string) => snippet(htmlToText(html), terms(q));
  const paragraph = (i: number) =>
    `<p style="text-align: justify">第${i}段：各地要按照${i % 7 === 0 ? '<strong>统一部署</strong>' : '统一部署'}，做好有关工作&amp;落实责任。</p>`;
  const body = (inner: (i: number) => string) => Array.from({ length: 400 }, (_, i) => inner(i)).join('\n');

  it('gives the extract of the whole body for a term at its start, middle or end', () => {
    for (const i of [0, 1, 150, 398, 399]) {
      const html = body((k) =>
        k === i ? '<p>城乡<em>居民</em>低保标准提高到每月800元。</p>' : paragraph(k),
      );
      expect(html.length).toBeGreaterThan(20_000);
      const s = htmlSnippet(html, terms('低保标准'));
      expect(s).toContain('<mark>低保标准</mark>');
      expect(s).toBe(whole(html, '低保标准'));
    }
  });

  it('finds a term that only the text has (split by a tag) or that the HTML has only inside a tag', () => {
    const split = body((k) => (k === 200 ? '<p>低<strong>保标</strong>准</p>' : paragraph(k)));
    expect(htmlSnippet(split, terms('低保标准'))).toBe(whole(split, '低保标准'));
    expect(htmlSnippet(split, terms('低保标准'))).toContain('<mark>低保标准</mark>');
    const inTag = body((k) =>
      k === 100
        ? '<p><a href="/a" title="低保标准">链接</a></p>'
        : k === 300
          ? '<p>低保标准</p>'
          : paragraph(k),
    );
    expect(htmlSnippet(inTag, terms('低保标准'))).toBe(whole(inTag, '低保标准'));
    expect(htmlSnippet(inTag, terms('低保标准'))).toContain('<mark>低保标准</mark>');
  });

  it('handles several terms and bodies without the terms like the whole text does', () => {
    const html = body((k) => (k === 250 ? '<p>低保标准和扶贫资金。</p>' : paragraph(k)));
    expect(htmlSnippet(html, terms('低保 扶贫'))).toBe(whole(html, '低保 扶贫'));
    expect(htmlSnippet(html, terms('没有的词'))).toBeUndefined();
  });
});

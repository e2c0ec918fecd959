import { describe, expect, it } from 'vitest';
import { checkXml } from '../../test/helpers/xml.js';
import type { PublicListEntry } from '../catalogue/public-items.service.js';
import { atomFeed, sitemapIndex, sitemapUrl, URLSET_CLOSE, URLSET_OPEN, xmlEscape } from './feeds.xml.js';

function entry(over: Partial<PublicListEntry> = {}): PublicListEntry {
  return {
    itemId: 7,
    indexNumber: '11421100MB0000000X/2024-00007',
    departmentId: 1,
    issuer: '黄冈市人民政府办公室',
    title: '关于印发《A & B <试行>》的通知',
    summary: "“引号” '单引号' & 控制符\u0001\u001F结束",
    docNumber: '黄政办发〔2024〕7号',
    signedDate: '2024-03-01',
    publishedDate: '2024-03-05',
    publishedAt: '2024-03-05T02:30:00.123Z',
    updatedAt: '2024-03-06T08:00:00.000Z',
    year: 2024,
    topicId: null,
    category: 'policy',
    validity: null,
    version: 1,
    departmentName: '黄冈市人民政府办公室',
    topicName: null,
    ...over,
  };
}

describe('Atom feeds', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(xmlEscape('a<b>&"\'')).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(xmlEscape('x\u0000\u0008\u000By\uFFFEz')).toBe('xyz');
    expect(xmlEscape('tab\tand\nnewline')).toBe('tab\tand\nnewline');
    expect(xmlEscape('lone \uD800 surrogate 𠀀')).toBe('lone  surrogate 𠀀');
  });

  it('is a well-formed Atom document with the entries, times in RFC 3339 and the titles intact', () => {
    const xml = atomFeed(
      {
        baseUrl: 'https://www.example.gov.cn',
        selfPath: '/feeds/all.atom',
        htmlPath: '/xxgk/catalogue',
        title: '政府信息公开 & 订阅',
        subtitle: '最新',
        author: '黄冈市人民政府办公室',
        updated: '2024-03-06T08:00:00.000Z',
      },
      [entry(), entry({ itemId: 8, title: 'second' })],
    );
    const outline = checkXml(xml);
    expect(outline.root).toBe('feed');
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(outline.elements.filter((e) => e === 'entry')).toHaveLength(2);
    const titles = outline.texts.filter((t) => t.name === 'title').map((t) => t.text);
    expect(titles).toContain('关于印发《A & B <试行>》的通知');
    expect(outline.texts.find((t) => t.name === 'updated')?.text).toBe('2024-03-06T08:00:00Z');
    expect(outline.texts.filter((t) => t.name === 'published').map((t) => t.text)).toEqual([
      '2024-03-05T02:30:00Z',
      '2024-03-05T02:30:00Z',
    ]);
    expect(outline.texts.filter((t) => t.name === 'id').map((t) => t.text)).toEqual([
      'https://www.example.gov.cn/feeds/all.atom',
      'https://www.example.gov.cn/xxgk/items/7',
      'https://www.example.gov.cn/xxgk/items/8',
    ]);
  });

  it('still has an updated time when there are no entries', () => {
    const xml = atomFeed(
      {
        baseUrl: 'http://x',
        selfPath: '/f',
        htmlPath: '/',
        title: 't',
        subtitle: 's',
        author: 'a',
        updated: null,
      },
      [],
    );
    expect(checkXml(xml).texts.find((t) => t.name === 'updated')?.text).toBe('1970-01-01T00:00:00Z');
  });

  it('writes sitemaps and sitemap indexes that parse', () => {
    const urlset = URLSET_OPEN + sitemapUrl('http://x/a?b=1&c=2', '2024-01-01T00:00:00.000Z') + URLSET_CLOSE;
    expect(checkXml(urlset).texts.find((t) => t.name === 'loc')?.text).toBe('http://x/a?b=1&c=2');
    expect(
      checkXml(sitemapIndex(['http://x/s1.xml', 'http://x/s2.xml'])).elements.filter((e) => e === 'sitemap'),
    ).toHaveLength(2);
  });

  it('the checker itself rejects broken XML', () => {
    expect(() => checkXml('<a><b></a></b>')).toThrow();
    expect(() => checkXml('<a>x & y</a>')).toThrow();
    expect(() => checkXml('<a t=1/>')).toThrow();
    expect(() => checkXml('<a/><b/>')).toThrow();
    expect(() => checkXml('<a>&nbsp;</a>')).toThrow();
  });
});

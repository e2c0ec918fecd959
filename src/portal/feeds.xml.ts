// XML for machines: Atom 1.0 feeds (RFC 4287) and sitemaps (sitemaps.org 0.9). Every text is
// escaped, and characters that XML 1.0 forbids are dropped, so a feed always parses.
import { ITEM_CATEGORY_LABELS } from '../catalogue/catalogue.types.js';
import type { PublicListEntry } from '../catalogue/public-items.service.js';
import { itemHref } from './portal.format.js';

const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

/** An instant as RFC 3339 in UTC, as Atom wants it. */
function rfc3339(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z') : '1970-01-01T00:00:00Z';
}

export interface FeedInfo {
  baseUrl: string;
  /** Path of the feed itself, e.g. /feeds/all.atom */
  selfPath: string;
  /** Path of the HTML page it mirrors. */
  htmlPath: string;
  title: string;
  subtitle: string;
  author: string;
  /** Latest update among the entries (null when there are none). */
  updated: string | null;
}

export function atomFeed(info: FeedInfo, entries: readonly PublicListEntry[]): string {
  const base = info.baseUrl;
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    `<id>${xmlEscape(base + info.selfPath)}</id>`,
    `<title>${xmlEscape(info.title)}</title>`,
    `<subtitle>${xmlEscape(info.subtitle)}</subtitle>`,
    `<updated>${rfc3339(info.updated ?? '1970-01-01T00:00:00Z')}</updated>`,
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(base + info.selfPath)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlEscape(base + info.htmlPath)}"/>`,
    `<author><name>${xmlEscape(info.author)}</name></author>`,
    '<generator>gongkai</generator>',
  ];
  for (const e of entries) {
    const url = base + itemHref(e.itemId);
    out.push(
      '<entry>',
      `<id>${xmlEscape(url)}</id>`,
      `<title>${xmlEscape(e.title)}</title>`,
      `<link rel="alternate" type="text/html" href="${xmlEscape(url)}"/>`,
      `<published>${rfc3339(e.publishedAt)}</published>`,
      `<updated>${rfc3339(e.updatedAt)}</updated>`,
      `<author><name>${xmlEscape(e.issuer || e.departmentName || info.author)}</name></author>`,
      `<category term="${e.category}" label="${xmlEscape(ITEM_CATEGORY_LABELS[e.category])}"/>`,
      `<summary>${xmlEscape(summaryOf(e))}</summary>`,
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

function summaryOf(e: PublicListEntry): string {
  const parts = [
    e.docNumber ? `文号：${e.docNumber}` : '',
    `索引号：${e.indexNumber}`,
    `发布日期：${e.publishedDate}`,
  ];
  const head = parts.filter(Boolean).join('；');
  return e.summary ? `${e.summary}（${head}）` : head;
}

export const SITEMAP_MAX_URLS = 50_000;

/**
 * What /sitemap.xml is: one urlset when everything fits in one sitemap, else an index of the
 * static pages' sitemap and `items-N` sitemaps of SITEMAP_MAX_URLS items each.
 */
export function sitemapPlan(
  itemCount: number,
  pageCount: number,
  max = SITEMAP_MAX_URLS,
): { kind: 'urlset' } | { kind: 'index'; paths: string[] } {
  if (itemCount + pageCount <= max) return { kind: 'urlset' };
  const paths = ['/sitemaps/pages.xml'];
  for (let n = 1; n <= Math.ceil(itemCount / max); n++) paths.push(`/sitemaps/items-${n}.xml`);
  return { kind: 'index', paths };
}

export function sitemapUrl(loc: string, lastmod?: string): string {
  return `<url><loc>${xmlEscape(loc)}</loc>${lastmod ? `<lastmod>${rfc3339(lastmod)}</lastmod>` : ''}</url>\n`;
}

export const URLSET_OPEN =
  '<?xml version="1.0" encoding="utf-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n';
export const URLSET_CLOSE = '</urlset>\n';

export function sitemapIndex(locs: readonly string[]): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...locs.map((l) => `<sitemap><loc>${xmlEscape(l)}</loc></sitemap>`),
    '</sitemapindex>',
    '',
  ].join('\n');
}

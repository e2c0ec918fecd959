// An item's body → its public HTML. Staff write either a sanitised HTML subset (typed or pasted
// from Word, cleaned by body.sanitise.ts) or Markdown-lite, line-based because government texts
// are written one paragraph per line:
//   every non-empty line is a paragraph;  # / ## / ### headings;  "- " or "* " bullet lists;
//   "1. " numbered lists;  "> " quotations;  | a | b | table rows (a |---| line after the first
//   row makes it the header);  **bold**;  [text](https://…) links.
import { escapeHtml } from '../http/html.js';
import { looksLikeHtml, safeUrl, sanitiseHtml } from './body.sanitise.js';

const NEEDS_ESCAPE = /[&<>"']/;

function inline(text: string): string {
  let s = NEEDS_ESCAPE.test(text) ? escapeHtml(text) : text;
  if (s.includes('**')) s = s.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  if (s.includes(']('))
    s = s.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, label: string, href: string) => {
      // `href` is already escaped; safeUrl only checks its scheme.
      const url = safeUrl(href.replace(/&amp;/g, '&'), 'href');
      if (url === undefined) return label;
      const rel = /^https?:/i.test(url) ? ' rel="noopener noreferrer"' : '';
      return `<a href="${escapeHtml(url)}"${rel}>${label}</a>`;
    });
  return s;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

export function renderMarkdownLite(text: string): string {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = (lines[i] ?? '').trim();
    if (line === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,3})\s+(.+)$/.exec(line);
    if (heading?.[1] && heading[2] !== undefined) {
      const level = heading[1].length + 1;
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`);
      i++;
      continue;
    }
    const list = /^([-*]|\d{1,3}[.、])\s+/.exec(line);
    if (list?.[1]) {
      const ordered = /\d/.test(list[1]);
      const marker = ordered ? /^\d{1,3}[.、]\s+/ : /^[-*]\s+/;
      const items: string[] = [];
      while (i < lines.length && marker.test((lines[i] ?? '').trim())) {
        items.push(`<li>${inline((lines[i] ?? '').trim().replace(marker, ''))}</li>`);
        i++;
      }
      const tag = ordered ? 'ol' : 'ul';
      out.push(`<${tag}>${items.join('')}</${tag}>`);
      continue;
    }
    if (line.startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('|')) {
        rows.push((lines[i] ?? '').trim());
        i++;
      }
      const hasHeader = rows.length > 1 && TABLE_SEPARATOR.test(rows[1] ?? '');
      const body = hasHeader ? rows.slice(2) : rows;
      const head = hasHeader
        ? `<thead><tr>${cells(rows[0] ?? '')
            .map((c) => `<th scope="col">${inline(c)}</th>`)
            .join('')}</tr></thead>`
        : '';
      const bodyRows = body
        .map(
          (r) =>
            `<tr>${cells(r)
              .map((c) => `<td>${inline(c)}</td>`)
              .join('')}</tr>`,
        )
        .join('');
      out.push(`<table>${head}<tbody>${bodyRows}</tbody></table>`);
      continue;
    }
    if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim().startsWith('>')) {
        quoted.push(`<p>${inline((lines[i] ?? '').trim().replace(/^>\s?/, ''))}</p>`);
        i++;
      }
      out.push(`<blockquote>${quoted.join('')}</blockquote>`);
      continue;
    }
    out.push(`<p>${inline(line)}</p>`);
    i++;
  }
  return out.join('\n');
}

/** The sanitised public HTML of a body, whichever way it was written. */
export function renderBody(body: string): string {
  return looksLikeHtml(body) ? sanitiseHtml(body) : renderMarkdownLite(body);
}

/**
 * What is stored as the working copy when staff save a body: HTML is cleaned right away (so
 * pasted Word markup never lingers), Markdown-lite is kept as typed.
 */
export function cleanBodyForStorage(body: string): string {
  const trimmed = body.replace(/\r\n?/g, '\n').trim();
  return looksLikeHtml(trimmed) ? sanitiseHtml(trimmed) : trimmed;
}

/** Plain text of a body (for the personal-data scan and summaries). */
export function bodyText(body: string): string {
  if (!looksLikeHtml(body)) return body;
  return sanitiseHtml(body)
    .replace(/<(br|\/p|\/li|\/tr|\/h\d|\/td|\/th)[^>]*>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

// The public HTML of an item's body: an allow-list sanitiser for the HTML subset staff may use
// (paragraphs, headings, lists, tables, links, emphasis), which also cleans HTML pasted from Word.
//
// Safety comes from rebuilding, not from filtering: the input is split into text and tags, text is
// re-escaped, and only allow-listed tags with allow-listed, checked attributes are written back,
// balanced. Whatever a tokeniser disagreement might do, it can only yield escaped text.
// Dropped with their content: script, style, iframe, object, svg, math, template, head, xml …
// Unwrapped (tag dropped, text kept): span, font, div-like containers, Word's o:p/v:/w: tags and
// any unknown tag. Every attribute other than the few below is dropped (class, style, id, on*…).
import { escapeHtml } from '../http/html.js';

const ALLOWED_TAGS = new Set([
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'strong', 'em', 'u', 's', 'sub', 'sup',
  'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'a', 'hr', 'img',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
]); // prettier-ignore

/** Tags written as another allowed tag. */
const RENAMED: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's', h1: 'h2', div: 'p' };

/** Tags dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'frameset', 'object', 'applet', 'noscript',
  'template', 'svg', 'math', 'head', 'title', 'xml', 'textarea', 'select', 'noembed', 'noframes', 'xmp',
]); // prettier-ignore

const VOID_TAGS = new Set(['br', 'hr', 'img']);

const ALLOWED_ATTRS: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['scope', 'colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
  ol: ['start'],
};

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  mdash: '—', ndash: '–', hellip: '…', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', middot: '·',
  times: '×', divide: '÷', copy: '©', reg: '®', deg: '°', plusmn: '±', le: '≤', ge: '≥',
}; // prettier-ignore

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
        return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'start'; name: string; attrs: Map<string, string>; selfClosing: boolean }
  | { kind: 'end'; name: string };

const TAG_NAME = /^[a-zA-Z][a-zA-Z0-9:_-]*/;
const ATTR = /^\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/;

/** Splits HTML into text and tags; comments, doctypes, CDATA and <![if …]> markers vanish. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) tokens.push({ kind: 'text', text });
    text = '';
  };
  while (i < input.length) {
    const lt = input.indexOf('<', i);
    if (lt < 0) {
      text += input.slice(i);
      break;
    }
    text += input.slice(i, lt);
    i = lt;
    if (input.startsWith('<!--', i)) {
      const end = input.indexOf('-->', i + 4);
      i = end < 0 ? input.length : end + 3;
      continue;
    }
    if (input[i + 1] === '!' || input[i + 1] === '?') {
      // doctype, CDATA, Word's <![if !supportLists]> / <![endif]>, processing instructions
      const end = input.indexOf('>', i + 2);
      i = end < 0 ? input.length : end + 1;
      continue;
    }
    const closing = input[i + 1] === '/';
    const nameMatch = TAG_NAME.exec(input.slice(i + (closing ? 2 : 1)));
    if (!nameMatch) {
      text += '<';
      i++;
      continue;
    }
    flush();
    const name = nameMatch[0].toLowerCase();
    let j = i + (closing ? 2 : 1) + nameMatch[0].length;
    const attrs = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      const rest = input.slice(j, j + 4096);
      const ws = /^[\s/]*/.exec(rest)?.[0] ?? '';
      if (rest[ws.length] === '>' || j + ws.length >= input.length) {
        selfClosing = ws.includes('/');
        j += ws.length + 1;
        break;
      }
      const m = ATTR.exec(rest.slice(ws.length));
      if (!m || !m[1]) {
        j += ws.length + 1;
        continue;
      }
      const attrName = m[1].toLowerCase();
      if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
      j += ws.length + m[0].length;
    }
    i = Math.min(j, input.length);
    if (closing) {
      tokens.push({ kind: 'end', name });
      continue;
    }
    tokens.push({ kind: 'start', name, attrs, selfClosing });
    if (DROP_WITH_CONTENT.has(name) && !selfClosing) {
      // Skip to the matching end tag; the content never reaches the output.
      const close = input.toLowerCase().indexOf(`</${name}`, i);
      i = close < 0 ? input.length : close;
    }
  }
  flush();
  return tokens;
}

/** A URL allowed in href/src: http(s), mailto (links only), or a relative path / fragment. */
export function safeUrl(raw: string, kind: 'href' | 'src'): string | undefined {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const url = raw.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (url === '') return undefined;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (url.startsWith('//')) return undefined; // protocol-relative: another host
    return raw.trim();
  }
  if (scheme === 'http' || scheme === 'https') return raw.trim();
  if (scheme === 'mailto' && kind === 'href') return raw.trim();
  return undefined;
}

function cleanAttrs(tag: string, attrs: Map<string, string>): string {
  const out: string[] = [];
  for (const name of ALLOWED_ATTRS[tag] ?? []) {
    const value = attrs.get(name);
    if (value === undefined) continue;
    if (name === 'href' || name === 'src') {
      const url = safeUrl(value, name);
      if (url !== undefined) out.push(`${name}="${escapeHtml(url)}"`);
    } else if (name === 'scope') {
      if (['row', 'col', 'rowgroup', 'colgroup'].includes(value.toLowerCase()))
        out.push(`scope="${value.toLowerCase()}"`);
    } else if (['colspan', 'rowspan', 'start', 'width', 'height'].includes(name)) {
      if (/^\d{1,4}$/.test(value.trim())) out.push(`${name}="${value.trim()}"`);
    } else {
      out.push(`${name}="${escapeHtml(value)}"`);
    }
  }
  if (tag === 'a' && out.some((a) => /^href="https?:/i.test(a))) out.push('rel="noopener noreferrer"');
  return out.length ? ` ${out.join(' ')}` : '';
}

/** Parents a table part needs; a stray <td> outside a table is unwrapped. */
const NEEDS_PARENT: Record<string, readonly string[]> = {
  li: ['ul', 'ol'],
  tr: ['table', 'thead', 'tbody', 'tfoot'],
  td: ['tr'],
  th: ['tr'],
  thead: ['table'],
  tbody: ['table'],
  tfoot: ['table'],
  caption: ['table'],
};

/** Sanitises staff-written or pasted HTML into the allowed subset. */
export function sanitiseHtml(input: string): string {
  const out: string[] = [];
  const stack: string[] = [];
  for (const token of tokenize(input)) {
    if (token.kind === 'text') {
      out.push(escapeHtml(decodeEntities(token.text)));
      continue;
    }
    if (DROP_WITH_CONTENT.has(token.name)) continue;
    const tag = RENAMED[token.name] ?? token.name;
    if (!ALLOWED_TAGS.has(tag)) continue; // unwrap: span, font, o:p, unknown tags
    if (token.kind === 'start') {
      const parents = NEEDS_PARENT[tag];
      if (parents && !parents.includes(stack[stack.length - 1] ?? '')) continue;
      out.push(`<${tag}${cleanAttrs(tag, token.attrs)}>`);
      if (!VOID_TAGS.has(tag) && !token.selfClosing) stack.push(tag);
      else if (!VOID_TAGS.has(tag)) out.push(`</${tag}>`);
    } else {
      const at = stack.lastIndexOf(tag);
      if (at < 0) continue;
      while (stack.length > at) out.push(`</${stack.pop() ?? ''}>`);
    }
  }
  while (stack.length) out.push(`</${stack.pop() ?? ''}>`);
  return removeEmptyParagraphs(out.join(''));
}

function removeEmptyParagraphs(markup: string): string {
  return markup.replace(/<p>(?:\s|\u00a0|<br>)*<\/p>/g, '').trim();
}

/** Whether a body is written in HTML (pasted or typed) rather than Markdown-lite. */
export function looksLikeHtml(body: string): boolean {
  // Most bodies (imported plain text) have no '<' at all: no need to run the pattern over them.
  if (!body.includes('<')) return false;
  return /<\/?(p|div|table|br|h[1-6]|ul|ol|li|span|font|strong|b|em|a|o:p|html|body|tr|td)\b[^>]*>/i.test(
    body,
  );
}

// A small XML well-formedness checker for tests (feeds, sitemaps): balanced and properly nested
// elements, quoted attributes without raw '<' or '&', known or numeric entities only, one root.
// Returns the root element's name and every element's name in document order; throws on errors.

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

export interface XmlOutline {
  root: string;
  elements: string[];
  /** Text content of each element, concatenated, entities decoded (by element name, in order). */
  texts: { name: string; text: string }[];
}

function decodeEntity(name: string): string {
  switch (name) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return String.fromCodePoint(
        name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10),
      );
  }
}

export function checkXml(doc: string): XmlOutline {
  let i = 0;
  const stack: { name: string; text: string }[] = [];
  const elements: string[] = [];
  const texts: { name: string; text: string }[] = [];
  let root: string | undefined;
  let rootClosed = false;

  const fail = (msg: string): never => {
    throw new Error(`${msg} at offset ${i}: …${doc.slice(Math.max(0, i - 40), i + 40)}…`);
  };
  const readName = (): string => {
    const start = i;
    if (!NAME_START.test(doc[i] ?? '')) fail('expected a name');
    while (i < doc.length && NAME_CHAR.test(doc[i] ?? '')) i++;
    return doc.slice(start, i);
  };
  const skipSpace = () => {
    while (i < doc.length && ' \t\r\n'.includes(doc[i] ?? '')) i++;
  };
  const readEntity = (): string => {
    const end = doc.indexOf(';', i);
    if (end < 0 || end - i > 10) fail('unterminated entity');
    const name = doc.slice(i + 1, end);
    const numeric = name.startsWith('#x') ? /^#x[0-9A-Fa-f]+$/.test(name) : /^#[0-9]+$/.test(name);
    if (!PREDEFINED.has(name) && !numeric) fail(`unknown entity &${name};`);
    i = end + 1;
    return decodeEntity(name);
  };

  if (doc.startsWith('\uFEFF')) i = 1;
  if (doc.startsWith('<?xml', i)) {
    const end = doc.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  while (i < doc.length) {
    const c = doc[i];
    if (c === '<') {
      if (doc.startsWith('<!--', i)) {
        const end = doc.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (doc.startsWith('<![CDATA[', i)) {
        const end = doc.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        const top = stack.at(-1);
        if (top) top.text += doc.slice(i + 9, end);
        i = end + 3;
      } else if (doc[i + 1] === '/') {
        i += 2;
        const name = readName();
        skipSpace();
        if (doc[i] !== '>') fail('expected >');
        i++;
        const open = stack.pop();
        if (!open || open.name !== name) fail(`</${name}> does not close <${open?.name ?? ''}>`);
        if (open) texts.push({ name: open.name, text: open.text });
        if (stack.length === 0) rootClosed = true;
      } else {
        i++;
        if (rootClosed) fail('content after the root element');
        const name = readName();
        elements.push(name);
        root ??= name;
        const seen = new Set<string>();
        for (;;) {
          skipSpace();
          if (doc.startsWith('/>', i)) {
            i += 2;
            texts.push({ name, text: '' });
            if (stack.length === 0) rootClosed = true;
            break;
          }
          if (doc[i] === '>') {
            i++;
            stack.push({ name, text: '' });
            break;
          }
          const attr = readName();
          if (seen.has(attr)) fail(`duplicate attribute ${attr}`);
          seen.add(attr);
          skipSpace();
          if (doc[i] !== '=') fail('expected =');
          i++;
          skipSpace();
          const quote = doc[i];
          if (quote !== '"' && quote !== "'") fail('attribute value not quoted');
          i++;
          while (doc[i] !== quote) {
            if (i >= doc.length) fail('unterminated attribute');
            if (doc[i] === '<') fail('< in attribute value');
            if (doc[i] === '&') readEntity();
            else i++;
          }
          i++;
        }
      }
    } else if (c === '&') {
      const top = stack.at(-1);
      if (!top) fail('entity outside the root');
      const ch = readEntity();
      if (top) top.text += ch;
    } else {
      const top = stack.at(-1);
      if (!top && !' \t\r\n'.includes(c ?? '')) fail('text outside the root');
      if (c === '>' && doc.startsWith(']]>', i - 2)) fail(']]> in text');
      if (top) top.text += c;
      i++;
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack.at(-1)?.name ?? ''}>`);
  if (!root) fail('no root element');
  return { root: root ?? '', elements, texts };
}

// Text from attachments, best effort, for search and the personal-data scan: DOCX (word/document.xml),
// XLSX (shared strings), OFD (page content XML) and PDF (literal and hex strings shown by Tj/TJ in
// uncompressed or Flate-compressed content streams; fonts without a Unicode mapping are skipped).
import { inflateSync } from 'node:zlib';
import { decodeEntities } from './body.sanitise.js';
import type { AttachmentKind } from './attachments.types.js';
import { readZipEntry, zipEntries } from './attachments.zip.js';

const MAX_TEXT = 2_000_000;

function xmlText(xml: string, paragraphEnd: RegExp): string {
  return decodeEntities(xml.replace(paragraphEnd, '\n').replace(/<[^>]*>/g, ''))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function zipText(buf: Buffer, pick: (name: string) => boolean, paragraphEnd: RegExp): string {
  const parts: string[] = [];
  for (const entry of zipEntries(buf) ?? []) {
    if (!pick(entry.name)) continue;
    const data = readZipEntry(buf, entry);
    if (data) parts.push(xmlText(data.toString('utf8'), paragraphEnd));
  }
  return parts.join('\n');
}

function pdfString(raw: string): string {
  // A literal string's escapes; UTF-16BE when it starts with a byte-order mark.
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c !== '\\') {
      bytes.push(raw.charCodeAt(i) & 0xff);
      continue;
    }
    const next = raw[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(raw.slice(i, i + 3));
    if (octal) {
      bytes.push(parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (next === 'n') bytes.push(10);
    else if (next === 'r') bytes.push(13);
    else if (next === 't') bytes.push(9);
    else if (next === '\n' || next === '\r') continue;
    else bytes.push(next.charCodeAt(0) & 0xff);
  }
  return decodePdfBytes(Buffer.from(bytes));
}

function decodePdfBytes(b: Buffer): string {
  if (b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = b.toString('latin1');
  // Bytes of a CID font (no Unicode mapping here): not text we can read.
  return /[\x00-\x08\x0e-\x1f]/.test(text) ? '' : text;
}

function contentText(content: string): string {
  const out: string[] = [];
  const ops =
    /\[((?:\\.|[^\]])*)\]\s*TJ|\(((?:\\.|[^\\)])*)\)\s*(?:Tj|'|")|<([0-9A-Fa-f\s]+)>\s*Tj|(T\*|ET|Td|TD)/g;
  for (const m of content.matchAll(ops)) {
    if (m[1] !== undefined) {
      for (const s of m[1].matchAll(/\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]+)>/g))
        out.push(
          s[1] !== undefined
            ? pdfString(s[1])
            : decodePdfBytes(Buffer.from((s[2] ?? '').replace(/\s/g, ''), 'hex')),
        );
    } else if (m[2] !== undefined) out.push(pdfString(m[2]));
    else if (m[3] !== undefined) out.push(decodePdfBytes(Buffer.from(m[3].replace(/\s/g, ''), 'hex')));
    else out.push('\n');
  }
  return out
    .join('')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function extractPdfText(buf: Buffer): string {
  const pdf = buf.toString('latin1');
  const parts: string[] = [];
  const streams = /<<((?:(?!>>\s*stream)[\s\S]){0,2000})>>\s*stream\r?\n/g;
  for (const m of pdf.matchAll(streams)) {
    const start = m.index + m[0].length;
    const end = pdf.indexOf('endstream', start);
    if (end < 0) break;
    const dict = m[1] ?? '';
    if (/\/Subtype\s*\/Image|\/Type\s*\/XObject/.test(dict)) continue;
    let data: Buffer = buf.subarray(start, end);
    if (/\/FlateDecode/.test(dict)) {
      try {
        data = inflateSync(data, { maxOutputLength: 64 * 1024 * 1024 });
      } catch {
        continue;
      }
    } else if (/\/Filter/.test(dict)) continue;
    const text = contentText(data.toString('latin1'));
    if (text) parts.push(text);
    if (parts.join('').length > MAX_TEXT) break;
  }
  return parts.join('\n');
}

/** The text of an attachment, or '' when its kind has none we can read. */
export function extractText(kind: AttachmentKind, buf: Buffer): string {
  let text = '';
  try {
    switch (kind) {
      case 'pdf':
        text = extractPdfText(buf);
        break;
      case 'docx':
        text = zipText(buf, (n) => n === 'word/document.xml', /<\/w:p>|<w:br\/>|<w:tab\/>/g);
        break;
      case 'xlsx':
        text = zipText(buf, (n) => n === 'xl/sharedStrings.xml', /<\/si>/g);
        break;
      case 'ofd':
        text = zipText(buf, (n) => /Content\.xml$/.test(n), /<\/ofd:TextObject>/g);
        break;
      case 'doc':
      case 'xls':
      case 'wps':
      case 'png':
      case 'jpeg':
      case 'gif':
      case 'zip':
        text = '';
        break;
      default: {
        const never: never = kind;
        return never;
      }
    }
  } catch {
    return '';
  }
  return text.slice(0, MAX_TEXT);
}

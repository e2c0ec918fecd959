// What a file is, from its first bytes and structure (never from its name): PDF, OFD (a ZIP with
// OFD.xml), DOCX/XLSX (a ZIP with [Content_Types].xml and word/ or xl/), DOC/XLS/WPS (OLE
// compound files, told apart by their WordDocument / Workbook streams), PNG, JPEG, GIF and ZIP.
import type { AttachmentKind } from './attachments.types.js';
import { zipEntries } from './attachments.zip.js';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function utf16(name: string): Buffer {
  return Buffer.from(name, 'utf16le');
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m?.[1]?.toLowerCase() ?? '';
}

export function detectKind(buf: Buffer, fileName = ''): AttachmentKind | undefined {
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.subarray(0, 8).equals(PNG_MAGIC)) return 'png';
  if (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  const six = buf.subarray(0, 6).toString('latin1');
  if (six === 'GIF87a' || six === 'GIF89a') return 'gif';
  if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
    if (buf.includes(utf16('WordDocument'))) return extensionOf(fileName) === 'wps' ? 'wps' : 'doc';
    if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book'))) return 'xls';
    // Older Kingsoft WPS files are compound files without a WordDocument stream.
    return extensionOf(fileName) === 'wps' ? 'wps' : undefined;
  }
  if (buf.readUInt32LE(0) === 0x04034b50 || buf.readUInt32LE(0) === 0x06054b50) {
    const names = (zipEntries(buf) ?? []).map((e) => e.name);
    if (names.includes('OFD.xml')) return 'ofd';
    if (names.includes('[Content_Types].xml')) {
      if (names.some((n) => n.startsWith('word/'))) return 'docx';
      if (names.some((n) => n.startsWith('xl/'))) return 'xlsx';
    }
    return names.length > 0 || buf.length === 22 ? 'zip' : undefined;
  }
  return undefined;
}

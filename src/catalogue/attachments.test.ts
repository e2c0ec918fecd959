import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  buildTestApp,
  csrfFromHtml,
  makeDepartment,
  makeUser,
  type TestApp,
} from '../../test/helpers/app.js';
import { makeApprovedItem, makeDraftItem, makePublishedItem, staffOf } from '../../test/helpers/catalogue.js';
import { startRevision } from './items.publish.js';
import { detectKind } from './attachments.detect.js';
import { extractPdfText, extractText } from './attachments.extract.js';
import { contentDisposition } from './attachments.service.js';

/** A ZIP archive of the given entries (deflated), enough for DOCX/XLSX/OFD fixtures. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = deflateRawSync(Buffer.from(text));
    const nameBuf = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(Buffer.byteLength(text), 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

function pdf(content: string, flate: boolean): Buffer {
  const data = flate ? deflateSync(Buffer.from(content, 'latin1')) : Buffer.from(content, 'latin1');
  return Buffer.concat([
    Buffer.from(
      `%PDF-1.4\n1 0 obj\n<< /Length ${data.length}${flate ? ' /Filter /FlateDecode' : ''} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
}

const DOCX = zip({
  '[Content_Types].xml': '<Types/>',
  'word/document.xml':
    '<w:document><w:body><w:p><w:r><w:t>第一段，电话13912345678</w:t></w:r></w:p><w:p><w:r><w:t>第二段&amp;</w:t></w:r></w:p></w:body></w:document>',
});
const CFB = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]);

describe('attachment types and text', () => {
  it('detects types from the content, not the name', () => {
    expect(detectKind(pdf('BT (x) Tj ET', false), 'a.doc')).toBe('pdf');
    expect(detectKind(DOCX, 'x.bin')).toBe('docx');
    expect(detectKind(zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<w/>' }))).toBe('xlsx');
    expect(detectKind(zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<d/>' }))).toBe('ofd');
    expect(detectKind(zip({ 'a.txt': 'hello' }))).toBe('zip');
    expect(detectKind(Buffer.concat([CFB, Buffer.from('WordDocument', 'utf16le')]), 'a.doc')).toBe('doc');
    expect(detectKind(Buffer.concat([CFB, Buffer.from('WordDocument', 'utf16le')]), 'a.wps')).toBe('wps');
    expect(detectKind(Buffer.concat([CFB, Buffer.from('Workbook', 'utf16le')]), 'a.xls')).toBe('xls');
    expect(detectKind(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
    expect(detectKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpeg');
    expect(detectKind(Buffer.from('GIF89a......'))).toBe('gif');
    expect(detectKind(Buffer.from('<html><script>alert(1)</script></html>'), 'a.pdf')).toBeUndefined();
    expect(detectKind(Buffer.from('MZ\x90\x00 executable'), 'a.zip')).toBeUndefined();
  });

  it('extracts text from DOCX and from plain and Flate-compressed PDF streams', () => {
    expect(extractText('docx', DOCX)).toBe('第一段，电话13912345678\n第二段&');
    expect(extractPdfText(pdf('BT /F1 12 Tf (Hello 2024) Tj T* [(Wor) -20 (ld)] TJ ET', false))).toBe(
      'Hello 2024\nWorld',
    );
    expect(extractPdfText(pdf('BT (Compressed 13912345678) Tj ET', true))).toBe('Compressed 13912345678');
    expect(extractPdfText(pdf('BT <FEFF9EC45188> Tj ET', false))).toBe('黄冈');
  });

  it('names downloads with the original Chinese file name (RFC 5987)', () => {
    expect(contentDisposition('2024年预算（草案）.pdf')).toBe(
      `attachment; filename="2024_______.pdf"; filename*=UTF-8''2024%E5%B9%B4%E9%A2%84%E7%AE%97%EF%BC%88%E8%8D%89%E6%A1%88%EF%BC%89.pdf`,
    );
    expect(contentDisposition("a'b(c).pdf")).toContain("filename*=UTF-8''a%27b%28c%29.pdf");
  });
});

describe('attachments in the console and for the public', () => {
  let t: TestApp;
  let dept: number;
  let b: Browser;
  beforeAll(async () => {
    t = await buildTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-att-')), ATTACHMENT_MAX_MB: '1' });
    dept = await makeDepartment(t);
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  async function upload(itemId: number, fileName: string, data: Buffer) {
    const page = await b.get(`/console/items/${itemId}`);
    const csrf = csrfFromHtml(page.body);
    const boundary = '----gk' + Math.random().toString(16).slice(2);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      data,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({
      method: 'POST',
      url: `/console/items/${itemId}/attachments`,
      headers: {
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
  }

  const attachmentsOf = (itemId: number) =>
    t.db.kysely.selectFrom('attachments').selectAll().where('item_id', '=', itemId).orderBy('id').execute();

  it('uploads a file, keeps its Chinese name, and serves it to staff but not to the public while a draft', async () => {
    const item = await makeDraftItem(t, { departmentId: dept, title: '带附件的通知' });
    const res = await upload(item.itemId, '附件1：名单.docx', DOCX);
    expect(res.statusCode).toBe(303);
    const [a] = await attachmentsOf(item.itemId);
    expect(a?.file_name).toBe('附件1：名单.docx');
    expect(a?.extracted_text).toContain('第一段');
    const staff = await b.get(`/console/items/${item.itemId}/attachments/${a!.id}`);
    expect(staff.statusCode).toBe(200);
    expect(staff.rawPayload.equals(DOCX)).toBe(true);
    expect(staff.headers['content-disposition']).toContain("filename*=UTF-8''%E9%99%84%E4%BB%B61");
    const pub = await t.app.inject(`/attachments/${a!.id}/${encodeURIComponent('附件1：名单.docx')}`);
    expect(pub.statusCode).toBe(404);
  });

  it('rejects content whose type does not match its name, unknown types and files over the limit; nothing saved', async () => {
    const item = await makeDraftItem(t, { departmentId: dept, title: '附件校验的通知' });
    const mismatch = await upload(item.itemId, '报告.pdf', DOCX);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('与扩展名 .pdf 不符');
    const unknown = await upload(item.itemId, 'x.pdf', Buffer.from('<script>alert(1)</script>'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('不支持的文件类型');
    const big = await upload(
      item.itemId,
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 + 10)]),
    );
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('附件不能超过 1.0 MB');
    expect(await attachmentsOf(item.itemId)).toEqual([]);
  });

  it('serves the public download once the item is published, and scans attachments for personal data', async () => {
    const item = await makeApprovedItem(t, { departmentId: dept, title: '附件中有手机号的通知' });
    // Approved items may still get attachments (the publisher's last step before publishing).
    expect((await upload(item.itemId, '名单.pdf', pdf('BT (13912345678) Tj ET', true))).statusCode).toBe(303);
    const [a] = await attachmentsOf(item.itemId);
    const blocked = await b.post(
      `/console/items/${item.itemId}/publish`,
      { mode: 'now' },
      { csrfFrom: `/console/items/${item.itemId}` },
    );
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('附件“名单.pdf”中的手机号码 139****5678');
    const ok = await b.post(
      `/console/items/${item.itemId}/publish`,
      { mode: 'now', piiConfirmReason: '联系人电话，确需公开' },
      { csrfFrom: `/console/items/${item.itemId}` },
    );
    expect(ok.statusCode).toBe(303);
    const pub = await t.app.inject(`/attachments/${a!.id}/${encodeURIComponent('名单.pdf')}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('application/pdf');
    expect(pub.headers['content-disposition']).toBe(
      `attachment; filename="__.pdf"; filename*=UTF-8''%E5%90%8D%E5%8D%95.pdf`,
    );
  });

  it('refuses attachment changes on an item the public already sees (attachments are not versioned)', async () => {
    const item = await makePublishedItem(t, {
      departmentId: dept,
      title: '已发布后修订的通知',
      body: '正文',
    });
    expect((await startRevision(t.db.kysely, await staffOf(t, dept, 'publisher'), item.itemId)).ok).toBe(
      true,
    );
    const res = await upload(item.itemId, '新附件.docx', DOCX);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('已发布信息的附件不能在修订中增删');
    expect(await attachmentsOf(item.itemId)).toEqual([]);
  });

  it('hides attachments of another department from staff', async () => {
    const other = await makeDraftItem(t, { title: '其他机构带附件' });
    const otherDeptPublisher = other.author;
    expect(otherDeptPublisher.departmentId).not.toBe(dept);
    const res = await b.get(`/console/items/${other.itemId}/attachments/1`);
    expect(res.statusCode).toBe(404);
  });
});

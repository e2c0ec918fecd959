// Files released with a reply: attached while the reply is prepared (type checked from the
// content), hidden from the applicant until the reply is sent, then downloadable with the 查询码.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  buildTestApp,
  csrfFromHtml,
  makeDepartment,
  makeUser,
  type TestApp,
} from '../../test/helpers/app.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../shared/clock.js';
import { hashCode } from './requests.service.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe('files released with a reply', () => {
  let t: TestApp;
  let officer: Browser;
  let other: Browser;
  let id = 0;
  let number = '';
  let code = '';

  async function upload(b: Browser, requestId: number, fileName: string, data: Buffer) {
    const page = await b.get(`/console/requests/${requestId}`);
    const csrf = csrfFromHtml(page.body);
    const boundary = `----gk${Math.random().toString(16).slice(2)}`;
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
      url: `/console/requests/${requestId}/files`,
      headers: {
        cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
  }

  beforeAll(async () => {
    t = await buildTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'gk-ysq-')), ATTACHMENT_MAX_MB: '1' });
    await loadBundledCalendar(t.db.kysely);
    const dept = await makeDepartment(t);
    const o = await makeUser(t, { roles: ['request_officer'], departmentId: dept });
    const x = await makeUser(t, { roles: ['request_officer'] });
    officer = new Browser(t.app);
    other = new Browser(t.app);
    await officer.login(o.username, o.password);
    await other.login(x.username, x.password);
    const reg = await officer.post(
      '/console/requests',
      {
        channel: 'in_person',
        receivedDate: shanghaiDate(),
        applicantCategory: 'natural',
        name: '周九',
        idType: 'other',
        idNumber: 'A1',
        phone: '13912345678',
        infoTitle: '某某项目环评批复',
        formWanted: 'electronic',
        deliveryWanted: 'online',
      },
      { csrfFrom: '/console/requests/new' },
    );
    id = Number(/(\d+)$/.exec(reg.headers.location ?? '')?.[1]);
    const row = await t.db.kysely
      .selectFrom('requests')
      .select('number')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    number = row.number;
  });
  afterAll(async () => t.close());

  it('refuses a file before the decision (409)', async () => {
    expect((await upload(officer, id, '批复.pdf', PDF)).statusCode).toBe(409);
  });

  it('attaches a PDF after the decision, refuses an unknown type, hides it from another department', async () => {
    await officer.post(
      `/console/requests/${id}/actions/decide`,
      { outcome: 'disclosed' },
      { csrfFrom: `/console/requests/${id}` },
    );
    const bad = await upload(officer, id, '说明.txt', Buffer.from('just text'));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不支持的文件类型');
    const ok = await upload(officer, id, '环评批复.pdf', PDF);
    expect(ok.statusCode).toBe(303);
    const page = await officer.get(`/console/requests/${id}`);
    expect(page.body).toContain('环评批复.pdf');
    const fileId = Number(/\/files\/(\d+)"/.exec(page.body)?.[1]);
    const dl = await officer.get(`/console/requests/${id}/files/${fileId}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect((await other.get(`/console/requests/${id}/files/${fileId}`)).statusCode).toBe(404);
  });

  it('shows the files to the applicant only once the reply is sent', async () => {
    // The 查询码 of a registered request is handed to the applicant in person; here, a known one.
    code = 'TEST-CODE-TEST-CODE';
    await t.db.kysely
      .updateTable('requests')
      .set({ tracking_hash: hashCode(code) })
      .where('id', '=', id)
      .execute();
    const q = `number=${number}&code=${code}`;
    const before = await t.app.inject({ method: 'GET', url: `/ysq/track?${q}` });
    expect(before.body).not.toContain('环评批复.pdf');
    const files = await t.db.kysely
      .selectFrom('request_files')
      .select('id')
      .where('request_id', '=', id)
      .execute();
    const fileId = files[0]?.id ?? 0;
    expect((await t.app.inject({ method: 'GET', url: `/ysq/track/files/${fileId}?${q}` })).statusCode).toBe(
      404,
    );
    await officer.post(
      `/console/requests/${id}/actions/send_reply`,
      { method: 'online' },
      { csrfFrom: `/console/requests/${id}` },
    );
    const after = await t.app.inject({ method: 'GET', url: `/ysq/track?${q}` });
    expect(after.body).toContain('环评批复.pdf');
    const dl = await t.app.inject({ method: 'GET', url: `/ysq/track/files/${fileId}?${q}` });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    const wrong = await t.app.inject({
      method: 'GET',
      url: `/ysq/track/files/${fileId}?number=${number}&code=WRONG`,
    });
    expect(wrong.statusCode).toBe(404);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'request_file_attached')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

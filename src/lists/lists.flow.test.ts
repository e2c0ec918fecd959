// Integration: import (GBK CSV, bad rows, valid rows only), versions and diff, public pages,
// filters and exports, the API, feedback with its due date and a published answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkdays } from '../calendar/calendar.service.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { encodeGbk } from './lists.gbk.test-helper.js';
import { readTable } from './lists.tabular.js';
import { uploadFile } from './lists.test-upload.js';

const HEAD = '职权编码,职权名称,职权类型,实施主体,实施依据';
const GOOD1 = 'XK-001,建筑工程施工许可,行政许可,市住房和城乡建设局,《中华人民共和国建筑法》第七条';
const GOOD2 = 'CF-001,对违法建设的处罚,行政处罚,市住房和城乡建设局,《城乡规划法》第六十四条';
const BAD = 'QR-001,房屋登记确认,行政审批,市住房和城乡建设局,';

async function countEntries(t: TestApp): Promise<number> {
  const row = await t.db.kysely
    .selectFrom('list_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('清单: import, versions, public pages, feedback', () => {
  let t: TestApp;
  let b: Browser;
  let listId = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '市住房和城乡建设局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  it('refuses a GBK CSV with a bad row: nothing saved, every problem reported', async () => {
    const data = encodeGbk([HEAD, GOOD1, BAD, GOOD2].join('\r\n'));
    const res = await uploadFile(
      b,
      '/console/lists/qzqd/import',
      '/console/lists/qzqd',
      { name: '权责清单.csv', data },
      { mode: 'merge', reason: '首次公布' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('有 1 行数据有误，未导入任何数据');
    expect(res.body).toMatch(/<td>3<\/td>\s*<td>职权类型<\/td>\s*<td>职权类型只能是：行政许可、/);
    expect(res.body).toMatch(/<td>3<\/td>\s*<td>实施依据<\/td>\s*<td>请填写实施依据<\/td>/);
    expect(await countEntries(t)).toBe(0);
    expect(await t.db.kysely.selectFrom('list_versions').selectAll().execute()).toHaveLength(0);
  });

  it('imports only the valid rows when the user chooses so', async () => {
    const data = encodeGbk([HEAD, GOOD1, BAD, GOOD2].join('\r\n'));
    const res = await uploadFile(
      b,
      '/console/lists/qzqd/import',
      '/console/lists/qzqd',
      { name: 'a.csv', data },
      { mode: 'merge', validOnly: '1', reason: '首次公布' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('已导入 2 行（GBK/GB18030），生成第 1 版');
    const keys = (
      await t.db.kysely.selectFrom('list_entries').select('entry_key').orderBy('entry_key').execute()
    ).map((r) => r.entry_key);
    expect(keys).toEqual(['CF-001', 'XK-001']);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'list.version')
      .execute();
    expect(audit).toHaveLength(1);
    const list = await t.db.kysely.selectFrom('lists').select('id').executeTakeFirstOrThrow();
    listId = list.id;
  });

  it('the fixed row imports as a new version; the diff shows added and changed entries', async () => {
    const fixed = 'QR-001,房屋登记确认,行政确认,市住房和城乡建设局,《不动产登记暂行条例》';
    const changed = GOOD1.replace('第七条', '第七条、第八条');
    const data = Buffer.from(`\uFEFF${[HEAD, changed, fixed].join('\n')}`, 'utf8');
    const res = await uploadFile(
      b,
      '/console/lists/qzqd/import',
      '/console/lists/qzqd',
      { name: 'b.csv', data },
      { mode: 'replace', reason: '根据新条例调整' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('生成第 2 版');
    const diff = await t.app.inject(`/api/v1/lists/${listId}/diff?from=1&to=2`);
    expect(diff.statusCode).toBe(200);
    const d = diff.json() as {
      added: { key: string }[];
      changed: { key: string; fields: string[] }[];
      removed: { key: string }[];
    };
    expect(d.added.map((e) => e.key)).toEqual(['QR-001']);
    expect(d.changed.map((e) => [e.key, e.fields])).toEqual([['XK-001', ['basis']]]);
    expect(d.removed.map((e) => e.key)).toEqual(['CF-001']);
    const page = await t.app.inject(`/lists/${listId}/diff?from=1&to=2`);
    expect(page.body).toContain('新增（1）');
    expect(page.body).toContain('删除（1）');
    const versions = await t.app.inject(`/lists/${listId}/versions`);
    expect(versions.body).toContain('根据新条例调整');
    expect(versions.body).toContain('第 2 版');
  });

  it('public list: column, enum filter, search, entry page, exports of current and past versions', async () => {
    const column = await t.app.inject('/lists');
    expect(column.body).toContain('市住房和城乡建设局');
    const filtered = await t.app.inject(`/lists/${listId}?f_power_type=${encodeURIComponent('行政确认')}`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('找到 1 项');
    expect(filtered.body).toContain('房屋登记确认');
    expect(filtered.body).not.toContain('建筑工程施工许可');
    const searched = await t.app.inject(`/lists/${listId}?q=${encodeURIComponent('施工')}`);
    expect(searched.body).toContain('找到 1 项');
    const entryId = /\/lists\/\d+\/entries\/(\d+)/.exec(searched.body)?.[1];
    const entry = await t.app.inject(`/lists/${listId}/entries/${entryId}`);
    expect(entry.body).toContain('《中华人民共和国建筑法》第七条、第八条');
    const csv = await t.app.inject(`/lists/${listId}/export.csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const table = readTable(csv.rawPayload);
    expect(table.ok && table.table.rows.map((r) => r.cells[0])).toEqual(['XK-001', 'QR-001']);
    const old = readTable((await t.app.inject(`/lists/${listId}/export.xlsx?version=1`)).rawPayload);
    expect(old.ok && old.table.rows.map((r) => r.cells[0]).sort()).toEqual(['CF-001', 'XK-001']);
    const json = (await t.app.inject(`/lists/${listId}/export.json?version=1`)).json() as {
      version: number;
      entries: unknown[];
    };
    expect(json.version).toBe(1);
    expect(json.entries).toHaveLength(2);
    const api = (
      await t.app.inject(`/api/v1/lists/${listId}?filter=power_type:${encodeURIComponent('行政许可')}`)
    ).json() as { total: number };
    expect(api.total).toBe(1);
  });

  it('an entry edited in the console makes a new version with its reason; a bad value re-renders', async () => {
    const entry = await t.db.kysely
      .selectFrom('list_entries')
      .select('id')
      .where('entry_key', '=', 'QR-001')
      .executeTakeFirstOrThrow();
    const url = `/console/lists/qzqd/entries/${entry.id}`;
    const form = {
      v_code: 'QR-001',
      v_name: '房屋登记确认',
      v_power_type: '行政确认',
      v_subject: '市住房和城乡建设局',
      v_basis: '《不动产登记暂行条例》',
      v_sub_item: '',
      v_office: '',
      v_duties: '',
      v_accountability: '',
      v_phone: '',
      v_remark: '',
    };
    const bad = await b.post(url, { ...form, v_power_type: '行政审批', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请说明本次修改的原因');
    expect(bad.body).toContain('value="房屋登记确认"');
    const good = await b.post(url, { ...form, v_phone: '0713-1234567', reason: '补充监督电话' });
    expect(good.statusCode).toBe(303);
    const versions = (await t.app.inject(`/api/v1/lists/${listId}/versions`)).json() as {
      version: number;
      reason: string;
      changed: number;
    }[];
    expect(versions[0]).toMatchObject({ version: 3, reason: '补充监督电话', changed: 1 });
  });

  it('feedback reaches the console with a due date of 10 working days, is answered and published', async () => {
    const entry = await t.db.kysely
      .selectFrom('list_entries')
      .select('id')
      .where('entry_key', '=', 'XK-001')
      .executeTakeFirstOrThrow();
    const visitor = new Browser(t.app);
    const empty = await visitor.post(
      `/lists/${listId}/feedback`,
      { entry: 'XK-001', contact: '', message: '' },
      { csrfFrom: `/lists/${listId}/entries/${entry.id}` },
    );
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写联系方式');
    const res = await visitor.post(
      `/lists/${listId}/feedback`,
      { entry: 'XK-001', name: '', contact: '13800000000', message: '施工许可的办理时限是否可以缩短？' },
      { csrfFrom: `/lists/${listId}/entries/${entry.id}` },
    );
    expect(res.statusCode).toBe(200);
    const due = (await addWorkdays(t.db.kysely, shanghaiDate(), 10)).date;
    expect(res.body).toContain(due);
    const bot = await visitor.post(
      `/lists/${listId}/feedback`,
      { contact: 'x', message: '广告广告广告', website: 'http://spam' },
      { csrfFrom: `/lists/${listId}` },
    );
    expect(bot.statusCode).toBe(200);
    const rows = await t.db.kysely.selectFrom('list_feedback').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ due_date: due, entry_key: 'XK-001', status: 'open' });
    const consolePage = await b.get('/console/lists/feedback');
    expect(consolePage.body).toContain('施工许可的办理时限是否可以缩短');
    expect(consolePage.body).toContain(due);
    const answered = await b.post(
      `/console/lists/feedback/${rows[0]?.id}/answer`,
      { answer: '已压缩至 5 个工作日。', publish: '1' },
      { csrfFrom: '/console/lists/feedback' },
    );
    expect(answered.statusCode).toBe(303);
    const pub = await t.app.inject(`/lists/${listId}/entries/${entry.id}`);
    expect(pub.body).toContain('已压缩至 5 个工作日。');
    expect(pub.body).not.toContain('13800000000');
  });

  it('another department cannot answer it; the public cannot see an unpublished list', async () => {
    const other = await makeUser(t, { roles: ['publisher'] });
    const ob = new Browser(t.app);
    await ob.login(other.username, other.password);
    const row = await t.db.kysely.selectFrom('list_feedback').select('id').executeTakeFirstOrThrow();
    const res = await ob.post(
      `/console/lists/feedback/${row.id}/answer`,
      { answer: '越权答复' },
      { csrfFrom: '/console/lists/feedback' },
    );
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject('/lists/9999')).statusCode).toBe(404);
  });

  it('an admin adds a list type without code and a department fills it', async () => {
    const admin = await makeUser(t, { roles: ['admin'] });
    const ab = new Browser(t.app);
    await ab.login(admin.username, admin.password);
    const bad = await ab.post('/console/list-types', {
      slug: 'fees',
      name: '停车收费清单',
      definition: 'lot|停车场|表格|是',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第 1 行：类型应为');
    const ok = await ab.post('/console/list-types', {
      slug: 'parking',
      name: '停车收费清单',
      definition: 'lot|停车场|文本|是\nprice|收费标准|金额|是\nnature|定价方式|枚举|是|政府定价、市场调节价',
    });
    expect(ok.statusCode).toBe(303);
    const saved = await b.post('/console/lists/parking/new', {
      v_lot: '人民广场停车场',
      v_price: '5',
      v_nature: '政府定价',
      reason: '新增',
    });
    expect(saved.statusCode).toBe(303);
    expect((await t.app.inject('/lists')).body).toContain('停车收费清单');
  });
});

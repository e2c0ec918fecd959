import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { creditCodeCheckChar } from './credit-code.js';

/** A valid code from 17 characters; `wrong` gives one with a wrong check character. */
function code(first17: string, wrong = false): string {
  const check = creditCodeCheckChar(first17) ?? '0';
  return first17 + (wrong ? (check === 'A' ? 'B' : 'A') : check);
}

function form(over: Record<string, string> = {}): Record<string, string> {
  return {
    fullName: '黄冈市数据局',
    shortName: '市数据局',
    kind: 'city_department',
    creditCode: code('11421100MB1234567'),
    parentId: '',
    address: '黄冈市黄州区示范大道 99 号',
    officeHours: '周一至周五',
    phone: '0713-8669999',
    email: '',
    guideText: '一、主动公开\n\n本局主动公开数据资源目录。',
    functionsText: '负责全市数据资源管理。',
    sortOrder: '5',
    ...over,
  };
}

function summaryOf(body: string): string {
  return /data-testid="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';
}

describe('department console', () => {
  let t: TestApp;
  let admin: Browser;
  const counts = async () => {
    const k = t.db.kysely;
    const d = await k
      .selectFrom('departments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const a = await k
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { departments: Number(d.n), audit: Number(a.n) };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const u = await makeUser(t, { roles: ['admin'] });
    admin = new Browser(t.app);
    expect((await admin.login(u.username, u.password)).statusCode).toBe(303);
  });
  afterAll(async () => t.close());

  it('creates a department from the form; it then appears on the public directory', async () => {
    const page = await admin.get('/console/departments/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<label for="f-creditCode"');
    const res = await admin.post('/console/departments', form(), { csrfFrom: '/console/departments/new' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/departments?notice=created');
    const list = await admin.get('/console/departments?notice=created');
    expect(list.body).toContain('机构已新增。');
    expect(list.body).toContain('黄冈市数据局');
    const dir = await t.app.inject('/departments');
    expect(dir.body).toContain('黄冈市数据局');
  });

  it.each([
    [
      'a wrong check character',
      { creditCode: code('11421100MB7654321', true) },
      'creditCode',
      '统一社会信用代码校验位不正确，请核对最后一位',
    ],
    [
      'an empty name',
      { fullName: '  ', creditCode: code('11421100MB7654321') },
      'fullName',
      '请填写机构全称',
    ],
    ['a duplicate name', { creditCode: code('11421100MB7654321') }, 'fullName', '已有同名机构'],
    [
      'a duplicate credit code',
      { fullName: '黄冈市另一个局' },
      'creditCode',
      '该统一社会信用代码已被“黄冈市数据局”使用',
    ],
    [
      'no kind',
      { fullName: '黄冈市无类型局', kind: '', creditCode: code('11421100MB7654321') },
      'kind',
      '请选择机构类型',
    ],
    [
      'a non-numeric sort order',
      { fullName: '黄冈市排序局', sortOrder: 'abc', creditCode: code('11421100MB7654321') },
      'sortOrder',
      '排序号应为 0–99999 的整数',
    ],
  ])(
    'rejects %s with a 400, the message in the summary, the typed values kept and nothing saved',
    async (_what, over, field, message) => {
      const before = await counts();
      const typed = form({ address: '我输入的地址', ...over });
      const res = await admin.post('/console/departments', typed, { csrfFrom: '/console/departments/new' });
      expect(res.statusCode).toBe(400);
      expect(summaryOf(res.body)).toContain(`href="#f-${field}"`);
      expect(summaryOf(res.body)).toContain(message);
      expect(res.body).toContain(`id="f-${field}-error"`);
      expect(res.body).toContain('value="我输入的地址"');
      expect(res.body).toContain(`value="${typed.creditCode}"`);
      expect(res.body).toContain('本局主动公开数据资源目录。');
      expect(await counts()).toEqual(before);
    },
  );

  it('edits a department and records the change with before and after in the audit log', async () => {
    const id = await makeDepartment(t, '黄冈市编辑前局');
    const edit = await admin.get(`/console/departments/${id}/edit`);
    expect(edit.body).toContain('value="黄冈市编辑前局"');
    const res = await admin.post(
      `/console/departments/${id}`,
      form({ fullName: '黄冈市编辑后局', creditCode: demoCreditCode(4242), phone: '0713-8660000' }),
      { csrfFrom: `/console/departments/${id}/edit` },
    );
    expect(res.statusCode).toBe(303);
    const entry = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'department')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'department_updated')
      .executeTakeFirstOrThrow();
    const summary = JSON.parse(entry.summary);
    expect(summary.fullName).toEqual({ before: '黄冈市编辑前局', after: '黄冈市编辑后局' });
    expect(summary.phone).toEqual({ before: '', after: '0713-8660000' });
    expect(entry.actor_name).toContain('（user');
    const page = await t.app.inject(`/departments/${id}`);
    expect(page.body).toContain('<h1>黄冈市编辑后局</h1>');
  });

  it('rejects an edit that would make a department its own ancestor, saving nothing', async () => {
    const top = await makeDepartment(t, '黄冈市上级局');
    const sub = await makeDepartment(t, '黄冈市下级局');
    const url = `/console/departments/${sub}`;
    const subForm = form({
      fullName: '黄冈市下级局',
      creditCode: demoCreditCode(5001),
      parentId: String(top),
    });
    expect((await admin.post(url, subForm, { csrfFrom: `${url}/edit` })).statusCode).toBe(303);
    const before = await counts();
    const topForm = form({
      fullName: '黄冈市上级局',
      creditCode: demoCreditCode(5002),
      parentId: String(sub),
    });
    const res = await admin.post(`/console/departments/${top}`, topForm, {
      csrfFrom: `/console/departments/${top}/edit`,
    });
    expect(res.statusCode).toBe(400);
    expect(summaryOf(res.body)).toContain('上级机构不能是本机构的下级机构');
    expect(await counts()).toEqual(before);
  });

  it('deactivates after confirmation: hidden from the directory and the API; reactivates', async () => {
    const id = await makeDepartment(t, '黄冈市待停用局');
    const confirm = await admin.get(`/console/departments/${id}/deactivate`);
    expect(confirm.body).toContain('确认停用');
    const res = await admin.post(
      `/console/departments/${id}/deactivate`,
      {},
      { csrfFrom: `/console/departments/${id}/deactivate` },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/departments?notice=deactivated');
    expect((await t.app.inject('/departments')).body).not.toContain('黄冈市待停用局');
    expect((await t.app.inject(`/departments/${id}`)).statusCode).toBe(404);
    expect((await t.app.inject(`/api/v1/departments/${id}`)).statusCode).toBe(404);
    expect(JSON.stringify((await t.app.inject('/api/v1/departments')).json())).not.toContain(
      '黄冈市待停用局',
    );
    const list = await admin.get('/console/departments');
    expect(list.body).toContain('已停用');
    const again = await admin.post(
      `/console/departments/${id}/reactivate`,
      {},
      { csrfFrom: `/console/departments/${id}/edit` },
    );
    expect(again.statusCode).toBe(303);
    expect((await t.app.inject('/departments')).body).toContain('黄冈市待停用局');
  });

  it('filters the console list by kind', async () => {
    const county = await admin.post(
      '/console/departments',
      form({ fullName: '英山县人民政府', kind: 'county_government', creditCode: demoCreditCode(6001) }),
      { csrfFrom: '/console/departments/new' },
    );
    expect(county.statusCode).toBe(303);
    const res = await admin.get('/console/departments?kind=county_government');
    expect(res.body).toContain('英山县人民政府');
    expect(res.body).not.toContain('黄冈市数据局');
    expect((await admin.get('/console/departments')).body).toContain('黄冈市数据局');
  });

  it('refuses a publisher (403) on console pages and form posts, saving nothing', async () => {
    const u = await makeUser(t, { roles: ['publisher'] });
    const b = new Browser(t.app);
    await b.login(u.username, u.password);
    const id = await makeDepartment(t);
    for (const url of [
      '/console/departments',
      '/console/departments/new',
      `/console/departments/${id}/edit`,
      '/console/leading-group',
    ]) {
      expect((await b.get(url)).statusCode).toBe(403);
    }
    const before = await counts();
    const posts: [string, Record<string, string>][] = [
      ['/console/departments', form({ fullName: '黄冈市越权局', creditCode: demoCreditCode(7001) })],
      [
        `/console/departments/${id}`,
        form({ fullName: '黄冈市越权改名局', creditCode: demoCreditCode(7002) }),
      ],
      [`/console/departments/${id}/deactivate`, {}],
      ['/console/leading-group/members', { role: 'member', name: '越权' }],
    ];
    for (const [url, body] of posts) {
      const res = await b.post(url, body, { csrfFrom: '/console' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('您没有执行此操作的权限');
    }
    expect(await counts()).toEqual(before);
    expect((await t.app.inject(`/departments/${id}`)).statusCode).toBe(200);
  });
});

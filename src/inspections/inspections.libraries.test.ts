// Integration: the two 名录库 one record at a time — add, edit, deactivate and reactivate, with the
// credit code's check character, a required and unique 执法证号, the audit log, and departments
// unable to see or touch each other's records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';

const CODE = demoCreditCode(7001);
const CODE2 = demoCreditCode(7002);
const WRONG = CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0');

describe('名录库: one record at a time', () => {
  let t: TestApp;
  let b: Browser;
  let other: Browser;
  let entityId = 0;
  let inspectorId = 0;
  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
    const dept2 = await makeDepartment(t, '市生态环境局');
    const u2 = await makeUser(t, { roles: ['publisher'], departmentId: dept2 });
    other = new Browser(t.app);
    await other.login(u2.username, u2.password);
  });
  afterAll(async () => t.close());

  const addEntity = (who: Browser, form: Record<string, string>) =>
    who.post('/console/inspections/entities/new', form, { csrfFrom: '/console/inspections/entities/new' });
  const addInspector = (who: Browser, form: Record<string, string>) =>
    who.post('/console/inspections/inspectors/new', form, {
      csrfFrom: '/console/inspections/inspectors/new',
    });
  const audit = (action: string) =>
    t.db.kysely
      .selectFrom('audit_log')
      .select(['summary', 'entity_id'])
      .where('action', '=', action)
      .execute();

  it('adds an entity after refusing a wrong check character and a missing name', async () => {
    const bad = await addEntity(b, { creditCode: WRONG, name: '', address: '黄州区', industry: '餐饮' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('统一社会信用代码校验位不正确，请核对最后一位');
    expect(bad.body).toContain('请填写名称');
    expect(bad.body).toContain('黄州区'); // what was typed stays in the form
    const good = await addEntity(b, {
      creditCode: CODE.toLowerCase(),
      name: '黄冈市某某餐饮有限公司',
      address: '黄州区东门路 1 号',
      industry: '餐饮',
      riskTags: '高风险',
    });
    expect(good.statusCode).toBe(303);
    const page = await b.get('/console/inspections/entities');
    expect(page.body).toContain('黄冈市某某餐饮有限公司');
    expect(page.body).toContain(CODE);
    entityId = Number(/\/console\/inspections\/entities\/(\d+)"/.exec(page.body)?.[1]);
    expect(entityId).toBeGreaterThan(0);
    const again = await addEntity(b, { creditCode: CODE, name: '重复' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain(`名录库中已有统一社会信用代码为 ${CODE} 的检查对象`);
    expect(await audit('inspections.entities.create')).toHaveLength(1);
  });

  it('edits an entity (audited with before and after) and keeps the code check', async () => {
    const url = `/console/inspections/entities/${entityId}`;
    const form = await b.get(url);
    expect(form.body).toContain('value="黄冈市某某餐饮有限公司"');
    const wrong = await b.post(url, { creditCode: WRONG, name: '改名' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('校验位不正确');
    const r = await b.post(url, {
      creditCode: CODE,
      name: '黄冈市某某餐饮管理有限公司',
      address: '黄州区东门路 1 号',
      industry: '餐饮',
      riskTags: '',
    });
    expect(r.statusCode).toBe(303);
    const rows = await audit('inspections.entities.update');
    expect(rows).toHaveLength(1);
    expect(String(rows[0]?.summary)).toContain('黄冈市某某餐饮管理有限公司');
    expect(String(rows[0]?.summary)).toContain('高风险');
  });

  it('deactivates an entity: kept and shown as 已停用, out of the pool; reactivates it', async () => {
    const before = await b.get('/console/inspections');
    expect(before.body).toMatch(/检查对象名录库<\/a\s*>：1 个在用/);
    expect(
      (
        await b.post(
          `/console/inspections/entities/${entityId}/deactivate`,
          {},
          { csrfFrom: '/console/inspections/entities' },
        )
      ).statusCode,
    ).toBe(303);
    const page = await b.get('/console/inspections/entities');
    expect(page.body).toContain('已停用');
    expect((await b.get('/console/inspections')).body).toMatch(/检查对象名录库<\/a\s*>：0 个在用/);
    expect(await audit('inspections.entities.deactivate')).toHaveLength(1);
    await b.post(
      `/console/inspections/entities/${entityId}/activate`,
      {},
      { csrfFrom: '/console/inspections/entities' },
    );
    expect((await b.get('/console/inspections')).body).toMatch(/检查对象名录库<\/a\s*>：1 个在用/);
  });

  it('requires a unique 执法证号 across departments, in the form and in imports', async () => {
    const missing = await addInspector(b, { certNo: '', name: '张三', field: '食品安全' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请填写执法证号');
    const badRelation = await addInspector(b, { certNo: '42110001', name: '张三', relations: WRONG });
    expect(badRelation.statusCode).toBe(400);
    expect(badRelation.body).toContain(`回避对象 ${WRONG}：统一社会信用代码校验位不正确`);
    const ok = await addInspector(b, {
      certNo: '42110001',
      name: '张三',
      field: '食品安全',
      relations: `${CODE}、${CODE2}`,
    });
    expect(ok.statusCode).toBe(303);
    const same = await addInspector(b, { certNo: '42110001', name: '张三丰' });
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('执法证号 42110001 已在本部门名录库中');
    const elsewhere = await addInspector(other, { certNo: '42110001', name: '李四' });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('执法证号 42110001 已登记在市市场监督管理局的名录库中');
    const imported = await uploadFile(
      other,
      '/console/inspections/import/inspectors',
      '/console/inspections',
      { name: 'i.csv', data: Buffer.from('执法证号,姓名\n42110009,王五\n42110001,李四\n42110009,王五\n') },
      {},
    );
    expect(imported.statusCode).toBe(400);
    expect(imported.body).toContain('第 3 行 执法证号：执法证号 42110001 已登记在市市场监督管理局的名录库中');
    expect(imported.body).toContain('第 4 行 执法证号：与第 2 行重复（42110009）');
    const page = await b.get('/console/inspections/inspectors');
    inspectorId = Number(/\/console\/inspections\/inspectors\/(\d+)"/.exec(page.body)?.[1]);
    expect(page.body).toContain(`${CODE}、${CODE2}`);
  });

  it('edits and deactivates an inspector; a deactivated inspector is out of the count used for draws', async () => {
    const url = `/console/inspections/inspectors/${inspectorId}`;
    const r = await b.post(url, { certNo: '42110001', name: '张三', field: '特种设备', relations: '' });
    expect(r.statusCode).toBe(303);
    expect((await b.get('/console/inspections/inspectors')).body).toContain('特种设备');
    expect((await b.get('/console/inspections')).body).toMatch(/执法检查人员名录库<\/a\s*>：1 人在用/);
    await b.post(`${url}/deactivate`, {}, { csrfFrom: '/console/inspections/inspectors' });
    expect((await b.get('/console/inspections')).body).toMatch(/执法检查人员名录库<\/a\s*>：0 人在用/);
    expect(await audit('inspections.inspectors.deactivate')).toHaveLength(1);
    expect(await audit('inspections.inspectors.update')).toHaveLength(1);
  });

  it('keeps departments apart: another department cannot see, change or deactivate a record', async () => {
    const list = await other.get('/console/inspections/entities');
    expect(list.body).not.toContain(CODE);
    expect((await other.get(`/console/inspections/entities/${entityId}`)).statusCode).toBe(404);
    const csrfFrom = '/console/inspections/entities';
    const edit = await other.post(
      `/console/inspections/entities/${entityId}`,
      { creditCode: CODE, name: '篡改' },
      { csrfFrom },
    );
    expect(edit.statusCode).toBe(404);
    const off = await other.post(`/console/inspections/entities/${entityId}/deactivate`, {}, { csrfFrom });
    expect(off.statusCode).toBe(404);
    const off2 = await other.post(
      `/console/inspections/inspectors/${inspectorId}/activate`,
      {},
      { csrfFrom },
    );
    expect(off2.statusCode).toBe(404);
    const row = await t.db.kysely
      .selectFrom('insp_entities')
      .select(['name', 'active'])
      .where('id', '=', entityId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '黄冈市某某餐饮管理有限公司', active: 1 });
    // Anonymous visitors are sent to sign in.
    const anon = await t.app.inject('/console/inspections/entities');
    expect([302, 303, 401]).toContain(anon.statusCode);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { createDepartment, setDepartmentActive } from './orgs.service.js';
import type { DepartmentInput } from './orgs.types.js';

function input(over: Partial<DepartmentInput>): DepartmentInput {
  return {
    fullName: '',
    shortName: '',
    kind: 'city_department',
    creditCode: '',
    parentId: undefined,
    address: '黄冈市黄州区示范大道 1 号',
    officeHours: '周一至周五 8:30–17:30',
    phone: '0713-8661234',
    email: 'gk@example.org',
    guideText: '一、主动公开\n\n本机关主动公开……',
    functionsText: '负责全市统计工作。',
    sortOrder: undefined,
    ...over,
  };
}

describe('public directory, department pages and the departments API', () => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await buildTestApp();
    const make = async (key: string, over: Partial<DepartmentInput>) => {
      const r = await createDepartment(t.db.kysely, SYSTEM_ACTOR, input(over));
      if (!r.ok) throw new Error(JSON.stringify(r.fields));
      ids[key] = r.value;
    };
    await make('office', {
      fullName: '黄冈市人民政府办公室',
      shortName: '市政府办公室',
      creditCode: demoCreditCode(1),
    });
    await make('stats', {
      fullName: '黄冈市统计局',
      shortName: '市统计局',
      creditCode: demoCreditCode(2),
      parentId: undefined,
    });
    await make('county', {
      fullName: '团风县人民政府',
      kind: 'county_government',
      creditCode: demoCreditCode(3),
    });
    await make('zone', {
      fullName: '黄冈高新技术产业开发区管理委员会',
      kind: 'management_committee',
      creditCode: demoCreditCode(4),
    });
    await make('court', { fullName: '黄冈市中级人民法院', kind: 'other', creditCode: demoCreditCode(5) });
    await make('child', {
      fullName: '黄冈市人民政府电子政务办公室',
      creditCode: demoCreditCode(6),
      parentId: ids.office,
    });
    await make('gone', { fullName: '黄冈市已撤销局', creditCode: demoCreditCode(7) });
    await setDepartmentActive(t.db.kysely, SYSTEM_ACTOR, ids.gone ?? 0, false);
  });
  afterAll(async () => t.close());

  it('groups the directory by kind under headings, in the kinds order, linking to each page', async () => {
    const res = await t.app.inject('/departments');
    expect(res.statusCode).toBe(200);
    const headings = [...res.body.matchAll(/<h2 id="kind-[a-z_]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['市政府部门', '县市区人民政府', '管委会', '其他']);
    const section = (kind: string) =>
      new RegExp(`data-testid="dir-${kind}"[\\s\\S]*?</section>`).exec(res.body)?.[0] ?? '';
    expect(section('city_department')).toContain(`<a href="/departments/${ids.stats}">黄冈市统计局</a>`);
    expect(section('county_government')).toContain('团风县人民政府');
    expect(section('management_committee')).toContain('黄冈高新技术产业开发区管理委员会');
    expect(section('other')).toContain('黄冈市中级人民法院');
    expect(section('city_department')).not.toContain('团风县人民政府');
    expect(res.body).not.toContain('黄冈市已撤销局');
    expect(res.body).toContain('aria-label="当前位置"');
  });

  it('shows a department page with functions, guide, contact details, credit code and parent', async () => {
    const res = await t.app.inject(`/departments/${ids.child}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<h1>黄冈市人民政府电子政务办公室<\/h1>/);
    for (const text of [
      '机构职能',
      '负责全市统计工作。',
      '政府信息公开指南',
      '<h3>一、主动公开</h3>',
      '黄冈市黄州区示范大道 1 号',
      '周一至周五 8:30–17:30',
      '0713-8661234',
      'mailto:gk@example.org',
      demoCreditCode(6),
    ])
      expect(res.body).toContain(text);
    expect(res.body).toContain(`<a href="/departments/${ids.office}">黄冈市人民政府办公室</a>`);
    expect(res.body).toContain('<a href="/departments">机构目录</a>');
    const parent = await t.app.inject(`/departments/${ids.office}`);
    expect(parent.body).toContain('下属机构');
    expect(parent.body).toContain(`<a href="/departments/${ids.child}">黄冈市人民政府电子政务办公室</a>`);
  });

  it('answers an unknown or deactivated department with a Chinese 404 page', async () => {
    for (const url of ['/departments/999999', `/departments/${ids.gone}`]) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('页面不存在');
      expect(res.body).toContain('机构不存在或已停用');
      expect(res.body).not.toContain('黄冈市已撤销局');
    }
  });

  it('lists active departments in the API with the public fields only', async () => {
    const res = await t.app.inject('/api/v1/departments');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Record<string, unknown>[] }>();
    expect(body.items.map((d) => d.fullName)).not.toContain('黄冈市已撤销局');
    expect(body.items).toHaveLength(6);
    const child = body.items.find((d) => d.id === ids.child);
    expect(child).toEqual({
      id: ids.child,
      fullName: '黄冈市人民政府电子政务办公室',
      shortName: '',
      kind: 'city_department',
      creditCode: demoCreditCode(6),
      parentId: ids.office,
      phone: '0713-8661234',
      email: 'gk@example.org',
      address: '黄冈市黄州区示范大道 1 号',
      officeHours: '周一至周五 8:30–17:30',
    });
  });

  it('returns one department, and 404 department_not_found for unknown or inactive ones', async () => {
    const one = await t.app.inject(`/api/v1/departments/${ids.stats}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ fullName: '黄冈市统计局', functionsText: '负责全市统计工作。' });
    for (const id of [999999, ids.gone]) {
      const res = await t.app.inject(`/api/v1/departments/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'department_not_found', message: '机构不存在或已停用。' },
      });
    }
    const bad = await t.app.inject('/api/v1/departments/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { verifyAuditChain } from '../audit/audit.service.js';
import { getLeadingGroup } from '../orgs/group.service.js';
import { creditCodeProblem } from '../orgs/credit-code.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { DEMO_DEPARTMENTS } from './demo-departments.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';
import { seedDemoIfEmpty } from './demo.service.js';

describe('the demo data set', () => {
  let t: TestApp;
  let loaded: boolean;
  beforeAll(async () => {
    t = await buildTestApp();
    const started = Date.now();
    loaded = await seedDemoIfEmpty(t.db.kysely);
    // First `npm start` loads it: it must stay quick (five scrypt hashes are most of it).
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  afterAll(async () => t.close());

  it('loads every unit of the 附件, the county governments and the 管委会, with valid made-up codes', async () => {
    expect(loaded).toBe(true);
    const departments = await listAllDepartments(t.db.kysely, true);
    expect(departments).toHaveLength(DEMO_DEPARTMENTS.length);
    expect(departments.length).toBeGreaterThanOrEqual(76);
    const codes = departments.map((d) => d.creditCode ?? '');
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(creditCodeProblem(code)).toBeUndefined();
    const byName = new Map(departments.map((d) => [d.fullName, d]));
    expect(byName.get('黄冈市统计局')).toMatchObject({ shortName: '市统计局', kind: 'city_department' });
    expect(byName.get('黄冈市人民政府办公室')?.kind).toBe('city_department');
    expect(byName.get('黄冈市中级人民法院')).toMatchObject({ shortName: '市法院', kind: 'other' });
    expect(byName.get('麻城市人民政府')?.kind).toBe('county_government');
    expect(byName.get('黄冈白潭湖片区筹建委员会')?.kind).toBe('management_committee');
    expect(departments.filter((d) => d.kind === 'county_government')).toHaveLength(10);
    expect(departments.filter((d) => d.kind === 'management_committee')).toHaveLength(3);
    const stats = byName.get('黄冈市统计局');
    expect(stats?.guideText).toContain('一、主动公开');
    expect(stats?.functionsText).toContain('统计');
    const generic = byName.get('黄冈市水产局');
    for (const part of ['一、主动公开', '二、依申请公开', '三、监督和救济', '演示文本', '8:30'])
      expect(generic?.guideText).toContain(part);
  });

  it('has every person of the 附件 with role and position as the seed gives them, linked to their unit', async () => {
    const group = await getLeadingGroup(t.db.kysely, { activeOnly: true });
    expect(group.members.length).toBeGreaterThanOrEqual(65);
    expect(group.members[0]).toMatchObject({
      role: 'leader',
      name: '张社教',
      position: '市委常委、常务副市长',
    });
    expect(group.members.filter((m) => m.role === 'deputy').map((m) => m.name)).toEqual(['闻武斌', '戴均胜']);
    const departments = await listAllDepartments(t.db.kysely, true);
    const unitOf = (name: string) =>
      departments.find((d) => d.id === group.members.find((m) => m.name === name)?.departmentId)?.fullName;
    expect(unitOf('曾汉良')).toBe('黄冈市统计局');
    expect(unitOf('闻武斌')).toBe('黄冈市人民政府办公室');
    expect(unitOf('熊晓明')).toBe('黄冈市中级人民法院');
    expect(group.members.find((m) => m.name === '雷电')?.position).toBe('市委宣传部副部长');
    expect(group.members.filter((m) => m.role === 'member' && m.departmentId === null)).toEqual([]);
    const texts = new Map(group.texts.map((t) => [t.key, t.body]));
    expect(texts.get('duties')).toContain('研究提出全市政务公开工作的政策措施和年度工作重点');
    expect(texts.get('office')).toContain('领导小组办公室设在市政府办公室');
    expect(texts.get('rules')).toContain('领导小组实行工作会议制度');
    expect(texts.get('requirements')).toContain('各成员单位要根据各自职责');
    expect(group.liaisons.length).toBeGreaterThan(0);
    for (const l of group.liaisons) expect(l.name).toContain('演示');
  });

  it('records every created row in an intact audit chain', async () => {
    const result = await verifyAuditChain(t.db.kysely);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(76 + 65);
  });

  it('shows the group and the directory publicly, and the demo accounts can sign in', async () => {
    const b = new Browser(t.app);
    const page = await b.get('/leading-group');
    expect(page.body).toContain('张社教');
    expect(page.body).toContain('市委常委、常务副市长');
    for (const l of (await getLeadingGroup(t.db.kysely, { activeOnly: true })).liaisons) {
      expect(page.body).not.toContain(l.name);
      expect(page.body).not.toContain(l.phone);
    }
    const admin = DEMO_USERS.find((u) => u.roles.includes('admin'));
    expect((await b.login(admin?.username ?? '', DEMO_PASSWORD)).statusCode).toBe(303);
  });

  it('does nothing the second time (idempotent)', async () => {
    const before = (await listAllDepartments(t.db.kysely)).length;
    const members = (await getLeadingGroup(t.db.kysely, { activeOnly: false })).members.length;
    expect(await seedDemoIfEmpty(t.db.kysely)).toBe(false);
    expect((await listAllDepartments(t.db.kysely)).length).toBe(before);
    expect((await getLeadingGroup(t.db.kysely, { activeOnly: false })).members.length).toBe(members);
  });
});

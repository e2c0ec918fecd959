import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { createGroupMember, createLiaison, getLeadingGroup, updateGroupMember } from './group.service.js';
import type { GroupMemberInput } from './group.types.js';
import { setDepartmentActive } from './orgs.service.js';

function summaryOf(body: string): string {
  return /data-testid="error-summary"[\s\S]*?<\/div>/.exec(body)?.[0] ?? '';
}

const member = (over: Partial<GroupMemberInput>): GroupMemberInput => ({
  role: 'member',
  name: '测试成员',
  position: '',
  departmentId: undefined,
  unitName: '',
  sortOrder: undefined,
  ...over,
});

describe('the leading group: members, 联络员 and texts', () => {
  let t: TestApp;
  let admin: Browser;
  let stats: number;
  const counts = async () => {
    const k = t.db.kysely;
    const n = async (table: 'group_members' | 'group_liaisons' | 'group_texts' | 'audit_log') =>
      Number(
        (
          await k
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      members: await n('group_members'),
      liaisons: await n('group_liaisons'),
      texts: await n('group_texts'),
      audit: await n('audit_log'),
    };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    stats = await makeDepartment(t, '黄冈市统计局');
    const u = await makeUser(t, { roles: ['admin'] });
    admin = new Browser(t.app);
    await admin.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  it('validates members in the service: name, role, position and unit', async () => {
    const db = t.db.kysely;
    const before = await counts();
    const cases: [Partial<GroupMemberInput>, string, string][] = [
      [{ name: '' }, 'name', '请填写姓名'],
      [{ name: '名'.repeat(21) }, 'name', '姓名不能超过 20 个字符'],
      [{ role: 'chair' }, 'role', '请选择组内职务（组长、副组长或成员）'],
      [{ position: '职'.repeat(101) }, 'position', '职务不能超过 100 个字符'],
      [{ departmentId: 999999 }, 'departmentId', '所在单位不存在'],
    ];
    for (const [over, field, message] of cases) {
      const r = await createGroupMember(db, SYSTEM_ACTOR, member(over));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fields[field]).toBe(message);
    }
    expect(await counts()).toEqual(before);
    const okLong = await createGroupMember(
      db,
      SYSTEM_ACTOR,
      member({ name: '名'.repeat(20), position: '职'.repeat(100) }),
    );
    expect(okLong.ok).toBe(true);
  });

  it('lists members by role order (组长, 副组长, 成员), then sort order', async () => {
    const db = t.db.kysely;
    await createGroupMember(db, SYSTEM_ACTOR, member({ name: '成员乙', sortOrder: 2 }));
    await createGroupMember(db, SYSTEM_ACTOR, member({ name: '成员甲', sortOrder: 1 }));
    await createGroupMember(db, SYSTEM_ACTOR, member({ name: '副组长甲', role: 'deputy', sortOrder: 9 }));
    await createGroupMember(
      db,
      SYSTEM_ACTOR,
      member({ name: '组长甲', role: 'leader', sortOrder: 50, unitName: '黄冈市人民政府' }),
    );
    const names = (await getLeadingGroup(db, { activeOnly: true })).members.map((m) => m.name);
    expect(names.slice(0, 2)).toEqual(['组长甲', '副组长甲']);
    expect(names.indexOf('成员甲')).toBeLessThan(names.indexOf('成员乙'));
  });

  it('adds a member through the console: bad input re-renders with messages, keeps the typed values, saves nothing', async () => {
    const before = await counts();
    const bad = await admin.post(
      '/console/leading-group/members',
      {
        role: 'member',
        name: '',
        position: '市统计局副局长（我输入的）',
        departmentId: String(stats),
        unitName: '',
        sortOrder: 'x',
      },
      { csrfFrom: '/console/leading-group/members/new' },
    );
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toContain('姓名：请填写姓名');
    expect(summaryOf(bad.body)).toContain('排序号应为 0–99999 的整数');
    expect(bad.body).toContain('value="市统计局副局长（我输入的）"');
    expect(bad.body).toMatch(new RegExp(`<option value="${stats}" selected>`));
    expect(await counts()).toEqual(before);

    const good = await admin.post(
      '/console/leading-group/members',
      {
        role: 'member',
        name: '曾汉良',
        position: '市统计局副局长',
        departmentId: String(stats),
        unitName: '',
        sortOrder: '3',
      },
      { csrfFrom: '/console/leading-group/members/new' },
    );
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/console/leading-group?notice=member_created');
    const page = await t.app.inject('/leading-group');
    expect(page.body).toContain('曾汉良');
    expect(page.body).toContain(`<a href="/departments/${stats}">黄冈市统计局</a>`);
  });

  it('edits and deactivates a member; the public page follows; the audit log has before/after', async () => {
    const db = t.db.kysely;
    const created = await createGroupMember(db, SYSTEM_ACTOR, member({ name: '待修改', position: '旧职务' }));
    if (!created.ok) throw new Error('create failed');
    const id = created.value;
    const edit = await admin.post(
      `/console/leading-group/members/${id}`,
      { role: 'deputy', name: '已修改', position: '新职务', departmentId: '', unitName: '', sortOrder: '0' },
      { csrfFrom: `/console/leading-group/members/${id}/edit` },
    );
    expect(edit.statusCode).toBe(303);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'group_member_updated')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.summary)).toMatchObject({
      name: { before: '待修改', after: '已修改' },
      role: { before: 'member', after: 'deputy' },
    });
    expect((await t.app.inject('/leading-group')).body).toContain('已修改');
    const off = await admin.post(
      `/console/leading-group/members/${id}/deactivate`,
      {},
      { csrfFrom: '/console/leading-group' },
    );
    expect(off.statusCode).toBe(303);
    expect((await t.app.inject('/leading-group')).body).not.toContain('已修改');
    expect((await admin.get('/console/leading-group')).body).toContain('已修改');
  });

  it('keeps 联络员 to member units, and never shows their names or phones publicly', async () => {
    const db = t.db.kysely;
    const outsider = await makeDepartment(t, '黄冈市非成员局');
    const before = await counts();
    const refused = await admin.post(
      '/console/leading-group/liaisons',
      { departmentId: String(outsider), name: '联络甲', position: '办公室主任', phone: '0713-8690000' },
      { csrfFrom: '/console/leading-group/liaisons/new' },
    );
    expect(refused.statusCode).toBe(400);
    expect(summaryOf(refused.body)).toContain('该机构不是领导小组成员单位');
    const badPhone = await admin.post(
      '/console/leading-group/liaisons',
      { departmentId: String(stats), name: '联络甲', position: '办公室主任', phone: 'call me' },
      { csrfFrom: '/console/leading-group/liaisons/new' },
    );
    expect(badPhone.statusCode).toBe(400);
    expect(summaryOf(badPhone.body)).toContain('联系电话格式不正确');
    expect(badPhone.body).toContain('value="call me"');
    expect(await counts()).toEqual(before);

    const created = await admin.post(
      '/console/leading-group/liaisons',
      { departmentId: String(stats), name: '联络甲', position: '办公室主任', phone: '0713-8690000' },
      { csrfFrom: '/console/leading-group/liaisons/new' },
    );
    expect(created.statusCode).toBe(303);
    const consolePage = await admin.get('/console/leading-group');
    expect(consolePage.body).toContain('联络甲');
    expect(consolePage.body).toContain('0713-8690000');
    const publicPage = await t.app.inject('/leading-group');
    expect(publicPage.body).not.toContain('联络甲');
    expect(publicPage.body).not.toContain('0713-8690000');

    const id = (await getLeadingGroup(db, { activeOnly: true })).liaisons.find(
      (l) => l.name === '联络甲',
    )?.id;
    const edited = await admin.post(
      `/console/leading-group/liaisons/${id}`,
      { departmentId: String(stats), name: '联络乙', position: '办公室主任', phone: '0713-8690001' },
      { csrfFrom: `/console/leading-group/liaisons/${id}/edit` },
    );
    expect(edited.statusCode).toBe(303);
    const del = await admin.post(
      `/console/leading-group/liaisons/${id}/delete`,
      {},
      { csrfFrom: `/console/leading-group/liaisons/${id}/edit` },
    );
    expect(del.statusCode).toBe(303);
    expect((await getLeadingGroup(db, { activeOnly: true })).liaisons).toEqual([]);
    const deleted = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'group_liaison_deleted')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(deleted.summary)).toMatchObject({ name: '联络乙' });
  });

  it('edits the group texts by key, with validation', async () => {
    const before = await counts();
    const bad = await admin.post(
      '/console/leading-group/texts/duties',
      { title: '', body: '我写的职责' },
      { csrfFrom: '/console/leading-group/texts/duties/edit' },
    );
    expect(bad.statusCode).toBe(400);
    expect(summaryOf(bad.body)).toContain('请填写标题');
    expect(bad.body).toContain('我写的职责');
    expect(await counts()).toEqual(before);
    const good = await admin.post(
      '/console/leading-group/texts/duties',
      { title: '主要职责', body: '统筹推进全市政务公开工作。' },
      { csrfFrom: '/console/leading-group/texts/duties/edit' },
    );
    expect(good.statusCode).toBe(303);
    const page = await t.app.inject('/leading-group');
    expect(page.body).toContain('<h2 id="text-duties">主要职责</h2>');
    expect(page.body).toContain('统筹推进全市政务公开工作。');
    expect((await admin.get('/console/leading-group/texts/nope/edit')).statusCode).toBe(404);
  });

  it('refuses to link a member to a deactivated unit, but keeps an existing link', async () => {
    const db = t.db.kysely;
    const unit = await makeDepartment(t, '黄冈市将停用局');
    const m = await createGroupMember(db, SYSTEM_ACTOR, member({ name: '老成员', departmentId: unit }));
    expect(m.ok).toBe(true);
    await setDepartmentActive(db, SYSTEM_ACTOR, unit, false);
    const fresh = await createGroupMember(db, SYSTEM_ACTOR, member({ name: '新成员', departmentId: unit }));
    expect(fresh.ok ? '' : fresh.fields.departmentId).toBe('所在单位已停用');
    if (m.ok) {
      const kept = await updateGroupMember(
        db,
        SYSTEM_ACTOR,
        m.value,
        member({ name: '老成员', position: '新职务', departmentId: unit }),
      );
      expect(kept.ok).toBe(true);
    }
    const liaison = await createLiaison(db, SYSTEM_ACTOR, {
      departmentId: unit,
      name: '某人',
      position: '',
      phone: '',
    });
    expect(liaison.ok ? '' : liaison.fields.departmentId).toBe('成员单位不存在或已停用');
  });
});

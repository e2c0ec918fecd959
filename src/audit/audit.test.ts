import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  Browser,
  buildTestApp,
  makeDepartment,
  makeUser,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/helpers/app.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { createDepartment, getDepartment, updateDepartment } from '../orgs/orgs.service.js';
import { actorOf, getUser, login } from '../users/users.service.js';
import { MAX_FAILED_LOGINS } from '../users/users.types.js';
import { appendAudit, verifyAuditChain } from './audit.service.js';
import { SYSTEM_ACTOR } from './audit.types.js';

type AuditRowView = { id: number; action: string; actor_user_id: number | null; entity_id: string };

async function entries(t: TestApp): Promise<AuditRowView[]> {
  return t.db.kysely
    .selectFrom('audit_log')
    .select(['id', 'action', 'actor_user_id', 'entity_id'])
    .orderBy('id')
    .execute();
}

async function signedIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Browser> {
  const outcome = await login(t.db.kysely, username, password);
  if (!outcome.ok) throw new Error(outcome.message);
  const b = new Browser(t.app);
  b.cookies.set('gk_session', outcome.sessionToken);
  return b;
}

/** The audit rows the console shows on a page, by id. */
function shownIds(body: string): number[] {
  return [...body.matchAll(/data-testid="audit-row-(\d+)"/g)].map((m) => Number(m[1]));
}

describe('the audit trail records every staff write and its chain holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('appends exactly one entry, by the right actor, for each staff write', async () => {
    const dep = await makeDepartment(t);
    const admin = await makeUser(t, { roles: ['admin'], departmentId: dep, username: 'audit.admin' });
    const a = await signedIn(t, admin.username);
    const expectOneMore = async (action: string, write: () => Promise<unknown>, actor: number | null) => {
      const before = await entries(t);
      await write();
      const after = await entries(t);
      expect(after.length, action).toBe(before.length + 1);
      expect(after.at(-1), action).toMatchObject({ action, actor_user_id: actor });
      return after.at(-1);
    };

    await expectOneMore(
      'user_created',
      () =>
        a.post('/console/users/new', {
          username: 'audited.user',
          displayName: '被审计的用户',
          departmentId: String(dep),
          roles: ['publisher'],
          password: TEST_PASSWORD,
        }),
      admin.id,
    );
    const created = (await entries(t)).at(-1);
    const userId = Number(created?.entity_id);
    await expectOneMore(
      'user_updated',
      () =>
        a.post(`/console/users/${userId}/edit`, {
          displayName: '改过名的用户',
          departmentId: String(dep),
          roles: ['publisher', 'reviewer'],
          active: '1',
        }),
      admin.id,
    );
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(t.db.kysely, 'audited.user', 'wrong');
    await expectOneMore(
      'user_unlocked',
      () => a.post(`/console/users/${userId}/unlock`, {}, { csrfFrom: '/console' }),
      admin.id,
    );

    const u = await signedIn(t, 'audited.user');
    await expectOneMore(
      'api_token_created',
      () => u.post('/console/account/tokens', { name: '办公系统' }, { csrfFrom: '/console/account' }),
      userId,
    );
    const tokenId = (await entries(t)).at(-1)?.entity_id;
    await expectOneMore(
      'api_token_revoked',
      () => u.post(`/console/account/tokens/${tokenId}/revoke`, {}, { csrfFrom: '/console/account' }),
      userId,
    );
    await expectOneMore(
      'password_changed',
      () =>
        u.post(
          '/console/account/password',
          { current: TEST_PASSWORD, next: 'Another-Passw0rd-1', confirm: 'Another-Passw0rd-1' },
          { csrfFrom: '/console/account' },
        ),
      userId,
    );
    const adminActor = actorOf(await getUser(t.db.kysely, admin.id));
    await expectOneMore(
      'department_updated',
      async () => {
        const d = await getDepartment(t.db.kysely, dep);
        const r = await updateDepartment(t.db.kysely, adminActor, dep, {
          ...d,
          shortName: '审计测试',
          creditCode: d.creditCode ?? '',
          parentId: undefined,
        });
        expect(r.ok).toBe(true);
      },
      admin.id,
    );

    // Reading and failed writes record nothing.
    const before = (await entries(t)).length;
    await a.get('/console/users');
    await a.get('/console/audit');
    await a.post('/console/users/new', { username: 'x', displayName: '', password: 'short' });
    expect((await entries(t)).length).toBe(before);

    expect(await verifyAuditChain(t.db.kysely)).toEqual({ ok: true, entries: before });
  });

  it('shows the log newest first, in Beijing time, with Chinese action names and escaped summaries', async () => {
    const dep = await makeDepartment(t, '黄冈市审计展示局');
    const admin = await makeUser(t, { roles: ['admin'], departmentId: dep });
    const a = await signedIn(t, admin.username);
    await a.post('/console/users/new', {
      username: 'xss.user',
      displayName: '<img src=x onerror=alert(1)>',
      departmentId: String(dep),
      roles: ['reviewer'],
      password: TEST_PASSWORD,
    });
    await t.db.kysely.transaction().execute((trx) =>
      appendAudit(trx, SYSTEM_ACTOR, {
        action: 'mystery_action',
        entityType: 'gadget',
        entityId: 9,
        summary: {},
      }),
    );
    const page = await a.get('/console/audit');
    expect(page.statusCode).toBe(200);
    const ids = shownIds(page.body);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const all = await entries(t);
    expect(ids[0]).toBe(all.at(-1)?.id);
    expect(page.body).toContain('mystery_action');
    expect(page.body).toContain('gadget 9');
    const userRow = new RegExp(`data-testid="audit-row-${all.at(-2)?.id}">([\\s\\S]*?)</tr>`).exec(
      page.body,
    )?.[1];
    expect(userRow).toContain('新增用户');
    expect(userRow).toContain('黄冈市审计展示局');
    expect(userRow).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(userRow).toContain('审核员');
    expect(page.body).not.toContain('<img src=x');
    expect(userRow).toMatch(/<time datetime="[^"]+Z">\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}<\/time>/);

    // A before/after summary names roles and departments rather than showing their codes.
    const xss = all.at(-2)?.entity_id;
    await a.post(`/console/users/${xss}/edit`, {
      displayName: '改名',
      departmentId: String(dep),
      roles: ['publisher'],
      active: '1',
    });
    const edited = await a.get('/console/audit?entity=user');
    const updatedRow = /data-testid="audit-row-\d+">([\s\S]*?)<\/tr>/.exec(edited.body)?.[1] ?? '';
    expect(updatedRow).toContain('修改用户');
    expect(updatedRow).toMatch(/修改前[\s\S]*审核员[\s\S]*修改后[\s\S]*发布员/);
    expect(updatedRow).toMatch(/所属单位<\/dt>\s*<dd>黄冈市审计展示局/);
    expect(updatedRow).not.toContain('reviewer');
  });

  it('lets supervisors read the log and verify the chain, and refuses publishers', async () => {
    const sup = await makeUser(t, { roles: ['supervisor'] });
    const s = await signedIn(t, sup.username);
    expect((await s.get('/console/audit')).statusCode).toBe(200);
    const verify = await s.get('/console/audit/verify');
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toContain('<h2>完整</h2>');
    const pub = await makeUser(t, { roles: ['publisher'] });
    const p = await signedIn(t, pub.username);
    expect((await p.get('/console/audit')).statusCode).toBe(403);
    expect((await p.get('/console/audit/verify')).statusCode).toBe(403);
  });
});

describe('tampering with the audit log is detected', () => {
  let t: TestApp;
  let ids: number[];
  let admin: Browser;
  beforeAll(async () => {
    t = await buildTestApp();
    const dep = await makeDepartment(t);
    for (let i = 0; i < 3; i++) await makeDepartment(t);
    const a = await makeUser(t, { roles: ['admin'], departmentId: dep });
    admin = await signedIn(t, a.username);
    ids = (await entries(t)).map((e) => e.id);
    expect(ids.length).toBe(5);
  });
  afterAll(async () => t.close());

  it('reports a changed summary at that entry, and holds again once it is put back', async () => {
    expect(await verifyAuditChain(t.db.kysely)).toEqual({ ok: true, entries: 5 });
    const target = ids[2]!;
    const original = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    await t.db.kysely
      .updateTable('audit_log')
      .set({ summary: '{"fullName":"被篡改的名称"}' })
      .where('id', '=', target)
      .execute();
    const result = await verifyAuditChain(t.db.kysely);
    expect(result).toMatchObject({ ok: false, brokenAt: target });
    expect(result.ok ? '' : result.reason).toContain('内容与其哈希不符');
    const page = await admin.get('/console/audit/verify');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`发现断点：第 ${target} 条记录`);
    expect(page.body).not.toContain('<h2>完整</h2>');

    await t.db.kysely.updateTable('audit_log').set(original).where('id', '=', target).execute();
    expect(await verifyAuditChain(t.db.kysely)).toEqual({ ok: true, entries: 5 });
  });

  it('reports a changed actor or time too (every hashed column counts)', async () => {
    const target = ids[1]!;
    const row = await t.db.kysely
      .selectFrom('audit_log')
      .select(['actor_name', 'at'])
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('audit_log').set({ actor_name: '别人' }).where('id', '=', target).execute();
    expect(await verifyAuditChain(t.db.kysely)).toMatchObject({ ok: false, brokenAt: target });
    await t.db.kysely.updateTable('audit_log').set(row).where('id', '=', target).execute();
    await t.db.kysely
      .updateTable('audit_log')
      .set({ at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', target)
      .execute();
    expect(await verifyAuditChain(t.db.kysely)).toMatchObject({ ok: false, brokenAt: target });
    await t.db.kysely.updateTable('audit_log').set(row).where('id', '=', target).execute();
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });

  it('reports deleted newest entries against the recorded head of the chain', async () => {
    const last = ids[ids.length - 1]!;
    const row = await t.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '=', last)
      .executeTakeFirstOrThrow();
    await t.db.kysely.deleteFrom('audit_log').where('id', '=', last).execute();
    const result = await verifyAuditChain(t.db.kysely);
    expect(result).toMatchObject({ ok: false, brokenAt: last });
    expect(result.ok ? '' : result.reason).toContain('末尾的记录被删除或修改');
    await t.db.kysely.insertInto('audit_log').values(row).execute();
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });

  it('reports a deleted middle entry at the entry after it', async () => {
    await t.db.kysely.deleteFrom('audit_log').where('id', '=', ids[2]!).execute();
    const result = await verifyAuditChain(t.db.kysely);
    expect(result).toMatchObject({ ok: false, brokenAt: ids[3] });
    expect(result.ok ? '' : result.reason).toContain('前序哈希与上一条不符');
    const page = await admin.get('/console/audit/verify');
    expect(page.body).toContain(`发现断点：第 ${ids[3]} 条记录`);
  });
});

describe('filtering the audit console', () => {
  let t: TestApp;
  let admin: Browser;
  let depA: number;
  let depB: number;
  let userA: number;
  let userB: number;
  const at: Record<string, number> = {};

  /** Makes one department-creating write at a fixed instant, by the given user's actor. */
  async function writeAt(instant: string, actorId: number, name: string): Promise<number> {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(instant));
    try {
      const actor = actorOf(await getUser(t.db.kysely, actorId));
      const id = await makeDepartmentAs(actor, name);
      const last = (await entries(t)).at(-1);
      at[instant] = last?.id ?? 0;
      return id;
    } finally {
      vi.useRealTimers();
    }
  }

  async function makeDepartmentAs(actor: ReturnType<typeof actorOf>, name: string): Promise<number> {
    const r = await createDepartment(t.db.kysely, actor, {
      fullName: name,
      shortName: '',
      kind: 'city_department',
      creditCode: demoCreditCode(5000 + Object.keys(at).length),
      parentId: undefined,
      address: '',
      officeHours: '',
      phone: '',
      email: '',
      guideText: '',
      functionsText: '',
      sortOrder: undefined,
    });
    if (!r.ok) throw new Error(JSON.stringify(r.fields));
    return r.value;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    depA = await makeDepartment(t, '甲局');
    depB = await makeDepartment(t, '乙局');
    userA = (await makeUser(t, { roles: ['admin'], departmentId: depA, username: 'actor.a' })).id;
    userB = (await makeUser(t, { roles: ['publisher'], departmentId: depB, username: 'actor.b' })).id;
    admin = await signedIn(t, 'actor.a');
    // Around the Shanghai day 2026-03-01, which runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z.
    await writeAt('2026-02-28T15:59:59.999Z', userA, '二月末局');
    await writeAt('2026-02-28T16:00:00.000Z', userB, '三月初局');
    await writeAt('2026-03-01T15:59:59.999Z', userA, '三月一日深夜局');
    await writeAt('2026-03-01T16:00:00.000Z', userB, '三月二日局');
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => t.close());

  it('filters by Shanghai calendar dates, both ends included', async () => {
    const day = await admin.get('/console/audit?from=2026-03-01&to=2026-03-01');
    expect(day.statusCode).toBe(200);
    expect(shownIds(day.body)).toEqual([at['2026-03-01T15:59:59.999Z'], at['2026-02-28T16:00:00.000Z']]);
    // Shown in Beijing time: the first instant of the day is 00:00, the last 23:59.
    expect(day.body).toContain('2026/03/01 00:00');
    expect(day.body).toContain('2026/03/01 23:59');
    const until = await admin.get('/console/audit?to=2026-02-28');
    expect(shownIds(until.body)).toEqual([at['2026-02-28T15:59:59.999Z']]);
    const since = await admin.get('/console/audit?from=2026-03-02');
    expect(shownIds(since.body)).toContain(at['2026-03-01T16:00:00.000Z']);
    expect(shownIds(since.body)).not.toContain(at['2026-03-01T15:59:59.999Z']);
  });

  it('filters by department, by user and by entity type', async () => {
    const byUser = await admin.get(`/console/audit?user=${userB}`);
    expect(shownIds(byUser.body)).toEqual([at['2026-03-01T16:00:00.000Z'], at['2026-02-28T16:00:00.000Z']]);
    expect(byUser.body).toMatch(new RegExp(`<option value="${userB}"\\s+selected`));

    const byDepartment = await admin.get(`/console/audit?department=${depA}`);
    const rows = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('department_id', '=', depA)
      .orderBy('id', 'desc')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(shownIds(byDepartment.body)).toEqual(rows.map((r) => r.id));

    const users = await admin.get('/console/audit?entity=user');
    const userRows = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'user')
      .execute();
    expect(shownIds(users.body).sort()).toEqual(userRows.map((r) => r.id).sort());
    expect(users.body).toContain('新增用户');
    expect(users.body).not.toContain('新增机构');

    const combined = await admin.get(`/console/audit?user=${userA}&from=2026-03-01&to=2026-03-01`);
    expect(shownIds(combined.body)).toEqual([at['2026-03-01T15:59:59.999Z']]);
    const none = await admin.get(`/console/audit?user=${userA}&entity=api_token`);
    expect(none.body).toContain('没有符合条件的记录');
  });

  it('re-shows the form with an error summary for bad dates, keeping what was typed', async () => {
    const bad = await admin.get('/console/audit?from=2026-02-30&to=2026-01-01&user=' + userA);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('data-testid="error-summary"');
    expect(bad.body).toContain('请输入有效日期');
    expect(bad.body).toContain('value="2026-02-30"');
    expect(bad.body).not.toContain('data-testid="audit-table"');
    const reversed = await admin.get('/console/audit?from=2026-03-02&to=2026-03-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('结束日期不能早于开始日期');
  });

  it('pages through a long log, keeping the filter in the page links', async () => {
    for (let i = 0; i < 52; i++) {
      await t.db.kysely.transaction().execute((trx) =>
        appendAudit(
          trx,
          { userId: userB, name: 'actor.b', departmentId: depB },
          {
            action: 'bulk_test',
            entityType: 'widget',
            entityId: i,
            summary: { n: i },
          },
        ),
      );
    }
    const first = await admin.get(`/console/audit?entity=widget`);
    expect(shownIds(first.body)).toHaveLength(50);
    expect(first.body).toContain('data-testid="pagination"');
    expect(first.body).toContain('href="/console/audit?entity=widget&amp;page=2" rel="next">下一页</a>');
    const second = await admin.get('/console/audit?entity=widget&page=2');
    expect(shownIds(second.body)).toHaveLength(2);
    expect(second.body).toMatch(/page=2" aria-current="page"/);
    expect(second.body).toContain('href="/console/audit?entity=widget" rel="prev">上一页</a>');
    expect(Math.max(...shownIds(second.body))).toBeLessThan(Math.min(...shownIds(first.body)));
    expect((await verifyAuditChain(t.db.kysely)).ok).toBe(true);
  });
});

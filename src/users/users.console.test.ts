import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  buildTestApp,
  makeDepartment,
  makeUser,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/helpers/app.js';
import { getUser, login } from './users.service.js';
import { MAX_FAILED_LOGINS } from './users.types.js';

const NEW_PASSWORD = 'Fresh-Passw0rd-2026';

async function count(t: TestApp, table: 'users' | 'audit_log' | 'user_roles'): Promise<number> {
  const row = await t.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function lastAudit(t: TestApp) {
  return t.db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

/**
 * A browser with a session, made through the sign-in service rather than the form: the form's
 * per-address rate limit (20 a minute) would otherwise throttle a file with many sign-ins.
 */
async function signedIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Browser> {
  const outcome = await login(t.db.kysely, username, password);
  if (!outcome.ok) throw new Error(outcome.message);
  const b = new Browser(t.app);
  b.cookies.set('gk_session', outcome.sessionToken);
  return b;
}

async function lockOut(t: TestApp, username: string): Promise<void> {
  for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login(t.db.kysely, username, 'wrong-password');
  expect(await login(t.db.kysely, username, TEST_PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
}

describe('user administration console', () => {
  let t: TestApp;
  let admin: Browser;
  let adminId: number;
  let depA: number;
  let depB: number;

  beforeAll(async () => {
    t = await buildTestApp();
    depA = await makeDepartment(t, '黄冈市测试局甲');
    depB = await makeDepartment(t, '黄冈市测试局乙');
    const a = await makeUser(t, { roles: ['admin'], departmentId: depA, username: 'root.admin' });
    adminId = a.id;
    admin = new Browser(t.app);
    expect((await admin.login(a.username, a.password)).statusCode).toBe(303);
  });
  afterAll(async () => t.close());

  it('creates a user who can then sign in, with an audit entry', async () => {
    const form = await admin.get('/console/users/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('黄冈市测试局乙');
    expect(form.body).toContain('依申请办理员');
    const auditBefore = await count(t, 'audit_log');
    const res = await admin.post('/console/users/new', {
      username: 'zhang.san',
      displayName: '张三',
      departmentId: String(depB),
      roles: ['publisher', 'reviewer'],
      password: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/users?notice=created');
    const list = await admin.get(res.headers.location ?? '');
    expect(list.body).toContain('已新增用户');
    const row = /data-testid="user-row-zhang\.san">([\s\S]*?)<\/tr>/.exec(list.body)?.[1] ?? '';
    expect(row).toContain('张三');
    expect(row).toContain('黄冈市测试局乙');
    expect(row).toContain('发布员、审核员');
    expect(await count(t, 'audit_log')).toBe(auditBefore + 1);
    const entry = await lastAudit(t);
    expect(entry.action).toBe('user_created');
    expect(entry.actor_user_id).toBe(adminId);
    expect(entry.department_id).toBe(depB);
    expect(entry.summary).not.toContain(NEW_PASSWORD);
    expect((await new Browser(t.app).login('zhang.san', NEW_PASSWORD)).statusCode).toBe(303);
  });

  it('rejects bad input with an error summary, keeps what was typed, and saves nothing', async () => {
    await makeUser(t, { username: 'taken.name', departmentId: depA });
    const users = await count(t, 'users');
    const audit = await count(t, 'audit_log');
    const roles = await count(t, 'user_roles');

    const dup = await admin.post('/console/users/new', {
      username: 'taken.name',
      displayName: '<b>李四</b>',
      departmentId: String(depA),
      roles: ['publisher'],
      password: 'Secret-Passw0rd-9',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('data-testid="error-summary"');
    expect(dup.body).toContain('该用户名已被使用');
    expect(dup.body).toContain('href="#f-username"');
    expect(dup.body).toContain('value="&lt;b&gt;李四&lt;/b&gt;"');
    expect(dup.body).not.toContain('<b>李四</b>');
    expect(dup.body).not.toContain('Secret-Passw0rd-9');

    const weak = await admin.post('/console/users/new', {
      username: 'li.si',
      displayName: '李四',
      departmentId: String(depA),
      roles: ['reviewer'],
      password: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('密码至少 10 个字符');
    expect(weak.body).toContain('value="li.si"');
    // The role the admin ticked stays ticked.
    expect(weak.body).toMatch(/value="reviewer"\s+checked/);

    const noRole = await admin.post('/console/users/new', {
      username: 'wang.wu',
      displayName: '王五',
      departmentId: String(depA),
      password: 'Secret-Passw0rd-9',
    });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.body).toContain('请至少选择一个角色');

    const noDepartment = await admin.post('/console/users/new', {
      username: 'zhao.liu',
      displayName: '',
      departmentId: '999999',
      roles: ['nonsense'],
      password: 'Secret-Passw0rd-9',
    });
    expect(noDepartment.statusCode).toBe(400);
    expect(noDepartment.body).toContain('请填写姓名');
    expect(noDepartment.body).toContain('所属单位不存在或已停用');
    expect(noDepartment.body).toContain('角色无效');

    expect(await count(t, 'users')).toBe(users);
    expect(await count(t, 'user_roles')).toBe(roles);
    expect(await count(t, 'audit_log')).toBe(audit);
  });

  it('edits roles and department, audited with before and after', async () => {
    const u = await makeUser(t, { roles: ['publisher'], departmentId: depA });
    const form = await admin.get(`/console/users/${u.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(u.username);
    const res = await admin.post(`/console/users/${u.id}/edit`, {
      displayName: '改名后的用户',
      departmentId: String(depB),
      roles: ['reviewer', 'request_officer'],
      active: '1',
      password: '',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/users?notice=updated');
    const stored = await getUser(t.db.kysely, u.id);
    expect(stored.displayName).toBe('改名后的用户');
    expect(stored.departmentId).toBe(depB);
    expect([...stored.roles].sort()).toEqual(['request_officer', 'reviewer']);
    expect(stored.active).toBe(true);
    const entry = await lastAudit(t);
    expect(entry.action).toBe('user_updated');
    expect(entry.entity_id).toBe(String(u.id));
    expect(JSON.parse(entry.summary)).toMatchObject({
      before: { roles: ['publisher'], departmentId: depA },
      after: { departmentId: depB, active: true },
      passwordReset: false,
    });
    // The user keeps their password.
    expect((await login(t.db.kysely, u.username, u.password)).ok).toBe(true);
  });

  it('re-renders the edit form on bad input without saving', async () => {
    const u = await makeUser(t, { roles: ['publisher'], departmentId: depA });
    const audit = await count(t, 'audit_log');
    const res = await admin.post(`/console/users/${u.id}/edit`, {
      displayName: '新名字',
      departmentId: String(depA),
      active: '1',
      password: 'weakpassword',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('请至少选择一个角色');
    expect(res.body).toContain('密码须包含大写字母、小写字母、数字、符号中的至少三类');
    expect(res.body).toContain('value="新名字"');
    expect(res.body).not.toContain('weakpassword');
    const stored = await getUser(t.db.kysely, u.id);
    expect(stored.displayName).not.toBe('新名字');
    expect(stored.roles).toEqual(['publisher']);
    expect(await count(t, 'audit_log')).toBe(audit);
  });

  it('deactivating a user ends their session and stops them signing in', async () => {
    const u = await makeUser(t, { roles: ['publisher'], departmentId: depA });
    const victim = await signedIn(t, u.username);
    expect((await victim.get('/console')).statusCode).toBe(200);
    const res = await admin.post(`/console/users/${u.id}/edit`, {
      displayName: '停用的用户',
      departmentId: String(depA),
      roles: ['publisher'],
      password: '',
    });
    expect(res.statusCode).toBe(303);
    expect((await getUser(t.db.kysely, u.id)).active).toBe(false);
    const after = await victim.get('/console');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain('/console/login');
    expect(await login(t.db.kysely, u.username, u.password)).toMatchObject({ ok: false, reason: 'invalid' });
    const list = await admin.get(`/console/users?department=${depA}`);
    const row = new RegExp(`data-testid="user-row-${u.username}">([\\s\\S]*?)</tr>`).exec(list.body)?.[1];
    expect(row).toContain('已停用');
  });

  it('an admin cannot deactivate themself', async () => {
    const res = await admin.post(`/console/users/${adminId}/edit`, {
      displayName: '管理员',
      departmentId: String(depA),
      roles: ['admin'],
      password: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('不能停用自己的账号');
    expect((await getUser(t.db.kysely, adminId)).active).toBe(true);
  });

  it('unlocks a locked account (audited), and a new password also lifts the lock', async () => {
    const u = await makeUser(t, { roles: ['publisher'], departmentId: depB });
    await lockOut(t, u.username);
    const list = await admin.get(`/console/users?department=${depB}`);
    expect(list.body).toMatch(
      new RegExp(`data-testid="user-row-${u.username}">[\\s\\S]*?已锁定至 \\d{4}/\\d{2}/\\d{2}`),
    );
    const page = await admin.get(`/console/users/${u.id}/edit`);
    expect(page.body).toContain('data-testid="locked"');
    const res = await admin.post(
      `/console/users/${u.id}/unlock`,
      {},
      { csrfFrom: `/console/users/${u.id}/edit` },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/console/users/${u.id}/edit?notice=unlocked`);
    const entry = await lastAudit(t);
    expect(entry.action).toBe('user_unlocked');
    expect(entry.entity_id).toBe(String(u.id));
    const after = await admin.get(res.headers.location ?? '');
    expect(after.body).toContain('已解除该账号的登录锁定');
    expect(after.body).not.toContain('data-testid="locked"');
    expect((await login(t.db.kysely, u.username, u.password)).ok).toBe(true);

    // Unlocking an account that is not locked changes nothing and writes no audit entry.
    const audit = await count(t, 'audit_log');
    const again = await admin.post(`/console/users/${u.id}/unlock`, {}, { csrfFrom: '/console/users' });
    expect(again.headers.location).toBe(`/console/users/${u.id}/edit?notice=not_locked`);
    expect(await count(t, 'audit_log')).toBe(audit);

    // A password reset by the admin lifts a lockout and ends the user's sessions.
    const other = await signedIn(t, u.username);
    await lockOut(t, u.username);
    const reset = await admin.post(`/console/users/${u.id}/edit`, {
      displayName: '重设密码的用户',
      departmentId: String(depB),
      roles: ['publisher'],
      active: '1',
      password: NEW_PASSWORD,
    });
    expect(reset.statusCode).toBe(303);
    expect((await other.get('/console')).statusCode).toBe(303);
    expect((await login(t.db.kysely, u.username, NEW_PASSWORD)).ok).toBe(true);
  });

  it('filters by department and pages through long lists', async () => {
    const depC = await makeDepartment(t, '黄冈市分页测试局');
    await makeUser(t, { username: 'only.in.c', departmentId: depC });
    const filtered = await admin.get(`/console/users?department=${depC}`);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('only.in.c');
    expect(filtered.body).not.toContain('root.admin');
    expect(filtered.body).toContain('用户列表（共 1 人）');
    const all = await admin.get('/console/users');
    expect(all.body).toContain('root.admin');
    expect(all.body).toContain('only.in.c');
    // Fewer than one page: no page navigation; a page past the end shows an empty list.
    expect(all.body).not.toContain('data-testid="pagination"');
    const past = await admin.get('/console/users?page=9');
    expect(past.statusCode).toBe(200);
    expect(past.body).toContain('没有符合条件的用户');
  });

  it('shows 404 for an unknown user', async () => {
    expect((await admin.get('/console/users/999999/edit')).statusCode).toBe(404);
  });

  it('refuses non-admins with 403 and saves nothing', async () => {
    for (const role of ['publisher', 'supervisor'] as const) {
      const u = await makeUser(t, { roles: [role], departmentId: depA });
      const b = await signedIn(t, u.username);
      expect((await b.get('/console/users')).statusCode).toBe(403);
      expect((await b.get('/console/users/new')).statusCode).toBe(403);
      expect((await b.get(`/console/users/${u.id}/edit`)).statusCode).toBe(403);
      const users = await count(t, 'users');
      const res = await b.post(
        '/console/users/new',
        {
          username: `sneaky.${role}`,
          displayName: '越权',
          departmentId: String(depA),
          roles: ['admin'],
          password: NEW_PASSWORD,
        },
        { csrfFrom: '/console' },
      );
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('您没有执行此操作的权限');
      const promote = await b.post(
        `/console/users/${u.id}/edit`,
        { displayName: '越权', departmentId: String(depA), roles: ['admin'], active: '1' },
        { csrfFrom: '/console' },
      );
      expect(promote.statusCode).toBe(403);
      expect(await count(t, 'users')).toBe(users);
      expect((await getUser(t.db.kysely, u.id)).roles).toEqual([role]);
      // The console navigation does not offer the page either.
      expect((await b.get('/console')).body).not.toContain('href="/console/users"');
    }
  });
});

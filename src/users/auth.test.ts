import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeUser, TEST_PASSWORD, type TestApp } from '../../test/helpers/app.js';
import { MAX_FAILED_LOGINS } from './users.types.js';

describe('sign-in, sessions, CSRF and permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('signs in with the right password and reaches the console', async () => {
    const u = await makeUser(t, { roles: ['publisher'] });
    const b = new Browser(t.app);
    const res = await b.login(u.username, u.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console');
    const cookie = res.cookies.find((c) => c.name === 'gk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const home = await b.get('/console');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('工作台');
  });

  it('rejects a wrong password with a Chinese message and no session', async () => {
    const u = await makeUser(t);
    const b = new Browser(t.app);
    const res = await b.login(u.username, 'wrong-password');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码不正确');
    expect(b.cookies.has('gk_session')).toBe(false);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const u = await makeUser(t);
    const b = new Browser(t.app);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++)
      expect((await b.login(u.username, 'nope')).statusCode).toBe(401);
    expect((await b.login(u.username, 'nope')).statusCode).toBe(423);
    const res = await b.login(u.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(423);
    expect(res.body).toContain('账号已临时锁定');
  });

  it('refuses a form post without a valid CSRF token and changes nothing', async () => {
    const u = await makeUser(t);
    const b = new Browser(t.app);
    await b.get('/console/login');
    const res = await b.post(
      '/console/login',
      { username: u.username, password: u.password },
      { csrf: 'forged' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('页面已过期或来源无法验证');
    expect(b.cookies.has('gk_session')).toBe(false);
    const none = await b.post(
      '/console/login',
      { username: u.username, password: u.password },
      { csrf: null },
    );
    expect(none.statusCode).toBe(403);
  });

  it('sends anonymous visitors of the console to the sign-in page, and API callers get 401 JSON', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/console/account' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/console/login?next=%2Fconsole%2Faccount');
  });

  it('logs out: the old session cookie no longer works', async () => {
    const u = await makeUser(t);
    const b = new Browser(t.app);
    await b.login(u.username, u.password);
    const token = b.cookies.get('gk_session');
    expect(token).toBeTruthy();
    const out = await b.post('/console/logout', {}, { csrfFrom: '/console' });
    expect(out.statusCode).toBe(303);
    const again = await t.app.inject({
      method: 'GET',
      url: '/console',
      headers: { cookie: `gk_session=${token}` },
    });
    expect(again.statusCode).toBe(303);
  });

  it('changes the password with validation and ends other sessions', async () => {
    const u = await makeUser(t);
    const a = new Browser(t.app);
    const other = new Browser(t.app);
    await a.login(u.username, u.password);
    await other.login(u.username, u.password);
    const bad = await a.post(
      '/console/account/password',
      { current: u.password, next: 'short', confirm: 'short' },
      { csrfFrom: '/console/account' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('密码至少 10 个字符');
    const good = await a.post(
      '/console/account/password',
      { current: u.password, next: 'New-Passw0rd-2026', confirm: 'New-Passw0rd-2026' },
      { csrfFrom: '/console/account' },
    );
    expect(good.statusCode).toBe(303);
    expect((await a.get('/console')).statusCode).toBe(200);
    expect((await other.get('/console')).statusCode).toBe(303);
    expect((await new Browser(t.app).login(u.username, 'New-Passw0rd-2026')).statusCode).toBe(303);
  });

  it('issues an API token shown once that authenticates Bearer calls', async () => {
    const u = await makeUser(t);
    const b = new Browser(t.app);
    await b.login(u.username, u.password);
    const res = await b.post(
      '/console/account/tokens',
      { name: '对接办公系统' },
      { csrfFrom: '/console/account' },
    );
    expect(res.statusCode).toBe(200);
    const token = /data-testid="new-token">([^<]+)</.exec(res.body)?.[1];
    expect(token).toMatch(/^gk_/);
    const page = await b.get('/console/account');
    expect(page.body).not.toContain(token);
  });
});

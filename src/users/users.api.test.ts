import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeUser, type TestApp } from '../../test/helpers/app.js';
import { createApiToken, getUser, login, revokeApiToken } from './users.service.js';

describe('staff API tokens on the JSON API', () => {
  let t: TestApp;
  let user: Awaited<ReturnType<typeof makeUser>>;
  let token: string;

  const me = (authorization?: string) =>
    t.app.inject({ method: 'GET', url: '/api/v1/me', headers: authorization ? { authorization } : {} });

  beforeAll(async () => {
    t = await buildTestApp();
    user = await makeUser(t, { roles: ['reviewer', 'request_officer'] });
    const created = await createApiToken(t.db.kysely, await getUser(t.db.kysely, user.id), '对接办公系统');
    if (!created.ok) throw new Error('token not created');
    token = created.value.token;
  });
  afterAll(async () => t.close());

  it('authenticates a staff-only endpoint with Authorization: Bearer', async () => {
    const res = await me(`Bearer ${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({
      id: user.id,
      username: user.username,
      displayName: expect.any(String),
      departmentId: user.departmentId,
      roles: expect.arrayContaining(['reviewer', 'request_officer']),
    });
    // The response schema sends only the declared fields (no password hash, no lockout state).
    expect(Object.keys(res.json()).sort()).toEqual([
      'departmentId',
      'displayName',
      'id',
      'roles',
      'username',
    ]);
    const used = await t.db.kysely
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).not.toBeNull();
  });

  it('answers 401 JSON for a missing, malformed or unknown token, and ignores session cookies', async () => {
    for (const header of [
      undefined,
      'Bearer',
      `Basic ${token}`,
      'Bearer gk_not-a-real-token',
      `Bearer ${token}x`,
    ]) {
      const res = await me(header);
      expect(res.statusCode, String(header)).toBe(401);
      expect(res.json(), String(header)).toEqual({
        error: { code: 'unauthorized', message: '需要有效的 API 令牌（Authorization: Bearer …）。' },
      });
    }
    // The API never authenticates with the console's cookie (that would make it open to CSRF).
    const session = await login(t.db.kysely, user.username, user.password);
    if (!session.ok) throw new Error(session.message);
    const withCookie = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `gk_session=${session.sessionToken}` },
    });
    expect(withCookie.statusCode).toBe(401);
  });

  it('stops accepting a token once it is revoked, or once its user is deactivated', async () => {
    const owner = await getUser(t.db.kysely, user.id);
    const second = await createApiToken(t.db.kysely, owner, '临时');
    if (!second.ok) throw new Error('token not created');
    expect((await me(`Bearer ${second.value.token}`)).statusCode).toBe(200);
    await revokeApiToken(t.db.kysely, owner, second.value.id);
    const revoked = await me(`Bearer ${second.value.token}`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ error: { code: 'unauthorized' } });
    // The other token still works.
    expect((await me(`Bearer ${token}`)).statusCode).toBe(200);

    await t.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', user.id).execute();
    expect((await me(`Bearer ${token}`)).statusCode).toBe(401);
  });
});

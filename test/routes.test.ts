// Walks every route the built app registers: each declares a permission, anonymous callers are
// refused on every non-public route, and a publisher is refused on every admin/supervisor route.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  declaredRoutes,
  MissingPermissionError,
  registerAuth,
  type DeclaredRoute,
} from '../src/http/auth.js';
import type { App } from '../src/http/app-types.js';
import { PERMISSIONS, type Permission } from '../src/users/roles.js';
import { createApiToken, getUser, login } from '../src/users/users.service.js';
import { Browser, buildTestApp, csrfFromHtml, makeUser, TEST_PASSWORD, type TestApp } from './helpers/app.js';

/** Values for path parameters that pass the usual schemas (the resource itself need not exist). */
const SAMPLE_PARAMS: Readonly<Record<string, string>> = {
  date: '2024-10-08',
  from: '2024-10-08',
  to: '2024-10-09',
  year: '2024',
};

function concreteUrl(url: string): string {
  return url
    .replace(/:(\w+)(\([^)]*\))?/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? '1')
    .replace(/\*$/, 'x');
}

const ADMIN_OR_SUPERVISOR: readonly Permission[] = [
  'orgs.manage',
  'users.manage',
  'calendar.manage',
  'audit.read',
];

async function auditCount(t: TestApp): Promise<number> {
  const row = await t.db.kysely
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function label(r: DeclaredRoute): string {
  return `${r.method} ${r.url} (${r.permission})`;
}

describe('every route declares a permission and is guarded', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];

  beforeAll(async () => {
    t = await buildTestApp();
    // HEAD routes are Fastify's automatic twins of the GET routes (same config, same hooks).
    routes = declaredRoutes(t.app).filter((r) => r.method !== 'HEAD');
  });
  afterAll(async () => t.close());

  it('collects the whole route table', () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    for (const known of [
      'GET /healthz',
      'GET /console/login',
      'POST /console/login',
      'GET /console',
      'GET /console/users',
      'POST /console/users/new',
      'GET /console/audit',
      'GET /console/audit/verify',
      'GET /api/v1/me',
    ]) {
      expect(urls).toContain(known);
    }
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('each route declares one of PERMISSIONS', () => {
    for (const r of routes) expect(PERMISSIONS, label(r)).toContain(r.permission);
  });

  it('refuses to register a route without a valid permission', async () => {
    const bare = (): App => {
      const app: App = Fastify().withTypeProvider<TypeBoxTypeProvider>();
      registerAuth(app);
      return app;
    };
    const missing = bare();
    expect(() => missing.get('/unguarded', async () => 'open')).toThrow(MissingPermissionError);
    await missing.close();

    const wrong = bare();
    expect(() =>
      // @ts-expect-error: 'root' is not a Permission; the hook must catch it at run time too.
      wrong.get('/wrong', { config: { permission: 'root' } }, async () => 'open'),
    ).toThrow(/declares no valid config.permission/);
    await wrong.close();

    // A route that declares one registers fine (so the failures above are about the permission).
    const fine = bare();
    fine.get('/fine', { config: { permission: 'public' } }, async () => 'ok');
    await fine.ready();
    expect(declaredRoutes(fine).map((r) => `${r.method} ${r.url}`)).toContain('GET /fine');
    await fine.close();
  });

  it('refuses anonymous callers on every non-public route, before doing anything', async () => {
    const before = await auditCount(t);
    const guarded = routes.filter((r) => r.permission !== 'public');
    expect(guarded.length).toBeGreaterThan(5);
    for (const r of guarded) {
      const url = concreteUrl(r.url);
      const api = url.startsWith('/api/');
      const res = await t.app.inject({
        method: r.method as 'GET',
        url,
        ...(r.method === 'GET'
          ? {}
          : api
            ? { payload: {} }
            : { payload: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      });
      if (api) {
        expect(res.statusCode, label(r)).toBe(401);
        expect(res.json(), label(r)).toMatchObject({ error: { code: 'unauthorized' } });
      } else if (r.method === 'GET') {
        expect(res.statusCode, label(r)).toBe(303);
        expect(res.headers.location, label(r)).toBe(`/console/login?next=${encodeURIComponent(url)}`);
      } else {
        // Form posts: the CSRF check comes first, whoever is calling.
        expect(res.statusCode, label(r)).toBe(403);
        expect(res.body, label(r)).toContain('页面已过期或来源无法验证');
      }
    }
    expect(await auditCount(t)).toBe(before);
  });

  it('serves public pages to anonymous visitors without asking them to sign in', async () => {
    for (const r of routes.filter((x) => x.permission === 'public' && x.method === 'GET')) {
      const res = await t.app.inject({ method: 'GET', url: concreteUrl(r.url) });
      expect(res.statusCode, label(r)).toBeLessThan(500);
      expect([401, 403], label(r)).not.toContain(res.statusCode);
      expect(res.headers.location ?? '', label(r)).not.toMatch(/^\/console\/login/);
    }
  });

  it('refuses a signed-in publisher (403) on every route for admins or supervisors', async () => {
    const u = await makeUser(t, { roles: ['publisher'] });
    // Sign in through the service: the form's rate limit is per address and shared by this file.
    const session = await login(t.db.kysely, u.username, TEST_PASSWORD);
    if (!session.ok) throw new Error(session.message);
    const b = new Browser(t.app);
    b.cookies.set('gk_session', session.sessionToken);
    const csrf = csrfFromHtml((await b.get('/console')).body);
    const token = await createApiToken(t.db.kysely, await getUser(t.db.kysely, u.id), '测试');
    if (!token.ok) throw new Error('no token');

    const before = await auditCount(t);
    const restricted = routes.filter((r) => ADMIN_OR_SUPERVISOR.includes(r.permission));
    expect(restricted.some((r) => r.permission === 'users.manage')).toBe(true);
    expect(restricted.some((r) => r.permission === 'audit.read')).toBe(true);
    for (const r of restricted) {
      const url = concreteUrl(r.url);
      if (url.startsWith('/api/')) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          headers: { authorization: `Bearer ${token.value.token}` },
          ...(r.method === 'GET' ? {} : { payload: {} }),
        });
        expect(res.statusCode, label(r)).toBe(403);
        expect(res.json(), label(r)).toMatchObject({ error: { code: 'forbidden' } });
      } else if (r.method === 'GET') {
        const res = await b.get(url);
        expect(res.statusCode, label(r)).toBe(403);
        expect(res.body, label(r)).toContain('您没有执行此操作的权限');
      } else {
        const res = await t.app.inject({
          method: r.method as 'POST',
          url,
          headers: {
            cookie: `gk_session=${session.sessionToken}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams({ _csrf: csrf }).toString(),
        });
        expect(res.statusCode, label(r)).toBe(403);
        expect(res.body, label(r)).toContain('您没有执行此操作的权限');
      }
    }
    expect(await auditCount(t)).toBe(before);
  });
});

// Builds the whole app on a fresh test database, plus helpers to act as a browser would:
// keep cookies, read the CSRF token from a page, sign in.
import type { LightMyRequestResponse } from 'fastify';
import type { LogEvent } from 'kysely';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/database.js';
import type { App } from '../../src/http/app-types.js';
import { SYSTEM_ACTOR } from '../../src/audit/audit.types.js';
import { createDepartment } from '../../src/orgs/orgs.service.js';
import { createUser } from '../../src/users/users.service.js';
import type { Role } from '../../src/users/roles.js';
import { demoCreditCode } from '../../src/demo/demo-departments.js';
import { createTestDb } from './db.js';

export const TEST_PASSWORD = 'Test-Passw0rd!';

export interface TestApp {
  app: App;
  db: Db;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(
  env: Record<string, string> = {},
  options: { onQuery?: (event: LogEvent) => void } = {},
): Promise<TestApp> {
  const db = await createTestDb(options.onQuery ? { onQuery: options.onQuery } : {});
  const config = loadConfig({ DEMO_DATA: 'off', ...env }, { persistSecret: false });
  const app = await buildApp({ db, config });
  await app.ready();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}

let serial = 1000;

/** Creates a department (with a valid made-up credit code) and returns its id. */
export async function makeDepartment(t: { db: Db }, fullName = `测试机构${++serial}`): Promise<number> {
  const result = await createDepartment(t.db.kysely, SYSTEM_ACTOR, {
    fullName,
    shortName: '',
    kind: 'city_department',
    creditCode: demoCreditCode(++serial),
    parentId: undefined,
    address: '',
    officeHours: '',
    phone: '',
    email: '',
    guideText: '',
    functionsText: '',
    sortOrder: undefined,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.value;
}

/** Creates a user (and a department for them when none is given). */
export async function makeUser(
  t: TestApp,
  opts: { username?: string; roles?: Role[]; departmentId?: number; password?: string } = {},
): Promise<{ id: number; username: string; password: string; departmentId: number }> {
  const departmentId = opts.departmentId ?? (await makeDepartment(t));
  const username = opts.username ?? `user${++serial}`;
  const password = opts.password ?? TEST_PASSWORD;
  const result = await createUser(
    t.db.kysely,
    SYSTEM_ACTOR,
    { username, displayName: `用户${serial}`, departmentId, roles: opts.roles ?? ['publisher'], password },
    async () => true,
  );
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return { id: result.value, username, password, departmentId };
}

/** A cookie-keeping client over app.inject(), like a browser. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly app: App) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0)
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader() } });
    this.keep(res);
    return res;
  }

  /** Posts a form; `csrfFrom` is the page whose form token to use (default: fetch `url`'s page). */
  async post(
    url: string,
    form: Record<string, string | string[]>,
    opts: { csrfFrom?: string; csrf?: string | null } = {},
  ) {
    let token = opts.csrf;
    if (token === undefined) {
      const page = await this.get(opts.csrfFrom ?? url);
      token = csrfFromHtml(page.body);
    }
    const params = new URLSearchParams();
    if (token !== null) params.append('_csrf', token);
    for (const [k, v] of Object.entries(form))
      for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    });
    this.keep(res);
    return res;
  }

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    return this.post('/console/login', { username, password }, { csrfFrom: '/console/login' });
  }
}

export function csrfFromHtml(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  if (!m?.[1]) throw new Error('no CSRF token on the page');
  return m[1];
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Db } from '../db/database.js';
import type { App } from '../http/app-types.js';
import { createTestDb } from '../../test/helpers/db.js';

describe('operations and error pages', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp({ db, config: loadConfig({ DEMO_DATA: 'off' }, { persistSecret: false }) });
    app.get('/boom', { config: { permission: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/app.ts:42');
    });
    app.get('/api/v1/boom', { config: { permission: 'public' } }, async () => {
      throw new Error('secret internal detail at /srv/app.ts:42');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('answers the liveness and readiness probes', async () => {
    const live = await app.inject('/healthz');
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', database: db.dialect });
  });

  it('shows a Chinese 404 page, and JSON 404 under /api', async () => {
    const page = await app.inject('/no/such/page');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('页面不存在');
    expect(page.body).toContain('lang="zh-CN"');
    const api = await app.inject('/api/v1/no-such-thing');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('never shows a stack trace or internal message on a 500', async () => {
    const page = await app.inject('/boom');
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain('系统暂时出现问题');
    expect(page.body).not.toContain('secret internal detail');
    expect(page.body).not.toMatch(/at .*\.ts:\d+/);
    const api = await app.inject('/api/v1/boom');
    expect(api.statusCode).toBe(500);
    expect(api.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
    expect(api.body).not.toContain('secret internal detail');
  });

  it('rejects oversized bodies and unknown form fields with a clear error', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=' + 'a'.repeat(2 * 1024 * 1024),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('提交的内容超过了大小限制');
  });

  it('sends security headers on pages', async () => {
    const res = await app.inject('/');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

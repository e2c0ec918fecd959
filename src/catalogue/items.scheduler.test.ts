import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { App } from '../http/app-types.js';
import { makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makeApprovedItem } from '../../test/helpers/catalogue.js';
import { createTestDb } from '../../test/helpers/db.js';
import { catalogueSettings } from './items.access.js';
import { publishItem } from './items.publish.js';
import { startPublicationScheduler } from './items.scheduler.js';

describe('the in-process publication scheduler', () => {
  let t: TestApp;
  let app: App;
  beforeAll(async () => {
    const db = await createTestDb();
    const config = loadConfig({ DEMO_DATA: 'off' }, { persistSecret: false });
    app = await buildApp({ db, config });
    startPublicationScheduler(app, 100);
    await app.ready();
    t = { app, db, config, close: async () => {} };
  });
  afterAll(async () => {
    await app.close();
    await t.db.close();
  });

  it('publishes a scheduled item once it is due, and stops with the app', async () => {
    const dept = await makeDepartment(t);
    const item = await makeApprovedItem(t, { departmentId: dept, title: '一秒后定时发布的通知' });
    const at = new Date(Date.now() + 1000).toISOString();
    expect(
      (
        await publishItem(t.db.kysely, catalogueSettings(t.config), item.author, item.itemId, {
          scheduledAt: at,
        })
      ).ok,
    ).toBe(true);
    const status = async () =>
      (
        await t.db.kysely
          .selectFrom('items')
          .select('status')
          .where('id', '=', item.itemId)
          .executeTakeFirstOrThrow()
      ).status;
    expect(await status()).toBe('scheduled');
    const deadline = Date.now() + 5000;
    while ((await status()) !== 'published' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await status()).toBe('published');
    const row = await t.db.kysely
      .selectFrom('public_items')
      .select('published_at')
      .where('item_id', '=', item.itemId)
      .executeTakeFirst();
    expect(row?.published_at).toBe(at);
  });
});

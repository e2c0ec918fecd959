import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../db/database.js';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makeApprovedItem, makePublishedItem, staffOf } from '../../test/helpers/catalogue.js';
import { testDatabaseUrl } from '../../test/helpers/db.js';
import { DEFAULT_CATALOGUE_SETTINGS } from './items.access.js';
import { publishItem } from './items.publish.js';

describe('publication: 索引号, versions and the public projection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  it('publishes an approved item with a 索引号 {credit code}/{year}-{serial}, a version and a public row', async () => {
    const departmentId = await makeDepartment(t);
    const dept = await t.db.kysely
      .selectFrom('departments')
      .select('credit_code')
      .where('id', '=', departmentId)
      .executeTakeFirstOrThrow();
    const first = await makePublishedItem(t, {
      departmentId,
      title: '关于做好2024年春季防汛工作的通知',
      body: '各乡镇人民政府：\n**请认真做好**防汛准备。<script>alert(1)</script>',
      publishedAt: '2024-04-01T02:00:00.000Z',
    });
    expect(first.indexNumber).toBe(`${dept.credit_code}/2024-00001`);
    const second = await makePublishedItem(t, {
      departmentId,
      title: '第二条信息的名称',
      body: '正文',
      publishedAt: '2024-04-02T02:00:00.000Z',
    });
    expect(second.indexNumber).toBe(`${dept.credit_code}/2024-00002`);

    const row = await t.db.kysely
      .selectFrom('public_items')
      .selectAll()
      .where('item_id', '=', first.itemId)
      .executeTakeFirstOrThrow();
    expect(row.published_date).toBe('2024-04-01');
    expect(row.year).toBe(2024);
    expect(row.version).toBe(1);
    expect(row.body_html).toContain('<strong>请认真做好</strong>');
    expect(row.body_html).not.toContain('<script');
    const versions = await t.db.kysely
      .selectFrom('item_versions')
      .selectAll()
      .where('item_id', '=', first.itemId)
      .execute();
    expect(versions.map((v) => [v.version, v.change_note])).toEqual([[1, '首次发布']]);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'item')
      .where('entity_id', '=', String(first.itemId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'item_created',
      'item_submitted',
      'item_approved',
      'item_published',
    ]);
  });

  it('refuses to publish an item that has not been approved', async () => {
    const departmentId = await makeDepartment(t);
    const publisher = await staffOf(t, departmentId, 'publisher');
    const { createDraft, EMPTY_ITEM_INPUT } = await import('./items.service.js');
    const draft = await createDraft(t.db.kysely, publisher, {
      ...EMPTY_ITEM_INPUT,
      title: '未审核的信息',
      category: 'notice',
      body: 'x',
    });
    if (!draft.ok) throw new Error('draft');
    const result = await publishItem(t.db.kysely, DEFAULT_CATALOGUE_SETTINGS, publisher, draft.value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('须先经审核通过');
    const pub = await t.db.kysely
      .selectFrom('public_items')
      .select('item_id')
      .where('item_id', '=', draft.value)
      .execute();
    expect(pub).toEqual([]);
  });

  it('never gives two concurrent publications in one department the same 索引号', async () => {
    const departmentId = await makeDepartment(t);
    const items = [];
    for (let i = 0; i < 8; i++)
      items.push(await makeApprovedItem(t, { departmentId, title: `并发发布${i}号信息` }));
    const url = testDatabaseUrl();
    // On PostgreSQL: two independent connection pools publishing at the same time.
    const pools = url
      ? await (async () => {
          const schema = await t.db.kysely
            .selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s'))
            .executeTakeFirstOrThrow();
          return [0, 1].map(() => createDb({ databaseUrl: url, pgSchema: schema.s, poolSize: 4 }));
        })()
      : [t.db, t.db];
    try {
      const results = await Promise.all(
        items.map((it, i) =>
          publishItem(pools[i % 2]!.kysely, DEFAULT_CATALOGUE_SETTINGS, it.author, it.itemId),
        ),
      );
      const numbers = results.map((r) => (r.ok ? r.value.indexNumber : `failed ${JSON.stringify(r)}`));
      expect(new Set(numbers).size).toBe(items.length);
      const serials = numbers.map((n) => Number(n?.slice(-5))).sort((a, b) => a - b);
      expect(serials).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    } finally {
      if (url) for (const p of pools) await p.close();
    }
  });
});

// The background indexer: an import that leaves the index to it (the command's default) makes its
// items browsable at once and findable once a pass has run; the search page says how many are
// still waiting meanwhile.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { createTestDb } from '../../test/helpers/db.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { catalogueSettings } from '../catalogue/items.access.js';
import { importItemsFromFile } from '../catalogue/items.import.js';
import { indexBacklog, runIndexerPass, startSearchIndexer } from './search.indexer.js';
import { searchPublic } from './search.service.js';

const dir = mkdtempSync(join(tmpdir(), 'gk-indexer-'));

describe('background indexer', () => {
  let t: TestApp;
  let deptName: string;
  beforeAll(async () => {
    t = await buildTestApp();
    deptName = `黄冈市后台索引测试局${Date.now() % 100000}`;
    await makeDepartment(t, deptName);
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const find = async (q: string) =>
    (await searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 20 })).hits.map(
      (h) => h.title,
    );

  it('leaves an import unsearchable until a pass indexes it, shows the backlog meanwhile, then finds every item', async () => {
    const file = join(dir, 'later.jsonl');
    const titles = Array.from({ length: 7 }, (_, i) => `关于推进蕲春艾草产业发展的通知（第${i + 1}号）`);
    writeFileSync(
      file,
      titles
        .map((title, i) =>
          JSON.stringify({
            title,
            issuer: deptName,
            doc_number: `蕲艾发〔2024〕${i + 1}号`,
            date: '2024-03-01',
            body: `蕲春艾草产业园第${i + 1}期建设安排。`,
          }),
        )
        .join('\n'),
    );
    const report = await importItemsFromFile(t.db.kysely, file, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
      index: false,
    });
    expect(report).toMatchObject({ imported: 7, waitedForIndex: false, indexed: 0 });

    // Browsable at once: the item page answers.
    const row = await t.db.kysely
      .selectFrom('public_items')
      .select('item_id')
      .where('title', '=', titles[0]!)
      .executeTakeFirstOrThrow();
    const page = await t.app.inject({ url: `/xxgk/items/${row.item_id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(titles[0]);
    // Not findable yet.
    expect(await find('蕲春艾草')).toEqual([]);

    // A pass in batches of 3: after each batch, the backlog is what is left.
    const backlogAfterBatch: number[] = [];
    const indexed = await runIndexerPass(t.db.kysely, {
      batchSize: 3,
      quickCheck: true, // fewer index rows than public items: it goes on to index them
      shouldStop: () => {
        backlogAfterBatch.push(indexBacklog(t.db.kysely));
        return false;
      },
    });
    expect(indexed).toBe(7);
    expect(backlogAfterBatch).toEqual([4, 1, 0]);
    expect(indexBacklog(t.db.kysely)).toBe(0);
    expect((await find('蕲春艾草')).sort()).toEqual([...titles].sort());

    // Nothing left: a second pass indexes nothing, with or without the quick check.
    expect(await runIndexerPass(t.db.kysely)).toBe(0);
    expect(await runIndexerPass(t.db.kysely, { quickCheck: true })).toBe(0);
  });

  it('runs by itself in the server: an import is findable a moment later, without anyone asking', async () => {
    // An app of its own, as the server builds it: the indexer is started before the app is ready.
    const db = await createTestDb();
    const config = loadConfig({ DEMO_DATA: 'off' }, { persistSecret: false });
    const app = await buildApp({ db, config });
    startSearchIndexer(app, 20);
    await app.ready();
    const own: TestApp = { app, db, config, close: async () => {} };
    try {
      const name = `黄冈市浠水县水利局${Date.now() % 100000}`;
      await makeDepartment(own, name);
      const file = join(dir, 'server.jsonl');
      writeFileSync(
        file,
        [1, 2, 3]
          .map((i) =>
            JSON.stringify({
              title: `浠水县巴河治理公告${i}`,
              issuer: name,
              doc_number: null,
              date: null,
              body: '河',
            }),
          )
          .join('\n'),
      );
      await importItemsFromFile(db.kysely, file, {
        settings: catalogueSettings(config),
        actor: SYSTEM_ACTOR,
        defaultDepartment: name,
        index: false,
      });
      const found = async () =>
        (await searchPublic(db.kysely, { q: '巴河治理', sort: 'relevance', page: 1, pageSize: 20 })).total;
      const deadline = Date.now() + 10_000;
      while ((await found()) < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await found()).toBe(3);
    } finally {
      await app.close();
      await db.close();
    }
  });

  it('says on the search page how many items are still being indexed, and nothing when none are', async () => {
    const file = join(dir, 'notice.jsonl');
    writeFileSync(
      file,
      [1, 2]
        .map((i) =>
          JSON.stringify({
            title: `英山云雾茶产业通知${i}`,
            issuer: deptName,
            doc_number: null,
            date: null,
            body: '茶',
          }),
        )
        .join('\n'),
    );
    await importItemsFromFile(t.db.kysely, file, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
      index: false,
    });
    // Stop after the first batch, with one item left (as when the server closes mid-pass).
    await runIndexerPass(t.db.kysely, { batchSize: 1, shouldStop: () => true });
    const notice = (await t.app.inject({ url: '/search?q=%E8%8B%B1%E5%B1%B1' })).body;
    expect(notice).toMatch(/data-testid="index-backlog"[^>]*>\s*另有 1 条新导入的信息正在建立检索索引/);
    await runIndexerPass(t.db.kysely);
    const after = (await t.app.inject({ url: '/search?q=%E8%8B%B1%E5%B1%B1' })).body.replace(
      /<\/?mark>/g,
      '',
    );
    expect(after).not.toContain('index-backlog');
    expect(after).toContain('英山云雾茶产业通知1');
    expect(after).toContain('英山云雾茶产业通知2');
  });
});

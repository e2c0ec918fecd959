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
import { loadConfig, type Config } from '../config.js';
import type { Db } from '../db/database.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { catalogueSettings } from '../catalogue/items.access.js';
import { importItemsFromFile } from '../catalogue/items.import.js';
import { indexBacklog, runIndexerPass, startSearchIndexer } from './search.indexer.js';
import { searchPublic } from './search.service.js';

const dir = mkdtempSync(join(tmpdir(), 'gk-indexer-'));
let files = 0;

interface Doc {
  title: string;
  body: string;
  doc_number?: string;
  date?: string;
}

/** Imports these documents from a JSON Lines file as the command does: the index is left to the indexer. */
async function importWithoutIndex(db: Db, config: Config, issuer: string, docs: readonly Doc[]) {
  const file = join(dir, `import-${++files}.jsonl`);
  writeFileSync(
    file,
    docs.map((d) => JSON.stringify({ doc_number: null, date: null, ...d, issuer })).join('\n'),
  );
  return importItemsFromFile(db.kysely, file, {
    settings: catalogueSettings(config),
    actor: SYSTEM_ACTOR,
    defaultDepartment: issuer,
    index: false,
  });
}

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
    const titles = Array.from({ length: 7 }, (_, i) => `关于推进蕲春艾草产业发展的通知（第${i + 1}号）`);
    const report = await importWithoutIndex(
      t.db,
      t.config,
      deptName,
      titles.map((title, i) => ({
        title,
        doc_number: `蕲艾发〔2024〕${i + 1}号`,
        date: '2024-03-01',
        body: `蕲春艾草产业园第${i + 1}期建设安排。`,
      })),
    );
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
    try {
      const name = `黄冈市浠水县水利局${Date.now() % 100000}`;
      await makeDepartment({ db }, name);
      await importWithoutIndex(
        db,
        config,
        name,
        [1, 2, 3].map((i) => ({ title: `浠水县巴河治理公告${i}`, body: '河' })),
      );
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
    await importWithoutIndex(
      t.db,
      t.config,
      deptName,
      [1, 2].map((i) => ({ title: `英山云雾茶产业通知${i}`, body: '茶' })),
    );
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

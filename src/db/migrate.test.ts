// The migration check: from an empty database to the newest schema, then the newest migration
// down and up again (the same tables and, on PostgreSQL, functions), on whichever database the
// suite runs against.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, makeTopic } from '../../test/helpers/catalogue.js';
import { reviseItem } from '../../test/helpers/portal.js';
import { createTestDb } from '../../test/helpers/db.js';
import type { Db } from './database.js';
import { searchPublic } from '../search/search.service.js';
import { currentSchema, dialectOf } from './dialect.js';
import { migrateDown, migrateTo, migrateToLatest } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

describe('migrations', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb({ migrate: false });
  });
  afterAll(async () => db.close());

  // Only this file's schema: on PostgreSQL other test files' schemas exist at the same time.
  const tableNames = async () => {
    const schema = await currentSchema(db.kysely);
    const tables = await db.kysely.introspection.getTables();
    return tables
      .filter((t) => schema === undefined || t.schema === schema)
      .map((t) => t.name)
      .sort();
  };

  /** PostgreSQL: this schema's functions with their arguments (the search and page functions). */
  const functionNames = async () => {
    if (dialectOf(db.kysely) !== 'postgres') return [];
    const { rows } = await sql<{ f: string }>`
      SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS f
      FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
      ORDER BY 1`.execute(db.kysely);
    return rows.map((r) => r.f);
  };

  it('run from empty, and the newest goes down and up again', async () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
    expect(await migrateToLatest(db.kysely)).toEqual(names);
    expect(await migrateToLatest(db.kysely)).toEqual([]);
    const tablesBefore = await tableNames();
    const functionsBefore = await functionNames();
    expect(tablesBefore).toContain('audit_log');
    if (dialectOf(db.kysely) === 'postgres') {
      expect(functionsBefore).toContain('public_item_page_parts(wanted integer)');
      // Dropped by 2026-12-07T1700: nothing calls it any more.
      expect(functionsBefore.filter((f) => f.startsWith('search_shard_keys_containing'))).toEqual([]);
    }
    const newest = names[names.length - 1];
    expect(await migrateDown(db.kysely)).toEqual([newest]);
    expect(await migrateToLatest(db.kysely)).toEqual([newest]);
    const tablesAfter = await tableNames();
    expect(tablesAfter).toEqual(tablesBefore);
    expect(await functionNames()).toEqual(functionsBefore);
  });
});

describe('2026-12-06T1400_item_working_copy (items.body may be NULL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const bodies = async () =>
    t.db.kysely.selectFrom('items').select(['id', 'body', 'status']).orderBy('id').execute();
  const setBodyNull = (id: number) =>
    t.db.kysely.updateTable('items').set({ body: null }).where('id', '=', id).execute();

  it('keeps every item through down and up; down fills a NULL body from the current version', async () => {
    const dept = await makeDepartment(t, '黄冈市迁移测试局');
    const a = await makePublishedItem(t, { departmentId: dept, title: '第一份通知', body: '第一份正文' });
    const b = await makePublishedItem(t, { departmentId: dept, title: '第二份通知', body: '第二份正文' });
    await setBodyNull(b.itemId); // as the import leaves it
    const before = await bodies();

    await migrateTo(t.db.kysely, '2026-11-30T1300_draw_pool_reads');
    expect(await bodies()).toEqual(before.map((r) => (r.id === b.itemId ? { ...r, body: '第二份正文' } : r)));
    await expect(setBodyNull(a.itemId)).rejects.toThrow();

    await migrateToLatest(t.db.kysely);
    expect(await bodies()).toEqual(before.map((r) => (r.id === b.itemId ? { ...r, body: '第二份正文' } : r)));
    await setBodyNull(a.itemId);
    // The rebuilt table is still what the other tables' foreign keys refer to.
    await expect(
      t.db.kysely
        .insertInto('item_links')
        .values({ from_item_id: a.itemId, to_item_id: 999_999, kind: 'interprets', created_at: '2026-12-06' })
        .execute(),
    ).rejects.toThrow();
    // A new item after the rebuild takes a fresh id (AUTOINCREMENT kept its high-water mark).
    const c = await makePublishedItem(t, { departmentId: dept, title: '第三份通知', body: '第三份正文' });
    expect(c.itemId).toBeGreaterThan(b.itemId);
  });

  it('does nothing when run again on a table already changed (a run that stopped before it was recorded)', async () => {
    const migration = MIGRATIONS['2026-12-06T1400_item_working_copy'];
    if (!migration) throw new Error('migration not found');
    const dept = await makeDepartment(t, '黄冈市迁移重跑测试局');
    const item = await makePublishedItem(t, { departmentId: dept, title: '重跑前的通知', body: '正文' });
    await setBodyNull(item.itemId);
    const before = await bodies();
    await migration.up(t.db.kysely);
    expect(await bodies()).toEqual(before);
    await setBodyNull(item.itemId); // still allowed
  });
});

describe('2026-12-06T1600_search_token_shards (PostgreSQL: the tokens in two halves)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const found = async (q: string) =>
    (await searchPublic(t.db.kysely, { q, sort: 'date', page: 1, pageSize: 20 })).hits.map((h) => h.itemId);

  it('keeps every document findable through down and up, and indexes new ones after', async () => {
    const dept = await makeDepartment(t, '黄冈市分片测试局');
    const a = await makePublishedItem(t, {
      departmentId: dept,
      title: '防汛抗旱通知',
      body: '做好防汛抗旱准备',
    });
    const b = await makePublishedItem(t, { departmentId: dept, title: '防汛值班安排', body: '汛期值班表' });
    expect((await found('防汛')).sort()).toEqual([a.itemId, b.itemId].sort());

    const pg = dialectOf(t.db.kysely) === 'postgres';
    const lz4 =
      pg &&
      (
        await sql<{ ok: boolean }>`
          SELECT 'lz4' = ANY (enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(
          t.db.kysely,
        )
      ).rows[0]?.ok === true;
    /** The tokens column's compression and NOT NULL, per table. */
    const tokenColumns = async () =>
      (
        await sql<{ table: string; compression: string; notnull: boolean }>`
          SELECT c.relname AS table, a.attcompression AS compression, a.attnotnull AS notnull
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          WHERE a.attname = 'tokens' AND NOT a.attisdropped AND c.relkind IN ('r', 'p')
            AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
          ORDER BY 1`.execute(t.db.kysely)
      ).rows;
    if (pg)
      expect(await tokenColumns()).toEqual(
        ['search_tokens', 'search_tokens_0', 'search_tokens_1'].map((table) => ({
          table,
          compression: lz4 ? 'l' : '',
          notnull: true,
        })),
      );

    await migrateTo(t.db.kysely, '2026-12-06T1500_search_text_lz4');
    if (pg) {
      // Down: the tokens are back in search_docs, and the earlier function finds them there.
      const r = await sql<{ k: string | null }>`SELECT search_matching_keys('防汛'::tsquery) AS k`.execute(
        t.db.kysely,
      );
      expect((r.rows[0]?.k ?? '').split(',')).toHaveLength(2);
      expect(await tokenColumns()).toEqual([
        { table: 'search_docs', compression: lz4 ? 'l' : '', notnull: true },
      ]);
    }

    await migrateToLatest(t.db.kysely);
    expect((await found('防汛')).sort()).toEqual([a.itemId, b.itemId].sort());
    expect(await found('抗旱')).toEqual([a.itemId]);
    const c = await makePublishedItem(t, { departmentId: dept, title: '防汛物资清单', body: '沙袋' });
    expect((await found('防汛')).sort()).toEqual([a.itemId, b.itemId, c.itemId].sort());
  });
});

describe('the item page function through its migrations (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ RENDER_CACHE_MB: '0' }); // every request renders the page
  });
  afterAll(async () => t.close());

  it('2026-12-06T2300 (the body apart, as bytes): shows the same page before, during and after down and up, multi-byte body included', async () => {
    const dept = await makeDepartment(t, '黄冈市页面函数测试局');
    const body = '第一段：黄冈“政务公开”，€ 与 😀 均为多字节字符。';
    const item = await makePublishedItem(t, { departmentId: dept, title: '页面函数测试', body });
    const page = async () => (await t.app.inject(`/xxgk/items/${item.itemId}`)).body;
    const before = await page();
    expect(before).toContain('<p>第一段：黄冈“政务公开”，€ 与 😀 均为多字节字符。</p>');
    if (dialectOf(t.db.kysely) !== 'postgres') return;

    await migrateTo(t.db.kysely, '2026-12-06T1600_search_token_shards');
    // Down: the earlier function is back and gives the body inside its JSON.
    const old = await sql<{ page: Record<string, unknown> & { body_html: string; title: string } }>`
      SELECT public_item_page(${item.itemId}) AS page`.execute(t.db.kysely);
    expect(old.rows[0]?.page.title).toBe('页面函数测试');
    expect(old.rows[0]?.page.body_html).toContain('😀');

    await migrateToLatest(t.db.kysely);
    const parts = await sql<{ page_json: Record<string, unknown>; body_bytes: Buffer }>`
      SELECT page_json, body_bytes FROM public_item_page_parts(${item.itemId})`.execute(t.db.kysely);
    // Every key and value of the earlier JSON but the body, which comes apart.
    const { body_html: _body, ...rest } = old.rows[0]?.page ?? { body_html: '', title: '' };
    expect(parts.rows[0]?.page_json).toEqual(rest);
    expect(Object.keys(rest).length).toBeGreaterThan(30);
    expect(parts.rows[0]?.body_bytes.toString('utf8')).toBe(old.rows[0]?.page.body_html);
    expect(await page()).toBe(before);
  });

  it('2026-12-07T0100 (json, not jsonb): gives the same row and page as before, with a topic and its parent, an attachment, versions and links', async () => {
    const db = t.db.kysely;
    const dept = await makeDepartment(t, '黄冈市页面JSON测试局');
    const parent = await makeTopic(t, '城乡建设');
    const topic = await makeTopic(t, '住房保障', { parentId: parent });
    const draft = await makePublishedItem(t, {
      departmentId: dept,
      topicId: topic,
      category: 'policy',
      title: '关于住房保障的实施意见',
      body: '正文：“保障”€😀',
      docNumber: '黄政发〔2024〕3号',
      attachments: [
        {
          fileName: '附件：名单（甲）.pdf',
          data: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        },
      ],
    });
    await reviseItem(t, draft.itemId, dept, {
      title: '关于住房保障的实施意见（修订）',
      changeNote: '更正附件',
    });
    const explained = await makePublishedItem(t, {
      departmentId: dept,
      category: 'interpretation',
      title: '图解：住房保障实施意见',
      body: '解读正文',
    });
    const older = await makePublishedItem(t, { departmentId: dept, title: '旧的住房保障办法', body: '旧' });
    const at = new Date().toISOString();
    await db
      .insertInto('item_links')
      .values([
        { from_item_id: explained.itemId, to_item_id: draft.itemId, kind: 'interprets', created_at: at },
        { from_item_id: draft.itemId, to_item_id: older.itemId, kind: 'supersedes', created_at: at },
      ])
      .execute();

    const page = async () => (await t.app.inject(`/xxgk/items/${draft.itemId}`)).body;
    const parts = async () =>
      (
        await sql<{ page_json: Record<string, unknown>; body_bytes: Buffer }>`
          SELECT page_json, body_bytes FROM public_item_page_parts(${draft.itemId})`.execute(db)
      ).rows[0];
    const after = await page();
    for (const shown of ['城乡建设\\住房保障', '附件：名单（甲）.pdf', '第 2 版', '图解：住房保障实施意见'])
      expect(after).toContain(shown);
    expect(after).toContain(`href="/xxgk/items/${older.itemId}"`);
    if (dialectOf(db) !== 'postgres') return;

    const json = await parts();
    await migrateTo(db, '2026-12-06T2300_item_page_body_bytes');
    const jsonb = await parts();
    // (No page here: the app reads pages through public_item_pages_parts, a later migration.)
    await migrateToLatest(db);
    // Every key and value the same (the lists included), and the body's bytes.
    expect(json?.page_json).toEqual(jsonb?.page_json);
    expect((json?.page_json.attachments_json as unknown[]).length).toBe(1);
    expect((json?.page_json.versions_json as unknown[]).length).toBe(2);
    expect(json?.body_bytes.equals(jsonb?.body_bytes ?? Buffer.alloc(0))).toBe(true);
    expect(await page()).toBe(after);
  });
});

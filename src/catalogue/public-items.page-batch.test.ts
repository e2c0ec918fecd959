// Item pages asked for at the same moment: on PostgreSQL they are read by one call of
// public_item_pages_parts (one round trip); on SQLite each is read alone (no round trip to save).
// Either way every caller gets exactly the page it would get alone, the missing and the withdrawn
// included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { reviseItem, withdraw } from '../../test/helpers/portal.js';
import { dialectOf } from '../db/dialect.js';
import { findPublicItemPage } from './public-items.repository.js';
import { lookupPublicItem } from './public-items.service.js';

describe('item pages read together', () => {
  let t: TestApp;
  const statements: string[] = [];
  let ids: number[];

  beforeAll(async () => {
    t = await buildTestApp({}, { onQuery: (e) => void statements.push(e.query.sql) });
    const dept = await makeDepartment(t, '黄冈市批量读取测试局');
    const plain = await makePublishedItem(t, {
      departmentId: dept,
      title: '第一份公告',
      body: '第一份正文😀',
    });
    const revised = await makePublishedItem(t, {
      departmentId: dept,
      title: '第二份公告',
      body: '第二份正文',
      attachments: [{ fileName: '附件.pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') }],
    });
    await reviseItem(t, revised.itemId, dept, { body: '第二份正文（修订）', changeNote: '修订正文' });
    const gone = await makePublishedItem(t, { departmentId: dept, title: '已撤销的公告', body: '撤销' });
    await withdraw(t, gone.itemId, dept, '内容已过时');
    ids = [revised.itemId, plain.itemId, 999_999, revised.itemId, gone.itemId];
  });
  afterAll(async () => t.close());

  const pageCalls = () =>
    statements.filter((s) => /public_item_pages?_parts|"attachments_json"/.test(s)).length;

  it('gives every caller the page it gets alone, with one database call on PostgreSQL', async () => {
    const alone = [];
    for (const id of ids) alone.push(await lookupPublicItem(t.db.kysely, id));
    expect(alone.map((l) => l.kind)).toEqual(['found', 'found', 'missing', 'found', 'withdrawn']);
    const found = alone[0];
    expect(found?.kind === 'found' && found.page.versions.map((v) => v.changeNote)).toEqual([
      '修订正文',
      '首次发布',
    ]);
    expect(found?.kind === 'found' && found.page.attachments.map((a) => a.fileName)).toEqual(['附件.pdf']);
    expect(found?.kind === 'found' && found.page.bodyHtmlBytes?.toString()).toContain('第二份正文（修订）');

    const before = pageCalls();
    const together = await Promise.all(ids.map((id) => lookupPublicItem(t.db.kysely, id)));
    expect(together).toEqual(alone);
    expect(pageCalls() - before).toBe(dialectOf(t.db.kysely) === 'postgres' ? 1 : ids.length);
  });

  it('reads alone inside a transaction', async () => {
    const before = pageCalls();
    const [a, b] = await t.db.kysely
      .transaction()
      .execute(async (trx) =>
        Promise.all([findPublicItemPage(trx, ids[0] ?? 0), findPublicItemPage(trx, 999_999)]),
      );
    expect(a?.item.title).toBe('第二份公告');
    expect(b).toBeUndefined();
    expect(pageCalls() - before).toBe(2);
  });
});

import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Browser,
  buildTestApp,
  makeDepartment,
  TEST_PASSWORD,
  type TestApp,
} from '../../test/helpers/app.js';
import { staffOf } from '../../test/helpers/catalogue.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { removeFromIndex, searchPublic } from '../search/search.service.js';
import { renderBody } from './body.render.js';
import { catalogueSettings } from './items.access.js';
import { importItemsFromFile, parseImportLine } from './items.import.js';
import { startRevision } from './items.publish.js';
import { getItemForUser, itemToInput, updateDraft } from './items.service.js';
import { ensureDefaultTopics } from './topics.service.js';

const dir = mkdtempSync(join(tmpdir(), 'gk-import-'));
const CORPUS = resolve(import.meta.dirname, '../../../shared/corpus/corpus.jsonl');

function line(o: Record<string, unknown>): string {
  return JSON.stringify(o);
}

describe('import items from JSON Lines', () => {
  let t: TestApp;
  let deptName: string;
  let deptId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    await ensureDefaultTopics(t.db.kysely);
    deptName = `黄冈市导入测试局${Date.now() % 100000}`;
    deptId = await makeDepartment(t, deptName);
  });
  afterAll(async () => t.close());

  const count = async (table: 'items' | 'public_items' | 'external_orgs') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Each import transaction writes one audit entry with the number of items it imported. */
  const importedPerTransaction = async () =>
    (
      await t.db.kysely
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'items_imported')
        .orderBy('id')
        .execute()
    ).map((r) => (JSON.parse(r.summary) as { imported: number }).imported);

  it('imports good lines as public items, reports bad lines with their numbers, and changes nothing on a re-run', async () => {
    const file = join(dir, 'small.jsonl');
    writeFileSync(
      file,
      [
        line({
          title: '关于做好防汛工作的通知',
          issuer: deptName,
          doc_number: '黄防办发[2020]3号',
          date: '2020-06-01',
          body: '各乡镇：\n请做好防汛。',
          source: 'old-site',
          doc_type: '国务院文件',
          topic: '生态\\\\环境保护',
        }),
        '{not json',
        line({ title: '', issuer: '国务院', doc_number: null, date: null, body: 'x' }),
        line({
          title: '国务院关于某事项的通知',
          issuer: '国务院',
          doc_number: '国发（2019）5号',
          date: '2019-01-27',
          published_date: '2019-02-15',
          index_number: '000014349/2019-00007',
          body: '正文',
          source: 'govcn',
        }),
        '',
        line({ title: '日期有误的文件', issuer: '国务院', doc_number: null, date: '2019-02-30', body: 'x' }),
        line({
          title: '2025年政府工作报告',
          issuer: '国务院',
          doc_number: null,
          date: null,
          body: '报告正文',
          doc_type: '政府工作报告',
        }),
        line({
          title: '成文晚于发布',
          issuer: '国务院',
          doc_number: null,
          date: '2020-05-01',
          published_date: '2020-04-01',
          body: 'x',
        }),
      ].join('\n'),
    );
    const before = await count('items');
    const report = await importItemsFromFile(t.db.kysely, file, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    });
    expect(report.imported).toBe(3);
    expect(report.errors).toEqual([
      { line: 2, message: '不是有效的 JSON' },
      { line: 3, message: '缺少名称（title）' },
      { line: 6, message: '日期“date”应为 YYYY-MM-DD 格式的有效日期（现为“2019-02-30”）' },
      { line: 8, message: '成文日期 2020-05-01 晚于发布日期 2020-04-01' },
    ]);
    expect(report.externalOrgs).toEqual([{ name: '国务院', items: 2 }]);
    expect(await count('items')).toBe(before + 3);

    const rows = await t.db.kysely
      .selectFrom('public_items')
      .innerJoin('items', 'items.id', 'public_items.item_id')
      .select([
        'public_items.title',
        'public_items.doc_number',
        'public_items.index_number',
        'public_items.published_date',
        'public_items.department_id',
        'public_items.category',
        'public_items.topic_id',
        'items.external_org_id',
        'items.status',
        'items.current_version',
      ])
      .where('items.import_key', 'is not', null)
      .orderBy('items.id')
      .execute();
    expect(rows.map((r) => r.title)).toEqual([
      '关于做好防汛工作的通知',
      '国务院关于某事项的通知',
      '2025年政府工作报告',
    ]);
    expect(rows[0]!.doc_number).toBe('黄防办发〔2020〕3号');
    expect(rows[0]!.department_id).toBe(deptId);
    expect(rows[0]!.external_org_id).toBeNull();
    expect(rows[0]!.published_date).toBe('2020-06-01');
    expect(rows[0]!.index_number).toMatch(/\/2020-00001$/);
    expect(rows[0]!.topic_id).not.toBeNull();
    expect(rows[0]!.category).toBe('policy');
    expect(rows[1]!.index_number).toBe('000014349/2019-00007');
    expect(rows[1]!.doc_number).toBe('国发〔2019〕5号');
    expect(rows[1]!.published_date).toBe('2019-02-15');
    expect(rows[1]!.external_org_id).not.toBeNull();
    expect(rows[2]!.category).toBe('plan');
    expect(rows.every((r) => r.status === 'published' && r.current_version === 1)).toBe(true);
    const versions = await t.db.kysely
      .selectFrom('item_versions')
      .select('change_note')
      .where('change_note', '=', '从原网站导入')
      .execute();
    expect(versions).toHaveLength(3);
    // The second phase indexed them: findable when the import returns.
    expect(report.indexed).toBe(3);
    expect(report.catalogueSeconds + report.indexSeconds).toBeLessThanOrEqual(report.seconds + 1e-9);
    const search = (q: string) => searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 5 });
    expect((await search('防汛')).hits.map((h) => h.title)).toEqual(['关于做好防汛工作的通知']);
    expect((await search('国发〔2019〕5号')).hits[0]?.title).toBe('国务院关于某事项的通知');
    expect((await search('报告正文')).hits.map((h) => h.title)).toEqual(['2025年政府工作报告']);

    const again = await importItemsFromFile(t.db.kysely, file, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    });
    expect(again.imported).toBe(0);
    expect(again.unchanged).toBe(3);
    expect(again.errors).toHaveLength(4);
    expect(again.indexed).toBe(0);
    expect(await count('items')).toBe(before + 3);
    expect(await count('external_orgs')).toBe(1);
    expect(await importedPerTransaction()).toHaveLength(1);
  });

  it('writes a long file in transactions of batchSize new lines, skipping repeats and lines imported before', async () => {
    // The last body starts with a byte order mark, which is text like any other here.
    const bodyOf = (i: number) => `${i === 250 ? '\uFEFF' : ''}第${i}号文件正文。`;
    const doc = (i: number) =>
      line({
        title: `批量导入测试文件第${i}号`,
        issuer: deptName,
        doc_number: null,
        date: '2021-05-10',
        body: bodyOf(i),
      });
    const first = join(dir, 'first-part.jsonl');
    writeFileSync(first, Array.from({ length: 150 }, (_, i) => doc(i + 1)).join('\n'));
    const options = {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
      batchSize: 25,
    };
    const firstRun = await importItemsFromFile(t.db.kysely, first, options);
    expect(firstRun.imported).toBe(150);
    // The whole file again with 100 new lines, and 20 lines repeated within it.
    const whole = join(dir, 'whole.jsonl');
    const lines = Array.from({ length: 250 }, (_, i) => doc(i + 1));
    lines.splice(180, 0, ...lines.slice(160, 180));
    writeFileSync(whole, lines.join('\n'));
    const auditsBefore = (await importedPerTransaction()).length;
    const progress: number[] = [];
    let settled = 0;
    const report = await importItemsFromFile(t.db.kysely, whole, {
      ...options,
      onProgress: ({ lines: n }) => progress.push(n),
      betweenBatches: async () => {
        settled++;
      },
    });
    expect(report.lines).toBe(270);
    expect(report.imported).toBe(100);
    expect(report.unchanged).toBe(170);
    expect(report.errors).toEqual([]);
    // 100 new lines, 25 to a transaction.
    expect((await importedPerTransaction()).slice(auditsBefore)).toEqual([25, 25, 25, 25]);
    // After each transaction: the four of the catalogue rows and the search index's one.
    expect(settled).toBe(5);
    // Progress every batchSize lines read (written or not), then the whole file.
    expect(progress).toEqual([25, 50, 75, 100, 125, 150, 175, 200, 225, 250, 270]);
    const rows = await t.db.kysely
      .selectFrom('public_items')
      .select('title')
      .where('title', 'like', '批量导入测试文件第%')
      .execute();
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.title)).size).toBe(250);
    const last = await t.db.kysely
      .selectFrom('public_items as p')
      .innerJoin('item_versions as v', 'v.item_id', 'p.item_id')
      .select(['p.body_html', 'v.body'])
      .where('p.title', '=', '批量导入测试文件第250号')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({ body_html: renderBody(bodyOf(250)), body: bodyOf(250) });
    for (const batchSize of [0, Number.NaN])
      await expect(importItemsFromFile(t.db.kysely, whole, { ...options, batchSize })).rejects.toThrow(
        'batchSize must be a positive integer',
      );
  });

  it('stores an imported body once in the catalogue rows; staff edit and revise it like any other', async () => {
    const file = join(dir, 'working-copy.jsonl');
    // Characters of one to four UTF-8 bytes, and Markdown the public HTML renders.
    const body = '各县（市、区）人民政府：\n现将有关事项通知如下。\n\n**附件**：清单 A-1 😀';
    writeFileSync(
      file,
      line({ title: '关于旧网站迁移的通知', issuer: deptName, doc_number: null, date: '2021-03-01', body }),
    );
    await importItemsFromFile(t.db.kysely, file, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    });
    const db = t.db.kysely;
    const row = await db
      .selectFrom('items')
      .select(['id', 'body'])
      .where('title', '=', '关于旧网站迁移的通知')
      .executeTakeFirstOrThrow();
    // The working copy is the first version's body, unchanged since publication.
    expect(row.body).toBeNull();
    const publisher = await staffOf(t, deptId, 'publisher');
    expect((await getItemForUser(db, publisher, row.id)).body).toBe(body);
    const browser = new Browser(t.app);
    await browser.login(publisher.username, TEST_PASSWORD);
    expect((await browser.get(`/console/items/${row.id}`)).body).toContain('现将有关事项通知如下。');

    expect((await startRevision(db, publisher, row.id)).ok).toBe(true);
    const draft = await getItemForUser(db, publisher, row.id);
    expect(draft.body).toBe(body);
    const saved = await updateDraft(db, publisher, row.id, {
      ...itemToInput(draft),
      body: `${body}\n补充：新网站已上线。`,
      changeNote: '补充说明',
    });
    expect(saved.ok).toBe(true);
    expect((await getItemForUser(db, publisher, row.id)).body).toBe(`${body}\n补充：新网站已上线。`);
    const versions = await db
      .selectFrom('item_versions')
      .select(['version', 'body'])
      .where('item_id', '=', row.id)
      .execute();
    // Stored as text (the import hands SQLite the bytes; a wrong cast would store a BLOB).
    expect(versions).toEqual([{ version: 1, body }]);
    const publicRow = await db
      .selectFrom('public_items')
      .select('body_html')
      .where('item_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(publicRow.body_html).toBe(renderBody(body));
    expect(publicRow.body_html).toContain('<strong>附件</strong>');
    expect((await browser.get(`/xxgk/items/${row.id}`)).body).toContain('清单 A-1 😀');
  });

  it('indexes, on a re-run, the items of an import interrupted between writing and indexing', async () => {
    const file = join(dir, 'interrupted.jsonl');
    writeFileSync(
      file,
      [
        line({
          title: '关于秸秆禁烧的通告',
          issuer: deptName,
          doc_number: null,
          date: '2021-03-01',
          body: '禁烧秸秆。',
        }),
        line({
          title: '关于春季植树的通知',
          issuer: deptName,
          doc_number: null,
          date: '2021-03-02',
          body: '植树造林。',
        }),
      ].join('\n'),
    );
    const options = {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    };
    const first = await importItemsFromFile(t.db.kysely, file, options);
    expect(first.imported).toBe(2);
    const ids = (
      await t.db.kysely
        .selectFrom('public_items')
        .select('item_id')
        .where('title', 'in', ['关于秸秆禁烧的通告', '关于春季植树的通知'])
        .execute()
    ).map((r) => r.item_id);
    expect(ids).toHaveLength(2);
    // As if the process had stopped after the catalogue rows were committed.
    await t.db.kysely.transaction().execute(async (trx) => {
      for (const id of ids) await removeFromIndex(trx, id);
    });
    const search = (q: string) => searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 5 });
    expect((await search('秸秆禁烧')).hits).toEqual([]);
    const again = await importItemsFromFile(t.db.kysely, file, options);
    expect(again.imported).toBe(0);
    expect(again.unchanged).toBe(2);
    expect(again.indexed).toBe(2);
    expect((await search('秸秆禁烧')).hits.map((h) => h.title)).toEqual(['关于秸秆禁烧的通告']);
    expect((await search('植树')).hits.map((h) => h.title)).toEqual(['关于春季植树的通知']);
  });

  it('refuses an unknown default department', async () => {
    const file = join(dir, 'one.jsonl');
    writeFileSync(
      file,
      line({ title: '某通知名称', issuer: '某机构', doc_number: null, date: null, body: 'x' }),
    );
    await expect(
      importItemsFromFile(t.db.kysely, file, {
        settings: catalogueSettings(t.config),
        actor: SYSTEM_ACTOR,
        defaultDepartment: '不存在的机构',
      }),
    ).rejects.toThrow('找不到默认机构');
  });

  it('parses the documented line format', () => {
    const r = parseImportLine(
      line({
        title: ' 标题  文字 ',
        issuer: '国务院',
        doc_number: '国发[2019]5号',
        date: '2019-01-27',
        body: 'b',
      }),
      7,
    );
    expect(typeof r).toBe('object');
    if (typeof r === 'object') {
      expect(r.title).toBe('标题 文字');
      expect(r.docNumber).toBe('国发〔2019〕5号');
      expect(r.line).toBe(7);
    }
    expect(parseImportLine('[1,2]', 1)).toBe('应为 JSON 对象');
    expect(parseImportLine(line({ title: 'x', body: 5 }), 1)).toBe('“body”应为字符串或 null');
  });
});

describe.skipIf(!existsSync(CORPUS))('import of the shared corpus', () => {
  let t: TestApp;
  let deptName: string;
  beforeAll(async () => {
    t = await buildTestApp();
    deptName = '黄冈市人民政府办公室';
    await makeDepartment(t, deptName);
  });
  afterAll(async () => t.close());

  it('imports the whole shared corpus, idempotently, and its documents are public', async () => {
    const report = await importItemsFromFile(t.db.kysely, CORPUS, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    });
    console.log(
      `corpus import: ${report.imported} items in ${report.seconds.toFixed(2)} s (${Math.round(report.imported / report.seconds)} items/s)`,
    );
    expect(report.errors).toEqual([]);
    expect(report.imported + report.unchanged).toBe(1566);
    expect(report.indexed).toBe(report.imported);
    const found = await t.db.kysely
      .selectFrom('public_items')
      .select(['title', 'doc_number'])
      .where('title', 'in', [
        '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
        '2019年中华人民共和国国务院政府工作报告',
      ])
      .execute();
    expect(found).toHaveLength(2);
    expect(found.find((f) => f.doc_number)?.doc_number).toBe('国发〔2019〕5号');
    // Findable: by words of its title, and by its 文号 written with other brackets.
    const search = (q: string) => searchPublic(t.db.kysely, { q, sort: 'relevance', page: 1, pageSize: 5 });
    expect((await search('双随机、一公开')).hits.map((h) => h.title)).toContain(
      '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
    );
    expect((await search('国发[2019]5号')).hits[0]?.title).toBe(
      '国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见',
    );
    const again = await importItemsFromFile(t.db.kysely, CORPUS, {
      settings: catalogueSettings(t.config),
      actor: SYSTEM_ACTOR,
      defaultDepartment: deptName,
    });
    expect(again.imported).toBe(0);
  }, 120_000);
});

// The public pages over a real catalogue: lists and filters, page numbers, the item page with
// its metadata and <meta> tags, 解读 links both ways, version history, 410 after withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem, makeTopic, staffOf } from '../../test/helpers/catalogue.js';
import { reviseItem, withdraw } from '../../test/helpers/portal.js';
import { linkInterpretation } from '../catalogue/items.links.js';
import { makeApprovedItem } from '../../test/helpers/catalogue.js';
import { publishItem } from '../catalogue/items.publish.js';
import { catalogueSettings } from '../catalogue/items.access.js';

/** Titles of the items listed in a page's item table, in order. */
function listedTitles(body: string): string[] {
  const table = /<table class="item-list"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
  return [...table.matchAll(/<a href="\/xxgk\/items\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

function meta(body: string, name: string): string | undefined {
  return new RegExp(`<meta name="${name}" content="([^"]*)"`).exec(body)?.[1];
}

describe('public catalogue pages', () => {
  let t: TestApp;
  let deptA: number;
  let deptB: number;
  let parentTopic: number;
  let childTopic: number;
  let otherTopic: number;
  let policy: { itemId: number; indexNumber: string; departmentId: number };
  let interpretation: { itemId: number; indexNumber: string; departmentId: number };

  beforeAll(async () => {
    t = await buildTestApp({ PUBLIC_BASE_URL: 'https://www.hg.gov.cn', SITE_CODE: '4211000099' });
    deptA = await makeDepartment(t, '黄冈市教育局');
    deptB = await makeDepartment(t, '黄冈市财政局');
    parentTopic = await makeTopic(t, '民生保障测试', { isKeyArea: true });
    childTopic = await makeTopic(t, '教育测试', { parentId: parentTopic, isKeyArea: true });
    otherTopic = await makeTopic(t, '财政预决算测试');

    // 22 notices of department A in 2024 (two pages), each a minute apart.
    for (let i = 1; i <= 22; i++) {
      await makePublishedItem(t, {
        departmentId: deptA,
        title: `教育局通知第${String(i).padStart(2, '0')}号`,
        body: '通知正文。',
        topicId: childTopic,
        publishedAt: `2024-05-01T02:${String(i).padStart(2, '0')}:00.000Z`,
      });
    }
    await makePublishedItem(t, {
      departmentId: deptB,
      title: '2023年市级财政决算公开',
      body: '决算正文。',
      category: 'finance',
      topicId: otherTopic,
      publishedAt: '2023-08-01T02:00:00.000Z',
    });

    // A policy with its 解读, published together.
    const policyDraft = await makeApprovedItem(t, {
      departmentId: deptB,
      title: '黄冈市人民政府关于印发财政资金管理办法的通知',
      body: '第一条 为规范财政资金管理……',
      category: 'normative',
      docNumber: '黄政发[2024]3号',
      signedDate: '2024-06-01',
      summary: '规范财政资金的分配、使用和监督。',
      topicId: otherTopic,
      needsInterpretation: true,
    });
    const interpDraft = await makeApprovedItem(t, {
      departmentId: deptB,
      title: '《财政资金管理办法》政策解读',
      body: '一、出台背景……',
      category: 'interpretation',
      interpretationForm: 'qa',
    });
    const publisher = await staffOf(t, deptB, 'publisher');
    const linked = await linkInterpretation(t.db.kysely, publisher, interpDraft.itemId, policyDraft.itemId);
    expect(linked.ok).toBe(true);
    const published = await publishItem(
      t.db.kysely,
      catalogueSettings(t.config),
      publisher,
      policyDraft.itemId,
      { now: '2024-06-05T01:30:00.000Z' },
    );
    if (!published.ok || !published.value.indexNumber) throw new Error(JSON.stringify(published));
    policy = { itemId: policyDraft.itemId, indexNumber: published.value.indexNumber, departmentId: deptB };
    const interpRow = await t.db.kysely
      .selectFrom('public_items')
      .select('index_number')
      .where('item_id', '=', interpDraft.itemId)
      .executeTakeFirstOrThrow();
    interpretation = { itemId: interpDraft.itemId, indexNumber: interpRow.index_number, departmentId: deptB };
  });
  afterAll(async () => t.close());

  it('lists the newest items first, 20 to a page, with page numbers', async () => {
    const first = await t.app.inject(`/xxgk/catalogue?department=${deptA}`);
    expect(first.statusCode).toBe(200);
    const titles = listedTitles(first.body);
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('教育局通知第22号');
    expect(titles[19]).toBe('教育局通知第03号');
    expect(first.body).toContain('共 22 条');
    expect(first.body).toContain(`href="/xxgk/catalogue?department=${deptA}&amp;page=2"`);

    const second = await t.app.inject(`/xxgk/catalogue?department=${deptA}&page=2`);
    expect(listedTitles(second.body)).toEqual(['教育局通知第02号', '教育局通知第01号']);
    expect(second.body).toMatch(/aria-current="page"[^>]*>2</);
  });

  it('filters by department, topic (with its sub-topics), category and year', async () => {
    const byDept = listedTitles((await t.app.inject(`/xxgk/catalogue?department=${deptB}`)).body);
    expect(byDept).toEqual([
      '《财政资金管理办法》政策解读',
      '黄冈市人民政府关于印发财政资金管理办法的通知',
      '2023年市级财政决算公开',
    ]);
    const byParentTopic = await t.app.inject(`/xxgk/catalogue?topic=${parentTopic}`);
    expect(byParentTopic.body).toContain('共 22 条');
    const byCategory = listedTitles((await t.app.inject('/xxgk/catalogue?category=finance')).body);
    expect(byCategory).toEqual(['2023年市级财政决算公开']);
    const byYear = listedTitles((await t.app.inject('/xxgk/catalogue?year=2023')).body);
    expect(byYear).toEqual(['2023年市级财政决算公开']);
    const combined = await t.app.inject(`/xxgk/catalogue?department=${deptB}&year=2024&category=normative`);
    expect(listedTitles(combined.body)).toEqual(['黄冈市人民政府关于印发财政资金管理办法的通知']);
    expect(combined.body).toContain('<title>政府信息公开目录：黄冈市财政局 · 规范性文件 · 2024 年');
    const none = await t.app.inject('/xxgk/catalogue?year=2019');
    expect(none.body).toContain('暂无符合条件的信息');
  });

  it('shows each filter option with how many items it would give, and drops empty values from the URL', async () => {
    const res = await t.app.inject(`/xxgk/catalogue?department=${deptA}`);
    expect(res.body).toMatch(/<option value="2024"[^>]*>\s*2024 年（22）/);
    expect(res.body).toMatch(new RegExp(`<option value="${deptB}"[^>]*>\\s*黄冈市财政局（3）`));
    const form = await t.app.inject(`/xxgk/catalogue?department=&topic=&category=finance&year=`);
    expect(form.statusCode).toBe(301);
    expect(form.headers.location).toBe('/xxgk/catalogue?category=finance');
    expect((await t.app.inject('/xxgk/catalogue?category=nonsense')).statusCode).toBe(400);
  });

  it('shows the item with the metadata table, body and the page tags government sites carry', async () => {
    const res = await t.app.inject(`/xxgk/items/${policy.itemId}`);
    expect(res.statusCode).toBe(200);
    const table = /<table class="meta-table item-meta"[\s\S]*?<\/table>/.exec(res.body)?.[0] ?? '';
    for (const [label, value] of [
      ['索引号', policy.indexNumber],
      ['主题分类', '财政预决算测试'],
      ['发布机构', '黄冈市财政局'],
      ['成文日期', '2024-06-01'],
      ['文号', '黄政发〔2024〕3号'],
      ['发布日期', '2024-06-05'],
      ['有效性', '有效'],
    ]) {
      expect(table).toMatch(new RegExp(`<th scope="row">${label}</th>\\s*<td[^>]*>${value}</td>`));
    }
    expect(res.body).toContain('<h1 class="item-title">黄冈市人民政府关于印发财政资金管理办法的通知</h1>');
    expect(res.body).toContain('第一条 为规范财政资金管理');
    expect(meta(res.body, 'SiteName')).toBe('黄冈市人民政府 政府信息公开平台');
    expect(meta(res.body, 'SiteDomain')).toBe('www.hg.gov.cn');
    expect(meta(res.body, 'SiteIDCode')).toBe('4211000099');
    expect(meta(res.body, 'ColumnName')).toBe('规范性文件');
    expect(meta(res.body, 'ArticleTitle')).toBe('黄冈市人民政府关于印发财政资金管理办法的通知');
    expect(meta(res.body, 'PubDate')).toBe('2024-06-05 09:30');
    expect(meta(res.body, 'ContentSource')).toBe('黄冈市财政局');
    expect(res.body).toContain(
      `<link rel="canonical" href="https://www.hg.gov.cn/xxgk/items/${policy.itemId}"`,
    );
  });

  it('links a policy and its 解读 both ways', async () => {
    const policyPage = await t.app.inject(`/xxgk/items/${policy.itemId}`);
    const interps =
      /data-testid="related-interpretations"[\s\S]*?<\/section>/.exec(policyPage.body)?.[0] ?? '';
    expect(interps).toContain(`href="/xxgk/items/${interpretation.itemId}"`);
    expect(interps).toContain('问答');
    const interpPage = await t.app.inject(`/xxgk/items/${interpretation.itemId}`);
    const policies = /data-testid="related-policies"[\s\S]*?<\/section>/.exec(interpPage.body)?.[0] ?? '';
    expect(policies).toContain(`href="/xxgk/items/${policy.itemId}"`);
    // The home page shows the policy's 解读 beside it.
    const home = await t.app.inject('/');
    expect(home.body).toContain(`href="/xxgk/items/${interpretation.itemId}"`);
  });

  it('lists attachments with their type and size, linking to the public download', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const item = await makePublishedItem(t, {
      departmentId: deptA,
      title: '关于公布录取名单的通知',
      body: '见附件。',
      attachments: [{ fileName: '附件1：录取名单.pdf', data: pdf }],
    });

    const res = await t.app.inject(`/xxgk/items/${item.itemId}`);
    const section = /data-testid="attachments"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    const href = `/attachments/${item.attachmentIds[0]}/${encodeURIComponent('附件1：录取名单.pdf')}`;
    expect(section).toContain(`href="${href}"`);
    expect(section).toContain('附件1：录取名单.pdf');
    expect(section).toContain(`（PDF，${pdf.length} B）`);
    const download = await t.app.inject(href);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('offers a print view without the site chrome', async () => {
    const res = await t.app.inject(`/xxgk/items/${policy.itemId}?print=1`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<link rel="stylesheet" href="/assets/print.css" />');
    const css = await t.app.inject('/assets/print.css');
    expect(css.statusCode).toBe(200);
    expect(css.body).toContain('.site-header');
  });

  it('shows the version history with change notes after a revision', async () => {
    const item = await makePublishedItem(t, {
      departmentId: deptA,
      title: '关于调整校车线路的通知',
      body: '原线路。',
      publishedAt: '2024-07-01T02:00:00.000Z',
    });
    await reviseItem(t, item.itemId, deptA, {
      title: '关于调整校车线路的通知（修订）',
      changeNote: '更正第三条线路站点',
    });
    const res = await t.app.inject(`/xxgk/items/${item.itemId}`);
    expect(res.body).toContain('<h1 class="item-title">关于调整校车线路的通知（修订）</h1>');
    const versions = /data-testid="versions"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    expect(versions).toContain('第 2 版（现行）');
    expect(versions).toContain('更正第三条线路站点');
    expect(versions).toContain('关于调整校车线路的通知</td>');
  });

  it('answers 410 with a notice for a withdrawn item, and drops it from lists', async () => {
    const item = await makePublishedItem(t, {
      departmentId: deptA,
      title: '将被撤销的通知',
      body: '正文。',
      publishedAt: '2025-09-01T02:00:00.000Z',
    });
    expect(listedTitles((await t.app.inject(`/xxgk/catalogue?department=${deptA}`)).body)).toContain(
      '将被撤销的通知',
    );
    await withdraw(t, item.itemId, deptA, '内容已过时效');
    const res = await t.app.inject(`/xxgk/items/${item.itemId}`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('该信息已撤销');
    expect(res.body).toContain('撤销原因：内容已过时效');
    expect(res.body).toContain(item.indexNumber);
    expect(listedTitles((await t.app.inject(`/xxgk/catalogue?department=${deptA}`)).body)).not.toContain(
      '将被撤销的通知',
    );
    expect((await t.app.inject('/')).body).not.toContain('将被撤销的通知');
  });

  it('answers 404 for an unknown item and for one that was never published', async () => {
    expect((await t.app.inject('/xxgk/items/999999')).statusCode).toBe(404);
    const draft = await makeApprovedItem(t, { departmentId: deptA, title: '尚未发布的草稿信息' });
    const res = await t.app.inject(`/xxgk/items/${draft.itemId}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('尚未发布的草稿信息');
    expect((await t.app.inject('/xxgk/items/abc')).statusCode).toBe(400);
  });

  it('finds an item by its 索引号', async () => {
    const res = await t.app.inject(
      `/xxgk/items/by-index?indexNumber=${encodeURIComponent(policy.indexNumber)}`,
    );
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/xxgk/items/${policy.itemId}`);
  });

  it('has the 政府信息公开 section pages: index, guides, statutory content, key-area columns', async () => {
    const index = await t.app.inject('/xxgk');
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain(`href="/xxgk/catalogue?department=${deptA}"`);
    expect(index.body).toContain('政策解读（1）');

    const guide = await t.app.inject(`/xxgk/guide/${deptA}`);
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain('黄冈市教育局政府信息公开指南');
    expect((await t.app.inject('/xxgk/guide/999999')).statusCode).toBe(404);

    const statutory = await t.app.inject('/xxgk/statutory');
    expect(statutory.body).toContain('财政预算、决算信息');
    expect(statutory.body).toContain('href="/xxgk/catalogue?category=finance"');

    const topics = await t.app.inject('/xxgk/topics');
    const child = await t.db.kysely
      .selectFrom('topics')
      .select('slug')
      .where('id', '=', childTopic)
      .executeTakeFirstOrThrow();
    expect(topics.body).toContain(`href="/xxgk/topics/${child.slug}"`);
    const column = await t.app.inject(`/xxgk/topics/${child.slug}`);
    expect(column.statusCode).toBe(200);
    expect(column.body).toContain('共 22 条');
    expect(column.body).toContain(`href="/feeds/topics/${child.slug}.atom"`);
    expect((await t.app.inject('/xxgk/topics/no-such-topic')).statusCode).toBe(404);

    // 年度报告 is a column only once its topic exists.
    expect((await t.app.inject('/xxgk/annual-reports')).statusCode).toBe(404);
    const reports = await makeTopic(t, '政府信息公开工作年度报告');
    await makePublishedItem(t, {
      departmentId: deptA,
      title: '黄冈市教育局2023年政府信息公开工作年度报告',
      body: '一、总体情况',
      topicId: reports,
    });
    const annual = await t.app.inject('/xxgk/annual-reports');
    expect(annual.statusCode).toBe(200);
    expect(listedTitles(annual.body)).toEqual(['黄冈市教育局2023年政府信息公开工作年度报告']);
    expect((await t.app.inject('/xxgk')).body).toContain('href="/xxgk/annual-reports"');

    const home = await t.app.inject('/');
    expect(home.body).toContain(`href="/xxgk/topics/${child.slug}"`);
    expect(home.body).toContain('data-testid="column-policy"');
  });
});

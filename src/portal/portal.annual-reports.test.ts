// The 年度报告 column of the 政府信息公开 section (issue 3 §3): a default topic that is not a key
// area, reached from the section's index, listing its items with page numbers and its own feed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makePublishedItem } from '../../test/helpers/catalogue.js';
import { ensureDefaultTopics, listTopics } from '../catalogue/topics.service.js';

function listedTitles(body: string): string[] {
  const table = /<table class="item-list"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
  return [...table.matchAll(/<a href="\/xxgk\/items\/\d+">([^<]*)<\/a>/g)].map((m) => m[1] ?? '');
}

describe('年度报告 column', () => {
  let t: TestApp;
  let reports: number;
  let departmentId: number;

  beforeAll(async () => {
    t = await buildTestApp();
    await ensureDefaultTopics(t.db.kysely);
    const topic = (await listTopics(t.db.kysely)).find((x) => x.slug === 'annual-reports');
    if (!topic) throw new Error('no annual-reports topic');
    reports = topic.id;
    departmentId = await makeDepartment(t, '黄冈市财政局');
    // 21 reports, one a year from 2003: one more than a page.
    for (let i = 0; i < 21; i++) {
      const year = 2003 + i;
      await makePublishedItem(t, {
        departmentId,
        title: `黄冈市财政局${year}年政府信息公开工作年度报告`,
        body: '一、总体情况',
        topicId: reports,
        publishedAt: `${year + 1}-01-20T02:00:00.000Z`,
      });
    }
    await makePublishedItem(t, { departmentId, title: '不是年度报告的通知', body: '正文' });
  }, 120_000);
  afterAll(async () => t.close());

  it('is linked from the 政府信息公开 index and the 专题专栏 index, but is not a key area', async () => {
    const index = await t.app.inject('/xxgk');
    expect(index.body).toContain('href="/xxgk/annual-reports"');
    const columns = await t.app.inject('/xxgk/topics');
    expect(columns.body).toContain('href="/xxgk/annual-reports"');
    expect(columns.body).not.toContain('href="/xxgk/topics/annual-reports"');
    const home = await t.app.inject('/');
    expect(home.body).not.toMatch(/<a href="\/xxgk\/annual-reports">\s*政府信息公开工作年度报告\s*<\/a>/);
    const topics = (await t.app.inject('/api/v1/topics')).json<{ slug: string; isKeyArea: boolean }[]>();
    expect(topics.find((x) => x.slug === 'annual-reports')?.isKeyArea).toBe(false);
  });

  it('lists its items newest first, 20 to a page, with page numbers', async () => {
    const first = await t.app.inject('/xxgk/annual-reports');
    expect(first.statusCode).toBe(200);
    const titles = listedTitles(first.body);
    expect(titles).toHaveLength(20);
    expect(titles[0]).toBe('黄冈市财政局2023年政府信息公开工作年度报告');
    expect(titles).not.toContain('不是年度报告的通知');
    expect(first.body).toContain('共 21 条');
    expect(first.body).toMatch(/<a href="\/xxgk\/annual-reports\?page=2"[^>]*>2<\/a>/);
    const second = await t.app.inject('/xxgk/annual-reports?page=2');
    expect(listedTitles(second.body)).toEqual(['黄冈市财政局2003年政府信息公开工作年度报告']);
  });

  it('has its own Atom feed, linked from the page', async () => {
    const page = await t.app.inject('/xxgk/annual-reports');
    expect(page.body).toContain('href="/feeds/topics/annual-reports.atom"');
    const feed = await t.app.inject('/feeds/topics/annual-reports.atom');
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('黄冈市财政局2023年政府信息公开工作年度报告');
    expect(feed.body).not.toContain('不是年度报告的通知');
    expect(feed.body).toContain('/xxgk/annual-reports');
  });

  it('sends the topic’s column address to the 年度报告 page, and lists it in the sitemap', async () => {
    const old = await t.app.inject('/xxgk/topics/annual-reports?page=2');
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/xxgk/annual-reports?page=2');
    const sitemap = await t.app.inject('/sitemaps/pages.xml');
    expect(sitemap.body).toContain('/xxgk/annual-reports</loc>');
  });
});

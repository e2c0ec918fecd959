// The public catalogue in a real browser: axe checks of the home, list, item and search pages in
// both display modes, and browsing the 公开目录 with JavaScript turned off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makeApprovedItem, makePublishedItem, makeTopic, staffOf } from '../../test/helpers/catalogue.js';
import { withdraw } from '../../test/helpers/portal.js';
import { catalogueSettings } from '../../src/catalogue/items.access.js';
import { linkInterpretation } from '../../src/catalogue/items.links.js';
import { publishItem } from '../../src/catalogue/items.publish.js';
import { launchBrowser, newPage, seriousA11yViolations } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

describe('public catalogue pages in a browser', () => {
  let server: E2eServer;
  let browser: Browser;
  let dept: number;
  let policyId: number;
  let withdrawnId: number;
  let topicSlug: string;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    const app = server.server.app;
    const t: TestApp = { app, db: app.ctx.db, config: app.ctx.config, close: async () => undefined };
    dept = await makeDepartment(t, '黄冈市就业服务测试中心');
    const topic = await makeTopic(t, '就业创业', { isKeyArea: true });
    topicSlug = (
      await t.db.kysely.selectFrom('topics').select('slug').where('id', '=', topic).executeTakeFirstOrThrow()
    ).slug;
    for (let i = 1; i <= 25; i++) {
      await makePublishedItem(t, {
        departmentId: dept,
        title: `关于做好2024年第${i}批就业见习工作的通知`,
        body: '各县（市、区）人社局：\n\n现将有关事项通知如下。',
        topicId: topic,
        docNumber: `黄人社发〔2024〕${i}号`,
        publishedAt: `2024-05-${String(i).padStart(2, '0')}T02:00:00.000Z`,
      });
    }
    const policy = await makeApprovedItem(t, {
      departmentId: dept,
      title: '黄冈市就业补助资金管理办法',
      body: '第一条 为加强就业补助资金管理……',
      category: 'normative',
      docNumber: '黄人社规〔2024〕1号',
      signedDate: '2024-06-01',
      topicId: topic,
    });
    const interp = await makeApprovedItem(t, {
      departmentId: dept,
      title: '《黄冈市就业补助资金管理办法》解读',
      body: '一、制定背景……',
      category: 'interpretation',
      interpretationForm: 'graphic',
    });
    const publisher = await staffOf(t, dept, 'publisher');
    await linkInterpretation(t.db.kysely, publisher, interp.itemId, policy.itemId);
    const published = await publishItem(t.db.kysely, catalogueSettings(t.config), publisher, policy.itemId, {
      now: '2024-06-10T02:00:00.000Z',
    });
    if (!published.ok) throw new Error(JSON.stringify(published));
    policyId = policy.itemId;
    const reports = await makeTopic(t, '政府信息公开工作年度报告');
    await makePublishedItem(t, {
      departmentId: dept,
      title: '2023年政府信息公开工作年度报告',
      body: '一、总体情况',
      category: 'other',
      topicId: reports,
    });
    const gone = await makePublishedItem(t, { departmentId: dept, title: '已撤销的公示', body: '正文' });
    await withdraw(t, gone.itemId, dept, '公示期已满');
    withdrawnId = gone.itemId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has no serious or critical accessibility violations on the portal pages, in both modes', async () => {
    const page = await newPage(browser);
    const paths = [
      '/',
      '/xxgk',
      '/xxgk/catalogue',
      `/xxgk/catalogue?department=${dept}&page=2`,
      '/xxgk/guide',
      `/xxgk/guide/${dept}`,
      '/xxgk/statutory',
      '/xxgk/annual-reports',
      '/xxgk/topics',
      `/xxgk/topics/${topicSlug}`,
      '/xxgk/open-data',
      `/xxgk/items/${policyId}`,
      `/xxgk/items/${policyId}?print=1`,
      `/xxgk/items/${withdrawnId}`,
    ];
    if (server.server.app.hasRoute({ method: 'GET', url: '/search' })) paths.push('/search?q=就业');
    for (const elder of [false, true]) {
      await page.goto(`${server.url}/preferences/elder?mode=${elder ? 'on' : 'off'}&back=/`);
      for (const path of paths) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(path.startsWith(`/xxgk/items/${withdrawnId}`) ? 410 : 200);
        expect(await page.evaluate(() => document.body.classList.contains('elder')), path).toBe(elder);
        const violations = await seriousA11yViolations(page);
        expect(violations.map((v) => `${path}${elder ? ' (长者模式)' : ''}: ${v.id} ${v.help}`)).toEqual([]);
      }
    }
    await page.context().close();
  });

  it('browses the 公开目录 with JavaScript off: filter, page, open an item and its 解读', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    await page
      .getByRole('navigation', { name: '网站导航' })
      .getByRole('link', { name: '政府信息公开' })
      .click();
    await page.getByRole('link', { name: '政府信息公开目录' }).first().click();
    await page.getByLabel('发布机构').selectOption({ label: '黄冈市就业服务测试中心（28）' });
    await page.getByLabel('信息类别').selectOption({ value: 'notice' });
    await page.getByRole('button', { name: '筛选' }).click();
    expect(new URL(page.url()).search).toBe(`?department=${dept}&category=notice`);
    await expect.poll(() => page.locator('caption').first().textContent()).toContain('共 25 条');
    await page.getByRole('link', { name: '下一页' }).click();
    expect(await page.getByTestId('item-list').locator('tbody tr').count()).toBe(5);

    await page.goto(`${server.url}/xxgk/items/${policyId}`);
    expect(await page.getByTestId('meta-index-number').textContent()).toMatch(/\/2024-\d{5}$/);
    await page.getByTestId('related-interpretations').getByRole('link').first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('《黄冈市就业补助资金管理办法》解读');
    await page
      .getByTestId('related-policies')
      .getByRole('link', { name: '黄冈市就业补助资金管理办法' })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/xxgk/items/${policyId}`);
    await page.context().close();
  });
});

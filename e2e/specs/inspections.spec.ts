// 双随机一公开 in a real browser: an officer adds a matter to the 随机抽查事项清单, adds a 检查对象
// (after fixing a wrong check character) and makes the 年度抽查计划; the public finds the plan.
// axe checks the 名录库 page, the plan form, the public list of draws and the public plans page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { demoCreditCode } from '../../src/demo/demo-departments.js';
import { shanghaiDate } from '../../src/shared/clock.js';
import { launchBrowser, newPage, seriousA11yViolations, signIn as signInAs } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

const MATTER = '统计调查对象统计数据质量检查';
const CODE = demoCreditCode(6601);
const WRONG = CODE.slice(0, 17) + (CODE.endsWith('0') ? '1' : '0');
const YEAR = Number(shanghaiDate().slice(0, 4));

describe('双随机一公开: 名录库 and 年度抽查计划', () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const signIn = (username: string): Promise<Page> => signInAs(browser, server.url, username);

  it('adds a matter, an entity and the yearly plan; the public sees the plan', async () => {
    const officer = await signIn('tongji.fabu');

    await officer.goto(`${server.url}/console/lists/sjcc/new`);
    await officer.getByLabel('抽查事项').fill(MATTER);
    await officer.getByLabel('事项类别').selectOption('一般检查事项');
    await officer.getByLabel('检查对象').fill('统计调查对象');
    await officer.getByLabel('检查主体').fill('黄冈市统计局');
    await officer.getByLabel('检查依据').fill('《中华人民共和国统计法》');
    await officer.getByLabel('修改原因').fill('公布随机抽查事项清单');
    await officer.getByRole('button', { name: /保存/ }).click();
    await expect.poll(() => new URL(officer.url()).pathname).toBe('/console/lists/sjcc');

    await officer.goto(`${server.url}/console/inspections/entities/new`);
    await officer.getByLabel('统一社会信用代码').fill(WRONG);
    await officer.getByLabel(/^名称/).fill('黄冈市某某制造有限公司');
    await officer.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => officer.getByTestId('error-summary').textContent()).toContain('校验位不正确');
    expect(await officer.getByLabel(/^名称/).inputValue()).toBe('黄冈市某某制造有限公司');
    await officer.getByLabel('统一社会信用代码').fill(CODE);
    await officer.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => new URL(officer.url()).pathname).toBe('/console/inspections/entities');
    expect(await officer.getByTestId('library').textContent()).toContain('黄冈市某某制造有限公司');
    expect(await seriousA11yViolations(officer)).toEqual([]);

    await officer.goto(`${server.url}/console/inspections/plans/${YEAR}`);
    await officer.getByLabel(`${MATTER}：抽查比例`).fill('5');
    await officer.getByLabel(`${MATTER}：开始日期`).fill(`${YEAR}-03-01`);
    await officer.getByLabel(`${MATTER}：结束日期`).fill(`${YEAR}-11-30`);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByRole('button', { name: '保存并公开' }).click();
    await expect.poll(() => new URL(officer.url()).pathname).toBe('/console/inspections/plans');
    await officer.context().close();

    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/inspections`);
    // The list of draws has a search box; a search for something never drawn says so.
    await visitor.getByLabel('查找抽查任务或检查结果').fill('没有这个抽查任务');
    await visitor.getByRole('button', { name: '查找' }).click();
    await expect
      .poll(async () => (await visitor.getByTestId('draws-none').textContent())?.trim())
      .toBe('没有找到与“没有这个抽查任务”有关的抽查任务或检查结果。');
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    await visitor.getByRole('link', { name: '各部门年度抽查计划' }).click();
    await visitor.getByLabel('年度').selectOption(String(YEAR));
    await visitor.getByRole('button', { name: '筛选' }).click();
    await expect
      .poll(() => visitor.getByRole('heading', { level: 2 }).first().textContent())
      .toBe(`黄冈市统计局 ${YEAR} 年度抽查计划`);
    const text = await visitor.locator('main').textContent();
    expect(text).toContain(MATTER);
    expect(text).toContain(`抽查 5%（${YEAR}-03-01 至 ${YEAR}-11-30）`);
    expect(text).toContain('尚未抽取');
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    await visitor.context().close();
  });
});

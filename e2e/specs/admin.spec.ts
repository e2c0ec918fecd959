// An administrator signs in, adds a department in the console and finds it on the public directory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-users.js';
import { launchBrowser, newPage, seriousA11yViolations } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

describe('administrator journey', () => {
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

  it('signs in, adds a department (after fixing a wrong credit code) and sees it on the public directory', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/console/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByTestId('whoami').textContent()).toContain('系统管理员');

    await page.goto(`${server.url}/console/departments/new`);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByLabel('机构全称').fill('黄冈市数据局');
    await page.getByLabel('简称').fill('市数据局');
    await page.getByLabel('机构类型').selectOption({ label: '市政府部门' });
    // A wrong check character first: the form must say so and keep what was typed.
    await page.getByLabel('统一社会信用代码').fill('11421100MB1234567A');
    await page.getByRole('button', { name: /保存|创建|新增/ }).click();
    await expect.poll(() => page.getByTestId('error-summary').textContent()).toContain('校验位不正确');
    expect(await page.getByLabel('机构全称').inputValue()).toBe('黄冈市数据局');

    await page.getByLabel('统一社会信用代码').fill(validCode('11421100MB1234567'));
    await page.getByRole('button', { name: /保存|创建|新增/ }).click();
    await expect.poll(() => page.url()).not.toContain('/new');

    await page.goto(`${server.url}/departments`);
    await page.getByRole('link', { name: '黄冈市数据局' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('黄冈市数据局');
    await page.context().close();
  });
});

function validCode(first17: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]!) * weights[i]!;
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

// The public portal in a real browser: 长者模式 without JavaScript, and accessibility checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, seriousA11yViolations } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

describe('public portal', () => {
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

  it('switches 长者模式 on and off with JavaScript disabled, and remembers it across pages', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${server.url}/`);
    const normalSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    await page.getByRole('link', { name: '长者模式' }).click();
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('elder'))).toBe(true);
    const elderSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    expect(elderSize).toBeGreaterThan(normalSize * 1.2);
    await page.getByRole('link', { name: '机构目录' }).first().click();
    expect(await page.evaluate(() => document.body.classList.contains('elder'))).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/departments');
    await page.getByRole('link', { name: '退出长者模式' }).click();
    expect(await page.evaluate(() => document.body.classList.contains('elder'))).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/departments');
    await page.context().close();
  });

  it('shows that the data are demo data on every page', async () => {
    const page = await newPage(browser);
    for (const path of ['/', '/departments', '/leading-group', '/calendar', '/console/login']) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    }
    await page.context().close();
  });

  it('has no serious or critical accessibility violations on the key pages, in both modes', async () => {
    const page = await newPage(browser);
    const paths = [
      '/',
      '/departments',
      '/leading-group',
      '/calendar',
      '/calendar?from=2024-09-30&workdays=20',
      '/console/login',
      '/no-such-page',
    ];
    for (const elder of [false, true]) {
      await page.goto(`${server.url}/preferences/elder?mode=${elder ? 'on' : 'off'}&back=/`);
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        const violations = await seriousA11yViolations(page);
        expect(violations.map((v) => `${path}${elder ? ' (长者模式)' : ''}: ${v.id} ${v.help}`)).toEqual([]);
      }
    }
    await page.context().close();
  });
});

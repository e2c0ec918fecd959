// The whole journey of issue 3 §7 in a real browser: a publisher drafts a policy with an
// attachment and its 解读, a reviewer returns it, the publisher fixes it, the reviewer approves,
// the publisher publishes; the public finds it by search, reads it, downloads the attachment and
// follows the link to its 解读.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn as signInAs } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

const TITLE = '黄冈市统计数据质量管理办法';
const INTERP = '《黄冈市统计数据质量管理办法》图解';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('publish → review → search → read → download', () => {
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

  async function draft(page: Page, fields: { title: string; category: string; body: string }): Promise<void> {
    await page.goto(`${server.url}/console/items/new`);
    await page.getByLabel(/^名称/).fill(fields.title);
    await page.getByLabel('信息类别').selectOption({ label: fields.category });
    await page.getByLabel('正文').fill(fields.body);
  }

  async function review(page: Page, path: string, decision: '审核通过' | '退回修改', comment = '') {
    await page.goto(`${server.url}${path}`);
    if (comment) await page.getByLabel('审核意见').fill(comment);
    await page.getByRole('button', { name: decision, exact: true }).click();
  }

  it('takes a policy and its 解读 from draft to the public, who find, read and download it', async () => {
    const publisher = await signIn('tongji.fabu');

    // The policy, with an attachment.
    await draft(publisher, { title: TITLE, category: '政策文件', body: '第一条 为提高统计数据质量……' });
    await publisher.getByLabel('文号').fill('黄统发[2024]9号');
    await publisher.getByLabel('成文日期').fill('2024-06-03');
    await publisher.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => new URL(publisher.url()).pathname).toMatch(/^\/console\/items\/\d+$/);
    const policyPath = new URL(publisher.url()).pathname;
    await publisher.getByLabel('上传附件').setInputFiles({
      name: '附件：统计数据质量评估表.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await publisher.getByRole('button', { name: '上传', exact: true }).click();
    await expect
      .poll(() => publisher.getByText('附件：统计数据质量评估表.pdf').first().isVisible())
      .toBe(true);

    // Its 解读, linked to it.
    await draft(publisher, { title: INTERP, category: '政策解读', body: '一、为什么出台……' });
    await publisher.getByLabel('解读形式').selectOption({ label: '图解' });
    await publisher.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => new URL(publisher.url()).pathname).toMatch(/^\/console\/items\/\d+$/);
    const interpPath = new URL(publisher.url()).pathname;
    await publisher.getByLabel('关联政策文件').selectOption({ label: TITLE });
    await publisher.getByRole('button', { name: '关联', exact: true }).click();

    for (const path of [policyPath, interpPath]) {
      await publisher.goto(`${server.url}${path}`);
      await publisher.getByRole('button', { name: '提交审核', exact: true }).click();
    }

    // The reviewer returns the policy with a comment; the publisher fixes it and resubmits.
    const reviewer = await signIn('tongji.shenhe');
    await review(reviewer, policyPath, '退回修改', '请补充内容概述。');
    await publisher.goto(`${server.url}${policyPath}`);
    await expect.poll(() => publisher.getByText('请补充内容概述。').first().isVisible()).toBe(true);
    await publisher.goto(`${server.url}${policyPath}/edit`);
    await publisher.getByLabel('内容概述').fill('规定统计数据质量的责任、评估和问责。');
    await publisher.getByRole('button', { name: '保存', exact: true }).click();
    await publisher.goto(`${server.url}${policyPath}`);
    await publisher.getByRole('button', { name: '提交审核', exact: true }).click();

    await review(reviewer, policyPath, '审核通过');
    await review(reviewer, interpPath, '审核通过');

    // Published together (the 解读 goes out with its policy).
    await publisher.goto(`${server.url}${policyPath}`);
    await publisher.getByRole('button', { name: '立即发布', exact: true }).click();
    await expect.poll(() => publisher.getByText('已发布').first().isVisible()).toBe(true);

    // The public: search, read, download, follow the 解读.
    const visitor = await newPage(browser, { javaScriptEnabled: false });
    await visitor.goto(`${server.url}/search?q=${encodeURIComponent('统计数据质量')}`);
    await visitor.getByRole('link', { name: TITLE, exact: true }).first().click();
    await expect.poll(() => visitor.locator('h1').textContent()).toBe(TITLE);
    expect(await visitor.getByTestId('item-meta').textContent()).toContain('黄统发〔2024〕9号');
    expect(await visitor.locator('.item-summary').textContent()).toContain(
      '规定统计数据质量的责任、评估和问责。',
    );

    const link = visitor
      .getByTestId('attachments')
      .getByRole('link', { name: '附件：统计数据质量评估表.pdf' });
    const href = await link.getAttribute('href');
    const download = await fetch(`${server.url}${href ?? ''}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''");

    await visitor.getByTestId('related-interpretations').getByRole('link', { name: INTERP }).click();
    await expect.poll(() => visitor.locator('h1').textContent()).toBe(INTERP);
    await visitor.getByTestId('related-policies').getByRole('link', { name: TITLE }).click();
    await expect.poll(() => visitor.locator('h1').textContent()).toBe(TITLE);

    for (const p of [publisher, reviewer, visitor]) await p.context().close();
  });
});

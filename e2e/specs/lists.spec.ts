// The browser journey of issue 5 §4: an officer imports a GBK-encoded CSV 权责清单 (as Excel in
// China saves it) with one bad row, is told the row, column and reason and that nothing was
// imported, fixes the file and imports it; the public opens the list, filters it by 职权类型 and
// downloads it as CSV.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { encodeGbk } from '../../src/lists/lists.gbk.test-helper.js';
import { readTable } from '../../src/lists/lists.tabular.js';
import { launchBrowser, newPage, seriousA11yViolations, signIn as signInAs } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

const HEAD = '职权编码,职权名称,职权类型,实施主体,实施依据';
const ROWS = [
  'XK-TJ-001,统计调查项目审批,行政许可,黄冈市统计局,《中华人民共和国统计法》第十七条',
  'CF-TJ-001,对统计违法行为的处罚,行政处罚,黄冈市统计局,《中华人民共和国统计法》第三十七条',
  'JC-TJ-001,统计执法检查,行政检查,黄冈市统计局,《中华人民共和国统计法》第三十五条',
];
// Row 4 of the file (the header is row 1): 行政审批 is not one of the 10 职权类型.
const BAD = 'QR-TJ-001,统计调查对象名录确认,行政审批,黄冈市统计局,《统计法实施条例》第十二条';
const FIXED = BAD.replace('行政审批', '行政确认');

describe('清单: GBK import with a bad row, fix, public filter and CSV download', () => {
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

  async function importFile(page: Page, data: Buffer): Promise<void> {
    await page.goto(`${server.url}/console/lists/qzqd`);
    await page
      .getByLabel('表格文件')
      .setInputFiles({ name: '权责清单.csv', mimeType: 'text/csv', buffer: data });
    await page.getByLabel('修改原因').fill('公布本局权责清单');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByTestId('import-report').waitFor();
  }

  it('refuses the file with a bad row, imports the fixed file; the public filters and downloads it', async () => {
    const officer = await signIn('tongji.fabu');

    // The file with a bad row: the report names the row, the column and the reason; nothing is imported.
    await importFile(officer, encodeGbk([HEAD, ROWS[0], ROWS[1], BAD, ROWS[2]].join('\r\n')));
    const report = officer.getByTestId('import-report');
    expect(await report.locator('h2').textContent()).toContain('有 1 行数据有误，未导入任何数据');
    const problems = await report
      .getByTestId('import-problems')
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())),
      );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.[0]).toBe('4');
    expect(problems[0]?.[1]).toBe('职权类型');
    expect(problems[0]?.[2]).toContain('职权类型只能是：行政许可、行政处罚');
    expect(await officer.getByText('本部门尚未建立此清单。').isVisible()).toBe(true);
    expect(await officer.getByTestId('console-entries').count()).toBe(0);
    expect(await seriousA11yViolations(officer)).toEqual([]);

    // The fixed file imports in full as version 1.
    await importFile(officer, encodeGbk([HEAD, ROWS[0], ROWS[1], FIXED, ROWS[2]].join('\r\n')));
    expect(await report.locator('h2').textContent()).toContain('已导入 4 行（GBK/GB18030），生成第 1 版');
    expect(await officer.getByTestId('console-entries').locator('tbody tr').count()).toBe(4);

    // The entry form of the list (the console's entry page).
    await officer.goto(`${server.url}/console/lists/qzqd/new`);
    expect(await officer.getByLabel('职权类型').count()).toBe(1);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.context().close();

    // The public: the 清单 column, the 统计局's list, filtered by 职权类型.
    const visitor = await newPage(browser);
    await visitor.goto(`${server.url}/lists`);
    await visitor.getByTestId('list-type-qzqd').getByRole('link', { name: '黄冈市统计局' }).click();
    await expect.poll(() => visitor.locator('h1').textContent()).toBe('黄冈市统计局权责清单');
    expect(await visitor.getByTestId('result-count').textContent()).toContain('找到 4 项');
    expect(await seriousA11yViolations(visitor)).toEqual([]);

    await visitor.getByLabel('职权类型').selectOption('行政确认');
    await visitor.getByRole('button', { name: '查询', exact: true }).click();
    await expect.poll(() => visitor.getByTestId('result-count').textContent()).toContain('找到 1 项');
    const names = await visitor.getByTestId('entries').locator('tbody tr').allTextContents();
    expect(names).toHaveLength(1);
    expect(names[0]).toContain('统计调查对象名录确认');
    expect(await visitor.getByLabel('职权类型').inputValue()).toBe('行政确认');

    // An entry page, then the CSV download: a UTF-8 BOM (Excel) and every row of the list.
    await visitor.getByTestId('entries').getByRole('link', { name: '查看' }).click();
    await expect.poll(() => visitor.locator('h1').textContent()).toContain('统计调查对象名录确认');
    expect(await visitor.getByTestId('entry').textContent()).toContain('《统计法实施条例》第十二条');
    expect(await seriousA11yViolations(visitor)).toEqual([]);
    await visitor.goBack();

    const [download] = await Promise.all([
      visitor.waitForEvent('download'),
      visitor.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/权责清单.*\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = readTable(bytes);
    if (!table.ok) throw new Error(table.message);
    expect(table.format === 'csv' && table.encoding).toBe('utf-8');
    const col = (label: string) => table.table.headers.indexOf(label);
    expect(col('职权编码')).toBeGreaterThanOrEqual(0);
    const rows = table.table.rows.map((r) => [
      r.cells[col('职权编码')],
      r.cells[col('职权名称')],
      r.cells[col('职权类型')],
    ]);
    expect(rows.sort()).toEqual(
      [
        ['CF-TJ-001', '对统计违法行为的处罚', '行政处罚'],
        ['JC-TJ-001', '统计执法检查', '行政检查'],
        ['QR-TJ-001', '统计调查对象名录确认', '行政确认'],
        ['XK-TJ-001', '统计调查项目审批', '行政许可'],
      ].sort(),
    );
    await visitor.context().close();
  });
});

// 依申请公开 in a browser without JavaScript: a citizen applies and gets the 查询码; the 统计局's
// request officer confirms receipt and asks for 补正; the citizen sees it on the tracking page;
// the officer records the 补正, decides and sends the reply; the citizen reads and downloads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/calendar/calendar.dates.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-users.js';
import { shanghaiDate } from '../../src/shared/clock.js';
import { launchBrowser, newPage, seriousA11yViolations } from '../helpers/browser.js';
import { startE2eServer, type E2eServer } from '../helpers/server.js';

describe('a request for information, citizen and officer', () => {
  let server: E2eServer;
  let browser: Browser;
  let citizen: Page;
  let officer: Page;
  let number = '';
  let code = '';
  let requestUrl = '';

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    citizen = await newPage(browser, { javaScriptEnabled: false });
    officer = await newPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // axe needs JavaScript: check GET pages in a second, script-enabled page.
  const a11y = async (url: string) => {
    const page = await newPage(browser);
    await page.goto(url);
    const v = await seriousA11yViolations(page);
    await page.context().close();
    return v;
  };

  const track = async () => {
    await citizen.goto(`${server.url}/ysq/track`);
    await citizen.getByLabel('申请编号').fill(number);
    await citizen.getByLabel('查询码').fill(code);
    await citizen.getByRole('button', { name: '查询' }).click();
  };

  it('the citizen applies (after a wrong ID number) and gets the 申请编号 and 查询码', async () => {
    await citizen.goto(`${server.url}/ysq`);
    expect(await a11y(`${server.url}/ysq`)).toEqual([]);
    await citizen.getByLabel('申请人类型').selectOption({ label: '自然人' });
    await citizen.getByLabel('姓名或名称').fill('孙八');
    await citizen.getByLabel('证件类型').selectOption({ label: '居民身份证' });
    await citizen.getByLabel('证件号码').fill('110105194912310021');
    await citizen.getByLabel('联系电话').fill('13912345678');
    await citizen.getByLabel('申请公开的机关').selectOption({ label: '黄冈市统计局' });
    await citizen.getByLabel('所需信息的名称').fill('2025年黄冈市规模以上工业企业名录');
    await citizen.getByLabel('信息的载体形式').selectOption({ label: '电子文档' });
    await citizen.getByLabel('获取信息的方式').selectOption({ label: '网上获取' });
    await citizen.getByRole('button', { name: '提交申请' }).click();
    expect(await citizen.getByTestId('error-summary').textContent()).toContain('校验位不正确');
    expect(await citizen.getByLabel('姓名或名称').inputValue()).toBe('孙八');
    await citizen.getByLabel('证件号码').fill('11010519491231002X');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    number = (await citizen.getByTestId('request-number').textContent()) ?? '';
    code = (await citizen.getByTestId('tracking-code').textContent()) ?? '';
    expect(number).toMatch(/^YSQ-\d{4}-\d{6}$/);
    expect(code).toMatch(/^[A-Z2-9-]{19}$/);
  });

  it('the officer confirms receipt and asks for 补正', async () => {
    await officer.goto(`${server.url}/console/login`);
    await officer.getByLabel('用户名').fill('tongji.yishenqing');
    await officer.getByLabel('密码').fill(DEMO_PASSWORD);
    await officer.getByRole('button', { name: '登录' }).click();
    await officer.goto(`${server.url}/console/requests`);
    expect(await seriousA11yViolations(officer)).toEqual([]);
    await officer.getByRole('link', { name: number }).click();
    requestUrl = officer.url();
    await officer.getByTestId('action-confirm_receipt').getByRole('button').click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toContain('办理中');
    const form = officer.getByTestId('action-ask_correction');
    await form.getByLabel('补正期限').fill(addDays(shanghaiDate(), 15));
    await form.getByLabel('需要补正的事项').fill('请说明所需名录的行业范围');
    await form.getByRole('button').click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toContain('待申请人补正');
    expect(await seriousA11yViolations(officer)).toEqual([]);
  });

  it('the citizen sees the 补正 request on the tracking page', async () => {
    await track();
    expect(await citizen.getByTestId('status').textContent()).toContain('待申请人补正');
    expect(await citizen.getByTestId('steps').textContent()).toContain('请说明所需名录的行业范围');
    expect(await a11y(citizen.url())).toEqual([]);
  });

  it('the officer records the 补正, decides and sends the reply', async () => {
    await officer.goto(requestUrl);
    await officer.getByTestId('action-record_correction').getByLabel('补正内容摘要').fill('全部行业');
    await officer.getByTestId('action-record_correction').getByRole('button').click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toContain('办理中');
    const decide = officer.getByTestId('action-decide');
    await decide.getByLabel(/办理结果/).selectOption('disclosed');
    await decide.getByLabel('理由、获取方式或说明').fill('名录见附件，亦可在统计局网站下载。');
    await decide.getByRole('button').click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toContain('待送达');
    await officer.getByTestId('action-send_reply').getByRole('button').click();
    await expect.poll(() => officer.getByTestId('status').textContent()).toContain('已办结');
    expect(await officer.getByTestId('letter').textContent()).toContain('孙八');
  });

  it('the citizen reads the reply letter and downloads it', async () => {
    await track();
    expect(await citizen.getByTestId('status').textContent()).toContain('已办结');
    const letter = (await citizen.getByTestId('reply-letter').textContent()) ?? '';
    expect(letter).toContain('名录见附件');
    expect(letter).toContain('行政复议');
    const res = await citizen.request.get(
      `${server.url}/ysq/track/letter?number=${number}&code=${encodeURIComponent(code)}`,
    );
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain('attachment');
    expect(await res.text()).toContain('名录见附件');
  });
});

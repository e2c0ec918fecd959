// A large upload runs as an import job: the department is sent to a page that shows rows checked
// / saved and reloads itself (Refresh header) until the job ends; then the result. All or nothing
// still holds; "import the valid rows" imports exactly those; another department cannot see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { shanghaiDate } from '../shared/clock.js';
import type { Browser, TestApp } from '../../test/helpers/app.js';
import { CREDIT_IMPORT_JOB_BYTES } from './credit.console.routes.js';
import { twoDepartmentPublishers } from './credit.test-setup.js';

const HEAD =
  'XK_XDR_MC,XK_XDR_LB,XK_XDR_SHXYM,XK_XKWS,XK_WSH,XK_XKLB,XK_NR,XK_JDRQ,XK_YXQZ,XK_YXQZI,XK_XKJG,XK_XKJGDM';

function file(rows: number, badAt: number | undefined, today: string): Buffer {
  const lines = [HEAD];
  for (let i = 0; i < rows; i++)
    lines.push(
      [
        `黄冈市第${i}号食品经营有限公司`,
        '法人及非法人组织',
        i === badAt ? '91420000000000000X' : demoCreditCode(2000 + (i % 5000)),
        '食品经营许可证',
        `黄食经许〔2026〕${i}号`,
        '普通',
        '预包装食品（含冷藏冷冻食品）销售；散装食品（不含冷藏冷冻食品）销售；热食类食品制售',
        today,
        today,
        '2031-12-31',
        '黄冈市市场监督管理局',
        demoCreditCode(501),
      ].join(','),
    );
  return Buffer.from(lines.join('\n'));
}

async function count(t: TestApp): Promise<number> {
  const r = await t.db.kysely
    .selectFrom('credit_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Follows the job page until it stops refreshing; returns every page seen. */
async function follow(b: Browser, url: string) {
  const seen: { refresh: string | undefined; body: string }[] = [];
  for (let i = 0; i < 600; i++) {
    const res = await b.get(url);
    expect(res.statusCode).toBe(200);
    const refresh = res.headers.refresh as string | undefined;
    seen.push({ refresh, body: res.body });
    if (!refresh) return seen;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the import job did not end');
}

describe('双公示: import jobs with progress', () => {
  let t: TestApp;
  let b: Browser;
  let other: Browser;
  let firstJob = '';
  const today = shanghaiDate();
  const ROWS = 6_000;

  beforeAll(async () => {
    ({ t, b, other } = await twoDepartmentPublishers());
  });
  afterAll(async () => t.close());

  it('a large file with one bad row: progress, then nothing saved and the row reported', async () => {
    const data = file(ROWS, 3000, today);
    expect(data.length).toBeGreaterThan(CREDIT_IMPORT_JOB_BYTES);
    const res = await uploadFile(
      b,
      '/console/credit/import',
      '/console/credit',
      { name: 'xk.csv', data },
      {
        kind: 'license',
      },
    );
    expect(res.statusCode).toBe(303);
    firstJob = String(res.headers.location);
    expect(firstJob).toMatch(/^\/console\/credit\/imports\/\d+$/);
    const pages = await follow(b, firstJob);
    const running = pages.filter((p) => p.refresh);
    expect(running.length).toBeGreaterThan(0);
    expect(running[0]?.refresh).toBe('2');
    expect(running[0]?.body).toMatch(
      /正在检查数据：已检查\s*<span data-testid="import-processed">\d+<\/span>\s*\/\s*<span data-testid="import-total">6000<\/span>/,
    );
    expect(running[0]?.body).toContain('<progress');
    const last = pages[pages.length - 1]?.body ?? '';
    expect(last).toContain('有 1 行数据有误，未导入任何数据');
    expect(last).toMatch(
      /<td>3002<\/td>\s*<td>统一社会信用代码（XK_XDR_SHXYM）<\/td>\s*<td>统一社会信用代码校验位不正确/,
    );
    expect(await count(t)).toBe(0);
  });

  it('"import the valid rows" imports exactly those', async () => {
    const res = await uploadFile(
      b,
      '/console/credit/import',
      '/console/credit',
      { name: 'xk.csv', data: file(ROWS, 3000, today) },
      { kind: 'license', validOnly: '1' },
    );
    expect(res.statusCode).toBe(303);
    const pages = await follow(b, String(res.headers.location));
    expect(pages[pages.length - 1]?.body).toContain(`已导入 ${ROWS - 1} 条`);
    expect(await count(t)).toBe(ROWS - 1);
  });

  it('another department cannot see the job', async () => {
    expect((await other.get(firstJob)).statusCode).toBe(404);
  });
});

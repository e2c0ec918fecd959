// Correcting a record in the console: same checks as entry, a reason, audited, history on the
// record page, the name index follows; another department cannot open or change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../calendar/calendar.dates.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { shanghaiDate } from '../shared/clock.js';
import type { Browser, TestApp } from '../../test/helpers/app.js';
import { idNumber } from './credit.test-ids.js';
import { twoDepartmentPublishers } from './credit.test-setup.js';

describe('双公示: correcting a record', () => {
  let t: TestApp;
  let b: Browser;
  let other: Browser;
  let id = 0;
  const today = shanghaiDate();
  const frId = idNumber('19750101', '321');
  const newFrId = idNumber('19760202', '654');
  const form = {
    XK_XDR_MC: '黄冈旧名药房有限公司',
    XK_XDR_LB: '法人及非法人组织',
    XK_XDR_SHXYM: demoCreditCode(705),
    XK_FRDB: '王五',
    XK_FR_ZJHM: frId,
    XK_XKWS: '药品经营许可证',
    XK_WSH: '鄂黄药许〔2026〕9号',
    XK_XKLB: '普通',
    XK_NR: '药品零售',
    XK_JDRQ: today,
    XK_YXQZ: today,
    XK_YXQZI: addDays(today, 1000),
    XK_XKJG: '黄冈市市场监督管理局',
    XK_XKJGDM: demoCreditCode(501),
  };
  const publicNames = async (name: string) =>
    (await t.app.inject(`/api/v1/credit/records?name=${encodeURIComponent(name)}`))
      .json<{ records: { partyName: string }[] }>()
      .records.map((r) => r.partyName);

  beforeAll(async () => {
    ({ t, b, other } = await twoDepartmentPublishers());
    const res = await b.post('/console/credit/new?kind=license', form, {
      csrfFrom: '/console/credit/new?kind=license',
    });
    expect(res.statusCode).toBe(303);
    id = Number(String(res.headers.location).split('/').pop());
  });
  afterAll(async () => t.close());

  it('the edit form is filled with the record', async () => {
    const page = await b.get(`/console/credit/${id}/edit`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="黄冈旧名药房有限公司"');
    expect(page.body).toContain('修改原因');
  });

  it('checks a correction like an entry and needs a reason; a failed one changes nothing', async () => {
    const res = await b.post(
      `/console/credit/${id}/edit`,
      { ...form, XK_XDR_SHXYM: '91420000000000000X', XK_YXQZI: addDays(today, -1), reason: '' },
      { csrfFrom: `/console/credit/${id}/edit` },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('统一社会信用代码校验位不正确');
    expect(res.body).toContain('有效期至不能早于有效期自');
    expect(res.body).toContain('请说明修改原因');
    expect((await b.get(`/console/credit/${id}`)).body).toContain(demoCreditCode(705));
  });

  it('saves a correction with its reason: audited, in the history, the name index follows', async () => {
    const res = await b.post(
      `/console/credit/${id}/edit`,
      {
        ...form,
        XK_XDR_MC: '黄冈新名大药房有限公司',
        XK_FR_ZJHM: newFrId,
        reason: '名称录入错误，按营业执照更正',
      },
      { csrfFrom: `/console/credit/${id}/edit` },
    );
    expect(res.statusCode).toBe(303);
    const page = (await b.get(`/console/credit/${id}`)).body;
    expect(page).toContain('黄冈新名大药房有限公司');
    expect(page).toMatch(/修改：名称录入错误，按营业执照更正/);
    expect(page).toContain('行政相对人名称：“黄冈旧名药房有限公司” → “黄冈新名大药房有限公司”');
    // ID numbers appear masked in the history and the log.
    expect(page).toContain(`“${frId.slice(0, 4)}**********${frId.slice(-4)}” → “${newFrId.slice(0, 4)}`);
    expect(page).not.toContain(`“${frId}”`);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['summary'])
      .where('action', '=', 'credit.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.summary).not.toContain(newFrId);
    expect(await publicNames('新名大药房')).toEqual(['黄冈新名大药房有限公司']);
    expect(await publicNames('旧名')).toEqual([]);
  });

  it('another department can neither open nor change the record', async () => {
    expect((await other.get(`/console/credit/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/console/credit/${id}/edit`)).statusCode).toBe(404);
    const res = await other.post(
      `/console/credit/${id}/edit`,
      { ...form, XK_XDR_MC: '冒改有限公司', reason: '试图修改别的部门的记录' },
      { csrfFrom: '/console/credit/new?kind=license' },
    );
    expect(res.statusCode).toBe(404);
    expect((await b.get(`/console/credit/${id}`)).body).toContain('黄冈新名大药房有限公司');
  });
});

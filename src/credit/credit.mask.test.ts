// Personal data on public pages and in the API (cn-gov-norms §3.3 Privacy): a natural person's ID
// number shows at most its first and last 4 characters, the name only its surname — in its own
// field, in the free text that repeats it, on the lookup page, the record page, the API list and
// the API record; a 法定代表人's ID number likewise. Staff see everything in the console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { idNumber } from './credit.test-ids.js';

describe('双公示: masking on pages and in the API', () => {
  let t: TestApp;
  let b: Browser;
  let personRecord = 0;
  let companyRecord = 0;
  const today = shanghaiDate();
  const personId = idNumber('19880808', '246');
  const frId = idNumber('19700303', '135');
  const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(-4)}`;
  const common = {
    CF_WFXW: '无证经营',
    CF_YJ: '《无证无照经营查处办法》第十三条',
    CF_CFLB: '罚款',
    CF_NR_FK: '0.2',
    CF_JDRQ: today,
    CF_CFJG: '黄冈市市场监督管理局',
    CF_CFJGDM: demoCreditCode(501),
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '黄冈市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    b = new Browser(t.app);
    await b.login(u.username, u.password);
    const csrfFrom = { csrfFrom: '/console/credit/new?kind=penalty' };
    const p = await b.post(
      '/console/credit/new?kind=penalty',
      {
        ...common,
        CF_WSH: '黄市监罚〔2026〕P1号',
        CF_XDR_MC: '司马相如',
        CF_XDR_LB: '自然人',
        CF_XDR_ZJLX: '身份证',
        CF_XDR_ZJHM: personId,
        CF_SY: `经查，司马相如（公民身份号码 ${personId}）在黄州区无证经营。`,
        CF_NR: '对司马相如罚款 2000 元',
      },
      csrfFrom,
    );
    expect(p.statusCode).toBe(303);
    personRecord = Number(String(p.headers.location).split('/').pop());
    const c = await b.post(
      '/console/credit/new?kind=penalty',
      {
        ...common,
        CF_WSH: '黄市监罚〔2026〕C1号',
        CF_XDR_MC: '黄冈相如商贸有限公司',
        CF_XDR_LB: '法人及非法人组织',
        CF_XDR_SHXYM: demoCreditCode(808),
        CF_FRDB: '王五',
        CF_FR_ZJLX: '身份证',
        CF_FR_ZJHM: frId,
        CF_SY: '经查，当事人无证经营。',
        CF_NR: '罚款 2000 元',
      },
      csrfFrom,
    );
    expect(c.statusCode).toBe(303);
    companyRecord = Number(String(c.headers.location).split('/').pop());
  });
  afterAll(async () => t.close());

  it('the lookup page and the record page show the surname and 4+4 characters only', async () => {
    const list = (await t.app.inject('/credit')).body;
    expect(list).toContain('司***');
    const page = (await t.app.inject(`/credit/${personRecord}`)).body;
    expect(page).toContain('司***');
    expect(page).toContain(`经查，司***（公民身份号码 ${masked(personId)}）在黄州区无证经营。`);
    expect(page).toContain(masked(personId));
    for (const body of [list, page]) {
      expect(body).not.toContain('司马相如');
      expect(body).not.toContain(personId);
    }
    const company = (await t.app.inject(`/credit/${companyRecord}`)).body;
    expect(company).toContain('黄冈相如商贸有限公司');
    expect(company).toContain(masked(frId));
    expect(company).not.toContain(frId);
  });

  it('the API list and record mask the same way', async () => {
    const list = await t.app.inject('/api/v1/credit/records');
    const one = await t.app.inject(`/api/v1/credit/records/${personRecord}`);
    const rec = one.json<{ partyName: string; fields: Record<string, string> }>();
    expect(rec.partyName).toBe('司***');
    expect(rec.fields.CF_XDR_MC).toBe('司***');
    expect(rec.fields.CF_XDR_ZJHM).toBe(masked(personId));
    expect(rec.fields.CF_NR).toBe('对司***罚款 2000 元');
    for (const body of [list.body, one.body]) {
      expect(body).not.toContain('司马相如');
      expect(body).not.toContain(personId);
      expect(body).not.toContain(frId);
    }
    const company = (await t.app.inject(`/api/v1/credit/records/${companyRecord}`)).json<{
      fields: Record<string, string>;
    }>();
    expect(company.fields.CF_FR_ZJHM).toBe(masked(frId));
  });

  it('a natural person is not found by name or part of it; the company with the same characters is', async () => {
    const api = (name: string) =>
      t.app
        .inject(`/api/v1/credit/records?name=${encodeURIComponent(name)}`)
        .then((r) => r.json<{ records: { partyName: string }[] }>().records.map((x) => x.partyName));
    expect(await api('司马相如')).toEqual([]);
    expect(await api('相如')).toEqual(['黄冈相如商贸有限公司']);
  });

  it('staff see the full data in the console', async () => {
    const page = (await b.get(`/console/credit/${personRecord}`)).body;
    expect(page).toContain('司马相如');
    expect(page).toContain(personId);
  });
});

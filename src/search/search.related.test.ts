// Integration: the site search also finds 清单 entries and 双公示 records (issue 5 §1: "Entries are
// in the site search"); a natural person is not found by name, an expired record is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../calendar/calendar.dates.js';
import { idNumber } from '../credit/credit.test-ids.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { uploadFile } from '../lists/lists.test-upload.js';
import { shanghaiDate } from '../shared/clock.js';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';

const LIST_HEAD = '职权编码,职权名称,职权类型,实施主体,实施依据';
const CREDIT_HEAD =
  'CF_WSH,行政相对人名称,CF_XDR_LB,CF_XDR_SHXYM,CF_XDR_ZJHM,违法行为类型,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_NR_FK,CF_JDRQ,CF_CFJG,CF_CFJGDM';

function penalty(doc: string, name: string, category: string, code: string, id: string, date: string) {
  return [
    doc,
    name,
    category,
    code,
    id,
    '食品安全',
    '经营过期食品',
    '《食品安全法》',
    '罚款',
    '罚款',
    '1',
    date,
    '黄冈市市场监督管理局',
    demoCreditCode(501),
  ].join(',');
}

describe('site search: 清单 entries and 双公示 records beside the catalogue', () => {
  let t: TestApp;
  const today = shanghaiDate();
  const activeCode = demoCreditCode(611);

  beforeAll(async () => {
    t = await buildTestApp();
    const housing = await makeDepartment(t, '市住房和城乡建设局');
    const market = await makeDepartment(t, '黄冈市市场监督管理局');
    const officer = new Browser(t.app);
    const u1 = await makeUser(t, { roles: ['publisher'], departmentId: housing });
    await officer.login(u1.username, u1.password);
    const list = Buffer.from(
      [
        LIST_HEAD,
        'XK-001,建筑工程施工许可,行政许可,市住房和城乡建设局,《中华人民共和国建筑法》第七条',
        'CF-001,对违法建设的处罚,行政处罚,市住房和城乡建设局,《城乡规划法》第六十四条',
      ].join('\r\n'),
    );
    const imported = await uploadFile(
      officer,
      '/console/lists/qzqd/import',
      '/console/lists/qzqd',
      { name: 'qzqd.csv', data: list },
      { mode: 'merge', reason: '首次公布' },
    );
    expect(imported.statusCode).toBe(200);

    const clerk = new Browser(t.app);
    const u2 = await makeUser(t, { roles: ['publisher'], departmentId: market });
    await clerk.login(u2.username, u2.password);
    const records = Buffer.from(
      [
        CREDIT_HEAD,
        penalty('R1', '黄冈施工许可超市有限公司', '法人及非法人组织', activeCode, '', today),
        penalty(
          'R2',
          '黄冈施工旧账有限公司',
          '法人及非法人组织',
          demoCreditCode(612),
          '',
          addDays(today, -800),
        ),
        penalty('R3', '施工许', '自然人', '', idNumber('19920505', '789'), today),
      ].join('\r\n'),
    );
    const res = await uploadFile(
      clerk,
      '/console/credit/import',
      '/console/credit',
      { name: 'cf.csv', data: records },
      { kind: 'penalty', validOnly: '1' },
    );
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('lists matching 清单 entries and 双公示 records, linked to their pages', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('施工许')}` });
    expect(res.statusCode).toBe(200);
    // No catalogue item matches: the help text shows, and so do the other sources.
    expect(res.body).toContain('data-testid="no-results"');
    const lists = /data-testid="related-lists"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    expect(lists).toContain('清单中的条目（1）');
    expect(lists).toMatch(/<a href="\/lists\/\d+\/entries\/\d+">XK-001　建筑工程施工许可<\/a>/);
    expect(lists).toContain('市住房和城乡建设局权责清单');
    const credit = /data-testid="related-credit"[\s\S]*?<\/section>/.exec(res.body)?.[0] ?? '';
    expect(credit).toContain('双公示信息（1）');
    expect(credit).toMatch(/<a href="\/credit\/\d+">黄冈施工许可超市有限公司<\/a>/);
    // The expired record (公示期 passed) and the natural person are not found by name.
    expect(res.body).not.toContain('黄冈施工旧账有限公司');
    expect(credit).not.toContain('施工许</a>');
    const entryHref = /href="(\/lists\/\d+\/entries\/\d+)"/.exec(lists)?.[1] ?? '';
    expect((await t.app.inject({ method: 'GET', url: entryHref })).statusCode).toBe(200);
  });

  it('finds a record by its 统一社会信用代码', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/search?q=${activeCode.toLowerCase()}` });
    expect(res.body).toMatch(/data-testid="related-credit"[\s\S]*?黄冈施工许可超市有限公司/);
  });

  it('shows nothing from the other sources on a filtered search or when nothing matches', async () => {
    const filtered = await t.app.inject({
      method: 'GET',
      url: `/search?q=${encodeURIComponent('施工许')}&year=2017`,
    });
    expect(filtered.body).not.toContain('data-testid="related-lists"');
    const none = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('无此内容')}` });
    expect(none.body).toContain('data-testid="no-results"');
    expect(none.body).not.toContain('data-testid="related-');
  });
});

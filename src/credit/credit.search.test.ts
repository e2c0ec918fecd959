// Partial name search (both databases, same cases): every record whose name contains the query's
// characters is found, nothing else; natural persons never; a common name (more candidates than
// the index reads at once) gives the same first page and a capped count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../calendar/calendar.dates.js';
import { demoCreditCode } from '../demo/demo-departments.js';
import { shanghaiDate } from '../shared/clock.js';
import { buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { COUNT_LIMIT } from './credit.repository.js';
import { importRecords, searchPublicRecords } from './credit.service.js';
import { idNumber } from './credit.test-ids.js';
import type { CurrentUser } from '../users/users.types.js';

const HEAD =
  'CF_WSH,CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_XDR_ZJHM,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_JDRQ,CF_CFJG,CF_CFJGDM';

function csv(rows: { name: string; natural?: boolean }[], today: string, from = 0): Buffer {
  const lines = rows.map((r, i) =>
    [
      `S${from + i}`,
      r.name,
      r.natural ? '自然人' : '法人及非法人组织',
      r.natural ? '' : demoCreditCode(1000 + from + i),
      r.natural ? idNumber('19800101', String(100 + (i % 800))) : '',
      '食品安全',
      '经营过期食品',
      '《食品安全法》',
      '警告',
      '警告',
      today,
      '黄冈市市场监督管理局',
      demoCreditCode(501),
    ].join(','),
  );
  return Buffer.from([HEAD, ...lines].join('\n'));
}

const NAMES = [
  '黄冈恒达商贸有限公司',
  '黄州区恒达建筑工程有限公司',
  '麻城市鑫源食品有限公司',
  '武汉ＡＢＣ科技有限公司', // full-width letters fold to abc
  '红安县 张记 餐饮店', // spaces fold away
  '湖北黄达物流股份有限公司',
  '罗田县达恒医药有限公司',
];

describe('双公示: partial name search', () => {
  let t: TestApp;
  let user: CurrentUser;
  const today = shanghaiDate();
  const all = async (name: string) =>
    (await searchPublicRecords(t.db.kysely, { name }, { limit: 100, offset: 0 })).records
      .map((r) => r.partyName)
      .sort();

  beforeAll(async () => {
    t = await buildTestApp();
    const dept = await makeDepartment(t, '黄冈市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    user = { id: u.id, username: u.username, displayName: '用户', departmentId: dept, roles: ['publisher'] };
    const rows = [
      ...NAMES.map((name) => ({ name })),
      { name: '黄达', natural: true },
      { name: '恒达', natural: true },
    ];
    const r = await importRecords(t.db.kysely, user, {
      kind: 'penalty',
      bytes: csv(rows, today),
      fileName: 'a.csv',
      validOnly: false,
    });
    expect(r.ok).toBe(true);
  });
  afterAll(async () => t.close());

  it('finds exactly the names that contain the query', async () => {
    expect(await all('恒达')).toEqual(['黄冈恒达商贸有限公司', '黄州区恒达建筑工程有限公司']);
    expect(await all('黄达')).toEqual(['湖北黄达物流股份有限公司']); // not 黄冈恒达 (not adjacent)
    expect(await all('达恒')).toEqual(['罗田县达恒医药有限公司']);
    expect(await all('达')).toHaveLength(4);
    expect(await all('abc科技')).toEqual(['武汉ＡＢＣ科技有限公司']);
    expect(await all('ＡＢＣ')).toEqual(['武汉ＡＢＣ科技有限公司']);
    expect(await all('张记餐饮')).toEqual(['红安县 张记 餐饮店']);
    expect(await all('有限公司')).toHaveLength(6);
    expect(await all('恒达商贸有限公司有')).toEqual([]);
    expect(await all('  ')).toHaveLength(NAMES.length + 2); // an empty query does not filter
  });

  it('never finds natural persons by name', async () => {
    expect(await all('黄达')).not.toContain('黄达');
    const res = await t.app.inject({ url: `/api/v1/credit/records?name=${encodeURIComponent('恒达')}` });
    expect(res.json().total).toBe(2);
  });

  it('a common name: the same matches in date order, a capped count', async () => {
    // More matches than the count goes to (COUNT_LIMIT).
    const many = Array.from({ length: 2100 }, (_, i) => ({ name: `英山县共同${i % 10}贸易有限公司` }));
    const r = await importRecords(t.db.kysely, user, {
      kind: 'penalty',
      bytes: csv(many, today, 10_000),
      fileName: 'b.csv',
      validOnly: false,
    });
    expect(r.ok).toBe(true);
    const common = await searchPublicRecords(t.db.kysely, { name: '共同' }, { limit: 20, offset: 0 });
    expect(common.more).toBe(true);
    expect(common.total).toBe(COUNT_LIMIT);
    expect(common.records).toHaveLength(20);
    expect(common.records.every((x) => x.partyName.includes('共同'))).toBe(true);
    const rare = await searchPublicRecords(t.db.kysely, { name: '共同7贸易' }, { limit: 20, offset: 0 });
    expect(rare.more).toBe(false);
    expect(rare.total).toBe(210);
    const page = await t.app.inject({ url: `/credit?name=${encodeURIComponent('共同')}` });
    expect(page.body).toContain(`超过 ${COUNT_LIMIT} 条`);
    // Still exact: a name with the same characters apart is not found.
    expect(await all('共同1贸易有限公司黄')).toEqual([]);
  });

  it('a name found only among older records: every match, newest first, counted up to the cap', async () => {
    // 1,100 older matches behind 5,000 newer records of other names (more than are looked at first).
    const older = Array.from({ length: 1100 }, (_, i) => ({ name: `团风县久远${i % 5}商行有限公司` }));
    const newer = Array.from({ length: 5000 }, (_, i) => ({ name: `浠水县近期${i}超市` }));
    for (const [rows, date, from] of [
      [older, addDays(today, -40), 20_000],
      [newer, today, 30_000],
    ] as const) {
      const r = await importRecords(t.db.kysely, user, {
        kind: 'penalty',
        bytes: csv([...rows], date, from),
        fileName: 'c.csv',
        validOnly: false,
      });
      expect(r.ok).toBe(true);
    }
    const first = await searchPublicRecords(t.db.kysely, { name: '久远' }, { limit: 20, offset: 0 });
    expect(first.more).toBe(true);
    expect(first.total).toBe(COUNT_LIMIT);
    const second = await searchPublicRecords(t.db.kysely, { name: '久远' }, { limit: 20, offset: 20 });
    const ids = [...first.records, ...second.records].map((x) => x.id);
    expect(ids).toHaveLength(40);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids); // same date: id desc
    expect([...first.records, ...second.records].every((x) => x.partyName.includes('久远'))).toBe(true);
    const few = await searchPublicRecords(t.db.kysely, { name: '久远3商行' }, { limit: 20, offset: 200 });
    expect(few.total).toBe(220);
    expect(few.more).toBe(false);
    expect(few.records.map((x) => x.partyName)).toEqual(Array(20).fill('团风县久远3商行有限公司'));
    const last = await searchPublicRecords(t.db.kysely, { name: '久远3商行' }, { limit: 20, offset: 210 });
    expect(last.records).toHaveLength(10);
  });
});

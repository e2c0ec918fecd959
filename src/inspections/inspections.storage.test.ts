// Storage. Importing a 名录库 writes in batches: every row lands, a repeated code keeps its last row, and a
// second import updates (and reactivates) what is there. Draws stored in the earlier form verify. A
// draw right after its commit gives the same result whether or not this process kept the pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCreditCode } from '../demo/demo-departments.js';
import type { CurrentUser } from '../users/users.types.js';
import { buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { drawSelection, poolDigest, seedCommitment, type DrawPublicData } from './inspections.draw.js';
import { setRecordActive } from './inspections.libraries.js';
import * as repo from './inspections.repository.js';
import { INSPECTION_MATTERS_SLUG } from '../lists/lists.builtin.js';
import { ensureBuiltinListTypes, getListType, saveEntry } from '../lists/lists.service.js';
import {
  commitDraw,
  getPublicDraw,
  importLibrary,
  listEntities,
  listInspectors,
  performDraw,
  verifyDrawById,
} from './inspections.service.js';

const codes = Array.from({ length: 1203 }, (_, i) => demoCreditCode(20000 + i));
const csv = (rows: string[]) => Buffer.from(`统一社会信用代码,名称,行业\n${rows.join('\n')}\n`);

describe('名录库 import', () => {
  let t: TestApp;
  let user: CurrentUser;
  beforeAll(async () => {
    t = await buildTestApp();
    const departmentId = await makeDepartment(t, '市市场监督管理局');
    const u = await makeUser(t, { roles: ['publisher'], departmentId });
    user = { id: u.id, username: u.username, displayName: u.username, departmentId, roles: ['publisher'] };
  });
  afterAll(async () => t.close());

  it('imports more rows than one batch; a repeated code keeps its last row', async () => {
    const rows = codes.map((c, i) => `${c},企业${i},餐饮`);
    rows.splice(700, 0, `${codes[3]},企业3（更名）,零售`);
    const r = await importLibrary(t.db.kysely, user, 'entities', csv(rows));
    expect(r).toEqual({ ok: true, imported: 1204 });
    const all = await listEntities(t.db.kysely, user.departmentId);
    expect(all).toHaveLength(1203);
    expect(all.find((e) => e.creditCode === codes[3])).toMatchObject({
      name: '企业3（更名）',
      industry: '零售',
    });
  });

  it('a second import updates names and reactivates a deactivated entity', async () => {
    const first = (await listEntities(t.db.kysely, user.departmentId))[0];
    if (!first?.id) throw new Error('no entity');
    await setRecordActive(t.db.kysely, user, 'entities', first.id, false);
    expect(await listEntities(t.db.kysely, user.departmentId)).toHaveLength(1202);
    const r = await importLibrary(
      t.db.kysely,
      user,
      'entities',
      csv(codes.map((c, i) => `${c},新企业${i},餐饮`)),
    );
    expect(r.ok).toBe(true);
    const all = await listEntities(t.db.kysely, user.departmentId);
    expect(all).toHaveLength(1203);
    expect(all.every((e) => e.name.startsWith('新企业'))).toBe(true);
    const staff = Buffer.from(
      `执法证号,姓名,执法领域,回避对象\nzf001,甲,食品,${codes[0]}、${codes[1]}\nZF002,乙,食品,\n`,
    );
    expect(await importLibrary(t.db.kysely, user, 'inspectors', staff)).toEqual({ ok: true, imported: 2 });
    const again = Buffer.from(`执法证号,姓名,执法领域,回避对象\nZF001,甲某,市场,\n`);
    expect(await importLibrary(t.db.kysely, user, 'inspectors', again)).toEqual({ ok: true, imported: 1 });
    const inspectors = await listInspectors(t.db.kysely, user.departmentId);
    expect(inspectors.map((i) => [i.certNo, i.name, i.field, i.relations.length])).toEqual([
      ['ZF001', '甲某', '市场', 0],
      ['ZF002', '乙', '食品', 0],
    ]);
  });
});

describe('draws stored before the public data was kept as canonical JSON', () => {
  it('still verify (public data stored by JSON.stringify)', async () => {
    const t = await buildTestApp();
    try {
      const departmentId = await makeDepartment(t, '市市场监督管理局');
      const data: DrawPublicData = {
        title: '旧抽取',
        matter: '食品经营者经营条件检查',
        department: '市市场监督管理局',
        year: 2026,
        params: { count: 2, percent: null, inspectorsPerEntity: 2 },
        entities: codes.slice(0, 10).map((c, i) => ({ creditCode: c, name: `企业${i}` })),
        inspectors: ['ZF1', 'ZF2', 'ZF3'].map((c) => ({ certNo: c, name: c })),
        conflicts: [{ certNo: 'ZF1', creditCode: codes[0] ?? '', reason: '申报的利害关系' }],
      };
      const seed = 'c'.repeat(64);
      const id = await t.db.kysely.transaction().execute(async (trx) => {
        const drawId = await repo.insertDraw(
          trx,
          {
            departmentId,
            data,
            poolDigest: poolDigest(data),
            commitment: seedCommitment(seed),
            secret: seed,
            createdBy: '甲',
          },
          '2026-01-05T00:00:00.000Z',
        );
        await repo.markDrawn(trx, drawId, seed, drawSelection(data, seed), '2026-01-05T00:00:01.000Z');
        return drawId;
      });
      const raw = await t.db.kysely
        .selectFrom('insp_draws')
        .select('public_json')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(raw.public_json.startsWith('{"title":')).toBe(true);
      expect(await verifyDrawById(t.db.kysely, id)).toMatchObject({ ok: true });
    } finally {
      await t.close();
    }
  });
});

describe('a draw right after its commit', () => {
  it('uses the pool it committed, and reads it back when another process drew it', async () => {
    const t = await buildTestApp();
    try {
      const departmentId = await makeDepartment(t, '市市场监督管理局');
      const u = await makeUser(t, { roles: ['publisher'], departmentId });
      const user: CurrentUser = {
        id: u.id,
        username: u.username,
        displayName: u.username,
        departmentId,
        roles: ['publisher'],
      };
      const db = t.db.kysely;
      await ensureBuiltinListTypes(db);
      const saved = await saveEntry(db, user, await getListType(db, INSPECTION_MATTERS_SLUG), {
        originalKey: undefined,
        values: {
          name: '食品经营者经营条件检查',
          category: '一般检查事项',
          targets: '食品经营者',
          subject: '市市场监督管理局',
          basis: '《食品安全法》',
        },
        reason: '公布随机抽查事项清单',
      });
      expect(saved.ok).toBe(true);
      await importLibrary(db, user, 'entities', csv(codes.slice(0, 60).map((c, i) => `${c},企业${i},餐饮`)));
      await importLibrary(
        db,
        user,
        'inspectors',
        Buffer.from('执法证号,姓名,执法领域,回避对象\nZF001,甲,食品,\nZF002,乙,食品,\nZF003,丙,食品,\n'),
      );
      const input = {
        title: '2026 年第一次抽查',
        matter: '食品经营者经营条件检查',
        industry: '',
        count: '',
        percent: '10',
        inspectorsPerEntity: '2',
      };
      const first = await commitDraw(db, user, input);
      const second = await commitDraw(db, user, { ...input, title: '2026 年第二次抽查' });
      if (!first.ok || !second.ok) throw new Error('not committed');
      // Another Kysely instance over the same database stands for another process: it has not
      // kept the committed pool and reads it from the database.
      const elsewhere = await performDraw(db.withoutPlugins(), user, first.value);
      const here = await performDraw(db, user, second.value);
      for (const d of [elsewhere, here]) {
        const stored = await getPublicDraw(db, d.id);
        expect(stored.result).toHaveLength(6);
        expect(stored.result).toEqual(drawSelection(stored.data, stored.seed ?? ''));
        expect(d.result).toEqual(stored.result);
        expect(await verifyDrawById(db, d.id)).toMatchObject({ ok: true });
      }
      // Drawing again changes nothing.
      expect((await performDraw(db, user, second.value)).result).toEqual(here.result);
      // Two clicks at once: one draw, one audit entry, the same result for both.
      const third = await commitDraw(db, user, { ...input, title: '2026 年第三次抽查' });
      if (!third.ok) throw new Error('not committed');
      const [a, b] = await Promise.all([
        performDraw(db, user, third.value),
        performDraw(db.withoutPlugins(), user, third.value),
      ]);
      expect(a.result).toEqual(b.result);
      const entries = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'inspections.draw')
        .where('entity_id', '=', String(third.value))
        .execute();
      expect(entries).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers/app.js';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { demoOrgs } from '../demo/demo.service.js';
import { importOrgs } from './orgs.import.js';

describe('importing departments and the leading group at once', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const count = async (table: 'departments' | 'group_members' | 'audit_log') =>
    Number(
      (
        await t.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('saves nothing when any row is wrong, and names the row and field', async () => {
    const data = demoOrgs();
    const departments = data.departments.map((d, i) =>
      i === 40 ? { ...d, creditCode: `${d.creditCode.slice(0, 17)}0` } : d,
    );
    const result = await importOrgs(
      t.db.kysely,
      SYSTEM_ACTOR,
      { ...data, departments },
      { onlyIfEmpty: false },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fields['departments[40].creditCode']).toContain('校验位不正确');
    const unknownUnit = await importOrgs(
      t.db.kysely,
      SYSTEM_ACTOR,
      {
        ...data,
        members: [
          {
            role: 'member',
            name: '某人',
            position: '',
            unitName: '',
            sortOrder: 1,
            department: '不存在的局',
          },
        ],
      },
      { onlyIfEmpty: false },
    );
    expect(unknownUnit.ok).toBe(false);
    expect(await count('departments')).toBe(0);
    expect(await count('group_members')).toBe(0);
    expect(await count('audit_log')).toBe(0);
  });

  it('imports once, and then refuses duplicates or skips when asked to load only into an empty database', async () => {
    const first = await importOrgs(t.db.kysely, SYSTEM_ACTOR, demoOrgs(), { onlyIfEmpty: true });
    expect(first).toEqual({ ok: true, value: { imported: true, departments: 76, members: 65 } });
    const skipped = await importOrgs(t.db.kysely, SYSTEM_ACTOR, demoOrgs(), { onlyIfEmpty: true });
    expect(skipped).toEqual({ ok: true, value: { imported: false } });
    const duplicate = await importOrgs(t.db.kysely, SYSTEM_ACTOR, demoOrgs(), { onlyIfEmpty: false });
    expect(duplicate.ok).toBe(false);
    if (!duplicate.ok) expect(duplicate.fields['departments[0].fullName']).toBe('已有同名机构');
    expect(await count('departments')).toBe(76);
  });
});

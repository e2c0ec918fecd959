// Integration: an admin changes a list type after departments have entries in it — relabel, an
// added optional field, changed enum values — with every refusal naming the field, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { formatDefinition } from './lists.definition.js';
import type { CurrentUser } from '../users/users.types.js';
import { getListType, saveEntry } from './lists.service.js';

const DEFINITION = [
  'name|项目名称|文本|是|',
  'unit|收费单位|文本|是|',
  'nature|收费性质|枚举|是|政府定价、政府指导价、市场调节价',
].join('\n');

describe('清单类型: changes after creation', () => {
  let t: TestApp;
  let admin: Browser;
  let officer: Browser;
  let officerUser: CurrentUser;
  beforeAll(async () => {
    t = await buildTestApp();
    const a = await makeUser(t, { roles: ['admin'] });
    admin = new Browser(t.app);
    await admin.login(a.username, a.password);
    const dept = await makeDepartment(t, '市发展和改革委员会');
    const u = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    officerUser = {
      id: u.id,
      username: u.username,
      displayName: '发改委发布员',
      departmentId: dept,
      roles: ['publisher'],
    };
    officer = new Browser(t.app);
    await officer.login(u.username, u.password);

    const created = await admin.post(
      '/console/list-types',
      { slug: 'fees', name: '收费清单', description: '', definition: DEFINITION, keyField: 'name' },
      { csrfFrom: '/console/list-types' },
    );
    expect(created.statusCode).toBe(303);
    for (const [name, nature] of [
      ['检验检测费', '政府定价'],
      ['咨询服务费', '市场调节价'],
    ] as const) {
      const r = await officer.post(
        '/console/lists/fees/new',
        { v_name: name, v_unit: '市发展和改革委员会', v_nature: nature, reason: '首次公布' },
        { csrfFrom: '/console/lists/fees/new' },
      );
      expect(r.statusCode).toBe(303);
    }
  });
  afterAll(async () => t.close());

  async function edit(definition: string, extra: Record<string, string> = {}) {
    return admin.post(
      '/console/list-types/fees/edit',
      { name: '收费清单', description: '', definition, reason: '调整字段', ...extra },
      { csrfFrom: '/console/list-types/fees/edit' },
    );
  }

  const fields = async () => (await getListType(t.db.kysely, 'fees')).fields;

  it('shows the current definition in the edit form; officers may not edit types', async () => {
    const page = await admin.get('/console/list-types/fees/edit');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('nature|收费性质|枚举（限定取值）|是|政府定价、政府指导价、市场调节价');
    expect((await officer.get('/console/list-types/fees/edit')).statusCode).toBe(403);
  });

  it('relabels a field, adds an optional field and an allowed value; entries keep their values', async () => {
    const def = [
      'name|收费项目名称|文本|是|',
      'unit|收费单位|文本|是|',
      'nature|收费性质|枚举|是|政府定价、政府指导价、市场调节价、其他',
      'phone|咨询电话|文本|否|',
    ].join('\n');
    const r = await edit(def);
    expect(r.statusCode).toBe(303);
    const f = await fields();
    expect(f.map((x) => x.label)).toEqual(['收费项目名称', '收费单位', '收费性质', '咨询电话']);
    expect(f.find((x) => x.key === 'nature')?.options).toContain('其他');
    expect(f.find((x) => x.key === 'phone')?.required).toBe(false);

    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'list_type.update')
      .execute();
    expect(audit).toHaveLength(1);
    const summary = String(audit[0]?.summary);
    expect(summary).toContain('收费项目名称');
    expect(summary).toContain('phone');
    expect(summary).toContain('调整字段');

    // The public list and the entry form use the new labels; the new field is optional.
    const form = await officer.get('/console/lists/fees/new');
    expect(form.body).toContain('咨询电话');
    const added = await officer.post(
      '/console/lists/fees/new',
      { v_name: '评估费', v_unit: '市发展和改革委员会', v_nature: '其他', v_phone: '', reason: '新增' },
      { csrfFrom: '/console/lists/fees/new' },
    );
    expect(added.statusCode).toBe(303);
    const list = await t.db.kysely.selectFrom('lists').select('id').executeTakeFirstOrThrow();
    const page = await t.app.inject(`/lists/${list.id}`);
    expect(page.body).toMatch(/<th scope="col">收费项目名称<\/th>/);
    expect(page.body).toContain('检验检测费');
  });

  it('refuses removing an allowed value that entries use, naming the field and an entry', async () => {
    const before = formatDefinition(await fields());
    const def = before.replace('政府定价、政府指导价、市场调节价、其他', '政府定价、政府指导价、其他');
    const r = await edit(def);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(
      '字段“收费性质”（nature）：现有 1 个条目不符合修改后的定义，例如市发展和改革委员会的“咨询服务费”：收费性质只能是：政府定价、政府指导价、其他',
    );
    expect(r.body).toContain(def.split('\n')[2]); // the form keeps what was typed
    expect(formatDefinition(await fields())).toBe(before);
  });

  it('refuses a new required field, duplicate keys, and removing the key field or a used field', async () => {
    const before = formatDefinition(await fields());
    const cases: [string, string][] = [
      [`${before}\nbasis|收费依据|文本|是|`, '字段“收费依据”（basis）：现有 3 个条目不符合修改后的定义'],
      [`${before}\nunit|单位|文本|否|`, '第 5 行：键“unit”重复'],
      [`${before}\nextra|收费单位|文本|否|`, '第 5 行：标签“收费单位”重复'],
      [before.split('\n').slice(1).join('\n'), '字段“收费项目名称”（name）是本清单的标识字段，不能删除'],
      [
        before
          .split('\n')
          .filter((l) => !l.startsWith('unit|'))
          .join('\n'),
        '字段“收费单位”（unit）已有 3 个条目填写了内容，不能删除',
      ],
      [
        before.replace('unit|收费单位|文本', 'unit|收费单位|日期'),
        '字段“收费单位”（unit）：现有 3 个条目不符合',
      ],
    ];
    for (const [def, message] of cases) {
      const r = await edit(def);
      expect(r.statusCode, message).toBe(400);
      expect(r.body).toContain(message);
    }
    const noReason = await edit(`${before}\nnote|说明|长文本|否|`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请说明本次修改的原因');
    expect(formatDefinition(await fields())).toBe(before);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'list_type.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('removes an unused optional field of an admin-defined type; built-in types keep their fields', async () => {
    const before = formatDefinition(await fields());
    const r = await edit(
      before
        .split('\n')
        .filter((l) => !l.startsWith('phone|'))
        .join('\n'),
    );
    expect(r.statusCode).toBe(303);
    expect((await fields()).map((f) => f.key)).toEqual(['name', 'unit', 'nature']);

    const builtin = await getListType(t.db.kysely, 'zjfw');
    const def = formatDefinition(builtin.fields.filter((f) => f.key !== 'remark'));
    const refused = await admin.post(
      '/console/list-types/zjfw/edit',
      { name: builtin.name, description: builtin.description, definition: def, reason: '精简' },
      { csrfFrom: '/console/list-types/zjfw/edit' },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('内置清单类型的字段“备注”（remark）不能删除');
    const relabel = await admin.post(
      '/console/list-types/zjfw/edit',
      {
        name: builtin.name,
        description: builtin.description,
        definition: formatDefinition(builtin.fields).replace('|备注|', '|说明|'),
        reason: '统一用语',
      },
      { csrfFrom: '/console/list-types/zjfw/edit' },
    );
    expect(relabel.statusCode).toBe(303);
    expect((await getListType(t.db.kysely, 'zjfw')).fields.find((f) => f.key === 'remark')?.label).toBe(
      '说明',
    );
  });

  it('an entry checked against the fields as they were before a change is refused, not saved', async () => {
    const stale = await getListType(t.db.kysely, 'fees');
    const before = formatDefinition(stale.fields);
    const r = await edit(before.replace('政府定价、政府指导价、', '政府定价、'));
    expect(r.statusCode).toBe(303);
    const saved = saveEntry(t.db.kysely, officerUser, stale, {
      originalKey: undefined,
      values: { name: '培训费', unit: '市发展和改革委员会', nature: '政府指导价' },
      reason: '新增',
    });
    await expect(saved).rejects.toThrow('清单类型“收费清单”的字段刚被修改，条目“培训费”不符合新的定义');
    const keys = await t.db.kysely.selectFrom('list_entries').select('entry_key').execute();
    expect(keys.map((k) => k.entry_key)).not.toContain('培训费');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeUser, type TestApp } from '../../test/helpers/app.js';
import { ensureDefaultTopics, listTopics } from './topics.service.js';
import { DEFAULT_TOPICS } from './topics.types.js';

describe('主题分类', () => {
  let t: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    t = await buildTestApp();
    const u = await makeUser(t, { roles: ['admin'] });
    admin = new Browser(t.app);
    await admin.login(u.username, u.password);
  });
  afterAll(async () => t.close());

  it('seeds the default two-level list once, with the seed’s key areas marked', async () => {
    const expected = DEFAULT_TOPICS.reduce((n, g) => n + 1 + g.children.length, 0);
    expect(await ensureDefaultTopics(t.db.kysely)).toBe(expected);
    expect(await ensureDefaultTopics(t.db.kysely)).toBe(0);
    const topics = await listTopics(t.db.kysely);
    expect(topics).toHaveLength(expected);
    const budget = topics.find((x) => x.name === '财政预决算');
    const parent = topics.find((x) => x.id === budget?.parentId);
    expect(parent?.name).toBe('财政资金');
    expect(budget?.isKeyArea).toBe(true);
    expect(parent?.isKeyArea).toBe(false);
    expect(topics.filter((x) => x.isKeyArea)).toHaveLength(28);
    // The 年度报告 column is a topic of 政务公开工作, but not a key area.
    const reports = topics.find((x) => x.slug === 'annual-reports');
    expect(reports?.name).toBe('政府信息公开工作年度报告');
    expect(reports?.isKeyArea).toBe(false);
    expect(topics.find((x) => x.id === reports?.parentId)?.name).toBe('政务公开工作');
  });

  it('lets admins add, rename, reorder and deactivate topics, with validation', async () => {
    const parent = (await listTopics(t.db.kysely)).find((x) => x.name === '民生保障')!;
    const bad = await admin.post(
      '/console/topics',
      { name: '', slug: 'Bad Slug', parentId: String(parent.id), description: '', sortOrder: 'x' },
      { csrfFrom: '/console/topics' },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写名称');
    expect(bad.body).toContain('网址标识只能由小写字母、数字和连字符组成');
    expect(bad.body).toContain('排序必须是不超过 6 位的非负整数');
    const dup = await admin.post(
      '/console/topics',
      { name: '养老服务', slug: 'education', parentId: String(parent.id), isKeyArea: '1' },
      { csrfFrom: '/console/topics' },
    );
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('该网址标识已被“教育”使用');
    const created = await admin.post(
      '/console/topics',
      { name: '养老服务', slug: 'elderly-care', parentId: String(parent.id), isKeyArea: '1' },
      { csrfFrom: '/console/topics' },
    );
    expect(created.statusCode).toBe(303);
    let topic = (await listTopics(t.db.kysely)).find((x) => x.slug === 'elderly-care')!;
    expect(topic.parentId).toBe(parent.id);
    const siblings = (await listTopics(t.db.kysely)).filter((x) => x.parentId === parent.id);
    expect(siblings[siblings.length - 1]?.id).toBe(topic.id);

    const third = (await listTopics(t.db.kysely)).find((x) => x.name === '社会救助')!;
    const nested = await admin.post(
      `/console/topics/${topic.id}`,
      { name: '养老服务', slug: 'elderly-care', parentId: String(third.id) },
      { csrfFrom: `/console/topics/${topic.id}/edit` },
    );
    expect(nested.statusCode).toBe(400);
    expect(nested.body).toContain('主题分类只有两级');

    const renamed = await admin.post(
      `/console/topics/${topic.id}`,
      { name: '养老与助残', slug: 'elderly-care', parentId: String(parent.id), isKeyArea: '1' },
      { csrfFrom: `/console/topics/${topic.id}/edit` },
    );
    expect(renamed.statusCode).toBe(303);
    await admin.post(
      `/console/topics/${topic.id}/move`,
      { direction: 'up' },
      { csrfFrom: '/console/topics' },
    );
    const after = (await listTopics(t.db.kysely)).filter((x) => x.parentId === parent.id);
    expect(after[after.length - 2]?.id).toBe(topic.id);
    await admin.post(`/console/topics/${topic.id}/active`, { active: '0' }, { csrfFrom: '/console/topics' });
    topic = (await listTopics(t.db.kysely)).find((x) => x.id === topic.id)!;
    expect(topic.name).toBe('养老与助残');
    expect(topic.active).toBe(false);
    expect((await listTopics(t.db.kysely, true)).some((x) => x.id === topic.id)).toBe(false);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'topic')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'topic_created',
      'topic_updated',
      'topic_moved',
      'topic_deactivated',
    ]);
  });

  it('is for admins only', async () => {
    const u = await makeUser(t, { roles: ['publisher'] });
    const b = new Browser(t.app);
    await b.login(u.username, u.password);
    expect((await b.get('/console/topics')).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, makeDepartment, makeUser, type TestApp } from '../../test/helpers/app.js';
import { makeApprovedItem, makeDraftItem } from '../../test/helpers/catalogue.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';

const FORM = {
  title: '关于印发黄冈市2017年政务公开工作要点的通知',
  summary: '',
  category: 'policy',
  docNumber: '黄政办发[2017]27号',
  issuer: '',
  signedDate: '2017-03-15',
  topicId: '',
  validity: '',
  disclosure: 'proactive',
  disclosureGround: '',
  disclosureReason: '',
  scope: '',
  body: '各县市区人民政府：\n现将要点印发给你们，请认真贯彻执行。',
  interpretationExemptReason: '',
  interpretationForm: '',
};

describe('the catalogue workflow through the console, with its permission walls', () => {
  let t: TestApp;
  let dept: number;
  let publisher: Browser;
  let reviewer: Browser;
  let publisherId: number;
  beforeAll(async () => {
    t = await buildTestApp();
    await loadBundledCalendar(t.db.kysely);
    dept = await makeDepartment(t);
    const p = await makeUser(t, { roles: ['publisher'], departmentId: dept });
    const r = await makeUser(t, { roles: ['reviewer'], departmentId: dept });
    publisherId = p.id;
    publisher = new Browser(t.app);
    reviewer = new Browser(t.app);
    await publisher.login(p.username, p.password);
    await reviewer.login(r.username, r.password);
  });
  afterAll(async () => t.close());

  const count = async () =>
    Number(
      (
        await t.db.kysely
          .selectFrom('items')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('re-renders the draft form with Chinese errors and what was typed, saving nothing', async () => {
    const before = await count();
    const res = await publisher.post(
      '/console/items',
      { ...FORM, title: '短', category: 'normative', signedDate: '2099-01-01', disclosure: 'exempt' },
      { csrfFrom: '/console/items/new' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('data-testid="error-summary"');
    expect(res.body).toContain('名称至少 4 个字');
    expect(res.body).toContain('成文日期不能晚于今天');
    expect(res.body).toContain('规范性文件须标注有效性');
    expect(res.body).toContain('依申请公开或不予公开须选择《条例》第十四至十六条规定的依据');
    expect(res.body).toContain('依申请公开或不予公开须说明理由');
    expect(res.body).toContain('黄政办发[2017]27号');
    expect(await count()).toBe(before);
  });

  it('drafts, is returned with a comment, fixed, approved and published; 文号 normalised', async () => {
    const created = await publisher.post('/console/items', FORM, { csrfFrom: '/console/items/new' });
    expect(created.statusCode).toBe(303);
    const url = created.headers.location!.split('?')[0]!;
    const id = Number(url.split('/').pop());
    const page = await publisher.get(url);
    expect(page.body).toContain('黄政办发〔2017〕27号');
    expect(page.body).toContain('草稿');

    expect((await publisher.post(`${url}/submit`, {}, { csrfFrom: url })).statusCode).toBe(303);
    const noComment = await reviewer.post(
      `${url}/review`,
      { decision: 'return', comment: '' },
      { csrfFrom: url },
    );
    expect(noComment.statusCode).toBe(400);
    expect(noComment.body).toContain('退回时须填写退回意见');
    const returned = await reviewer.post(
      `${url}/review`,
      { decision: 'return', comment: '请补充内容概述' },
      { csrfFrom: url },
    );
    expect(returned.statusCode).toBe(303);
    const seen = await publisher.get(url);
    expect(seen.body).toContain('data-testid="return-comment"');
    expect(seen.body).toContain('请补充内容概述');

    const edited = await publisher.post(
      url,
      { ...FORM, summary: '2017年政务公开工作要点' },
      { csrfFrom: `${url}/edit` },
    );
    expect(edited.statusCode).toBe(303);
    expect((await publisher.post(`${url}/submit`, {}, { csrfFrom: url })).statusCode).toBe(303);
    // A publisher cannot approve.
    const notAllowed = await publisher.post(
      `${url}/review`,
      { decision: 'approve', comment: '' },
      { csrfFrom: url },
    );
    expect(notAllowed.statusCode).toBe(403);
    expect(
      (await reviewer.post(`${url}/review`, { decision: 'approve', comment: '同意' }, { csrfFrom: url }))
        .statusCode,
    ).toBe(303);
    // A reviewer cannot publish.
    expect((await reviewer.post(`${url}/publish`, { mode: 'now' }, { csrfFrom: url })).statusCode).toBe(403);
    const published = await publisher.post(`${url}/publish`, { mode: 'now' }, { csrfFrom: url });
    expect(published.statusCode).toBe(303);

    const row = await t.db.kysely
      .selectFrom('public_items')
      .selectAll()
      .where('item_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.doc_number).toBe('黄政办发〔2017〕27号');
    expect(row.summary).toBe('2017年政务公开工作要点');
    const item = await t.db.kysely
      .selectFrom('items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('published');
    // Art. 26: signed 2017-03-15 + 20 working days of the official calendar (清明 off, 04-01 a 调休 working day).
    expect(item.due_date).toBe('2017-04-13');
    expect(item.published_on_time).toBe(0);
    const actions = await t.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_type', '=', 'item')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'item_created',
      'item_submitted',
      'item_returned',
      'item_updated',
      'item_submitted',
      'item_approved',
      'item_published',
    ]);
  });

  it('blocks publication on personal data and offers to mask it, which needs a new review', async () => {
    const item = await makeApprovedItem(t, {
      departmentId: dept,
      authorId: publisherId,
      title: '困难群众救助名单',
      body: '李四，11010519491231002X，电话 139-1234-5678。',
    });
    const url = `/console/items/${item.itemId}`;
    const blocked = await publisher.post(`${url}/publish`, { mode: 'now' }, { csrfFrom: url });
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toContain('发现疑似个人信息');
    expect(blocked.body).toContain(`action="${url}/mask-pii"`);
    expect((await publisher.post(`${url}/mask-pii`, {}, { csrfFrom: url })).statusCode).toBe(303);
    const row = await t.db.kysely
      .selectFrom('items')
      .select(['body', 'status'])
      .where('id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ body: '李四，110105********002X，电话 139****5678。', status: 'draft' });
  });

  it('refuses a reviewer approving their own draft (four eyes)', async () => {
    const both = await makeUser(t, { roles: ['publisher', 'reviewer'], departmentId: dept });
    const b = new Browser(t.app);
    await b.login(both.username, both.password);
    const created = await b.post(
      '/console/items',
      { ...FORM, title: '自己写自己审的信息' },
      { csrfFrom: '/console/items/new' },
    );
    const url = created.headers.location!.split('?')[0]!;
    await b.post(`${url}/submit`, {}, { csrfFrom: url });
    const page = await b.get(url);
    expect(page.body).toContain('您是本信息的撰稿人，不能审核');
    const res = await b.post(`${url}/review`, { decision: 'approve', comment: '' }, { csrfFrom: url });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('四眼原则');
    const item = await t.db.kysely
      .selectFrom('items')
      .select('status')
      .where('id', '=', Number(url.split('/').pop()))
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('submitted');
  });

  it('hides another department’s items: 404 for its publishers and reviewers, read-only for supervisors', async () => {
    const other = await makeDraftItem(t, { title: '其他机构的草稿' });
    const url = `/console/items/${other.itemId}`;
    expect((await publisher.get(url)).statusCode).toBe(404);
    expect((await reviewer.get(url)).statusCode).toBe(404);
    expect((await publisher.post(`${url}/submit`, {}, { csrfFrom: '/console/items' })).statusCode).toBe(404);
    const list = await publisher.get('/console/items');
    expect(list.body).not.toContain('其他机构的草稿');

    const sup = await makeUser(t, { roles: ['supervisor'], departmentId: dept });
    const s = new Browser(t.app);
    await s.login(sup.username, sup.password);
    const seen = await s.get(url);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('其他机构的草稿');
    expect((await s.get('/console/items')).body).toContain('其他机构的草稿');
    expect((await s.post(`${url}/submit`, {}, { csrfFrom: url })).statusCode).toBe(403);
  });

  it('lets only signed-in staff with the catalogue permission see the list', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/console/items' });
    expect(anon.statusCode).toBe(303);
    const officer = await makeUser(t, { roles: ['request_officer'], departmentId: dept });
    const b = new Browser(t.app);
    await b.login(officer.username, officer.password);
    expect((await b.get('/console/items')).statusCode).toBe(403);
    expect(publisherId).toBeGreaterThan(0);
  });
});

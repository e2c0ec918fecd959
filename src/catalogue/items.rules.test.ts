import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, makeDepartment, type TestApp } from '../../test/helpers/app.js';
import { makeApprovedItem, makeDraftItem, makePublishedItem, staffOf } from '../../test/helpers/catalogue.js';
import { catalogueSettings, type CatalogueSettings } from './items.access.js';
import { linkInterpretation } from './items.links.js';
import { publishDueItems, publishItem, startRevision, withdrawItem } from './items.publish.js';
import { getItemForUser, itemToInput, reviewItem, submitItem, updateDraft } from './items.service.js';

const ID = '11010519491231002X';

describe('publication rules', () => {
  let t: TestApp;
  let settings: CatalogueSettings;
  let dept: number;
  beforeAll(async () => {
    t = await buildTestApp();
    settings = catalogueSettings(t.config);
    dept = await makeDepartment(t);
  });
  afterAll(async () => t.close());

  const isPublic = async (id: number) =>
    (await t.db.kysely
      .selectFrom('public_items')
      .select('item_id')
      .where('item_id', '=', id)
      .executeTakeFirst()) !== undefined;
  const status = async (id: number) =>
    (await t.db.kysely.selectFrom('items').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  it('blocks publication on personal data until confirmed with a reason, which is audited', async () => {
    const item = await makeApprovedItem(t, {
      departmentId: dept,
      title: '低保对象名单公示',
      body: `张三，身份证号 ${ID}，联系电话 13912345678。`,
    });
    const blocked = await publishItem(t.db.kysely, settings, item.author, item.itemId);
    expect(blocked.ok).toBe(false);
    if (!blocked.ok) {
      expect(blocked.fields.piiConfirmReason).toContain('居民身份证号码 110105********002X');
      expect(blocked.fields.piiConfirmReason).toContain('手机号码 139****5678');
    }
    expect(await isPublic(item.itemId)).toBe(false);
    const confirmed = await publishItem(t.db.kysely, settings, item.author, item.itemId, {
      piiConfirmReason: '依《社会救助暂行办法》须公示，已征得本人同意',
    });
    expect(confirmed.ok).toBe(true);
    expect(await isPublic(item.itemId)).toBe(true);
    const row = await t.db.kysely
      .selectFrom('items')
      .select('pii_confirm_reason')
      .where('id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(row.pii_confirm_reason).toContain('社会救助暂行办法');
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'item_pii_confirmed')
      .where('entity_id', '=', String(item.itemId))
      .executeTakeFirstOrThrow();
    expect(audit.summary).toContain('社会救助暂行办法');
    expect(audit.summary).not.toContain(ID);
  });

  it('publishes a masked body without asking', async () => {
    const item = await makeApprovedItem(t, {
      departmentId: dept,
      title: '已打码的名单',
      body: '身份证号 110105********002X，电话 139****5678。',
    });
    expect((await publishItem(t.db.kysely, settings, item.author, item.itemId)).ok).toBe(true);
  });

  it('fires a scheduled publication at its time, not before', async () => {
    const item = await makeApprovedItem(t, { departmentId: dept, title: '定时发布的通知' });
    const at = '2030-01-15T01:00:00.000Z';
    const scheduled = await publishItem(t.db.kysely, settings, item.author, item.itemId, { scheduledAt: at });
    expect(scheduled.ok).toBe(true);
    expect(await status(item.itemId)).toBe('scheduled');
    expect(await publishDueItems(t.db.kysely, settings, '2030-01-15T00:59:59.000Z')).toBe(0);
    expect(await isPublic(item.itemId)).toBe(false);
    expect(await publishDueItems(t.db.kysely, settings, '2030-01-15T01:00:30.000Z')).toBe(1);
    expect(await status(item.itemId)).toBe('published');
    const row = await t.db.kysely
      .selectFrom('public_items')
      .select(['published_date', 'published_at'])
      .where('item_id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(row.published_date).toBe('2030-01-15');
    expect(row.published_at).toBe(at);
    expect(await publishDueItems(t.db.kysely, settings, '2030-01-16T00:00:00.000Z')).toBe(0);
  });

  it('refuses a schedule in the past', async () => {
    const item = await makeApprovedItem(t, { departmentId: dept, title: '过去时间的定时发布' });
    const r = await publishItem(t.db.kysely, settings, item.author, item.itemId, {
      scheduledAt: '2001-01-01T00:00:00.000Z',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fields.scheduledAt).toBe('定时发布的时间必须晚于现在');
  });

  it('withdraws with a reason: the item leaves the public projection; no reason, no change', async () => {
    const item = await makePublishedItem(t, { departmentId: dept, title: '将撤销的信息', body: '正文' });
    const publisher = await staffOf(t, dept, 'publisher');
    const noReason = await withdrawItem(t.db.kysely, publisher, item.itemId, '  ');
    expect(noReason.ok).toBe(false);
    expect(await isPublic(item.itemId)).toBe(true);
    expect((await withdrawItem(t.db.kysely, publisher, item.itemId, '信息有误')).ok).toBe(true);
    expect(await isPublic(item.itemId)).toBe(false);
    const row = await t.db.kysely
      .selectFrom('items')
      .select(['status', 'withdrawn_at', 'withdraw_reason', 'index_number'])
      .where('id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('withdrawn');
    expect(row.withdrawn_at).not.toBeNull();
    expect(row.withdraw_reason).toBe('信息有误');
    expect(row.index_number).toBe(item.indexNumber);
  });

  it('revises: the public keeps the current version until the new one is approved and published', async () => {
    const item = await makePublishedItem(t, {
      departmentId: dept,
      title: '关于调整公交线路的通知',
      body: '第一版正文',
    });
    const publisher = await staffOf(t, dept, 'publisher');
    const reviewer = await staffOf(t, dept, 'reviewer');
    const db = t.db.kysely;
    expect((await startRevision(db, publisher, item.itemId)).ok).toBe(true);
    const draft = await getItemForUser(db, publisher, item.itemId);
    const noNote = await updateDraft(db, publisher, item.itemId, {
      ...itemToInput(draft),
      body: '第二版正文',
    });
    expect(noNote.ok).toBe(false);
    if (!noNote.ok) expect(noNote.fields.changeNote).toContain('须填写修订说明');
    expect(
      (
        await updateDraft(db, publisher, item.itemId, {
          ...itemToInput(draft),
          body: '第二版正文',
          changeNote: '更正站点',
        })
      ).ok,
    ).toBe(true);
    const during = await db
      .selectFrom('public_items')
      .select(['body_html', 'version'])
      .where('item_id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(during).toEqual({ body_html: '<p>第一版正文</p>', version: 1 });
    expect((await submitItem(db, publisher, item.itemId)).ok).toBe(true);
    expect((await reviewItem(db, reviewer, item.itemId, { approve: true, comment: '' })).ok).toBe(true);
    const published = await publishItem(db, settings, publisher, item.itemId);
    expect(published.ok && published.value.indexNumber).toBe(item.indexNumber);
    const after = await db
      .selectFrom('public_items')
      .select(['body_html', 'version'])
      .where('item_id', '=', item.itemId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ body_html: '<p>第二版正文</p>', version: 2 });
    const versions = await db
      .selectFrom('item_versions')
      .select(['version', 'change_note', 'body'])
      .where('item_id', '=', item.itemId)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, change_note: '首次发布', body: '第一版正文' },
      { version: 2, change_note: '更正站点', body: '第二版正文' },
    ]);
  });

  it('keeps 依申请公开 and 不予公开 items out of the public projection', async () => {
    const item = await makeApprovedItem(t, {
      departmentId: dept,
      title: '内部管理信息',
      disclosure: 'exempt',
      disclosureGround: 'internal_affairs',
      disclosureReason: '属于内部人事管理信息',
    });
    const r = await publishItem(t.db.kysely, settings, item.author, item.itemId);
    expect(r.ok).toBe(true);
    expect(await status(item.itemId)).toBe('published');
    expect(await isPublic(item.itemId)).toBe(false);
  });

  describe('需解读 (policies that need an interpretation)', () => {
    it('refuses to publish the policy alone', async () => {
      const policy = await makeApprovedItem(t, {
        departmentId: dept,
        title: '关于促进就业的若干政策',
        category: 'policy',
        needsInterpretation: true,
      });
      const r = await publishItem(t.db.kysely, settings, policy.author, policy.itemId);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fields.interpretation).toContain('须有已审核的政策解读与之同步发布');
      expect(await isPublic(policy.itemId)).toBe(false);
    });

    it('refuses when the linked 解读 is not yet approved', async () => {
      const policy = await makeApprovedItem(t, {
        departmentId: dept,
        title: '关于稳定房地产市场的意见',
        category: 'policy',
        needsInterpretation: true,
      });
      const interp = await makeDraftItem(t, {
        departmentId: dept,
        title: '图解：稳定房地产市场的意见',
        category: 'interpretation',
      });
      expect((await linkInterpretation(t.db.kysely, interp.author, interp.itemId, policy.itemId)).ok).toBe(
        true,
      );
      const r = await publishItem(t.db.kysely, settings, policy.author, policy.itemId);
      expect(r.ok).toBe(false);
      expect(await isPublic(interp.itemId)).toBe(false);
    });

    it('publishes the policy and its approved 解读 in one action', async () => {
      const policy = await makeApprovedItem(t, {
        departmentId: dept,
        title: '关于支持小微企业发展的政策',
        category: 'policy',
        needsInterpretation: true,
      });
      const interp = await makeApprovedItem(t, {
        departmentId: dept,
        title: '一图读懂小微企业政策',
        category: 'interpretation',
        interpretationForm: 'graphic',
      });
      const publisher = await staffOf(t, dept, 'publisher');
      expect((await linkInterpretation(t.db.kysely, publisher, interp.itemId, policy.itemId)).ok).toBe(true);
      const r = await publishItem(t.db.kysely, settings, publisher, policy.itemId);
      expect(r.ok && r.value.companions).toBe(1);
      expect(await isPublic(policy.itemId)).toBe(true);
      expect(await isPublic(interp.itemId)).toBe(true);
      const form = await t.db.kysely
        .selectFrom('public_items')
        .select('interpretation_form')
        .where('item_id', '=', interp.itemId)
        .executeTakeFirstOrThrow();
      expect(form.interpretation_form).toBe('graphic');
    });

    it('schedules the policy with its approved 解读 and publishes both when due', async () => {
      const policy = await makeApprovedItem(t, {
        departmentId: dept,
        title: '关于乡村振兴的实施意见',
        category: 'policy',
        needsInterpretation: true,
      });
      const interp = await makeApprovedItem(t, {
        departmentId: dept,
        title: '乡村振兴实施意见问答',
        category: 'interpretation',
        interpretationForm: 'qa',
      });
      const publisher = await staffOf(t, dept, 'publisher');
      expect((await linkInterpretation(t.db.kysely, publisher, interp.itemId, policy.itemId)).ok).toBe(true);
      const at = '2031-03-01T00:00:00.000Z';
      const r = await publishItem(t.db.kysely, settings, publisher, policy.itemId, { scheduledAt: at });
      expect(r.ok && r.value.companions).toBe(1);
      expect(await status(interp.itemId)).toBe('scheduled');
      expect(await publishDueItems(t.db.kysely, settings, '2031-03-01T00:00:10.000Z')).toBe(2);
      expect(await isPublic(policy.itemId)).toBe(true);
      expect(await isPublic(interp.itemId)).toBe(true);
    });

    it('publishes alone with a recorded exemption reason', async () => {
      const policy = await makeApprovedItem(t, {
        departmentId: dept,
        title: '关于废止部分文件的决定',
        category: 'policy',
        needsInterpretation: true,
        interpretationExemptReason: '仅废止文件，不涉及新的政策内容',
      });
      expect((await publishItem(t.db.kysely, settings, policy.author, policy.itemId)).ok).toBe(true);
    });

    it('links only a 解读 to a policy', async () => {
      const notice = await makeDraftItem(t, { departmentId: dept, title: '普通通知不能关联' });
      const policy = await makeDraftItem(t, {
        departmentId: dept,
        title: '某政策文件名称',
        category: 'policy',
      });
      const r = await linkInterpretation(t.db.kysely, notice.author, notice.itemId, policy.itemId);
      expect(r.ok).toBe(false);
      const interp = await makeDraftItem(t, {
        departmentId: dept,
        title: '某解读名称',
        category: 'interpretation',
      });
      const r2 = await linkInterpretation(t.db.kysely, interp.author, interp.itemId, notice.itemId);
      expect(r2.ok).toBe(false);
      if (!r2.ok) expect(r2.fields.policyId).toContain('政策文件');
    });
  });
});

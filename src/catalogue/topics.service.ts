// 主题分类 use-cases: the default list seeded on an empty table, and admins' edits.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import * as repo from './topics.repository.js';
import { DEFAULT_TOPICS, type Topic, type TopicInput } from './topics.types.js';

export const TOPIC_NAME_MAX = 30;

/** Seeds the default topics (design §4.2) when the table is empty; returns how many were added. */
export async function ensureDefaultTopics(db: Kysely<Database>): Promise<number> {
  if ((await repo.countTopics(db)) > 0) return 0;
  return db.transaction().execute(async (trx) => {
    if ((await repo.countTopics(trx)) > 0) return 0;
    const at = nowIso();
    let added = 0;
    let groupOrder = 0;
    for (const group of DEFAULT_TOPICS) {
      groupOrder += 10;
      const parentId = await repo.insertTopic(
        trx,
        {
          parentId: null,
          name: group.name,
          slug: group.slug,
          description: '',
          isKeyArea: false,
          sortOrder: groupOrder,
        },
        at,
      );
      added++;
      let order = 0;
      for (const [name, slug, options] of group.children) {
        order += 10;
        await repo.insertTopic(
          trx,
          { parentId, name, slug, description: '', isKeyArea: options?.isKeyArea ?? true, sortOrder: order },
          at,
        );
        added++;
      }
    }
    return added;
  });
}

export function listTopics(db: Kysely<Database>, activeOnly = false): Promise<Topic[]> {
  return repo.listTopics(db, activeOnly);
}

export async function getTopic(db: Kysely<Database>, id: number): Promise<Topic> {
  const topic = await repo.findTopic(db, id);
  if (!topic) throw notFound('主题分类不存在。', 'topic_not_found');
  return topic;
}

export async function findTopicByName(db: Kysely<Database>, name: string): Promise<Topic | undefined> {
  return (await repo.listTopics(db, false)).find((t) => t.name === name);
}

async function validateTopic(
  db: Kysely<Database>,
  input: TopicInput,
  selfId: number | undefined,
): Promise<Result<repo.TopicValues>> {
  const fields: FieldErrors = {};
  const name = input.name.trim();
  if (!name) fields.name = '请填写名称';
  else if ([...name].length > TOPIC_NAME_MAX) fields.name = `名称不能超过 ${TOPIC_NAME_MAX} 个字`;
  let slug = input.slug.trim().toLowerCase();
  if (!slug) slug = `topic-${randomBytes(4).toString('hex')}`;
  else if (!/^[a-z0-9][a-z0-9-]{1,59}$/.test(slug))
    fields.slug = '网址标识只能由小写字母、数字和连字符组成（2–60 个字符）';
  let parentId: number | null = null;
  const parentRaw = input.parentId.trim();
  if (parentRaw) {
    const parent = /^\d{1,9}$/.test(parentRaw) ? await repo.findTopic(db, Number(parentRaw)) : undefined;
    if (!parent) fields.parentId = '上级分类不存在';
    else if (parent.parentId !== null) fields.parentId = '主题分类只有两级，上级分类必须是一级分类';
    else if (parent.id === selfId) fields.parentId = '上级分类不能是本分类';
    else if (selfId !== undefined && (await repo.countChildren(db, selfId)) > 0)
      fields.parentId = '本分类下还有二级分类，不能再设为二级分类';
    else parentId = parent.id;
  }
  const orderRaw = input.sortOrder.trim();
  if (orderRaw && !/^\d{1,6}$/.test(orderRaw)) fields.sortOrder = '排序必须是不超过 6 位的非负整数';
  const description = input.description.trim();
  if ([...description].length > 500) fields.description = '说明不能超过 500 个字';
  if (!fields.slug) {
    const same = await repo.findTopicBySlug(db, slug);
    if (same && same.id !== selfId) fields.slug = `该网址标识已被“${same.name}”使用`;
  }
  if (!fields.name && !fields.parentId) {
    const same = await repo.findTopicByName(db, name, parentId);
    if (same && same.id !== selfId) fields.name = '同一上级下已有同名分类';
  }
  if (Object.keys(fields).length) return invalid(fields);
  return ok({
    parentId,
    name,
    slug,
    description,
    isKeyArea: input.isKeyArea,
    sortOrder: orderRaw ? Number(orderRaw) : 0,
  });
}

export async function createTopic(
  db: Kysely<Database>,
  actor: AuditActor,
  input: TopicInput,
): Promise<Result<number>> {
  const checked = await validateTopic(db, input, undefined);
  if (!checked.ok) return checked;
  const values = checked.value;
  const id = await db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (!input.sortOrder.trim()) {
      const siblings = (await repo.listTopics(trx, false)).filter((t) => t.parentId === values.parentId);
      values.sortOrder = siblings.reduce((m, t) => Math.max(m, t.sortOrder), 0) + 10;
    }
    const newId = await repo.insertTopic(trx, values, at);
    await appendAudit(trx, actor, {
      action: 'topic_created',
      entityType: 'topic',
      entityId: newId,
      summary: {
        name: values.name,
        slug: values.slug,
        parentId: values.parentId,
        isKeyArea: values.isKeyArea,
      },
      departmentId: null,
    });
    return newId;
  });
  return ok(id);
}

export async function updateTopic(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  input: TopicInput,
): Promise<Result<true>> {
  const before = await getTopic(db, id);
  const checked = await validateTopic(db, input, id);
  if (!checked.ok) return checked;
  const values = checked.value;
  if (!input.sortOrder.trim()) values.sortOrder = before.sortOrder;
  await db.transaction().execute(async (trx) => {
    await repo.updateTopic(trx, id, values, nowIso());
    await appendAudit(trx, actor, {
      action: 'topic_updated',
      entityType: 'topic',
      entityId: id,
      summary: {
        before: {
          name: before.name,
          slug: before.slug,
          parentId: before.parentId,
          isKeyArea: before.isKeyArea,
        },
        after: {
          name: values.name,
          slug: values.slug,
          parentId: values.parentId,
          isKeyArea: values.isKeyArea,
        },
      },
      departmentId: null,
    });
  });
  return ok(true);
}

export async function setTopicActive(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  active: boolean,
): Promise<void> {
  const topic = await getTopic(db, id);
  if (topic.active === active) return;
  await db.transaction().execute(async (trx) => {
    await repo.setTopicActive(trx, id, active, nowIso());
    await appendAudit(trx, actor, {
      action: active ? 'topic_activated' : 'topic_deactivated',
      entityType: 'topic',
      entityId: id,
      summary: { name: topic.name },
      departmentId: null,
    });
  });
}

/** Moves a topic one place up or down among its siblings (renumbering them 10, 20, 30 …). */
export async function moveTopic(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  direction: 'up' | 'down',
): Promise<void> {
  const topic = await getTopic(db, id);
  await db.transaction().execute(async (trx) => {
    const siblings = (await repo.listTopics(trx, false)).filter((t) => t.parentId === topic.parentId);
    const at = siblings.findIndex((t) => t.id === id);
    const swapWith = direction === 'up' ? at - 1 : at + 1;
    const other = siblings[swapWith];
    if (at < 0 || !other) return;
    siblings[swapWith] = topic;
    siblings[at] = other;
    const now = nowIso();
    for (const [i, t] of siblings.entries()) await repo.setTopicSortOrder(trx, t.id, (i + 1) * 10, now);
    await appendAudit(trx, actor, {
      action: 'topic_moved',
      entityType: 'topic',
      entityId: id,
      summary: { name: topic.name, direction },
      departmentId: null,
    });
  });
}

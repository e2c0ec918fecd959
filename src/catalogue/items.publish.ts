// Publication: now or scheduled, revisions and withdrawal. Each publication, in one transaction:
// allocates the 索引号 at first publication, snapshots the version, updates the public projection
// (public_items, only for 主动公开), reindexes search and writes the audit entry; the portal's
// render cache is dropped after the commit.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { getDepartment } from '../orgs/orgs.service.js';
import { invalidatePublicCache } from '../portal/render-cache.js';
import { reindexPublicItem } from '../search/search.service.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { bodyText, renderBody } from './body.render.js';
import { formatIndexNumber, indexNumberPrefix } from './index-number.js';
import { loadWritableItem, type CatalogueSettings } from './items.access.js';
import { listLinkedFrom } from './item-links.repository.js';
import * as repo from './items.repository.js';
import { statusLabel } from './items.service.js';
import { POLICY_CATEGORIES, REASON_MAX, canMove, type Item } from './items.types.js';
import { PII_KIND_LABELS, scanPersonalData, type PiiHit } from './pii.js';

export interface PublicationContext {
  actor: AuditActor;
  publishedBy: number | null;
  /** The instant of publication (ISO) and its Asia/Shanghai date (发布日期). */
  at: string;
  date: string;
}

/** Publishes one approved or scheduled item inside the caller's transaction. */
export async function publishInTransaction(
  trx: Transaction<Database>,
  settings: CatalogueSettings,
  item: Item,
  ctx: PublicationContext,
): Promise<{ indexNumber: string; version: number }> {
  const department = await getDepartment(trx, item.departmentId);
  let indexNumber = item.indexNumber;
  if (!indexNumber) {
    const year = Number(ctx.date.slice(0, 4));
    const serial = await repo.allocateSerial(trx, item.departmentId, year);
    indexNumber = formatIndexNumber(settings.indexNumberFormat, {
      code: indexNumberPrefix(department),
      year,
      serial,
    });
  }
  const version = item.currentVersion + 1;
  const first = item.currentVersion === 0;
  await repo.insertVersion(trx, {
    itemId: item.id,
    version,
    title: item.title,
    summary: item.summary,
    docNumber: item.docNumber,
    body: item.body,
    validity: item.validity,
    changeNote: first ? '首次发布' : item.pendingChangeNote,
    publishedAt: ctx.at,
    publishedBy: ctx.publishedBy,
  });
  await repo.updateItem(trx, item.id, {
    status: 'published',
    indexNumber,
    currentVersion: version,
    pendingChangeNote: '',
    scheduledAt: null,
    updatedAt: ctx.at,
    ...(first
      ? {
          firstPublishedAt: ctx.at,
          publishedOnTime: item.dueDate === null ? null : ctx.date <= item.dueDate,
        }
      : {}),
  });
  if (item.disclosure === 'proactive') {
    const kept = first ? undefined : await repo.findPublicDates(trx, item.id);
    const publishedDate = kept?.publishedDate ?? ctx.date;
    await repo.upsertPublicItem(trx, {
      item_id: item.id,
      index_number: indexNumber,
      department_id: item.departmentId,
      issuer: item.issuer || department.fullName,
      title: item.title,
      summary: item.summary,
      doc_number: item.docNumber,
      signed_date: item.signedDate,
      published_date: publishedDate,
      published_at: kept?.publishedAt ?? ctx.at,
      updated_at: ctx.at,
      year: Number(publishedDate.slice(0, 4)),
      topic_id: item.topicId,
      category: item.category,
      validity: item.validity,
      scope: item.scope,
      body_html: renderBody(item.body),
      version,
      interpretation_form: item.interpretationForm,
    });
  } else {
    await repo.deletePublicItem(trx, item.id);
  }
  await reindexPublicItem(trx, item.id);
  await appendAudit(trx, ctx.actor, {
    action: first ? 'item_published' : 'item_revision_published',
    entityType: 'item',
    entityId: item.id,
    summary: {
      title: item.title,
      indexNumber,
      version,
      public: item.disclosure === 'proactive',
      ...(first ? {} : { changeNote: item.pendingChangeNote }),
      ...(item.piiConfirmReason ? { piiConfirmReason: item.piiConfirmReason } : {}),
    },
    departmentId: item.departmentId,
  });
  return { indexNumber, version };
}

/** Personal data in the body and the attachments' extracted text. */
export async function scanItemForPersonalData(db: Kysely<Database>, item: Item): Promise<PiiHit[]> {
  const hits = scanPersonalData(`${item.title}\n${item.summary}\n${bodyText(item.body)}`, '正文');
  for (const a of await repo.attachmentTexts(db, item.id))
    hits.push(...scanPersonalData(a.text, `附件“${a.fileName}”`));
  return hits;
}

export function describePiiHits(hits: readonly PiiHit[]): string {
  const shown = hits.slice(0, 5).map((h) => `${h.where}中的${PII_KIND_LABELS[h.kind]} ${h.masked}`);
  return `${shown.join('；')}${hits.length > 5 ? ` 等 ${hits.length} 处` : ''}`;
}

export interface PublishOptions {
  /** The publisher's reason for publishing despite personal data found (recorded and audited). */
  piiConfirmReason?: string;
  /** Schedule for this instant (ISO) instead of publishing now. */
  scheduledAt?: string;
  /** The current instant (tests); default now. */
  now?: string;
}

/** The approved 解读 of the same department published together with a policy. */
async function companions(
  trx: Transaction<Database>,
  item: Item,
): Promise<{ ready: Item[]; fields: FieldErrors }> {
  const fields: FieldErrors = {};
  if (!POLICY_CATEGORIES.includes(item.category)) return { ready: [], fields };
  const linked = await listLinkedFrom(trx, item.id, 'interprets');
  const ready: Item[] = [];
  for (const l of linked) {
    if (l.departmentId !== item.departmentId || (l.status !== 'approved' && l.status !== 'scheduled'))
      continue;
    const full = await repo.findItemForUpdate(trx, l.id);
    if (full) ready.push(full);
  }
  const alreadyPublic = linked.some((l) => l.currentVersion > 0 && !l.withdrawn);
  if (
    item.needsInterpretation &&
    !item.interpretationExemptReason.trim() &&
    ready.length === 0 &&
    !alreadyPublic
  ) {
    fields.interpretation =
      '该文件标记为“需解读”：须有已审核的政策解读与之同步发布，或在编辑页填写不解读的理由';
  }
  return { ready, fields };
}

/**
 * Publishes an approved item now, or schedules it. Blocks on personal data (unless confirmed
 * with a reason), on 成文日期 after 发布日期, and on a 需解读 policy without its 解读.
 */
export async function publishItem(
  db: Kysely<Database>,
  settings: CatalogueSettings,
  user: CurrentUser,
  id: number,
  options: PublishOptions = {},
): Promise<Result<{ indexNumber: string | null; companions: number }>> {
  const now = options.now ?? nowIso();
  const reason = (options.piiConfirmReason ?? '').trim();
  if ([...reason].length > REASON_MAX)
    return invalid({ piiConfirmReason: `理由不能超过 ${REASON_MAX} 个字` });
  const scheduledAt = options.scheduledAt;
  if (scheduledAt !== undefined && scheduledAt <= now)
    return invalid({ scheduledAt: '定时发布的时间必须晚于现在' });
  const date = shanghaiDate(new Date(scheduledAt ?? now));
  const result = await db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    const target = scheduledAt ? 'scheduled' : 'published';
    if (!canMove(item.status, target))
      return invalid<{ indexNumber: string | null; companions: number }>(
        {},
        `当前状态（${statusLabel(item)}）不能发布：信息须先经审核通过。`,
      );
    const { ready, fields } = await companions(trx, item);
    if (item.signedDate && item.signedDate > date) fields.signedDate = '成文日期不能晚于发布日期';
    const group = [item, ...ready];
    const hits: PiiHit[] = [];
    for (const g of group) hits.push(...(await scanItemForPersonalData(trx, g)));
    if (hits.length > 0 && !reason && !item.piiConfirmReason)
      fields.piiConfirmReason = `发现疑似个人信息：${describePiiHits(hits)}。请在正文或附件中打码后重新提交，或填写确需公开的理由`;
    if (Object.keys(fields).length)
      return invalid<{ indexNumber: string | null; companions: number }>(fields);
    const actor = actorOf(user);
    const confirmed = hits.length > 0 && reason !== '';
    if (confirmed) for (const g of group) await repo.updateItem(trx, g.id, { piiConfirmReason: reason });
    // Audited after the publication itself: every publishing transaction takes the 索引号 serial
    // row before the audit lock, so two of them never wait on each other in opposite orders.
    const auditConfirmation = async () => {
      if (!confirmed) return;
      await appendAudit(trx, actor, {
        action: 'item_pii_confirmed',
        entityType: 'item',
        entityId: item.id,
        summary: { title: item.title, reason, found: hits.map((h) => `${h.where} ${h.masked}`) },
        departmentId: item.departmentId,
      });
    };
    if (scheduledAt) {
      for (const g of group) {
        await repo.updateItem(trx, g.id, { status: 'scheduled', scheduledAt, updatedAt: now });
        await appendAudit(trx, actor, {
          action: 'item_scheduled',
          entityType: 'item',
          entityId: g.id,
          summary: { title: g.title, scheduledAt },
          departmentId: g.departmentId,
        });
      }
      await auditConfirmation();
      return ok({ indexNumber: item.indexNumber, companions: ready.length });
    }
    const ctx: PublicationContext = { actor, publishedBy: user.id, at: now, date };
    const published = await publishInTransaction(
      trx,
      settings,
      { ...item, piiConfirmReason: reason || item.piiConfirmReason },
      ctx,
    );
    for (const g of ready) await publishInTransaction(trx, settings, g, ctx);
    await auditConfirmation();
    return ok({ indexNumber: published.indexNumber, companions: ready.length });
  });
  if (result.ok && !scheduledAt) invalidatePublicCache();
  return result;
}

/** Takes a scheduled item back to 已审核 (not published). */
export async function cancelSchedule(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    if (item.status !== 'scheduled') return invalid<true>({}, '该信息没有定时发布。');
    await repo.updateItem(trx, id, { status: 'approved', scheduledAt: null, updatedAt: nowIso() });
    await appendAudit(trx, actorOf(user), {
      action: 'item_schedule_cancelled',
      entityType: 'item',
      entityId: id,
      summary: { title: item.title, scheduledAt: item.scheduledAt },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

/**
 * Publishes every scheduled item that is due at `now` (the scheduler calls it every ~30 s;
 * tests call it with a chosen instant). Returns how many were published.
 */
export async function publishDueItems(
  db: Kysely<Database>,
  settings: CatalogueSettings,
  now: Date | string = new Date(),
): Promise<number> {
  const at = typeof now === 'string' ? now : now.toISOString();
  let published = 0;
  // One item per transaction: a transaction that held one department's 索引号 serial and the
  // audit lock must not go on to wait for another department's serial.
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const [id] = await repo.claimDueItems(trx, at, 1);
      if (id === undefined) return -1;
      const item = await repo.findItem(trx, id);
      if (!item || item.status !== 'scheduled' || !item.scheduledAt) return 0;
      const ctx: PublicationContext = {
        actor: SYSTEM_ACTOR,
        publishedBy: null,
        at: item.scheduledAt,
        date: shanghaiDate(new Date(item.scheduledAt)),
      };
      await publishInTransaction(trx, settings, item, ctx);
      // A policy's 解读 scheduled with it (same department) goes out in the same transaction.
      const { ready } = await companions(trx, item);
      const due = ready.filter(
        (g) => g.status === 'scheduled' && g.scheduledAt !== null && g.scheduledAt <= at,
      );
      for (const g of due) await publishInTransaction(trx, settings, g, ctx);
      return 1 + due.length;
    });
    if (count < 0) break;
    published += count;
  }
  if (published > 0) invalidatePublicCache();
  return published;
}

/** Starts a revision of a published item: a new working copy; the public keeps the current version. */
export async function startRevision(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx) => {
    const item = await loadWritableItem(trx, user, id);
    if (item.status !== 'published') return invalid<true>({}, `当前状态（${statusLabel(item)}）不能修订。`);
    await repo.updateItem(trx, id, {
      status: 'draft',
      authorId: user.id,
      reviewerId: null,
      reviewComment: '',
      pendingChangeNote: '',
      piiConfirmReason: '',
      updatedAt: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'item_revision_started',
      entityType: 'item',
      entityId: id,
      summary: { title: item.title, fromVersion: item.currentVersion },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

/** Withdraws a published item: it leaves the public projection (and search); the URL answers 410. */
export async function withdrawItem(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  reasonRaw: string,
): Promise<Result<true>> {
  const reason = reasonRaw.trim();
  if (!reason) return invalid({ reason: '请填写撤销理由（公众访问原网址时将看到撤销说明）' });
  if ([...reason].length > REASON_MAX) return invalid({ reason: `理由不能超过 ${REASON_MAX} 个字` });
  const result = await db.transaction().execute(async (trx): Promise<Result<true>> => {
    const item = await loadWritableItem(trx, user, id);
    if (item.currentVersion === 0 || item.status === 'withdrawn')
      return invalid<true>({}, `当前状态（${statusLabel(item)}）不能撤销：只有已发布的信息可以撤销。`);
    const now = nowIso();
    await repo.updateItem(trx, id, {
      status: 'withdrawn',
      withdrawnAt: now,
      withdrawReason: reason,
      scheduledAt: null,
      updatedAt: now,
    });
    await repo.deletePublicItem(trx, id);
    await reindexPublicItem(trx, id);
    await appendAudit(trx, actorOf(user), {
      action: 'item_withdrawn',
      entityType: 'item',
      entityId: id,
      summary: { title: item.title, indexNumber: item.indexNumber, reason },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
  if (result.ok) invalidatePublicCache();
  return result;
}

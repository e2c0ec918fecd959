// The catalogue's write-side queries: items, versions, the public projection, links and 索引号
// serials. The only file of the write side with Kysely; rows never leave it.
import { sql, type Insertable, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Database } from '../db/database.js';
import { dialectOf } from '../db/dialect.js';
import type { ItemRow, ItemsTable, PublicItemsTable } from './catalogue.table.js';
import type { ItemStatus } from './catalogue.types.js';
import {
  isDisclosureGround,
  isDisclosureKind,
  isInterpretationForm,
  isItemCategory,
  isItemStatus,
  isValidity,
  type Item,
  type ItemVersion,
} from './items.types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An items row, with its body resolved (a NULL body is the current version's, see ItemsTable). */
function itemRowToItem(r: ItemRow & { body: string }): Item {
  return {
    id: r.id,
    departmentId: r.department_id,
    externalOrgId: r.external_org_id,
    indexNumber: r.index_number,
    title: r.title,
    summary: r.summary,
    docNumber: r.doc_number,
    issuer: r.issuer,
    signedDate: r.signed_date,
    topicId: r.topic_id,
    category: isItemCategory(r.category) ? r.category : 'other',
    disclosure: isDisclosureKind(r.disclosure) ? r.disclosure : 'exempt',
    disclosureGround: isDisclosureGround(r.disclosure_ground) ? r.disclosure_ground : null,
    disclosureReason: r.disclosure_reason,
    scope: r.scope,
    validity: isValidity(r.validity) ? r.validity : null,
    body: r.body,
    needsInterpretation: r.needs_interpretation === 1,
    interpretationExemptReason: r.interpretation_exempt_reason,
    interpretationForm: isInterpretationForm(r.interpretation_form) ? r.interpretation_form : null,
    status: isItemStatus(r.status) ? r.status : 'draft',
    currentVersion: r.current_version,
    pendingChangeNote: r.pending_change_note,
    authorId: r.author_id,
    reviewerId: r.reviewer_id,
    reviewComment: r.review_comment,
    scheduledAt: r.scheduled_at,
    firstPublishedAt: r.first_published_at,
    dueDate: r.due_date,
    publishedOnTime: r.published_on_time === null ? null : r.published_on_time === 1,
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
    piiConfirmReason: r.pii_confirm_reason,
    sourceUrl: r.source_url,
    importKey: r.import_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The writable fields of an item, camelCase. */
export type ItemValues = Omit<Item, 'id'>;

function toRow(v: Partial<ItemValues>): Updateable<ItemsTable> {
  const row: Updateable<ItemsTable> = {};
  if (v.departmentId !== undefined) row.department_id = v.departmentId;
  if (v.externalOrgId !== undefined) row.external_org_id = v.externalOrgId;
  if (v.indexNumber !== undefined) row.index_number = v.indexNumber;
  if (v.title !== undefined) row.title = v.title;
  if (v.summary !== undefined) row.summary = v.summary;
  if (v.docNumber !== undefined) row.doc_number = v.docNumber;
  if (v.issuer !== undefined) row.issuer = v.issuer;
  if (v.signedDate !== undefined) row.signed_date = v.signedDate;
  if (v.topicId !== undefined) row.topic_id = v.topicId;
  if (v.category !== undefined) row.category = v.category;
  if (v.disclosure !== undefined) row.disclosure = v.disclosure;
  if (v.disclosureGround !== undefined) row.disclosure_ground = v.disclosureGround;
  if (v.disclosureReason !== undefined) row.disclosure_reason = v.disclosureReason;
  if (v.scope !== undefined) row.scope = v.scope;
  if (v.validity !== undefined) row.validity = v.validity;
  if (v.body !== undefined) row.body = v.body;
  if (v.needsInterpretation !== undefined) row.needs_interpretation = v.needsInterpretation ? 1 : 0;
  if (v.interpretationExemptReason !== undefined)
    row.interpretation_exempt_reason = v.interpretationExemptReason;
  if (v.interpretationForm !== undefined) row.interpretation_form = v.interpretationForm;
  if (v.status !== undefined) row.status = v.status;
  if (v.currentVersion !== undefined) row.current_version = v.currentVersion;
  if (v.pendingChangeNote !== undefined) row.pending_change_note = v.pendingChangeNote;
  if (v.authorId !== undefined) row.author_id = v.authorId;
  if (v.reviewerId !== undefined) row.reviewer_id = v.reviewerId;
  if (v.reviewComment !== undefined) row.review_comment = v.reviewComment;
  if (v.scheduledAt !== undefined) row.scheduled_at = v.scheduledAt;
  if (v.firstPublishedAt !== undefined) row.first_published_at = v.firstPublishedAt;
  if (v.dueDate !== undefined) row.due_date = v.dueDate;
  if (v.publishedOnTime !== undefined)
    row.published_on_time = v.publishedOnTime === null ? null : v.publishedOnTime ? 1 : 0;
  if (v.withdrawnAt !== undefined) row.withdrawn_at = v.withdrawnAt;
  if (v.withdrawReason !== undefined) row.withdraw_reason = v.withdrawReason;
  if (v.piiConfirmReason !== undefined) row.pii_confirm_reason = v.piiConfirmReason;
  if (v.sourceUrl !== undefined) row.source_url = v.sourceUrl;
  if (v.importKey !== undefined) row.import_key = v.importKey;
  if (v.createdAt !== undefined) row.created_at = v.createdAt;
  if (v.updatedAt !== undefined) row.updated_at = v.updatedAt;
  return row;
}

/** The row as an Item; a NULL body (unchanged since publication) is read from its current version. */
async function withBody(db: Db, row: ItemRow | undefined): Promise<Item | undefined> {
  if (!row) return undefined;
  if (row.body !== null) return itemRowToItem({ ...row, body: row.body });
  const version = await db
    .selectFrom('item_versions')
    .select('body')
    .where('item_id', '=', row.id)
    .where('version', '=', row.current_version)
    .executeTakeFirst();
  if (!version) throw new Error(`item ${row.id}: body NULL but no version ${row.current_version}`);
  return itemRowToItem({ ...row, body: version.body });
}

export async function findItem(db: Db, id: number): Promise<Item | undefined> {
  return withBody(db, await db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst());
}

/** Reads an item and, on PostgreSQL, locks its row until the transaction ends. */
export async function findItemForUpdate(trx: Transaction<Database>, id: number): Promise<Item | undefined> {
  let q = trx.selectFrom('items').selectAll().where('id', '=', id);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate();
  return withBody(trx, await q.executeTakeFirst());
}

/** The items row of these values (`body` may be NULL: see ItemsTable.body). */
export function insertableItem(
  v: Omit<ItemValues, 'body'> & { body: string | null },
): Insertable<ItemsTable> {
  return {
    department_id: v.departmentId,
    external_org_id: v.externalOrgId,
    index_number: v.indexNumber,
    title: v.title,
    summary: v.summary,
    doc_number: v.docNumber,
    issuer: v.issuer,
    signed_date: v.signedDate,
    topic_id: v.topicId,
    category: v.category,
    disclosure: v.disclosure,
    disclosure_ground: v.disclosureGround,
    disclosure_reason: v.disclosureReason,
    scope: v.scope,
    validity: v.validity,
    body: v.body,
    needs_interpretation: v.needsInterpretation ? 1 : 0,
    interpretation_exempt_reason: v.interpretationExemptReason,
    interpretation_form: v.interpretationForm,
    status: v.status,
    current_version: v.currentVersion,
    pending_change_note: v.pendingChangeNote,
    author_id: v.authorId,
    reviewer_id: v.reviewerId,
    review_comment: v.reviewComment,
    scheduled_at: v.scheduledAt,
    first_published_at: v.firstPublishedAt,
    due_date: v.dueDate,
    published_on_time: v.publishedOnTime === null ? null : v.publishedOnTime ? 1 : 0,
    withdrawn_at: v.withdrawnAt,
    withdraw_reason: v.withdrawReason,
    pii_confirm_reason: v.piiConfirmReason,
    source_url: v.sourceUrl,
    import_key: v.importKey,
    created_at: v.createdAt,
    updated_at: v.updatedAt,
  };
}

export async function insertItem(trx: Db, values: ItemValues): Promise<number> {
  const row = insertableItem(values);
  const inserted = await trx.insertInto('items').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateItem(trx: Db, id: number, values: Partial<ItemValues>): Promise<void> {
  await trx.updateTable('items').set(toRow(values)).where('id', '=', id).execute();
}

export interface ItemListFilter {
  departmentId?: number | undefined;
  status?: ItemStatus | undefined;
  /** Items whose publication is still open (not yet published once, not withdrawn). */
  unpublished?: boolean;
  q?: string | undefined;
}

export interface ItemSummary {
  id: number;
  departmentId: number;
  title: string;
  docNumber: string;
  category: string;
  status: ItemStatus;
  indexNumber: string | null;
  currentVersion: number;
  signedDate: string | null;
  dueDate: string | null;
  firstPublishedAt: string | null;
  publishedOnTime: boolean | null;
  scheduledAt: string | null;
  authorId: number | null;
  updatedAt: string;
}

export async function listItems(
  db: Db,
  filter: ItemListFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ItemSummary[]; total: number }> {
  let q = db.selectFrom('items');
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.unpublished) q = q.where('current_version', '=', 0).where('status', '!=', 'withdrawn');
  if (filter.q) {
    const needle = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('title', 'like', needle),
        eb('doc_number', 'like', needle),
        eb('index_number', 'like', needle),
      ]),
    );
  }
  const totalRow = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select([
      'id',
      'department_id',
      'title',
      'doc_number',
      'category',
      'status',
      'index_number',
      'current_version',
      'signed_date',
      'due_date',
      'first_published_at',
      'published_on_time',
      'scheduled_at',
      'author_id',
      'updated_at',
    ])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(totalRow.n),
    items: rows.map((r) => ({
      id: r.id,
      departmentId: r.department_id,
      title: r.title,
      docNumber: r.doc_number,
      category: r.category,
      status: isItemStatus(r.status) ? r.status : 'draft',
      indexNumber: r.index_number,
      currentVersion: r.current_version,
      signedDate: r.signed_date,
      dueDate: r.due_date,
      firstPublishedAt: r.first_published_at,
      publishedOnTime: r.published_on_time === null ? null : r.published_on_time === 1,
      scheduledAt: r.scheduled_at,
      authorId: r.author_id,
      updatedAt: r.updated_at,
    })),
  };
}

export async function insertVersion(
  trx: Db,
  v: {
    itemId: number;
    version: number;
    title: string;
    summary: string;
    docNumber: string;
    body: string;
    validity: string | null;
    changeNote: string;
    publishedAt: string;
    publishedBy: number | null;
  },
): Promise<void> {
  await trx
    .insertInto('item_versions')
    .values({
      item_id: v.itemId,
      version: v.version,
      title: v.title,
      summary: v.summary,
      doc_number: v.docNumber,
      body: v.body,
      validity: v.validity,
      change_note: v.changeNote,
      published_at: v.publishedAt,
      published_by: v.publishedBy,
    })
    .execute();
}

export async function listVersions(db: Db, itemId: number): Promise<ItemVersion[]> {
  const rows = await db
    .selectFrom('item_versions')
    .select(['version', 'title', 'change_note', 'published_at', 'published_by'])
    .where('item_id', '=', itemId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    title: r.title,
    changeNote: r.change_note,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  }));
}

/**
 * Takes the next 索引号 serial of a department and year. One atomic upsert: on PostgreSQL a
 * concurrent publication in the same department waits for this row's lock and gets the next one.
 */
export async function allocateSerial(
  trx: Transaction<Database>,
  departmentId: number,
  year: number,
): Promise<number> {
  const row = await trx
    .insertInto('index_serials')
    .values({ department_id: departmentId, year, last_serial: 1 })
    .onConflict((oc) =>
      oc.columns(['department_id', 'year']).doUpdateSet({ last_serial: sql`index_serials.last_serial + 1` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial;
}

/** Keeps future serials above one taken by an imported 索引号. */
export async function raiseSerial(
  trx: Db,
  departmentId: number,
  year: number,
  atLeast: number,
): Promise<void> {
  await trx
    .insertInto('index_serials')
    .values({ department_id: departmentId, year, last_serial: atLeast })
    .onConflict((oc) =>
      oc.columns(['department_id', 'year']).doUpdateSet({
        last_serial: sql`CASE WHEN index_serials.last_serial < ${atLeast} THEN ${atLeast} ELSE index_serials.last_serial END`,
      }),
    )
    .execute();
}

export async function indexNumberTaken(db: Db, indexNumber: string): Promise<boolean> {
  const row = await db
    .selectFrom('items')
    .select('id')
    .where('index_number', '=', indexNumber)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Writes an item's public row whole, each publication with a new version: the item page's ETag
 * names the body by (item, version, updated_at) instead of hashing it (PublicItemPage.bodyRevision).
 * Whatever rewrites body_html otherwise must change one of them too.
 */
export async function upsertPublicItem(trx: Db, row: PublicItemsTable): Promise<void> {
  const { item_id: _id, ...rest } = row;
  await trx
    .insertInto('public_items')
    .values(row)
    .onConflict((oc) => oc.column('item_id').doUpdateSet(rest))
    .execute();
}

export async function deletePublicItem(trx: Db, itemId: number): Promise<void> {
  await trx.deleteFrom('public_items').where('item_id', '=', itemId).execute();
}

export async function findPublicDates(
  db: Db,
  itemId: number,
): Promise<{ publishedDate: string; publishedAt: string } | undefined> {
  const row = await db
    .selectFrom('public_items')
    .select(['published_date', 'published_at'])
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row && { publishedDate: row.published_date, publishedAt: row.published_at };
}

export async function isPublic(db: Db, itemId: number): Promise<boolean> {
  const row = await db
    .selectFrom('public_items')
    .select('item_id')
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return row !== undefined;
}

// ---- scheduled publication ----

/**
 * Claims scheduled items that are due. On PostgreSQL the rows stay locked until the transaction
 * ends and rows another scheduler has claimed are skipped (FOR UPDATE SKIP LOCKED), so two
 * processes never publish the same item.
 */
export async function claimDueItems(
  trx: Transaction<Database>,
  nowIso: string,
  limit: number,
): Promise<number[]> {
  let q = trx
    .selectFrom('items')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', nowIso)
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(limit);
  if (dialectOf(trx) === 'postgres') q = q.forUpdate().skipLocked();
  const rows = await q.execute();
  return rows.map((r) => r.id);
}

// ---- attachments, as the workflow sees them ----

export async function countAttachments(db: Db, itemId: number): Promise<number> {
  const r = await db
    .selectFrom('attachments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function attachmentTexts(db: Db, itemId: number): Promise<{ fileName: string; text: string }[]> {
  const rows = await db
    .selectFrom('attachments')
    .select(['file_name', 'extracted_text'])
    .where('item_id', '=', itemId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ fileName: r.file_name, text: r.extracted_text }));
}

// Attachment rows.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { AttachmentRow } from './catalogue.table.js';
import { ATTACHMENT_KIND_INFO, formatSize, kindOfMediaType, type Attachment } from './attachments.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function attachmentRowToAttachment(r: AttachmentRow): Attachment {
  const kind = kindOfMediaType(r.media_type);
  return {
    id: r.id,
    itemId: r.item_id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    sortOrder: r.sort_order,
    createdAt: r.created_at,
    typeLabel: kind ? ATTACHMENT_KIND_INFO[kind].label : r.media_type,
    sizeLabel: formatSize(r.size),
  };
}

export async function listAttachments(db: Db, itemId: number): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(attachmentRowToAttachment);
}

export async function findAttachment(db: Db, id: number): Promise<Attachment | undefined> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  return row && attachmentRowToAttachment(row);
}

/** An attachment the public may download: its item is in the public projection. */
export async function findPublicAttachment(db: Db, id: number): Promise<Attachment | undefined> {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('public_items', 'public_items.item_id', 'attachments.item_id')
    .selectAll('attachments')
    .where('attachments.id', '=', id)
    .executeTakeFirst();
  return row && attachmentRowToAttachment(row);
}

export async function insertAttachment(
  trx: Db,
  v: {
    itemId: number;
    sha256: string;
    fileName: string;
    mediaType: string;
    size: number;
    text: string;
    at: string;
  },
): Promise<number> {
  const last = await trx
    .selectFrom('attachments')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .where('item_id', '=', v.itemId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('attachments')
    .values({
      item_id: v.itemId,
      sha256: v.sha256,
      file_name: v.fileName,
      media_type: v.mediaType,
      size: v.size,
      extracted_text: v.text,
      sort_order: Number(last?.m ?? 0) + 1,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteAttachment(trx: Db, id: number): Promise<void> {
  await trx.deleteFrom('attachments').where('id', '=', id).execute();
}

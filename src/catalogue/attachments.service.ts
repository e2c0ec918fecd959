// Attachments: upload (type from the content, size limit, text extraction, content-addressed
// storage), removal, and the two downloads (staff: their department's items in any state;
// public: only items in the public projection).
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, ok, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { detectKind, extensionOf } from './attachments.detect.js';
import { extractText } from './attachments.extract.js';
import * as repo from './attachments.repository.js';
import type { AttachmentStorage } from './attachments.storage.js';
import { ATTACHMENT_KIND_INFO, formatSize, type Attachment } from './attachments.types.js';
import { loadReadableItem, loadWritableItem } from './items.access.js';
import * as itemsRepo from './items.repository.js';
import { EDITABLE_STATUSES, type Item } from './items.types.js';

export const FILE_NAME_MAX = 200;

export function cleanFileName(raw: string): string {
  // Browsers may send a path (C:\fakepath\…); keep the last part, without control characters.
  const last = raw.split(/[\\/]/).pop() ?? '';
  return last
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, FILE_NAME_MAX);
}

/**
 * Why the item's attachments cannot change now, or undefined. Attachments are not versioned: on an
 * item the public already sees, a change would reach the public before review, so it is refused.
 */
function attachmentsLocked(item: Item): string | undefined {
  if (item.currentVersion > 0)
    return '已发布信息的附件不能在修订中增删（附件会立即对公众生效）。如需更换附件，请新建信息发布后撤销本条';
  if (!EDITABLE_STATUSES.includes(item.status)) return '只有草稿、已退回或已审核（未发布）的信息可以修改附件';
  return undefined;
}

export async function uploadAttachment(
  db: Kysely<Database>,
  storage: AttachmentStorage,
  user: CurrentUser,
  itemId: number,
  file: { fileName: string; data: Buffer } | undefined,
  maxBytes: number,
): Promise<Result<number>> {
  await loadReadableItem(db, user, itemId);
  if (!file || file.data.length === 0) return invalid({ file: '请选择要上传的文件' });
  const fileName = cleanFileName(file.fileName);
  if (!fileName) return invalid({ file: '文件名无效' });
  if (file.data.length > maxBytes)
    return invalid({
      file: `文件过大（${formatSize(file.data.length)}），附件不能超过 ${formatSize(maxBytes)}`,
    });
  const kind = detectKind(file.data, fileName);
  if (!kind)
    return invalid({
      file: '不支持的文件类型：只接受 PDF、OFD、DOC/DOCX、XLS/XLSX、WPS、PNG/JPEG/GIF 图片和 ZIP 压缩包',
    });
  const info = ATTACHMENT_KIND_INFO[kind];
  const ext = extensionOf(fileName);
  if (ext && !info.extensions.includes(ext))
    return invalid({ file: `文件内容是 ${info.label}，与扩展名 .${ext} 不符，请检查后重新上传` });
  const text = extractText(kind, file.data);
  const sha256 = await storage.put(file.data);
  return db.transaction().execute(async (trx): Promise<Result<number>> => {
    const item = await loadWritableItem(trx, user, itemId);
    const refused = attachmentsLocked(item);
    if (refused) return invalid({ file: refused });
    // A confirmation that the item may carry personal data covered only what it saw then.
    if (item.piiConfirmReason) await itemsRepo.updateItem(trx, itemId, { piiConfirmReason: '' });
    const id = await repo.insertAttachment(trx, {
      itemId,
      sha256,
      fileName,
      mediaType: info.mediaType,
      size: file.data.length,
      text,
      at: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'attachment_added',
      entityType: 'item',
      entityId: itemId,
      summary: { title: item.title, fileName, type: info.label, size: file.data.length, sha256 },
      departmentId: item.departmentId,
    });
    return ok(id);
  });
}

export async function removeAttachment(
  db: Kysely<Database>,
  user: CurrentUser,
  itemId: number,
  attachmentId: number,
): Promise<Result<true>> {
  return db.transaction().execute(async (trx): Promise<Result<true>> => {
    const item = await loadWritableItem(trx, user, itemId);
    const attachment = await repo.findAttachment(trx, attachmentId);
    if (!attachment || attachment.itemId !== itemId) throw notFound('附件不存在。', 'attachment_not_found');
    const refused = attachmentsLocked(item);
    if (refused) return invalid({ file: refused });
    await repo.deleteAttachment(trx, attachmentId);
    await appendAudit(trx, actorOf(user), {
      action: 'attachment_removed',
      entityType: 'item',
      entityId: itemId,
      summary: { title: item.title, fileName: attachment.fileName },
      departmentId: item.departmentId,
    });
    return ok(true);
  });
}

export async function listItemAttachments(db: Kysely<Database>, itemId: number): Promise<Attachment[]> {
  return repo.listAttachments(db, itemId);
}

/** For staff: an attachment of an item they may read, in any state. */
export async function getStaffAttachment(
  db: Kysely<Database>,
  user: CurrentUser,
  itemId: number,
  attachmentId: number,
): Promise<Attachment> {
  await loadReadableItem(db, user, itemId);
  const attachment = await repo.findAttachment(db, attachmentId);
  if (!attachment || attachment.itemId !== itemId) throw notFound('附件不存在。', 'attachment_not_found');
  return attachment;
}

/** For the public: only attachments of published, 主动公开, not withdrawn items. */
export async function getPublicAttachment(db: Kysely<Database>, attachmentId: number): Promise<Attachment> {
  const attachment = await repo.findPublicAttachment(db, attachmentId);
  if (!attachment) throw notFound('附件不存在或未公开。', 'attachment_not_found');
  return attachment;
}

/** Content-Disposition with the original (Chinese) file name, RFC 6266 / RFC 5987. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

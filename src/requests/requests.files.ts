// Files released with a reply: attached by the officer while the reply is being prepared (status
// decided), shown to the applicant with the reply letter once it is sent. Stored content-addressed
// with the catalogue's storage (DATA_DIR/attachments); the type is detected from the content.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { detectKind } from '../catalogue/attachments.detect.js';
import type { UploadedFile } from '../catalogue/attachments.multipart.js';
import { cleanFileName } from '../catalogue/attachments.service.js';
import type { AttachmentStorage } from '../catalogue/attachments.storage.js';
import { ATTACHMENT_KIND_INFO } from '../catalogue/attachments.types.js';
import type { Database } from '../db/database.js';
import { conflict, invalid, notFound, ok, type Result } from '../http/errors.js';
import { nowIso } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { loadForHandling } from './requests.actions.js';
import * as repo from './requests.repository.js';
import { loadRowForUser } from './requests.service.js';

export type { ReleasedFile } from './requests.repository.js';

const fileNotFound = () => notFound('文件不存在。', 'file_not_found');

export async function attachReleasedFile(
  db: Kysely<Database>,
  storage: AttachmentStorage,
  user: CurrentUser,
  id: number,
  file: UploadedFile | undefined,
  maxBytes: number,
): Promise<Result<number>> {
  const row = await loadForHandling(db, user, id);
  if (row.status !== 'decided')
    throw conflict('只能在答复送达前添加公开的文件。', undefined, 'invalid_status');
  if (!file || file.data.length === 0) return invalid({ file: '请选择要上传的文件' });
  if (file.data.length > maxBytes)
    return invalid({ file: `文件不能超过 ${Math.floor(maxBytes / 1024 / 1024)} MB` });
  const kind = detectKind(file.data, file.fileName);
  if (!kind) return invalid({ file: '不支持的文件类型（可上传 PDF、OFD、Word、Excel、WPS、图片或 ZIP）' });
  const fileName =
    cleanFileName(file.fileName) || `文件.${ATTACHMENT_KIND_INFO[kind].extensions[0] ?? 'bin'}`;
  const sha256 = await storage.put(file.data);
  const fileId = await db.transaction().execute(async (trx) => {
    const newId = await repo.insertFile(trx, {
      requestId: id,
      sha256,
      fileName,
      mediaType: ATTACHMENT_KIND_INFO[kind].mediaType,
      size: file.data.length,
      createdAt: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'request_file_attached',
      entityType: 'request',
      entityId: id,
      departmentId: row.department_id,
      summary: { number: row.number, fileName, sha256, size: file.data.length },
    });
    return newId;
  });
  return ok(fileId);
}

export async function removeReleasedFile(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  fileId: number,
): Promise<void> {
  const row = await loadForHandling(db, user, id);
  if (row.status !== 'decided') throw conflict('答复送达后不能删除文件。', undefined, 'invalid_status');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteFile(trx, id, fileId))) throw fileNotFound();
    await appendAudit(trx, actorOf(user), {
      action: 'request_file_removed',
      entityType: 'request',
      entityId: id,
      departmentId: row.department_id,
      summary: { number: row.number, fileId },
    });
  });
}

export async function listReleasedFiles(db: Kysely<Database>, user: CurrentUser, id: number) {
  await loadRowForUser(db, user, id);
  return repo.listFiles(db, id);
}

/** A staff member's download of a file of a request they may read. */
export async function getStaffFile(db: Kysely<Database>, user: CurrentUser, id: number, fileId: number) {
  await loadRowForUser(db, user, id);
  const f = (await repo.listFiles(db, id)).find((x) => x.id === fileId);
  if (!f) throw fileNotFound();
  return f;
}

// Attachment routes: upload and removal in the console (multipart/form-data, parsed here with a
// body limit of ATTACHMENT_MAX_MB plus room for the form), the staff download (any state, own
// department) and the public download /attachments/:id/:fileName (only items the public may see).
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { badRequest } from '../http/errors.js';
import { isUploadedFile, registerFileUploadParser } from './attachments.multipart.js';
import {
  contentDisposition,
  getPublicAttachment,
  getStaffAttachment,
  removeAttachment,
  uploadAttachment,
} from './attachments.service.js';
import { diskAttachmentStorage, type AttachmentStorage } from './attachments.storage.js';
import type { Attachment } from './attachments.types.js';
import { sendItemPage } from './item-page.load.js';

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const AttachmentParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  attachmentId: Type.Integer({ minimum: 1 }),
});

function sendFile(
  reply: FastifyReply,
  storage: AttachmentStorage,
  a: Attachment,
  cache: string,
): FastifyReply {
  if (!storage.exists(a.sha256))
    throw badRequest('附件文件缺失，请联系管理员。', undefined, 'attachment_missing');
  return reply
    .header('Content-Type', a.mediaType)
    .header('Content-Length', String(a.size))
    .header('Content-Disposition', contentDisposition(a.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', cache)
    .send(storage.open(a.sha256));
}

export async function attachmentRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const storage = diskAttachmentStorage(app.ctx.config.dataDir);
  const maxBytes = app.ctx.config.attachmentMaxBytes;

  registerFileUploadParser(app, maxBytes);

  app.post(
    '/console/items/:id/attachments',
    {
      config: { permission: 'catalogue.draft' },
      bodyLimit: maxBytes + 1024 * 1024,
      schema: {
        params: IdParams,
        body: Type.Object({ file: Type.Optional(Type.Unknown()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const file = isUploadedFile(request.body.file) ? request.body.file : undefined;
      const result = await uploadAttachment(db, storage, currentUser(request), id, file, maxBytes);
      if (result.ok) return reply.redirect(`/console/items/${id}?done=uploaded`, 303);
      return sendItemPage(app, request, reply, id, { errors: result.fields, message: result.message }, 400);
    },
  );

  app.post(
    '/console/items/:id/attachments/:attachmentId/delete',
    {
      config: { permission: 'catalogue.draft' },
      schema: { params: AttachmentParams, body: Type.Object({}, { additionalProperties: false }) },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const result = await removeAttachment(db, currentUser(request), id, attachmentId);
      if (result.ok) return reply.redirect(`/console/items/${id}?done=removed`, 303);
      return sendItemPage(app, request, reply, id, { errors: result.fields, message: result.message }, 400);
    },
  );

  app.get(
    '/console/items/:id/attachments/:attachmentId',
    { config: { permission: 'catalogue.read' }, schema: { params: AttachmentParams } },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const a = await getStaffAttachment(db, currentUser(request), id, attachmentId);
      return sendFile(reply, storage, a, 'private, no-store');
    },
  );

  app.get(
    '/attachments/:id/:fileName',
    {
      config: { permission: 'public' },
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileName: Type.String({ maxLength: 1000 }) }),
      },
    },
    async (request, reply) => {
      const a = await getPublicAttachment(db, request.params.id);
      return sendFile(reply, storage, a, 'public, max-age=300');
    },
  );
}

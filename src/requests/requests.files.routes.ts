// Files released with a reply: upload and removal in the console (multipart/form-data, parsed
// with the catalogue's small parser, scoped to this plugin), staff download, and the applicant's
// download from the tracking page once the reply is sent (number + 查询码 checked first).
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { notFound, tooManyRequests } from '../http/errors.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { isUploadedFile, registerFileUploadParser } from '../catalogue/attachments.multipart.js';
import { contentDisposition } from '../catalogue/attachments.service.js';
import { diskAttachmentStorage, type AttachmentStorage } from '../catalogue/attachments.storage.js';
import { sendRequestPage } from './requests.console.routes.js';
import { attachReleasedFile, getStaffFile, removeReleasedFile, type ReleasedFile } from './requests.files.js';
import { trackRequest } from './requests.service.js';

const FileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) });

function sendFile(reply: FastifyReply, storage: AttachmentStorage, f: ReleasedFile): FastifyReply {
  if (!storage.exists(f.sha256)) throw notFound('文件内容缺失，请联系管理员。', 'file_missing');
  return reply
    .header('Content-Type', f.mediaType)
    .header('Content-Length', String(f.size))
    .header('Content-Disposition', contentDisposition(f.fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(storage.open(f.sha256));
}

export async function requestFilesRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const storage = diskAttachmentStorage(app.ctx.config.dataDir);
  const maxBytes = app.ctx.config.attachmentMaxBytes;
  const downloadLimiter = createRateLimiter({ max: 60, windowMs: 60_000 });

  registerFileUploadParser(app, maxBytes);

  app.post(
    '/console/requests/:id/files',
    {
      config: { permission: 'requests.handle' },
      bodyLimit: maxBytes + 1024 * 1024,
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({ file: Type.Optional(Type.Unknown()) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const file = isUploadedFile(request.body.file) ? request.body.file : undefined;
      const result = await attachReleasedFile(db, storage, currentUser(request), id, file, maxBytes);
      if (result.ok) return reply.redirect(`/console/requests/${id}`, 303);
      return sendRequestPage(app, request, reply, id, {
        action: 'attach_file',
        errors: result.fields,
        input: {},
      });
    },
  );

  app.post(
    '/console/requests/:id/files/:fileId/delete',
    {
      config: { permission: 'requests.handle' },
      schema: { params: FileParams, body: Type.Object({}, { additionalProperties: false }) },
    },
    async (request, reply) => {
      await removeReleasedFile(db, currentUser(request), request.params.id, request.params.fileId);
      return reply.redirect(`/console/requests/${request.params.id}`, 303);
    },
  );

  app.get(
    '/console/requests/:id/files/:fileId',
    { config: { permission: 'requests.read' }, schema: { params: FileParams } },
    async (request, reply) =>
      sendFile(
        reply,
        storage,
        await getStaffFile(db, currentUser(request), request.params.id, request.params.fileId),
      ),
  );

  app.get(
    '/ysq/track/files/:fileId',
    {
      config: { permission: 'public' },
      schema: {
        params: Type.Object({ fileId: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({
          number: Type.Optional(Type.String({ maxLength: 40 })),
          code: Type.Optional(Type.String({ maxLength: 40 })),
        }),
      },
    },
    async (request, reply) => {
      if (!downloadLimiter.hit(request.ip)) throw tooManyRequests('下载过于频繁，请一分钟后再试。');
      const t = await trackRequest(db, request.query.number ?? '', request.query.code ?? '');
      const f = t?.files.find((x) => x.id === request.params.fileId);
      if (!f) throw notFound('文件不存在，或申请编号、查询码不正确。', 'file_not_found');
      return sendFile(reply, storage, f);
    },
  );
}

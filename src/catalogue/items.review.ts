// Console route of the reviewer's decision on a submitted item (approve, or return with a comment).
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { str } from '../http/forms.js';
import { sendItemPage } from './item-page.load.js';
import { reviewItem } from './items.service.js';

export async function itemReviewRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  app.post(
    '/console/items/:id/review',
    {
      config: { permission: 'catalogue.review' },
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          {
            decision: Type.Optional(Type.String({ maxLength: 20 })),
            comment: Type.Optional(Type.String({ maxLength: 5000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      const decision = str(request.body.decision);
      const comment = str(request.body.comment);
      if (decision !== 'approve' && decision !== 'return')
        return sendItemPage(
          app,
          request,
          reply,
          id,
          { message: '请选择“审核通过”或“退回修改”。', typed: { comment } },
          400,
        );
      const result = await reviewItem(db, currentUser(request), id, {
        approve: decision === 'approve',
        comment,
      });
      if (result.ok)
        return reply.redirect(
          `/console/items/${id}?done=${decision === 'approve' ? 'approved' : 'returned'}`,
          303,
        );
      return sendItemPage(
        app,
        request,
        reply,
        id,
        { errors: result.fields, message: result.message, typed: { comment } },
        400,
      );
    },
  );
}

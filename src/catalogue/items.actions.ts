// Console routes of the workflow actions on one item (publisher side): submit, publish now or
// at a time, cancel a schedule, revise, withdraw, and link a 解读 to the policy it explains.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import type { Result } from '../http/errors.js';
import { str } from '../http/forms.js';
import { sendItemPage } from './item-page.load.js';
import { catalogueSettings } from './items.access.js';
import { linkInterpretation, unlinkInterpretation } from './items.links.js';
import { cancelSchedule, publishItem, startRevision, withdrawItem } from './items.publish.js';
import { maskItemPersonalData, submitItem } from './items.service.js';

const S = (max = 1000) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** A datetime-local value typed in Beijing time (YYYY-MM-DDTHH:MM) → ISO instant. */
export function beijingLocalToIso(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined)
    return undefined;
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59)
    return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h - 8, mi)).toISOString();
}

async function done<T>(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  result: Result<T>,
  notice: string,
  typed: Record<string, string> = {},
): Promise<FastifyReply> {
  if (result.ok) return reply.redirect(`/console/items/${id}?done=${notice}`, 303);
  return sendItemPage(
    app,
    request,
    reply,
    id,
    { errors: result.fields, message: result.message, typed },
    400,
  );
}

export async function itemActionRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const settings = catalogueSettings(app.ctx.config);
  const opts = (body: ReturnType<typeof Type.Object>) => ({
    config: { permission: 'catalogue.draft' as const },
    schema: { params: IdParams, body },
  });
  const Empty = Type.Object({}, { additionalProperties: false });

  app.post('/console/items/:id/submit', opts(Empty), async (request, reply) => {
    const id = request.params.id;
    return done(app, request, reply, id, await submitItem(db, currentUser(request), id), 'submitted');
  });

  app.post('/console/items/:id/mask-pii', opts(Empty), async (request, reply) => {
    const id = request.params.id;
    return done(app, request, reply, id, await maskItemPersonalData(db, currentUser(request), id), 'masked');
  });

  app.post(
    '/console/items/:id/publish',
    opts(
      Type.Object(
        { mode: S(20), scheduledAt: S(40), piiConfirmReason: S(5000) },
        { additionalProperties: false },
      ),
    ),
    async (request, reply) => {
      const id = request.params.id;
      const body = request.body;
      const typed = { scheduledAt: str(body.scheduledAt), piiConfirmReason: str(body.piiConfirmReason) };
      const schedule = str(body.mode) === 'schedule';
      let scheduledAt: string | undefined;
      if (schedule) {
        scheduledAt = beijingLocalToIso(typed.scheduledAt);
        if (!scheduledAt)
          return sendItemPage(
            app,
            request,
            reply,
            id,
            { errors: { scheduledAt: '请填写定时发布的日期和时间（北京时间）' }, typed },
            400,
          );
      }
      const result = await publishItem(db, settings, currentUser(request), id, {
        piiConfirmReason: typed.piiConfirmReason,
        ...(scheduledAt ? { scheduledAt } : {}),
      });
      return done(app, request, reply, id, result, schedule ? 'scheduled' : 'published', typed);
    },
  );

  app.post('/console/items/:id/cancel-schedule', opts(Empty), async (request, reply) => {
    const id = request.params.id;
    return done(app, request, reply, id, await cancelSchedule(db, currentUser(request), id), 'unscheduled');
  });

  app.post('/console/items/:id/revise', opts(Empty), async (request, reply) => {
    const id = request.params.id;
    const result = await startRevision(db, currentUser(request), id);
    if (result.ok) return reply.redirect(`/console/items/${id}/edit`, 303);
    return done(app, request, reply, id, result, 'revising');
  });

  app.post(
    '/console/items/:id/withdraw',
    opts(Type.Object({ reason: S(5000) }, { additionalProperties: false })),
    async (request, reply) => {
      const id = request.params.id;
      const reason = str(request.body.reason);
      const result = await withdrawItem(db, currentUser(request), id, reason);
      return done(app, request, reply, id, result, 'withdrawn', { reason });
    },
  );

  app.post(
    '/console/items/:id/links',
    opts(Type.Object({ policyId: S(20) }, { additionalProperties: false })),
    async (request, reply) => {
      const id = request.params.id;
      const raw = str(request.body.policyId);
      const result = /^\d{1,9}$/.test(raw)
        ? await linkInterpretation(db, currentUser(request), id, Number(raw))
        : ({ ok: false, fields: { policyId: '请选择所解读的政策文件' } } as const);
      return done(app, request, reply, id, result, 'linked', { policyId: raw });
    },
  );

  app.post(
    '/console/items/:id/links/:policyId/delete',
    {
      config: { permission: 'catalogue.draft' },
      schema: {
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), policyId: Type.Integer({ minimum: 1 }) }),
        body: Empty,
      },
    },
    async (request, reply) => {
      const { id, policyId } = request.params;
      return done(
        app,
        request,
        reply,
        id,
        await unlinkInterpretation(db, currentUser(request), id, policyId),
        'unlinked',
      );
    },
  );
}

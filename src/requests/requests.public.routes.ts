// Public routes of 依申请公开: the application form and the tracking page (HTML), and the public
// tracking endpoint of the JSON API. Rate limited per client address; a honeypot field catches bots.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { ANON_COOKIE } from '../http/cookies.js';
import { notFound, tooManyRequests } from '../http/errors.js';
import { sendPublicPage } from '../http/page.js';
import { csrfToken } from '../http/csrf.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { contentDisposition } from '../catalogue/attachments.service.js';
import { submitApplication, trackRequest } from './requests.service.js';
import { EMPTY_APPLICATION, type ApplicationInput } from './requests.validation.js';
import {
  applyPage,
  HONEYPOT_FIELD,
  submittedPage,
  trackFormPage,
  trackingPage,
} from './requests.public.views.js';
import { TrackingSchema } from './requests.schemas.js';
import { toTrackingJson } from './requests.json.js';

const FormString = Type.Optional(Type.String({ maxLength: 5000 }));
const ApplyBody = Type.Object(
  {
    ...Object.fromEntries(Object.keys(EMPTY_APPLICATION).map((k) => [k, FormString])),
    [HONEYPOT_FIELD]: FormString,
  },
  { additionalProperties: false },
);
const TrackQuery = Type.Object({
  number: Type.Optional(Type.String({ maxLength: 40 })),
  code: Type.Optional(Type.String({ maxLength: 40 })),
});

const TITLE = '政府信息公开申请';
const notFoundTracking = () => notFound('申请编号或查询码不正确。', 'request_not_found');
const BREADCRUMBS = [{ href: '/', label: '首页' }];

function applicationFrom(body: Record<string, unknown>): ApplicationInput {
  const v = { ...EMPTY_APPLICATION };
  for (const k of Object.keys(EMPTY_APPLICATION)) {
    const raw = body[k];
    if (typeof raw === 'string' && k in v) Object.assign(v, { [k]: raw });
  }
  return v;
}

export async function requestsPublicRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  // Per client address: 10 applications and 30 tracking look-ups a minute.
  const applyLimiter = createRateLimiter({ max: 10, windowMs: 60_000 });
  const trackLimiter = createRateLimiter({ max: 30, windowMs: 60_000 });
  const departments = async () =>
    (await listAllDepartments(db, true)).map((d) => ({ id: d.id, fullName: d.fullName }));

  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    v: ApplicationInput,
    errors?: Record<string, string>,
  ) => {
    const list = await departments();
    const csrf = csrfToken(app, request, reply);
    reply.header('Cache-Control', 'no-store');
    return sendPublicPage(
      app,
      request,
      reply,
      { title: TITLE, breadcrumbs: BREADCRUMBS, body: applyPage(csrf, v, errors, list) },
      errors ? 400 : 200,
    );
  };

  app.get('/ysq', { config: { permission: 'public' } }, async (request, reply) =>
    form(request, reply, EMPTY_APPLICATION),
  );

  app.post(
    '/ysq',
    { config: { permission: 'public' }, schema: { body: ApplyBody } },
    async (request, reply) => {
      if (!applyLimiter.hit(request.ip)) throw tooManyRequests('提交过于频繁，请一分钟后再试。');
      const body: Record<string, unknown> = request.body;
      const v = applicationFrom(body);
      // A bot filled the hidden field: answer like a success, store nothing.
      if (typeof body[HONEYPOT_FIELD] === 'string' && body[HONEYPOT_FIELD] !== '') {
        return sendPublicPage(app, request, reply, {
          title: '申请已提交',
          body: trackFormPage({ number: '', code: '' }),
        });
      }
      const clientKey = `${request.ip}|${request.cookies[ANON_COOKIE] ?? ''}`;
      const result = await submitApplication(db, v, clientKey);
      if (!result.ok) return form(request, reply, v, result.fields);
      reply.header('Cache-Control', 'no-store');
      return sendPublicPage(app, request, reply, {
        title: '申请已提交',
        breadcrumbs: BREADCRUMBS,
        body: submittedPage(result.value),
      });
    },
  );

  app.get(
    '/ysq/track',
    { config: { permission: 'public' }, schema: { querystring: TrackQuery } },
    async (request, reply) => {
      const number = request.query.number ?? '';
      const code = request.query.code ?? '';
      reply.header('Cache-Control', 'no-store');
      reply.header('Referrer-Policy', 'no-referrer');
      const page = (body: ReturnType<typeof trackFormPage>, status = 200) =>
        sendPublicPage(
          app,
          request,
          reply,
          { title: '查询申请办理进度', breadcrumbs: [...BREADCRUMBS, { href: '/ysq', label: TITLE }], body },
          status,
        );
      if (!number && !code) return page(trackFormPage({ number: '', code: '' }));
      if (!trackLimiter.hit(request.ip)) throw tooManyRequests('查询过于频繁，请一分钟后再试。');
      const t = number && code ? await trackRequest(db, number, code) : undefined;
      if (!t)
        return page(trackFormPage({ number, code: '' }, '申请编号或查询码不正确，请核对后重新输入。'), 404);
      return page(trackingPage(t, code));
    },
  );

  app.get(
    '/ysq/track/letter',
    { config: { permission: 'public' }, schema: { querystring: TrackQuery } },
    async (request, reply) => {
      if (!trackLimiter.hit(request.ip)) throw tooManyRequests('查询过于频繁，请一分钟后再试。');
      const t = await trackRequest(db, request.query.number ?? '', request.query.code ?? '');
      reply.header('Cache-Control', 'no-store');
      if (!t || !t.replyLetter) {
        return sendPublicPage(
          app,
          request,
          reply,
          {
            title: '查询申请办理进度',
            body: trackFormPage({ number: request.query.number ?? '', code: '' }, '没有可下载的答复告知书。'),
          },
          404,
        );
      }
      return reply
        .type('text/plain; charset=utf-8')
        .header('Content-Disposition', contentDisposition(`答复告知书-${t.number}.txt`))
        .send(t.replyLetter);
    },
  );

  app.post(
    '/api/v1/requests/track',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['依申请公开'],
        summary: '凭申请编号和查询码查询办理进度（公开）',
        body: Type.Object(
          { number: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 40 }) },
          { additionalProperties: false },
        ),
        response: { 200: TrackingSchema },
      },
    },
    async (request) => {
      if (!trackLimiter.hit(request.ip)) throw tooManyRequests('查询过于频繁，请一分钟后再试。');
      const t = await trackRequest(db, request.body.number, request.body.code);
      if (!t) throw notFoundTracking();
      return toTrackingJson(t);
    },
  );
}

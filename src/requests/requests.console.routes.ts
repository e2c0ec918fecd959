// Console routes of 依申请公开: the list of open requests, registering an offline application,
// one request and its actions, the 主动公开 conversion, settings and the annual statistics.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { shanghaiDate } from '../shared/clock.js';
import { hasPermission } from '../users/roles.js';
import type { CurrentUser } from '../users/users.types.js';
import { ACTIONS, performAction } from './requests.actions.js';
import { convertToProactive, getReviewBody, setReviewBody } from './requests.settings.js';
import {
  registerPage,
  requestDetailPage,
  requestListPage,
  settingsPage,
  type FailedAction,
} from './requests.console.views.js';
import { ActionBody, IdParams, RegisterBody } from './requests.schemas.js';
import {
  canReadAll,
  getRequestDetail,
  listClosedRequests,
  listOpenRequests,
  registerApplication,
  type RegistrationInput,
} from './requests.service.js';
import { getStatistics } from './requests.statistics.js';
import { statisticsCsv } from './requests.stats.js';
import { statisticsPage } from './requests.stats.views.js';
import { EMPTY_APPLICATION } from './requests.validation.js';

const EMPTY_REGISTRATION: RegistrationInput = { ...EMPTY_APPLICATION, channel: '', receivedDate: '' };

function canHandle(user: CurrentUser): boolean {
  return hasPermission(user.roles, 'requests.handle');
}

async function departmentOptions(app: App) {
  return (await listAllDepartments(app.ctx.db.kysely)).map((d) => ({ id: d.id, fullName: d.fullName }));
}

/** One request's console page; with `failed`, the form that came back with errors (status 400). */
export async function sendRequestPage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  failed?: FailedAction,
): Promise<FastifyReply> {
  const user = currentUser(request);
  const d = await getRequestDetail(app.ctx.db.kysely, user, id);
  return sendConsolePage(
    app,
    request,
    reply,
    {
      title: `申请 ${d.request.number}`,
      body: (csrf) =>
        requestDetailPage(csrf, d, {
          canHandle: canHandle(user) && d.request.departmentId === user.departmentId,
          failed,
        }),
    },
    failed ? 400 : 200,
  );
}

export async function requestsConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/console/requests',
    {
      config: { permission: 'requests.read' },
      schema: {
        querystring: Type.Object({
          department: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('')])),
        }),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const departmentId =
        typeof request.query.department === 'number' ? request.query.department : undefined;
      const [open, closed, departments] = await Promise.all([
        listOpenRequests(db, user, { departmentId }),
        listClosedRequests(db, user, 50),
        canReadAll(user) ? departmentOptions(app) : Promise.resolve([]),
      ]);
      return sendConsolePage(app, request, reply, {
        title: '依申请公开',
        body: () =>
          requestListPage({
            open,
            closed,
            canHandle: canHandle(user),
            readAll: canReadAll(user),
            departments,
            departmentId,
          }),
      });
    },
  );

  app.get('/console/requests/new', { config: { permission: 'requests.handle' } }, async (request, reply) =>
    sendConsolePage(app, request, reply, {
      title: '登记申请',
      body: (csrf) => registerPage(csrf, EMPTY_REGISTRATION),
    }),
  );

  app.post(
    '/console/requests',
    { config: { permission: 'requests.handle' }, schema: { body: RegisterBody } },
    async (request, reply) => {
      const user = currentUser(request);
      const input: RegistrationInput = { ...EMPTY_REGISTRATION };
      for (const [k, v] of Object.entries(request.body))
        if (typeof v === 'string' && k in input) Object.assign(input, { [k]: v });
      const result = await registerApplication(db, user, input);
      if (!result.ok) {
        return sendConsolePage(
          app,
          request,
          reply,
          { title: '登记申请', body: (csrf) => registerPage(csrf, input, result.fields) },
          400,
        );
      }
      return reply.redirect(`/console/requests/${result.value.id}`, 303);
    },
  );

  const detail = (request: FastifyRequest, reply: FastifyReply, id: number, failed?: FailedAction) =>
    sendRequestPage(app, request, reply, id, failed);

  app.get(
    '/console/requests/:id',
    { config: { permission: 'requests.read' }, schema: { params: IdParams } },
    async (request, reply) => detail(request, reply, request.params.id),
  );

  app.post(
    '/console/requests/:id/actions/:action',
    {
      config: { permission: 'requests.handle' },
      schema: {
        params: Type.Object({
          id: Type.Integer({ minimum: 1 }),
          action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
        }),
        body: ActionBody,
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { id, action } = request.params;
      const result = await performAction(db, user, id, action, request.body);
      if (!result.ok)
        return detail(request, reply, id, { action, errors: result.fields, input: request.body });
      return reply.redirect(`/console/requests/${id}`, 303);
    },
  );

  app.post(
    '/console/requests/:id/convert',
    { config: { permission: 'requests.handle' }, schema: { params: IdParams } },
    async (request, reply) => {
      const user = currentUser(request);
      const result = await convertToProactive(db, user, request.params.id);
      if (!result.ok)
        return detail(request, reply, request.params.id, {
          action: 'message',
          errors: result.fields,
          input: {},
        });
      return reply.redirect(`/console/requests/${request.params.id}`, 303);
    },
  );

  app.get(
    '/console/requests/settings',
    {
      config: { permission: 'requests.handle' },
      schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const body = await getReviewBody(db, user.departmentId);
      return sendConsolePage(app, request, reply, {
        title: '答复告知书设置',
        body: (csrf) => settingsPage(csrf, body, undefined, request.query.saved !== undefined),
      });
    },
  );

  app.post(
    '/console/requests/settings',
    {
      config: { permission: 'requests.handle' },
      schema: {
        body: Type.Object(
          { reviewBody: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const value = request.body.reviewBody ?? '';
      const result = await setReviewBody(db, user, value);
      if (!result.ok)
        return sendConsolePage(
          app,
          request,
          reply,
          { title: '答复告知书设置', body: (csrf) => settingsPage(csrf, value, result.fields) },
          400,
        );
      return reply.redirect('/console/requests/settings?saved=1', 303);
    },
  );

  app.get(
    '/console/requests/statistics',
    {
      config: { permission: 'requests.read' },
      schema: {
        querystring: Type.Object({
          year: Type.Optional(Type.Integer({ minimum: 2008, maximum: 2200 })),
          department: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('')])),
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('html')])),
        }),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const year = request.query.year ?? Number(shanghaiDate().slice(0, 4));
      const departmentId =
        typeof request.query.department === 'number' ? request.query.department : undefined;
      const s = await getStatistics(db, user, year, departmentId);
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'Content-Disposition',
            `attachment; filename="ysq-statistics-${year}${s.departmentId ? `-${s.departmentId}` : ''}.csv"`,
          )
          .send(statisticsCsv(s.scopeName, year, s.table3, s.table4));
      }
      const departments = canReadAll(user) ? await departmentOptions(app) : null;
      return sendConsolePage(app, request, reply, {
        title: '依申请公开年度统计',
        body: () => statisticsPage(s, { departments }),
      });
    },
  );
}

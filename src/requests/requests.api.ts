// The staff JSON API of 依申请公开 (Bearer token): list, register, read, every clock action and
// the statistics tables. Field errors come back as {error:{code,message,fields}}.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { validationFailed } from '../http/errors.js';
import { ACTIONS, performAction } from './requests.actions.js';
import { toDetailJson, toStatisticsJson, toSummaryJson } from './requests.json.js';
import {
  ActionBody,
  DetailSchema,
  IdParams,
  RegisterBody,
  StatisticsQuery,
  StatisticsSchema,
  SummarySchema,
  TAGS,
} from './requests.schemas.js';
import {
  getRequestDetail,
  listOpenRequests,
  registerApplication,
  type RegistrationInput,
} from './requests.service.js';
import { getStatistics } from './requests.statistics.js';
import { statisticsCsv } from './requests.stats.js';
import { EMPTY_APPLICATION } from './requests.validation.js';

export async function requestsApiRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/api/v1/requests',
    {
      config: { permission: 'requests.read' },
      schema: {
        tags: TAGS,
        summary: '办理中的申请及其实时答复期限（本机构；监督员可查看全部或指定机构）',
        querystring: Type.Object({ department: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: Type.Object({ items: Type.Array(SummarySchema) }) },
      },
    },
    async (request) => {
      const items = await listOpenRequests(db, currentUser(request), {
        departmentId: request.query.department,
      });
      return { items: items.map(toSummaryJson) };
    },
  );

  app.post(
    '/api/v1/requests',
    {
      config: { permission: 'requests.handle' },
      schema: {
        tags: TAGS,
        summary: '登记以当面、邮寄或传真方式收到的申请（本机构）',
        body: RegisterBody,
        response: { 201: Type.Object({ id: Type.Integer(), number: Type.String(), code: Type.String() }) },
      },
    },
    async (request, reply) => {
      const input: RegistrationInput = { ...EMPTY_APPLICATION, channel: '', receivedDate: '' };
      for (const [k, v] of Object.entries(request.body))
        if (typeof v === 'string' && k in input) Object.assign(input, { [k]: v });
      const result = await registerApplication(db, currentUser(request), input);
      if (!result.ok) throw validationFailed(result.fields);
      return reply
        .code(201)
        .send({ id: result.value.id, number: result.value.number, code: result.value.code ?? '' });
    },
  );

  app.get(
    '/api/v1/requests/statistics',
    {
      config: { permission: 'requests.read' },
      schema: {
        tags: TAGS,
        summary: '年度报告表三、表四（全市或指定机构），含勾稽关系校验',
        querystring: StatisticsQuery,
        response: { 200: StatisticsSchema },
      },
    },
    async (request) =>
      toStatisticsJson(
        await getStatistics(db, currentUser(request), request.query.year, request.query.department),
      ),
  );

  app.get(
    '/api/v1/requests/statistics.csv',
    {
      config: { permission: 'requests.read' },
      schema: { tags: TAGS, summary: '年度报告表三、表四的 CSV', querystring: StatisticsQuery },
    },
    async (request, reply) => {
      const s = await getStatistics(db, currentUser(request), request.query.year, request.query.department);
      return reply
        .type('text/csv; charset=utf-8')
        .send(statisticsCsv(s.scopeName, s.year, s.table3, s.table4));
    },
  );

  app.get(
    '/api/v1/requests/:id',
    {
      config: { permission: 'requests.read' },
      schema: {
        tags: TAGS,
        summary: '一件申请（含申请人信息、期限和办理记录）',
        params: IdParams,
        response: { 200: DetailSchema },
      },
    },
    async (request) => toDetailJson(await getRequestDetail(db, currentUser(request), request.params.id)),
  );

  app.post(
    '/api/v1/requests/:id/:action',
    {
      config: { permission: 'requests.handle' },
      schema: {
        tags: TAGS,
        summary: `办理操作：${ACTIONS.join('、')}`,
        params: Type.Object({
          id: Type.Integer({ minimum: 1 }),
          action: Type.Union(ACTIONS.map((a) => Type.Literal(a))),
        }),
        body: ActionBody,
        response: { 200: DetailSchema },
      },
    },
    async (request) => {
      const user = currentUser(request);
      const result = await performAction(db, user, request.params.id, request.params.action, request.body);
      if (!result.ok) throw validationFailed(result.fields);
      return toDetailJson(await getRequestDetail(db, user, request.params.id));
    },
  );
}

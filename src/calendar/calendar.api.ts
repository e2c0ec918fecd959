// The public JSON API of the working-day calendar (/api/v1/calendar/…).
import type { FastifyReply } from 'fastify';
import type { App } from '../http/app-types.js';
import { badRequest, type FieldErrors } from '../http/errors.js';
import { parseDate } from './calendar.dates.js';
import { validateInterval } from './calendar.rules.js';
import {
  AddQuery,
  AddResponse,
  ApiErrorResponse,
  CountQuery,
  CountResponse,
  DayParams,
  DayResponse,
} from './calendar.schemas.js';
import { addWorkdays, countWorkdays, describeDay } from './calendar.service.js';

const INVALID = '请求参数有误，请检查标出的项目。';

function checkedDate(field: string, value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok) throw badRequest(INVALID, { [field]: parsed.message });
  return parsed.date;
}

function cacheable(reply: FastifyReply): void {
  reply.header('Cache-Control', 'public, max-age=300');
}

export function calendarApiRoutes(app: App): void {
  const db = app.ctx.db.kysely;

  app.get(
    '/api/v1/calendar/days/:date',
    {
      config: { permission: 'public' },
      schema: {
        summary: '某一天是否为工作日',
        params: DayParams,
        response: { 200: DayResponse, 400: ApiErrorResponse },
      },
    },
    async (request, reply) => {
      const answer = await describeDay(db, checkedDate('date', request.params.date));
      cacheable(reply);
      return {
        date: answer.date,
        workday: answer.workday,
        official: answer.official,
        ...(answer.entry ? { name: answer.entry.name } : {}),
      };
    },
  );

  app.get(
    '/api/v1/calendar/add',
    {
      config: { permission: 'public' },
      schema: {
        summary: '起算日之后第 n 个工作日（起算日不计入）',
        querystring: AddQuery,
        response: { 200: AddResponse, 400: ApiErrorResponse },
      },
    },
    async (request, reply) => {
      const from = checkedDate('from', request.query.from);
      const answer = await addWorkdays(db, from, request.query.workdays);
      cacheable(reply);
      return { from: answer.from, workdays: answer.workdays, date: answer.date, official: answer.official };
    },
  );

  app.get(
    '/api/v1/calendar/count',
    {
      config: { permission: 'public' },
      schema: {
        summary: '闭区间内的工作日数',
        querystring: CountQuery,
        response: { 200: CountResponse, 400: ApiErrorResponse },
      },
    },
    async (request, reply) => {
      const interval = validateInterval(request.query.from, request.query.to, { from: 'from', to: 'to' });
      if (!interval.ok) throw badRequest(INVALID, interval.fields satisfies FieldErrors);
      const answer = await countWorkdays(db, interval.from, interval.to);
      cacheable(reply);
      return { from: answer.from, to: answer.to, workdays: answer.workdays, official: answer.official };
    },
  );
}

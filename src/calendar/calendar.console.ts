// Console routes of the working-day calendar (permission calendar.manage): list of years, one
// year's days, add/remove an entry, mark a year official or not, import years from JSON.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { actorOf } from '../users/users.service.js';
import {
  addCalendarDay,
  importCalendarYears,
  markYearOfficial,
  markYearUnofficial,
  removeCalendarDay,
} from './calendar.admin.js';
import { yearListPage, yearPage, type YearListState, type YearPageState } from './calendar.console.views.js';
import {
  AddDayBody,
  ConsoleListQuery,
  ConsoleYearQuery,
  EmptyBody,
  ImportBody,
  OfficialBody,
  YearDayParams,
  YearParams,
} from './calendar.schemas.js';
import { getCalendarYear, listCalendarYears } from './calendar.service.js';
import { parseYear } from './calendar.validation.js';

const MANAGE = { permission: 'calendar.manage' } as const;

export function calendarConsoleRoutes(app: App): void {
  const db = app.ctx.db.kysely;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    state: Omit<YearListState, 'years'>,
    status = 200,
  ) {
    const years = await listCalendarYears(db);
    return sendConsolePage(
      app,
      request,
      reply,
      { title: '工作日历', body: (csrf) => yearListPage(csrf, { ...state, years }) },
      status,
    );
  }

  async function renderYear(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    state: Omit<YearPageState, 'detail'>,
    status = 200,
  ) {
    const detail = await getCalendarYear(db, year);
    return sendConsolePage(
      app,
      request,
      reply,
      { title: `${year} 年工作日历`, body: (csrf) => yearPage(csrf, { ...state, detail }) },
      status,
    );
  }

  app.get(
    '/console/calendar',
    { config: MANAGE, schema: { querystring: ConsoleListQuery } },
    async (request, reply) => {
      const { year, done } = request.query;
      if (year !== undefined) {
        const parsed = parseYear(year);
        if (parsed.ok) return reply.redirect(`/console/calendar/${parsed.year}`, 303);
        return renderList(request, reply, { errors: { year: parsed.message }, open: { year } }, 400);
      }
      return renderList(request, reply, { notice: done });
    },
  );

  app.post(
    '/console/calendar/import',
    { config: MANAGE, schema: { body: ImportBody } },
    async (request, reply) => {
      const { json = '', source = '', official = 'yes' } = request.body;
      const result = await importCalendarYears(db, actorOf(currentUser(request)), {
        json,
        source,
        official: official !== 'no',
      });
      if (result.ok) return reply.redirect('/console/calendar?done=imported', 303);
      return renderList(request, reply, { errors: result.fields, import: { json, source, official } }, 400);
    },
  );

  app.get(
    '/console/calendar/:year',
    { config: MANAGE, schema: { params: YearParams, querystring: ConsoleYearQuery } },
    async (request, reply) => renderYear(request, reply, request.params.year, { notice: request.query.done }),
  );

  app.post(
    '/console/calendar/:year/days',
    { config: MANAGE, schema: { params: YearParams, body: AddDayBody } },
    async (request, reply) => {
      const { year } = request.params;
      const input = {
        date: request.body.date ?? '',
        kind: request.body.kind ?? '',
        name: request.body.name ?? '',
      };
      const result = await addCalendarDay(db, actorOf(currentUser(request)), year, input);
      if (result.ok) return reply.redirect(`/console/calendar/${year}?done=added`, 303);
      return renderYear(request, reply, year, { errors: result.fields, add: input }, 400);
    },
  );

  app.post(
    '/console/calendar/:year/days/:date/delete',
    { config: MANAGE, schema: { params: YearDayParams, body: EmptyBody } },
    async (request, reply) => {
      const { year, date } = request.params;
      const result = await removeCalendarDay(db, actorOf(currentUser(request)), year, date);
      if (result.ok) return reply.redirect(`/console/calendar/${year}?done=removed`, 303);
      const message = Object.values(result.fields).join('；') || result.message || '删除失败。';
      return renderYear(request, reply, year, { message }, 400);
    },
  );

  app.post(
    '/console/calendar/:year/official',
    { config: MANAGE, schema: { params: YearParams, body: OfficialBody } },
    async (request, reply) => {
      const { year } = request.params;
      const input = { source: request.body.source ?? '', note: request.body.note ?? '' };
      const result = await markYearOfficial(db, actorOf(currentUser(request)), year, input);
      if (result.ok) return reply.redirect(`/console/calendar/${year}?done=official`, 303);
      return renderYear(request, reply, year, { errors: result.fields, official: input }, 400);
    },
  );

  app.post(
    '/console/calendar/:year/unofficial',
    { config: MANAGE, schema: { params: YearParams, body: EmptyBody } },
    async (request, reply) => {
      const { year } = request.params;
      const result = await markYearUnofficial(db, actorOf(currentUser(request)), year);
      if (result.ok) return reply.redirect(`/console/calendar/${year}?done=unofficial`, 303);
      return renderYear(
        request,
        reply,
        year,
        { errors: result.fields, ...(result.message ? { message: result.message } : {}) },
        400,
      );
    },
  );
}

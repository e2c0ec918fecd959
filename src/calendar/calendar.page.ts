// The public 期限计算器 page: GET forms that work without JavaScript.
import type { Kysely } from 'kysely';
import type { App } from '../http/app-types.js';
import type { Database } from '../db/database.js';
import { sendPublicPage } from '../http/page.js';
import { shanghaiDate } from '../shared/clock.js';
import { parseDate } from './calendar.dates.js';
import { parseWorkdayCount, validateInterval } from './calendar.rules.js';
import { CalculatorQuery } from './calendar.schemas.js';
import { deadlineDetails, getCalendar, intervalDetails } from './calendar.service.js';
import { calculatorPage, type CalculatorView } from './calendar.views.js';

/** Reads the submitted form(s), validates them and computes the answers. */
export async function buildCalculatorView(
  db: Kysely<Database>,
  query: CalculatorQuery,
): Promise<CalculatorView> {
  const values = {
    from: query.from ?? shanghaiDate(),
    workdays: query.workdays ?? '',
    start: query.start ?? '',
    end: query.end ?? '',
  };
  const view: CalculatorView = { values, errors: {} };
  const calendar = await getCalendar(db);
  if (query.from !== undefined || query.workdays !== undefined) {
    const from = parseDate(values.from);
    const n = parseWorkdayCount(values.workdays);
    if (!from.ok) view.errors.from = from.message;
    if (!n.ok) view.errors.workdays = n.message;
    if (from.ok && n.ok) {
      const answer = calendar.addWorkdays(from.date, n.value);
      view.add = { answer, details: deadlineDetails(calendar, answer) };
    }
  }
  if (query.start !== undefined || query.end !== undefined) {
    const interval = validateInterval(values.start, values.end, { from: 'start', to: 'end' });
    if (!interval.ok) Object.assign(view.errors, interval.fields);
    else {
      const answer = calendar.countWorkdays(interval.from, interval.to);
      view.count = { answer, details: intervalDetails(calendar, answer.from, answer.to) };
    }
  }
  return view;
}

export function calendarPageRoutes(app: App): void {
  app.get(
    '/calendar',
    { config: { permission: 'public' }, schema: { querystring: CalculatorQuery } },
    async (request, reply) => {
      const view = await buildCalculatorView(app.ctx.db.kysely, request.query);
      const failed = Object.keys(view.errors).length > 0;
      return sendPublicPage(
        app,
        request,
        reply,
        {
          title: '期限计算器',
          body: calculatorPage(view),
          breadcrumbs: [{ href: '/', label: '首页' }],
        },
        failed ? 400 : 200,
      );
    },
  );
}

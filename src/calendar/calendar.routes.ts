// The working-day calendar's HTTP faces: the public 期限计算器 page, the public JSON API and the
// console pages for admins.
import type { App } from '../http/app-types.js';
import { calendarApiRoutes } from './calendar.api.js';
import { calendarConsoleRoutes } from './calendar.console.js';
import { calendarPageRoutes } from './calendar.page.js';

export async function calendarRoutes(app: App): Promise<void> {
  calendarPageRoutes(app);
  calendarApiRoutes(app);
  calendarConsoleRoutes(app);
}

import type { App } from '../http/app-types.js';

export async function calendarRoutes(_app: App): Promise<void> {}

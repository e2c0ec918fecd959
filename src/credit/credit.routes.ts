// The 双公示 module's routes: public lookup and API, and the console.
import type { App } from '../http/app-types.js';
import { creditConsoleRoutes } from './credit.console.routes.js';
import { creditPublicRoutes } from './credit.public.routes.js';

export async function creditRoutes(app: App): Promise<void> {
  await app.register(creditPublicRoutes);
  await app.register(creditConsoleRoutes);
}

// The 清单 module's routes: public pages, the JSON API and the console. Writes the built-in list
// types when they are missing.
import type { App } from '../http/app-types.js';
import { listsApiRoutes } from './lists.api.js';
import { listsConsoleRoutes } from './lists.console.routes.js';
import { listsPublicRoutes } from './lists.public.routes.js';
import { listTypesRoutes } from './lists.types.routes.js';
import { ensureBuiltinListTypes } from './lists.service.js';

export async function listsRoutes(app: App): Promise<void> {
  await ensureBuiltinListTypes(app.ctx.db.kysely);
  await app.register(listsPublicRoutes);
  await app.register(listsApiRoutes);
  await app.register(listsConsoleRoutes);
  await app.register(listTypesRoutes);
}

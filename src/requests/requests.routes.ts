// The requests (依申请公开) plugin: public pages and tracking, the console, the staff API and the
// files released with replies.
import type { App } from '../http/app-types.js';
import { requestsApiRoutes } from './requests.api.js';
import { requestsConsoleRoutes } from './requests.console.routes.js';
import { requestFilesRoutes } from './requests.files.routes.js';
import { requestsPublicRoutes } from './requests.public.routes.js';

export async function requestsRoutes(app: App): Promise<void> {
  await requestsPublicRoutes(app);
  await requestsConsoleRoutes(app);
  await requestsApiRoutes(app);
  await requestFilesRoutes(app);
}

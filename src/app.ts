// Builds the Fastify application (no listen). Reads like a table of contents: the shared HTTP
// machinery first, then one plugin per domain. Tests build it and call it with app.inject().
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { getSetting } from './db/settings.repository.js';
import type { App } from './http/app-types.js';
import { registerAuth } from './http/auth.js';
import { registerCsrf } from './http/csrf.js';
import { registerErrorHandling } from './http/error-handler.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { serverWithFront, type FrontHandler } from './http/server-factory.js';
import { nextRequestId } from './http/request-id.js';
import { cachedPageFrontHandler } from './portal/cached-fast-path.js';
import { auditRoutes } from './audit/audit.routes.js';
import { calendarRoutes } from './calendar/calendar.routes.js';
import { catalogueRoutes } from './catalogue/catalogue.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { opsRoutes } from './ops/ops.routes.js';
import { orgsRoutes } from './orgs/orgs.routes.js';
import { portalRoutes } from './portal/portal.routes.js';
import { requestsRoutes } from './requests/requests.routes.js';
import { listsRoutes } from './lists/lists.routes.js';
import { creditRoutes } from './credit/credit.routes.js';
import { inspectionsRoutes } from './inspections/inspections.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { registerOpenApi } from './portal/portal.openapi.js';
import { accountRoutes } from './users/account.routes.js';
import { usersRoutes } from './users/users.routes.js';

export interface BuildAppOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  // Set once the app is built: the server answers cached public pages before routing them.
  const front: { handler?: FrontHandler } = {};
  const app: App = Fastify({
    serverFactory: serverWithFront(() => front.handler),
    logger: options.logger ?? false,
    genReqId: nextRequestId,
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true, useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('ctx', {
    db: options.db,
    config: options.config,
    demo: (await getSetting(options.db.kysely, 'demo_data')) === 'on',
  });

  await app.register(cookie);
  await app.register(formbody);
  registerSecurityHeaders(app);
  registerErrorHandling(app);
  registerAuth(app);
  registerCsrf(app);
  // Collects every route's schema from here on into /api/v1/openapi.json.
  await registerOpenApi(app);

  await app.register(opsRoutes);
  await app.register(portalRoutes);
  await app.register(orgsRoutes);
  await app.register(calendarRoutes);
  await app.register(accountRoutes);
  await app.register(dashboardRoutes);
  await app.register(usersRoutes);
  await app.register(auditRoutes);
  await app.register(catalogueRoutes);
  await app.register(requestsRoutes);
  await app.register(listsRoutes);
  await app.register(creditRoutes);
  await app.register(inspectionsRoutes);
  await app.register(searchRoutes);

  front.handler = cachedPageFrontHandler(app);
  return app;
}

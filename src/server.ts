// Starts the HTTP server: opens the database, migrates, loads the official calendar and (on an
// empty database, when DEMO_DATA is on) the demo data, then listens.
import { buildApp } from './app.js';
import { loadBundledCalendar } from './calendar/calendar.service.js';
import { startPublicationScheduler } from './catalogue/items.scheduler.js';
import { ensureDefaultTopics } from './catalogue/topics.service.js';
import type { Config } from './config.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty } from './demo/demo.service.js';
import { startSearchIndexer } from './search/search.indexer.js';
import type { App } from './http/app-types.js';

export interface RunningServer {
  app: App;
  /** The address actually listened on, e.g. http://127.0.0.1:3000 */
  address: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { logger?: boolean } = {},
): Promise<RunningServer> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(db.kysely);
  await loadBundledCalendar(db.kysely);
  await ensureDefaultTopics(db.kysely);
  if (config.demoData) await seedDemoIfEmpty(db.kysely);
  const app = await buildApp({
    db,
    config,
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Query strings are never logged: they can carry a 查询码 (tracking code) or search terms
            // with personal data. Headers with credentials are not logged either.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({
                method: req.method,
                path: req.url.split('?')[0],
                ip: req.ip,
              }),
            },
          },
  });
  startPublicationScheduler(app);
  startSearchIndexer(app);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { address, database: db.dialect, demo: app.ctx.demo },
    'gongkai is serving the portal and the console',
  );

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await app.close();
      await db.close();
    })());
  return { app, address, close };
}

/** Graceful shutdown on SIGINT/SIGTERM: stop accepting, finish requests, close the database. */
export function closeOnSignals(server: RunningServer): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      server.close().then(
        () => process.exit(0),
        (err: unknown) => {
          server.app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

// Starts the HTTP server: opens the database, migrates, loads the official calendar and (on an
// empty database, when DEMO_DATA is on) the demo data, then listens; shuts down gracefully.
import { buildApp } from './app.js';
import { loadBundledCalendar } from './calendar/calendar.service.js';
import type { Config } from './config.js';
import { createDb } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDemoIfEmpty } from './demo/demo.service.js';

export async function startServer(config: Config): Promise<{ close: () => Promise<void>; url: string }> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(db.kysely);
  await loadBundledCalendar(db.kysely);
  if (config.demoData) await seedDemoIfEmpty(db.kysely);
  const app = await buildApp({
    db,
    config,
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
    },
  });
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => process.exit(1), 10_000);
      timer.unref();
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { close, url: config.publicBaseUrl };
}

// The in-process scheduler of timed publications: every ~30 s it publishes the scheduled items
// that are due. Several processes may run it: due rows are claimed with FOR UPDATE SKIP LOCKED
// on PostgreSQL (SQLite has a single writer), so no item is published twice.
import type { App } from '../http/app-types.js';
import { catalogueSettings } from './items.access.js';
import { publishDueItems } from './items.publish.js';

export const SCHEDULER_INTERVAL_MS = 30_000;

/** Starts the scheduler for this app; it stops when the app closes. */
export function startPublicationScheduler(app: App, intervalMs = SCHEDULER_INTERVAL_MS): void {
  const settings = catalogueSettings(app.ctx.config);
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = publishDueItems(app.ctx.db.kysely, settings, new Date())
      .then((n) => {
        if (n > 0) app.log.info({ published: n }, 'scheduled items published');
      })
      .catch((err: unknown) => app.log.error({ err }, 'scheduled publication failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setImmediate(tick);
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

// The in-process scheduler of timed publications: every ~30 s it publishes the scheduled items
// that are due. Several processes may run it: due rows are claimed with FOR UPDATE SKIP LOCKED
// on PostgreSQL (SQLite has a single writer), so no item is published twice.
import type { App } from '../http/app-types.js';
import { runPeriodically } from '../http/periodic.js';
import { catalogueSettings } from './items.access.js';
import { publishDueItems } from './items.publish.js';

export const SCHEDULER_INTERVAL_MS = 30_000;

/** Starts the scheduler for this app; it stops when the app closes. */
export function startPublicationScheduler(app: App, intervalMs = SCHEDULER_INTERVAL_MS): void {
  const settings = catalogueSettings(app.ctx.config);
  runPeriodically(app, 'scheduled publication', intervalMs, async () => {
    const n = await publishDueItems(app.ctx.db.kysely, settings, new Date());
    if (n > 0) app.log.info({ published: n }, 'scheduled items published');
  });
}

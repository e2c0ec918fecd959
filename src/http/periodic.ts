// Work an app does by itself at intervals (timed publication, background indexing): once soon
// after start-up, then every interval, never two runs at once; a failed run is logged and the next
// one comes as usual. When the app closes, the timer stops and a run in progress is awaited (it
// may ask `closing()` to stop early).
import type { App } from './app-types.js';

export function runPeriodically(
  app: App,
  what: string,
  intervalMs: number,
  run: (closing: () => boolean) => Promise<void>,
): void {
  let running: Promise<void> | undefined;
  let closing = false;
  const tick = () => {
    if (running || closing) return;
    running = run(() => closing)
      .catch((err: unknown) => app.log.error({ err }, `${what} failed`))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setImmediate(tick);
  app.addHook('onClose', async () => {
    closing = true;
    clearInterval(timer);
    await running;
  });
}

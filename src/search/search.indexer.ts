// The background indexer: adds to the search index the public items that have none yet — those a
// bulk import wrote (`gongkai import items` writes the catalogue and returns; the index is built
// here, or by `gongkai search index`, or at once with `--wait-index`), and those of an import that
// was interrupted. Items published through the console are indexed in their own transaction and
// never wait for it.
//
// Every INDEXER_INTERVAL_MS (and when the server starts) it compares the numbers of public items
// and index rows (two counts: 1 ms at 10,000 items on SQLite). Only when rows are missing does it
// look for the items without one — that reads every public item (50 ms there, on SQLite's one
// thread) — and index them, INDEXER_BATCH_SIZE per transaction, letting requests run between two
// batches (a batch holds SQLite's thread for about 0.1 s). While it works, the search page says how
// many items are not findable yet (indexBacklog). Several processes may run it: on PostgreSQL two
// of them may index the same batch, which is harmless (the second finds the rows there and keeps
// their keys).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { App } from '../http/app-types.js';
import { runPeriodically } from '../http/periodic.js';
import * as repo from './search.repository.js';
import { indexItems } from './search.service.js';

/** Short: until the first pass after an import, its items are missing from search without notice. */
export const INDEXER_INTERVAL_MS = 10_000;
/**
 * Items per transaction: small, so that requests (and on SQLite a publication, which needs the
 * write lock) never wait long; indexing costs about 4 ms of CPU an item.
 */
export const INDEXER_BATCH_SIZE = 25;

/** Items not findable yet, as last counted by this process's indexer (per database). */
const backlogs = new WeakMap<Kysely<Database>, number>();

/** How many public items this process's indexer last found not yet indexed (0 when none, or not running). */
export function indexBacklog(db: Kysely<Database>): number {
  return backlogs.get(db) ?? 0;
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One pass: indexes every unindexed public item; returns how many it indexed. */
export async function runIndexerPass(
  db: Kysely<Database>,
  /**
   * shouldStop is asked after each batch (the server asks whether it is closing). quickCheck
   * first compares the numbers of public items and index rows, and stops there when they are
   * equal: the index holds only public items (withdrawal removes an item's row in the same
   * transaction, and `gongkai search reindex` removes any stray row).
   */
  opts: { batchSize?: number; shouldStop?: () => boolean; quickCheck?: boolean } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? INDEXER_BATCH_SIZE;
  const { publicItems, indexed: rows } = await repo.publicAndIndexedCounts(db);
  if (opts.quickCheck && rows >= publicItems) {
    backlogs.delete(db);
    return 0;
  }
  let ids = await repo.listUnindexedItemIds(db, 0, batchSize);
  if (ids.length === 0) {
    backlogs.delete(db);
    return 0;
  }
  // What the search page shows: the counts' difference (exact while the index holds only public items).
  let backlog = Math.max(ids.length, publicItems - rows);
  backlogs.set(db, backlog);
  let indexed = 0;
  try {
    while (ids.length > 0) {
      await indexItems(db, ids);
      indexed += ids.length;
      backlog = Math.max(0, backlog - ids.length);
      backlogs.set(db, backlog);
      if (opts.shouldStop?.()) break;
      await yieldToRequests();
      ids = await repo.listUnindexedItemIds(db, ids[ids.length - 1] ?? 0, batchSize);
    }
  } finally {
    if (ids.length === 0) backlogs.delete(db);
  }
  return indexed;
}

/** Starts the background indexer for this app; it stops when the app closes. */
export function startSearchIndexer(app: App, intervalMs = INDEXER_INTERVAL_MS): void {
  const db = app.ctx.db.kysely;
  runPeriodically(app, 'background indexing', intervalMs, async (closing) => {
    const n = await runIndexerPass(db, { shouldStop: closing, quickCheck: true });
    if (n > 0) app.log.info({ indexed: n }, 'search index caught up');
  });
}

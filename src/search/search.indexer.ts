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
// their keys). After a pass of at least COMPACT_AFTER_ITEMS items, SQLite's index is merged into
// one segment in steps of about 10 ms with requests served between them (compactInSteps); a server
// stopped meanwhile leaves it partly merged, which costs searches a little time and nothing else.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { App } from '../http/app-types.js';
import { runPeriodically } from '../http/periodic.js';
import * as repo from './search.repository.js';
import { COMPACT_AFTER_ITEMS, indexItems } from './search.service.js';

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

/**
 * One pass: indexes every unindexed public item (then, after many, merges SQLite's index in steps);
 * returns how many it indexed.
 */
export async function runIndexerPass(
  db: Kysely<Database>,
  /**
   * shouldStop is asked after each batch (the server asks whether it is closing). quickCheck
   * first compares the numbers of public items and index rows, and stops there when they are
   * equal: the index holds only public items (withdrawal removes an item's row in the same
   * transaction, and `gongkai search reindex` removes any stray row).
   */
  opts: {
    batchSize?: number;
    shouldStop?: () => boolean;
    quickCheck?: boolean;
    /** After indexing at least this many, merge SQLite's index in steps (default COMPACT_AFTER_ITEMS). */
    compactAfter?: number;
  } = {},
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
  if (indexed >= (opts.compactAfter ?? COMPACT_AFTER_ITEMS))
    await compactInSteps(db, opts.shouldStop ? { shouldStop: opts.shouldStop } : {});
  return indexed;
}

/** Pages one merge step writes (repo.mergeTokenIndexStep): at most 11 ms on the bench's 100,000 items. */
export const MERGE_STEP_PAGES = 16;

/**
 * Merges SQLite's index towards one segment, a step at a time, letting requests run between two
 * steps, until nothing is left to merge or shouldStop says so; returns the steps that merged
 * something. PostgreSQL: 0 at once.
 */
export async function compactInSteps(
  db: Kysely<Database>,
  opts: { shouldStop?: () => boolean; pages?: number } = {},
): Promise<number> {
  let steps = 0;
  while (!opts.shouldStop?.() && (await repo.mergeTokenIndexStep(db, opts.pages ?? MERGE_STEP_PAGES))) {
    steps++;
    await yieldToRequests();
  }
  return steps;
}

/** Starts the background indexer for this app; it stops when the app closes. */
export function startSearchIndexer(app: App, intervalMs = INDEXER_INTERVAL_MS): void {
  const db = app.ctx.db.kysely;
  runPeriodically(app, 'background indexing', intervalMs, async (closing) => {
    const n = await runIndexerPass(db, { shouldStop: closing, quickCheck: true });
    if (n > 0) app.log.info({ indexed: n }, 'search index caught up');
  });
}

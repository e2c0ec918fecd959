// Bulk loads on SQLite (the catalogue import): the WAL is copied into the database file by a
// second thread while the load runs, instead of on the writer's thread.
//
// In WAL mode every committed page is written twice: once into the WAL by the writer, and once
// into the database file by a checkpoint. SQLite checkpoints on the writer's own thread (every
// 1,000 pages by default), so a large import spends about a third of its time copying pages. A
// checkpoint may run on another connection while a writer writes (a PASSIVE checkpoint copies what
// is committed and never blocks the writer), so during a bulk load a worker thread with its own
// connection does it, on the machine's other core.
//
// SQLite starts the WAL over only when a write transaction begins after every frame has been
// copied; a checkpointer chasing a busy writer is seldom there at that moment, and a WAL of
// gigabytes makes every page lookup slower. So between two transactions the writer calls
// settle(): once the WAL holds RESTART_FRAMES frames, it waits until the checkpointer has copied
// them all (the frames of its last transaction), and its next transaction starts the WAL over.
// When the load ends, the writer checkpoints what is left and truncates the WAL. PostgreSQL needs
// none of this.
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

/** How long the checkpointer waits between two checkpoints (ms), unless woken. */
const PAUSE_MS = 20;
/** WAL frames (pages) after which settle() lets the checkpointer catch up (1 GB of 4 KB pages = 262,144). */
const RESTART_FRAMES = 65_536;
/**
 * The writer's page cache during the load, in KiB (SQLite's default is 2 MB): a load adds keys at
 * random places of the catalogue's indexes (索引号, import key, the browse indexes), and with a
 * small cache each such insert reads its page again. 8 % faster at 30,000 items.
 */
const BULK_CACHE_KIB = 256 * 1024;
/** settle() gives up waiting after this long (ms): the load goes on with a longer WAL. */
const SETTLE_MAX_MS = 5_000;

// Shared between the threads, as Int32: [0] stop flag, [1] rounds done, [2] frames in the WAL and
// [3] frames copied, as of the end of the last round.
const STOP = 0;
const ROUNDS = 1;
const LOG = 2;
const COPIED = 3;

// Plain JavaScript, so the worker needs no TypeScript loader (it runs the same under tsx, vitest
// and a build). It checkpoints until the stop flag is set.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
const state = new Int32Array(workerData.state);
try {
  while (Atomics.load(state, 0) === 0) {
    const rounds = Atomics.load(state, 1);
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && !r.busy) {
      Atomics.store(state, 2, r.log);
      Atomics.store(state, 3, r.checkpointed);
    }
    Atomics.store(state, 1, rounds + 1);
    Atomics.wait(state, 1, rounds + 1, workerData.pauseMs);
  }
} finally {
  db.close();
}
`;

export interface BulkLoad {
  /**
   * Call between two write transactions: when the WAL has grown long, waits (briefly) until the
   * checkpointer has copied it all, so that the next transaction starts it over.
   */
  settle(): Promise<void>;
  /** Ends the bulk load: stops the checkpointer, checkpoints the rest and truncates the WAL. */
  end(): Promise<void>;
}

/**
 * Starts a bulk load. On SQLite (a file, not ':memory:'): no automatic checkpoints on the writer's
 * connection, and a worker thread checkpoints concurrently. No-op on PostgreSQL.
 */
export function startBulkLoad(db: Db, opts: { restartFrames?: number } = {}): BulkLoad {
  const restartFrames = opts.restartFrames ?? RESTART_FRAMES;
  const sqlite = db.sqlite;
  if (!sqlite || sqlite.memory) return { settle: async () => {}, end: async () => {} };
  sqlite.pragma('wal_autocheckpoint = 0');
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  const state = new Int32Array(new SharedArrayBuffer(16));
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: sqlite.name,
      state: state.buffer,
      pauseMs: PAUSE_MS,
    },
  });
  // A checkpointer that fails (it cannot open the file, say) only means that the writer's final
  // checkpoint in end() does all the copying; the load itself is unaffected.
  let alive = true;
  worker.on('error', () => {
    alive = false;
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  /** Wakes the checkpointer and waits for a round that started after now. */
  const nextRound = async () => {
    const seen = Atomics.load(state, ROUNDS);
    Atomics.notify(state, ROUNDS);
    while (alive && Atomics.load(state, ROUNDS) < seen + 2) await sleep(2);
  };
  let ended = false;
  let roundsAtLastSettle = -1;
  return {
    async settle() {
      if (ended || !alive) return;
      // The report must be from a round after the last transaction; during an import it always is
      // (a batch takes far longer than a round), so this rarely waits.
      if (Atomics.load(state, ROUNDS) === roundsAtLastSettle) await nextRound();
      roundsAtLastSettle = Atomics.load(state, ROUNDS);
      if (Atomics.load(state, LOG) < restartFrames) return;
      const deadline = performance.now() + SETTLE_MAX_MS;
      do await nextRound();
      while (alive && Atomics.load(state, COPIED) < Atomics.load(state, LOG) && performance.now() < deadline);
    },
    async end() {
      if (ended) return;
      ended = true;
      Atomics.store(state, STOP, 1);
      Atomics.notify(state, ROUNDS);
      await exited;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.pragma('wal_autocheckpoint = 1000');
      sqlite.pragma(`cache_size = ${cacheSize}`);
    },
  };
}

// Reads that requests make at the same moment, sent to the database in one round trip (the
// DataLoader pattern). Under load, a PostgreSQL round trip costs the app more than the read:
// writing each query to the socket was about 90 µs of an uncached item page's 270 µs, mostly the
// kernel waking a backend. Keys asked for in one turn of the event loop are read together, by
// one call of `load`, after the turn's I/O callbacks (setImmediate): a lone request waits for no
// other. Nothing is kept: every call reads anew, and equal keys are not merged (every caller's
// key is read, repeats included). A batch is read by one connection, one key after another, and
// answers when its last key is read: at most DEFAULT_MAX_BATCH keys, so that no caller waits for
// many others (the bench's 32 connections made batches of about 11).
import type { Kysely } from 'kysely';
import type { Database } from './database.js';

type Db = Kysely<Database>;

/** Reads the values of `keys`, in their order (undefined where there is none). */
export type BatchLoad<K, V> = (db: Db, keys: readonly K[]) => Promise<readonly (V | undefined)[]>;

interface Waiting<K, V> {
  key: K;
  resolve: (value: V | undefined) => void;
  reject: (err: unknown) => void;
}

export const DEFAULT_MAX_BATCH = 16;

/**
 * A read of one key that joins the reads of other keys asked for in the same turn, at most
 * `maxBatch` together. Inside a transaction it reads alone (the transaction's own connection).
 */
export function batchedRead<K, V>(
  load: BatchLoad<K, V>,
  maxBatch = DEFAULT_MAX_BATCH,
): (db: Db, key: K) => Promise<V | undefined> {
  const open = new WeakMap<Db, Waiting<K, V>[]>();

  const flush = (db: Db, batch: Waiting<K, V>[]) => {
    if (open.get(db) === batch) open.delete(db);
    let read: Promise<readonly (V | undefined)[]>;
    try {
      read = load(
        db,
        batch.map((w) => w.key),
      );
    } catch (err) {
      read = Promise.reject(err);
    }
    read
      .then(
        (values) => {
          if (!Array.isArray(values)) throw new Error('a batched read gave no list of values');
          batch.forEach((w, i) => w.resolve(values[i]));
        },
        (err: unknown) => batch.forEach((w) => w.reject(err)),
      )
      .catch((err: unknown) => batch.forEach((w) => w.reject(err)));
  };

  return (db, key) => {
    if (db.isTransaction) return load(db, [key]).then((values) => values[0]);
    return new Promise<V | undefined>((resolve, reject) => {
      let batch = open.get(db);
      if (!batch) {
        const fresh: Waiting<K, V>[] = [];
        open.set(db, fresh);
        setImmediate(() => {
          if (open.get(db) === fresh) flush(db, fresh);
        });
        batch = fresh;
      }
      batch.push({ key, resolve, reject });
      if (batch.length >= maxBatch) flush(db, batch);
    });
  };
}

// The read batcher: keys asked for in one turn of the event loop are read by one call, in order,
// each caller getting its own key's value (or the error); a later turn makes a new batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/helpers/db.js';
import type { Db } from './database.js';
import { batchedRead } from './read-batcher.js';

describe('batchedRead', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb();
  });
  afterAll(async () => db.close());

  /** A loader that squares its keys (none for negative ones) and records each call's keys. */
  function squares(calls: number[][], fail?: (keys: readonly number[]) => boolean) {
    return batchedRead<number, number>(async (_db, keys) => {
      calls.push([...keys]);
      if (fail?.(keys)) throw new Error(`读取失败：${keys.join(',')}`);
      return keys.map((k) => (k < 0 ? undefined : k * k));
    });
  }

  it('reads the keys of one turn in one call, in order, equal keys each answered', async () => {
    const calls: number[][] = [];
    const read = squares(calls);
    const values = await Promise.all([3, 1, 3, -2, 4].map((k) => read(db.kysely, k)));
    expect(values).toEqual([9, 1, 9, undefined, 16]);
    expect(calls).toEqual([[3, 1, 3, -2, 4]]);
    // The next turn is a new batch.
    expect(await read(db.kysely, 5)).toBe(25);
    expect(calls).toEqual([[3, 1, 3, -2, 4], [5]]);
  });

  it('splits a turn into calls of at most maxBatch keys', async () => {
    const calls: number[][] = [];
    const read = batchedRead<number, number>(async (_db, keys) => {
      calls.push([...keys]);
      return keys.map((k) => k + 1);
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((k) => read(db.kysely, k)))).toEqual([2, 3, 4, 5, 6]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("gives a failed call's error to every caller of its batch, and the next batch reads again", async () => {
    const calls: number[][] = [];
    const read = squares(calls, (keys) => keys.includes(7));
    const results = await Promise.allSettled([2, 7].map((k) => read(db.kysely, k)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain('读取失败：2,7');
    expect(await read(db.kysely, 2)).toBe(4);
  });

  it('rejects, and does not throw out of the event loop, when the loader throws before its promise', async () => {
    const read = batchedRead<number, number>((_db, keys) => {
      if (keys.length > 0) throw new Error('同步失败');
      return Promise.resolve([]);
    });
    await expect(read(db.kysely, 1)).rejects.toThrow('同步失败');
  });

  it('rejects every caller when the loader gives no list of values', async () => {
    const read = batchedRead<number, number>(async () => null as unknown as number[]);
    const results = await Promise.allSettled([1, 2].map((k) => read(db.kysely, k)));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it("reads alone inside a transaction, on the transaction's connection", async () => {
    const calls: number[][] = [];
    const read = squares(calls);
    const inside = await db.kysely
      .transaction()
      .execute(async (trx) => Promise.all([read(trx, 2), read(trx, 3)]));
    expect(inside).toEqual([4, 9]);
    expect(calls).toEqual([[2], [3]]);
  });
});

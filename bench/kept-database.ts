// Kept bench databases (BENCH_REUSE=1): a catalogue loaded once and reused by later runs. A
// settings row records that the load finished, and for how many items.
import type { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/db/database.js';

/** Runs `f` on a connection to the PostgreSQL admin database. */
export async function pgAdmin<T>(adminUrl: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Whether the database holds a finished load of `items` items under `key` (false when it has no schema yet). */
export async function isMarkedLoaded(db: Kysely<Database>, key: string, items: number): Promise<boolean> {
  try {
    const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value === String(items);
  } catch {
    return false;
  }
}

/** Records a finished load of `items` items under `key`. */
export async function markLoaded(db: Kysely<Database>, key: string, items: number): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: String(items), updated_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(items) }))
    .execute();
}

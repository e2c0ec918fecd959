// The working-day calendar (stub: filled in by the calendar module).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

/** Loads the bundled official calendar years that the database does not have yet. */
export async function loadBundledCalendar(_db: Kysely<Database>): Promise<number> {
  return 0;
}

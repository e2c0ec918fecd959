// The public data of the draws this process committed most recently, kept for their draw (see
// performDraw in inspections.service.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { DrawPublicData } from './inspections.draw.js';

/**
 * The public data of the draws this process committed most recently, kept for their draw: reading
 * back and parsing a pool of 100,000 entities (5 MB of JSON) took longer than the draw itself. Used
 * only when its digest is the stored one; another process (or a restart) reads it from the database.
 */
const committedData = new WeakMap<Kysely<Database>, Map<number, { digest: string; data: DrawPublicData }>>();
const KEEP_COMMITTED = 2;

export function keepCommitted(db: Kysely<Database>, id: number, digest: string, data: DrawPublicData): void {
  const kept = committedData.get(db) ?? new Map<number, { digest: string; data: DrawPublicData }>();
  kept.set(id, { digest, data });
  for (const old of kept.keys()) if (kept.size > KEEP_COMMITTED) kept.delete(old);
  committedData.set(db, kept);
}

export function takeCommitted(db: Kysely<Database>, id: number, digest: string): DrawPublicData | undefined {
  const kept = committedData.get(db);
  const entry = kept?.get(id);
  kept?.delete(id);
  return entry?.digest === digest ? entry.data : undefined;
}

// Search index, PostgreSQL only: search_shard_keys_containing (2026-12-06T1600) is no longer
// called. The exact-characters check reads the candidates' folded text by their sort keys
// (search.repository.ts keysContaining) instead of asking the token index again. Down creates it
// again as 2026-12-06T1600 did. Frozen in time.
import { sql, type Kysely } from 'kysely';
import * as tokenShards from './2026-12-06T1600_search_token_shards.js';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION IF EXISTS search_shard_keys_containing(tsquery, text[], integer)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await tokenShards.createKeysContaining(db);
}

// Search index, PostgreSQL only: search_shard_keys_containing (2026-12-06T1600) is no longer called.
// The exact-characters check reads the candidates' folded text by their sort keys (search.repository.ts
// keysContaining) instead of asking the token index again. Down creates it again as it was. Frozen
// in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION IF EXISTS search_shard_keys_containing(tsquery, text[], integer)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    CREATE FUNCTION search_shard_keys_containing(q tsquery, texts text[], shard integer) RETURNS text
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$
      SELECT string_agg(k.sort_key::text, ',') FROM (
        SELECT sort_key FROM search_tokens_0 WHERE shard = 0 AND tokens @@ q
        UNION ALL
        SELECT sort_key FROM search_tokens_1 WHERE shard = 1 AND tokens @@ q
      ) k
      JOIN search_docs d ON d.sort_key = k.sort_key
      WHERE NOT EXISTS (SELECT 1 FROM unnest(texts) AS t(text) WHERE strpos(d.content_folded, t.text) = 0)
    $$`.execute(db);
}

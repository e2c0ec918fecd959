// Search index, PostgreSQL only: the tokens leave search_docs for a table of their own, split in two
// by a hash of the sort key (search_tokens_0 and _1, each with its own GIN index), so that a search
// asks both halves at once on two connections and each half's server process does half the work.
//
// For a common term (one in most of 100,000 documents) the query reads every matching row to get its
// sort key; that, and joining the keys into one string, is most of its time. The narrow table holds
// about 170 rows a page where search_docs held 34, and two halves queried together finish in about
// half the time on a server with two or more cores. The functions of 2026-11-30T0500 give way to
// search_shard_keys(q, shard) and search_shard_keys_containing(q, texts, shard), which query one
// half. On a large index this migration copies every row's tokens and builds the GIN indexes again
// (minutes at 100,000 documents). Frozen in time.
import { sql, type Kysely } from 'kysely';
import * as searchFunctions from './2026-11-30T0500_search_functions.js';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    CREATE TABLE search_tokens (
      sort_key bigint NOT NULL PRIMARY KEY,
      tokens tsvector NOT NULL
    ) PARTITION BY HASH (sort_key)`.execute(db);
  // Before the partitions are created: they take the parent's setting (set later, it would not
  // reach them).
  await sql`DO $$ BEGIN
    ALTER TABLE search_tokens ALTER COLUMN tokens SET COMPRESSION lz4;
  EXCEPTION WHEN OTHERS THEN NULL; END $$`.execute(db);
  await sql`CREATE TABLE search_tokens_0 PARTITION OF search_tokens FOR VALUES WITH (MODULUS 2, REMAINDER 0)`.execute(
    db,
  );
  await sql`CREATE TABLE search_tokens_1 PARTITION OF search_tokens FOR VALUES WITH (MODULUS 2, REMAINDER 1)`.execute(
    db,
  );
  await sql`INSERT INTO search_tokens (sort_key, tokens) SELECT sort_key, tokens FROM search_docs`.execute(
    db,
  );
  await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(db);
  await sql`CREATE INDEX search_tokens_gin ON search_tokens USING gin (tokens)`.execute(db);
  await sql`ALTER TABLE search_docs DROP COLUMN tokens`.execute(db);
  await searchFunctions.down(db);
  // Sequential scans off, as in 2026-11-30T0500: the planner does not count the cost of reading
  // every row's tsvector. The branch of the other half is skipped at run time (a one-time filter).
  await sql`
    CREATE FUNCTION search_shard_keys(q tsquery, shard integer) RETURNS text
    LANGUAGE sql STABLE SET enable_seqscan = off
    AS $$
      SELECT string_agg(sort_key::text, ',') FROM (
        SELECT sort_key FROM search_tokens_0 WHERE shard = 0 AND tokens @@ q
        UNION ALL
        SELECT sort_key FROM search_tokens_1 WHERE shard = 1 AND tokens @@ q
      ) k
    $$`.execute(db);
  await createKeysContaining(db);
}

/** search_shard_keys_containing(q, texts, shard) as this migration creates it (2026-12-07T1700's down too). */
export async function createKeysContaining(db: Kysely<any>): Promise<void> {
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

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION search_shard_keys_containing(tsquery, text[], integer)`.execute(db);
  await sql`DROP FUNCTION search_shard_keys(tsquery, integer)`.execute(db);
  await sql`ALTER TABLE search_docs ADD COLUMN tokens tsvector`.execute(db);
  await sql`DO $$ BEGIN
    ALTER TABLE search_docs ALTER COLUMN tokens SET COMPRESSION lz4;
  EXCEPTION WHEN OTHERS THEN NULL; END $$`.execute(db);
  await sql`UPDATE search_docs d SET tokens = t.tokens FROM search_tokens t WHERE t.sort_key = d.sort_key`.execute(
    db,
  );
  await sql`UPDATE search_docs SET tokens = ''::tsvector WHERE tokens IS NULL`.execute(db);
  await sql`ALTER TABLE search_docs ALTER COLUMN tokens SET NOT NULL`.execute(db);
  await sql`SET LOCAL maintenance_work_mem = '512MB'`.execute(db);
  await sql`CREATE INDEX search_docs_tokens_gin ON search_docs USING gin (tokens)`.execute(db);
  await sql`DROP TABLE search_tokens`.execute(db);
  // The functions of 2026-11-30T0500, over search_docs.tokens again.
  await searchFunctions.up(db);
}

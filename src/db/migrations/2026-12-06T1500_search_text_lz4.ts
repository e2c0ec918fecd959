// PostgreSQL only: the texts a search reads whole are compressed with lz4 where the server has it
// (PostgreSQL 14+ built with lz4), which decompresses several times faster than the default pglz:
// search_docs.content_folded (checked with strpos for the exact characters of longer terms, up to
// 400 documents of 3–30 KB per search) and public_items.body_html (read for the snippets of a page
// of hits). Values written before keep pglz until rewritten (`gongkai search reindex` rewrites the
// index rows). Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    SELECT 'lz4' = ANY (enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(
    db,
  );
  return r.rows[0]?.ok === true;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db) || !(await hasLz4(db))) return;
  await sql`ALTER TABLE search_docs ALTER COLUMN content_folded SET COMPRESSION lz4`.execute(db);
  await sql`ALTER TABLE public_items ALTER COLUMN body_html SET COMPRESSION lz4`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`ALTER TABLE search_docs ALTER COLUMN content_folded SET COMPRESSION DEFAULT`.execute(db);
  await sql`ALTER TABLE public_items ALTER COLUMN body_html SET COMPRESSION DEFAULT`.execute(db);
}

// PostgreSQL only: public_item_pages_parts(ids) gives the item page's row (public_item_page_parts)
// for every id of an array, in one call: item pages asked for at the same moment are read in one
// round trip (db/read-batcher.ts, catalogue/public-items.repository.ts). Each element gets its own
// row, numbered by its place in the array (n, from 1), equal ids included; an id with no public row
// gets none. Under the bench's load (32 connections, render cache off) sending each page's query
// cost the app about 90 µs a page, mostly the kernel waking a backend. PostgreSQL does not record
// that this function calls public_item_page_parts: a later migration that drops that one must
// create this one again. Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`
    CREATE FUNCTION public_item_pages_parts(wanted integer[])
    RETURNS TABLE (n bigint, page_json json, body_bytes bytea)
    LANGUAGE sql STABLE AS $$
      SELECT w.n, pp.page_json, pp.body_bytes
      FROM unnest(wanted) WITH ORDINALITY AS w(id, n)
      CROSS JOIN LATERAL public_item_page_parts(w.id) AS pp
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`DROP FUNCTION public_item_pages_parts(integer[])`.execute(db);
}

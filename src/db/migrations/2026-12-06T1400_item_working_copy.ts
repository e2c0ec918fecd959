// items.body may be NULL: the working copy is then the current published version's body
// (item_versions), unchanged since publication. The catalogue import writes NULL, so a 3–30 KB
// body is stored twice (the version and the public HTML) instead of three times, which is a third
// of what a bulk import writes. PostgreSQL drops the NOT NULL; SQLite cannot, so the table is
// rebuilt with the same definition less that constraint (the procedure of
// https://sqlite.org/lang_altertable.html#otheralter: foreign keys off, copy, drop, rename,
// indexes again, check the foreign keys, all in one transaction). On a large catalogue the copy
// holds SQLite's write lock for a while: upgrade with the server stopped (README). Run again on a
// table already in the wanted form, it does nothing. Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

const NOT_NULL = `"body" text default '' not null`;
const NULLABLE = `"body" text`;

/** Rebuilds SQLite's items table with its body column defined as `to` instead of `from`. */
async function rebuildItems(db: Kysely<any>, from: string, to: string): Promise<void> {
  const table = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'items'`.execute(db);
  const definition = table.rows[0]?.sql ?? '';
  const unexpected = () => new Error(`items table definition not as expected: ${definition.slice(0, 200)}`);
  if (!definition.startsWith('CREATE TABLE "items" (')) throw unexpected();
  // Already in the wanted form: an earlier run committed its rebuild, but the process stopped
  // before Kysely recorded the migration. (NULLABLE is a prefix of NOT_NULL.)
  const hasNotNull = definition.includes(NOT_NULL);
  if (to === NOT_NULL ? hasNotNull : definition.includes(NULLABLE) && !hasNotNull) return;
  if (!definition.includes(from)) throw unexpected();
  const rebuilt = definition
    .replace(from, to)
    .replace('CREATE TABLE "items" (', 'CREATE TABLE "items_rebuilt" (');
  const indexes = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'items' AND sql IS NOT NULL`.execute(
    db,
  );
  const sequence = await sql<{ seq: number }>`
    SELECT seq FROM sqlite_sequence WHERE name = 'items'`.execute(db);
  // A no-op inside a transaction, so before it (Kysely runs SQLite migrations without one).
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await sql.raw(rebuilt).execute(db);
      await sql`INSERT INTO items_rebuilt SELECT * FROM items`.execute(db);
      await sql`DROP TABLE items`.execute(db);
      await sql`ALTER TABLE items_rebuilt RENAME TO items`.execute(db);
      for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
      // AUTOINCREMENT: ids of deleted items are never handed out again.
      const seq = sequence.rows[0]?.seq;
      if (seq !== undefined)
        await sql`UPDATE sqlite_sequence SET seq = max(seq, ${seq}) WHERE name = 'items'`.execute(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0)
        throw new Error(`foreign keys broken by the rebuild: ${broken.rows.length}`);
      await sql`COMMIT`.execute(db);
    } catch (err) {
      await sql`ROLLBACK`.execute(db);
      throw err;
    }
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`ALTER TABLE items ALTER COLUMN body DROP NOT NULL`.execute(db);
  else await rebuildItems(db, NOT_NULL, NULLABLE);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    UPDATE items SET body = coalesce(
      (SELECT v.body FROM item_versions v WHERE v.item_id = items.id AND v.version = items.current_version), '')
    WHERE body IS NULL`.execute(db);
  if (isPostgres(db)) await sql`ALTER TABLE items ALTER COLUMN body SET NOT NULL`.execute(db);
  else await rebuildItems(db, NULLABLE, NOT_NULL);
}

// Search index, second step: every write to the index takes a new version (search_meta), recorded
// on the rows it writes, so that each app process can keep its in-memory copy of the documents'
// filter values up to date by reading only what changed. PostgreSQL: lz4 for the large columns
// (several times faster to write than pglz) where the server has it. Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('search_docs')
    .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('search_docs_version_idx').on('search_docs').column('version').execute();
  await db.schema
    .createTable('search_meta')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('search_meta').values({ id: 1, version: 0 }).execute();
  if (isPostgres(db)) {
    await sql`DO $$ BEGIN
      ALTER TABLE search_docs ALTER COLUMN content_folded SET COMPRESSION lz4;
      ALTER TABLE search_docs ALTER COLUMN tokens SET COMPRESSION lz4;
    EXCEPTION WHEN OTHERS THEN NULL; END $$`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_meta').execute();
  await db.schema.dropIndex('search_docs_version_idx').execute();
  await db.schema.alterTable('search_docs').dropColumn('version').execute();
}

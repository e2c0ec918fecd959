// Search index over the public catalogue (src/search). One row per public item in search_docs
// (filter columns, the folded text used to verify matches, the date-ordered sort key); the tokens
// (character bigrams + single characters + ASCII words, with title and filter tokens marked) live
// in an FTS5 table on SQLite and in a tsvector with a GIN index on PostgreSQL ('simple' lexemes,
// no positions). Frozen in time: imports nothing from the app.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  let table = db.schema
    .createTable('search_docs')
    .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id'))
    // days since 1900-01-01 of the publication date × 64 + a slot: newest first = largest key.
    .addColumn('sort_key', 'bigint', (c) => c.notNull().unique())
    .addColumn('department_id', 'integer', (c) => c.notNull())
    .addColumn('topic_id', 'integer')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('published_date', 'text', (c) => c.notNull())
    .addColumn('title_folded', 'text', (c) => c.notNull())
    .addColumn('content_folded', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull());
  if (pg) table = table.addColumn('tokens', sql`tsvector`, (c) => c.notNull());
  await table.execute();

  if (pg) {
    await sql`CREATE INDEX search_docs_tokens_gin ON search_docs USING gin (tokens)`.execute(db);
  } else {
    // Contentless (the tokens are not stored twice), rowid = search_docs.sort_key, no positions
    // (detail=none: a query is an AND of tokens), the ascii tokenizer splits on ASCII spaces and
    // punctuation only, so every non-ASCII token arrives as the application wrote it.
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
      tokens, content='', contentless_delete=1, detail=none, tokenize='ascii'
    )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) await sql`DROP TABLE search_fts`.execute(db);
  await db.schema.dropTable('search_docs').execute();
}

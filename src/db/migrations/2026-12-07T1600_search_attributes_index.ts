// Search index: the documents' filter values (read whole by each process's first search, then by
// version; search.repository.ts attributesSince) come from an index that holds them all, instead of
// the rows. On SQLite a row's `version` sits after its folded text, and reading it walked the text's
// overflow pages: the first search of a process read the whole table (2.9 GB at 100,000 items of
// the bench catalogue). The index on version alone gives way to this one, which starts with it.
// Frozen in time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('search_docs_attributes_idx')
    .on('search_docs')
    .columns(['version', 'sort_key', 'item_id', 'department_id', 'topic_id', 'category', 'year'])
    .execute();
  await db.schema.dropIndex('search_docs_version_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('search_docs_version_idx').on('search_docs').column('version').execute();
  await db.schema.dropIndex('search_docs_attributes_idx').execute();
}

// The public catalogue's browse indexes: one per filter column (department, topic, category,
// year), each continuing with the list order (published_at, item_id) and then the other filter
// columns, so that a list, a count or a facet under any combination of filters is answered from
// one index alone, without reading the wide public_items rows (they hold the body). They replace
// the catalogue migration's two-column indexes, which they extend. Frozen in time.
import type { Kysely } from 'kysely';

const BROWSE: [string, string[]][] = [
  [
    'public_items_department_browse_idx',
    ['department_id', 'published_at', 'item_id', 'topic_id', 'category', 'year'],
  ],
  [
    'public_items_topic_browse_idx',
    ['topic_id', 'published_at', 'item_id', 'department_id', 'category', 'year'],
  ],
  [
    'public_items_category_browse_idx',
    ['category', 'published_at', 'item_id', 'department_id', 'topic_id', 'year'],
  ],
  [
    'public_items_year_browse_idx',
    ['year', 'published_at', 'item_id', 'department_id', 'topic_id', 'category'],
  ],
];

const REPLACED: [string, string[]][] = [
  ['public_items_department_idx', ['department_id', 'published_at']],
  ['public_items_topic_idx', ['topic_id', 'published_at']],
  ['public_items_category_idx', ['category', 'published_at']],
  ['public_items_year_idx', ['year', 'published_at']],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of BROWSE) {
    await db.schema.createIndex(name).on('public_items').columns(columns).execute();
  }
  for (const [name] of REPLACED) await db.schema.dropIndex(name).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of REPLACED) {
    await db.schema.createIndex(name).on('public_items').columns(columns).execute();
  }
  for (const [name] of BROWSE) await db.schema.dropIndex(name).execute();
}

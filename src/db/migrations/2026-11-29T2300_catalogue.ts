// The catalogue (政府信息公开目录): topics, items (the staff's working copy and its workflow),
// immutable published versions, the public projection, links, attachments and 索引号 serials.
// Frozen in time: imports nothing from the app.
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

function withId(db: Kysely<any>, table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

const text = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo('');
const CATEGORIES = sql`category IN ('policy', 'normative', 'interpretation', 'notice', 'news', 'plan', 'statistics', 'finance', 'personnel', 'other')`;

export async function up(db: Kysely<any>): Promise<void> {
  // 主题分类, two levels (parent_id null = first level).
  await withId(db, db.schema.createTable('topics'))
    .addColumn('parent_id', 'integer', (c) => c.references('topics.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', text)
    .addColumn('is_key_area', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Organisations that issued imported documents but are not departments of this platform.
  await withId(db, db.schema.createTable('external_orgs'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('items'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('external_org_id', 'integer', (c) => c.references('external_orgs.id'))
    .addColumn('index_number', 'text', (c) => c.unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', text)
    .addColumn('doc_number', 'text', text)
    .addColumn('issuer', 'text', text)
    .addColumn('signed_date', 'text')
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id'))
    .addColumn('category', 'text', (c) => c.notNull().check(CATEGORIES))
    .addColumn('disclosure', 'text', (c) =>
      c.notNull().check(sql`disclosure IN ('proactive', 'on_request', 'exempt')`),
    )
    .addColumn('disclosure_ground', 'text')
    .addColumn('disclosure_reason', 'text', text)
    .addColumn('scope', 'text', text)
    .addColumn('validity', 'text', (c) =>
      c.check(sql`validity IS NULL OR validity IN ('valid', 'expired', 'repealed')`),
    )
    .addColumn('body', 'text', text)
    .addColumn('needs_interpretation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interpretation_exempt_reason', 'text', text)
    .addColumn('interpretation_form', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('draft', 'submitted', 'returned', 'approved', 'scheduled', 'published', 'withdrawn')`,
        ),
    )
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pending_change_note', 'text', text)
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewer_id', 'integer', (c) => c.references('users.id'))
    .addColumn('review_comment', 'text', text)
    .addColumn('scheduled_at', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('due_date', 'text')
    .addColumn('published_on_time', 'integer')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdraw_reason', 'text', text)
    .addColumn('pii_confirm_reason', 'text', text)
    .addColumn('source_url', 'text', text)
    .addColumn('import_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('items_department_status_idx')
    .on('items')
    .columns(['department_id', 'status'])
    .execute();
  await db.schema
    .createIndex('items_status_scheduled_idx')
    .on('items')
    .columns(['status', 'scheduled_at'])
    .execute();

  // Immutable snapshots of what the public saw, one per publication or revision.
  await withId(db, db.schema.createTable('item_versions'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', text)
    .addColumn('doc_number', 'text', text)
    .addColumn('body', 'text', text)
    .addColumn('validity', 'text')
    .addColumn('change_note', 'text', text)
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('item_versions_item_version_uq', ['item_id', 'version'])
    .execute();

  // The public projection: exactly the items the public may see, with the current version's
  // content. Lists, feeds, exports and search read only this table.
  await db.schema
    .createTable('public_items')
    .addColumn('item_id', 'integer', (c) => c.primaryKey().references('items.id'))
    .addColumn('index_number', 'text', (c) => c.notNull().unique())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('issuer', 'text', text)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', text)
    .addColumn('doc_number', 'text', text)
    .addColumn('signed_date', 'text')
    .addColumn('published_date', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('validity', 'text')
    .addColumn('scope', 'text', text)
    .addColumn('body_html', 'text', text)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('interpretation_form', 'text')
    .execute();
  await db.schema
    .createIndex('public_items_published_idx')
    .on('public_items')
    .columns(['published_at', 'item_id'])
    .execute();
  await db.schema
    .createIndex('public_items_department_idx')
    .on('public_items')
    .columns(['department_id', 'published_at'])
    .execute();
  await db.schema
    .createIndex('public_items_topic_idx')
    .on('public_items')
    .columns(['topic_id', 'published_at'])
    .execute();
  await db.schema
    .createIndex('public_items_category_idx')
    .on('public_items')
    .columns(['category', 'published_at'])
    .execute();
  await db.schema
    .createIndex('public_items_year_idx')
    .on('public_items')
    .columns(['year', 'published_at'])
    .execute();
  await db.schema
    .createIndex('public_items_doc_number_idx')
    .on('public_items')
    .column('doc_number')
    .execute();

  await db.schema
    .createTable('item_links')
    .addColumn('from_item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('to_item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('interprets', 'supersedes')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_links_pk', ['from_item_id', 'to_item_id', 'kind'])
    .execute();
  await db.schema.createIndex('item_links_to_idx').on('item_links').columns(['to_item_id', 'kind']).execute();

  await withId(db, db.schema.createTable('attachments'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('items.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('extracted_text', 'text', text)
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_item_idx').on('attachments').column('item_id').execute();

  // 索引号 serials, per department and year; never reused.
  await db.schema
    .createTable('index_serials')
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('index_serials_pk', ['department_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'index_serials',
    'attachments',
    'item_links',
    'public_items',
    'item_versions',
    'items',
    'external_orgs',
    'topics',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}

// 依申请公开: the files released with a reply (content-addressed under DATA_DIR/attachments, like
// the catalogue's attachments). Frozen in time: imports nothing from the app.
import type { CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

function withId(db: Kysely<any>, table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('request_files'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_files_request_idx')
    .on('request_files')
    .columns(['request_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_files').execute();
}

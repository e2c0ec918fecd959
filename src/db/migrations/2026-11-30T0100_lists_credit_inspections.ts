// 清单 (list types as schemas, per-department lists, entries, versions, feedback), 双公示 credit
// records, and 双随机一公开 (entities, inspectors, draws, results). Frozen in time: imports nothing
// from the app.
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
const req = (c: ColumnDefinitionBuilder) => c.notNull();

export async function up(db: Kysely<any>): Promise<void> {
  // ---- lists
  await withId(db, db.schema.createTable('list_types'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', req)
    .addColumn('description', 'text', text)
    .addColumn('fields_json', 'text', req)
    .addColumn('key_field', 'text', req)
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .execute();
  await withId(db, db.schema.createTable('lists'))
    .addColumn('list_type_id', 'integer', (c) => c.notNull().references('list_types.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('entry_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .addUniqueConstraint('lists_type_department_uq', ['list_type_id', 'department_id'])
    .execute();
  await withId(db, db.schema.createTable('list_entries'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id'))
    .addColumn('entry_key', 'text', req)
    .addColumn('values_json', 'text', req)
    .addColumn('search_text', 'text', text)
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .addUniqueConstraint('list_entries_list_key_uq', ['list_id', 'entry_key'])
    .execute();
  await withId(db, db.schema.createTable('list_versions'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id'))
    .addColumn('version', 'integer', req)
    .addColumn('entries_json', 'text', req)
    .addColumn('entry_count', 'integer', req)
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', req)
    .addColumn('reason', 'text', req)
    .addColumn('created_at', 'text', req)
    .addUniqueConstraint('list_versions_list_version_uq', ['list_id', 'version'])
    .execute();
  await withId(db, db.schema.createTable('list_feedback'))
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id'))
    .addColumn('entry_key', 'text')
    .addColumn('name', 'text', text)
    .addColumn('contact', 'text', req)
    .addColumn('message', 'text', req)
    .addColumn('received_date', 'text', req)
    .addColumn('due_date', 'text', req)
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('open', 'answered')`))
    .addColumn('answer', 'text', text)
    .addColumn('answer_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('answered_at', 'text')
    .addColumn('answered_by', 'text', text)
    .addColumn('created_at', 'text', req)
    .execute();
  await db.schema
    .createIndex('list_feedback_list_idx')
    .on('list_feedback')
    .columns(['list_id', 'status'])
    .execute();

  // ---- credit (双公示)
  await withId(db, db.schema.createTable('credit_records'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('license', 'penalty')`))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('fields_json', 'text', req)
    .addColumn('party_name', 'text', req)
    .addColumn('party_category', 'text', text)
    .addColumn('credit_code', 'text', text)
    .addColumn('doc_number', 'text', text)
    .addColumn('category', 'text', text)
    .addColumn('decision_date', 'text', req)
    .addColumn('severity', 'text', text)
    .addColumn('publish_until', 'text')
    .addColumn('published_date', 'text', req)
    .addColumn('due_date', 'text', req)
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('active', 'repaired', 'revoked')`))
    .addColumn('status_reason', 'text', text)
    .addColumn('status_date', 'text')
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .execute();
  await db.schema
    .createIndex('credit_records_code_idx')
    .on('credit_records')
    .columns(['credit_code'])
    .execute();
  await db.schema
    .createIndex('credit_records_dept_date_idx')
    .on('credit_records')
    .columns(['department_id', 'decision_date'])
    .execute();
  await db.schema
    .createIndex('credit_records_name_idx')
    .on('credit_records')
    .columns(['party_name'])
    .execute();

  // ---- inspections (双随机一公开)
  await withId(db, db.schema.createTable('insp_entities'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('credit_code', 'text', req)
    .addColumn('name', 'text', req)
    .addColumn('address', 'text', text)
    .addColumn('industry', 'text', text)
    .addColumn('risk_tags', 'text', text)
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .addUniqueConstraint('insp_entities_dept_code_uq', ['department_id', 'credit_code'])
    .execute();
  await withId(db, db.schema.createTable('insp_inspectors'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('cert_no', 'text', req)
    .addColumn('name', 'text', req)
    .addColumn('field', 'text', text)
    .addColumn('relations', 'text', text)
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', req)
    .addColumn('updated_at', 'text', req)
    .addUniqueConstraint('insp_inspectors_dept_cert_uq', ['department_id', 'cert_no'])
    .execute();
  await withId(db, db.schema.createTable('insp_draws'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('title', 'text', req)
    .addColumn('matter', 'text', req)
    .addColumn('year', 'integer', req)
    .addColumn('public_json', 'text', req)
    .addColumn('pool_digest', 'text', req)
    .addColumn('pool_size', 'integer', req)
    .addColumn('seed_commitment', 'text', req)
    .addColumn('seed_secret', 'text', req)
    .addColumn('seed', 'text')
    .addColumn('result_json', 'text')
    .addColumn('selected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('committed', 'drawn')`))
    .addColumn('committed_at', 'text', req)
    .addColumn('drawn_at', 'text')
    .addColumn('created_by', 'text', req)
    .execute();
  await withId(db, db.schema.createTable('insp_results'))
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('insp_draws.id'))
    .addColumn('credit_code', 'text', req)
    .addColumn('entity_name', 'text', req)
    .addColumn('inspectors', 'text', req)
    .addColumn('outcome', 'text', req)
    .addColumn('note', 'text', text)
    .addColumn('inspection_end_date', 'text', req)
    .addColumn('published_date', 'text', req)
    .addColumn('due_date', 'text', req)
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', req)
    .addUniqueConstraint('insp_results_draw_code_uq', ['draw_id', 'credit_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'insp_results',
    'insp_draws',
    'insp_inspectors',
    'insp_entities',
    'credit_records',
    'list_feedback',
    'list_versions',
    'list_entries',
    'lists',
    'list_types',
  ])
    await db.schema.dropTable(t).execute();
}

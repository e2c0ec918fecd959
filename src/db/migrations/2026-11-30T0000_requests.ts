// 依申请公开: requests, the events that drive their legal clock, 行政复议/行政诉讼 records and
// per-department reply-letter settings. Frozen in time: imports nothing from the app.
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

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('requests'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('tracking_hash', 'text', (c) => c.notNull())
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel IN ('online', 'in_person', 'post', 'fax')`),
    )
    .addColumn('applicant_category', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`applicant_category IN ('natural', 'commercial', 'research', 'public_interest', 'legal_services', 'other_org')`,
        ),
    )
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', text)
    .addColumn('phone', 'text', text)
    .addColumn('email', 'text', text)
    .addColumn('address', 'text', text)
    .addColumn('applicant_key', 'text', (c) => c.notNull())
    .addColumn('info_title', 'text', text)
    .addColumn('info_doc_number', 'text', text)
    .addColumn('info_index_number', 'text', text)
    .addColumn('info_description', 'text', text)
    .addColumn('info_key', 'text', text)
    .addColumn('form_wanted', 'text', (c) => c.notNull())
    .addColumn('delivery_wanted', 'text', (c) => c.notNull())
    .addColumn('suggest_proactive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`status IN ('submitted', 'received', 'correction', 'consultation', 'fee', 'decided', 'closed')`,
        ),
    )
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text')
    .addColumn('outcome', 'text')
    .addColumn('ground', 'text')
    .addColumn('reason', 'text', text)
    .addColumn('decided_date', 'text')
    .addColumn('reply_letter', 'text', text)
    .addColumn('reply_sent_date', 'text')
    .addColumn('reply_method', 'text')
    .addColumn('related_request_id', 'integer', (c) => c.references('requests.id'))
    .addColumn('catalogue_item_id', 'integer', (c) => c.references('items.id'))
    .addColumn('submission_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('requests_year_serial_uq', ['year', 'serial'])
    .execute();
  await db.schema
    .createIndex('requests_department_status_idx')
    .on('requests')
    .columns(['department_id', 'status'])
    .execute();
  await db.schema.createIndex('requests_received_idx').on('requests').columns(['received_date']).execute();
  await db.schema.createIndex('requests_decided_idx').on('requests').columns(['decided_date']).execute();
  await db.schema.createIndex('requests_applicant_idx').on('requests').columns(['applicant_key']).execute();
  await db.schema
    .createIndex('requests_info_idx')
    .on('requests')
    .columns(['department_id', 'info_key'])
    .execute();
  await db.schema.createIndex('requests_submission_idx').on('requests').columns(['submission_key']).execute();

  await withId(db, db.schema.createTable('request_events'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind IN ('submitted', 'receipt_confirmed', 'correction_requested', 'correction_received', 'consultation_started', 'consultation_ended', 'extended', 'fee_notice_issued', 'fee_paid', 'decided', 'reply_sent', 'closed', 'message_to_applicant', 'message_from_applicant')`,
        ),
    )
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('days', 'integer')
    .addColumn('party', 'text', text)
    .addColumn('body', 'text', text)
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', text)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_events_request_idx')
    .on('request_events')
    .columns(['request_id', 'id'])
    .execute();

  await withId(db, db.schema.createTable('request_reviews'))
    .addColumn('request_id', 'integer', (c) => c.notNull().references('requests.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('reconsideration', 'litigation')`))
    .addColumn('filed_date', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) =>
      c.notNull().check(sql`result IN ('upheld', 'corrected', 'other', 'pending')`),
    )
    .addColumn('after_reconsideration', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', text)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_reviews_filed_idx')
    .on('request_reviews')
    .columns(['filed_date'])
    .execute();
  await db.schema
    .createIndex('request_reviews_request_idx')
    .on('request_reviews')
    .columns(['request_id'])
    .execute();

  await db.schema
    .createTable('request_settings')
    .addColumn('department_id', 'integer', (c) => c.primaryKey().references('departments.id'))
    .addColumn('review_body', 'text', text)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_settings').execute();
  await db.schema.dropTable('request_reviews').execute();
  await db.schema.dropTable('request_events').execute();
  await db.schema.dropTable('requests').execute();
}

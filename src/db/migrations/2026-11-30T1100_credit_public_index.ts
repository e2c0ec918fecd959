// 双公示: the date index carries every column the public filter and a partial name check read
// (status, kind, severity, publish_until, party_category, department_id, name_folded), so a walk
// in date order (newest first) reads only the index, not one table page per record. A common name
// (有限公司, 黄冈) is found and counted (up to the cap) this way, without the long lists of the
// name index. It replaces the index on (decision_date, id), its prefix. Frozen in time.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('credit_records_public_idx')
    .on('credit_records')
    .columns([
      'decision_date',
      'id',
      'status',
      'kind',
      'severity',
      'publish_until',
      'party_category',
      'department_id',
      'name_folded',
    ])
    .execute();
  await db.schema.dropIndex('credit_records_date_idx').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('credit_records_date_idx')
    .on('credit_records')
    .columns(['decision_date', 'id'])
    .execute();
  await db.schema.dropIndex('credit_records_public_idx').execute();
}

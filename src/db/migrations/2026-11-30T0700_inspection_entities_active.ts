// 双随机一公开: an entity of the 检查对象名录库 can be deactivated (kept, but out of new draw pools),
// like an inspector. Frozen in time: imports nothing from the app.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('insp_entities')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('insp_entities').dropColumn('active').execute();
}

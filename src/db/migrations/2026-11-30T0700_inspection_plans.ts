// 双随机一公开: a department's yearly random-inspection plan (年度抽查计划) — the matters of its
// 随机抽查事项清单 with a planned ratio or number of draws and a period — and the plan a draw
// belongs to. Frozen in time: imports nothing from the app.
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
  await withId(db, db.schema.createTable('insp_plans'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('insp_plans_dept_year_uq', ['department_id', 'year'])
    .execute();
  await withId(db, db.schema.createTable('insp_plan_items'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('insp_plans.id'))
    .addColumn('matter', 'text', (c) => c.notNull())
    /** Planned share of the pool in hundredths of a percent (500 = 5 %), or null. */
    .addColumn('ratio_bp', 'integer')
    .addColumn('planned_draws', 'integer')
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addUniqueConstraint('insp_plan_items_plan_matter_uq', ['plan_id', 'matter'])
    .execute();
  await db.schema
    .alterTable('insp_draws')
    .addColumn('plan_id', 'integer', (c) => c.references('insp_plans.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('insp_draws').dropColumn('plan_id').execute();
  await db.schema.dropTable('insp_plan_items').execute();
  await db.schema.dropTable('insp_plans').execute();
}

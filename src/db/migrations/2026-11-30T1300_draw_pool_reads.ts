// 双随机一公开: a draw reads its pool — a department's active entities, (credit code, name) in code
// order — from one index, without a table lookup per entity (100,000 lookups were most of the
// time of publishing a pool). On PostgreSQL a draw's public data (the pool as canonical JSON,
// several MB for a large pool) is compressed with lz4 where the server has it (PostgreSQL 14+
// built with lz4), else stored uncompressed: pglz spent more time on it than writing it does.
// Frozen in time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('insp_entities_pool_idx')
    .on('insp_entities')
    .columns(['department_id', 'active', 'credit_code', 'name'])
    .execute();
  if (!isPostgres(db)) return;
  const lz4 = await sql<{ ok: boolean }>`
    SELECT 'lz4' = ANY (enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(
    db,
  );
  if (lz4.rows[0]?.ok)
    await sql`ALTER TABLE insp_draws ALTER COLUMN public_json SET COMPRESSION lz4`.execute(db);
  else await sql`ALTER TABLE insp_draws ALTER COLUMN public_json SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`ALTER TABLE insp_draws ALTER COLUMN public_json SET STORAGE EXTENDED`.execute(db);
    const lz4 = await sql<{ ok: boolean }>`
      SELECT 'lz4' = ANY (enumvals) AS ok FROM pg_settings WHERE name = 'default_toast_compression'`.execute(
      db,
    );
    if (lz4.rows[0]?.ok)
      await sql`ALTER TABLE insp_draws ALTER COLUMN public_json SET COMPRESSION DEFAULT`.execute(db);
  }
  await db.schema.dropIndex('insp_entities_pool_idx').execute();
}

// Runs the migrations (forward-only in production; `down` exists for the migration check).
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import type { Database } from './database.js';
import { currentSchema } from './dialect.js';

async function migrator(db: Kysely<Database>): Promise<Migrator> {
  // Without a schema, Kysely looks for its own tables in every schema of a PostgreSQL database, so
  // a database with several schemas (one per test file) could see another schema's and skip its own.
  const schema = await currentSchema(db);
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    allowUnorderedMigrations: false,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = result.error instanceof Error ? result.error : new Error(String(result.error));
    err.message = `migration ${failed?.migrationName ?? '?'} failed: ${err.message}`;
    throw err;
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/** Brings the schema to the newest migration; returns the names applied now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return check(await (await migrator(db)).migrateToLatest());
}

/** Undoes the newest migration (used by the migration check in CI). */
export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return check(await (await migrator(db)).migrateDown());
}

/** Migrates up or down to the named migration (tests of a migration's data handling). */
export async function migrateTo(db: Kysely<Database>, name: string): Promise<string[]> {
  return check(await (await migrator(db)).migrateTo(name));
}

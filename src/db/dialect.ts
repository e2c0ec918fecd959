// The few places where SQLite and PostgreSQL differ. Nothing else in the app branches on dialect.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Dialect } from './database.js';

export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/**
 * Serialises writers of one logical resource inside a transaction. PostgreSQL takes a
 * transaction-scoped advisory lock; SQLite needs nothing because Kysely's SQLite driver runs
 * one transaction at a time on its single connection.
 */
export async function lockResource(trx: Transaction<Database>, resource: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${resource}))`.execute(trx);
  }
}

/** PostgreSQL's current schema (the first of the search_path); undefined on SQLite. */
export async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  if (dialectOf(db) !== 'postgres') return undefined;
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(db);
  return rows[0]?.schema;
}

/** Case-insensitive substring match, with LIKE wildcards in the needle escaped. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether an error is a unique-constraint violation (two writers raced to create the same thing). */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object' || !('code' in err)) return false;
  const code = String(err.code);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

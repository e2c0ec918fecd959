// The few places where SQLite and PostgreSQL differ. Nothing else in the app branches on dialect.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, Dialect } from './database.js';

export function dialectOf(db: Kysely<Database>): Dialect {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/**
 * Serialises writers of one logical resource inside a transaction; call it before the
 * transaction's first read. PostgreSQL takes a transaction-scoped advisory lock. SQLite takes the
 * database's write lock now, with a statement that changes nothing: within one process Kysely's
 * driver runs one transaction at a time anyway, but another process (the import command beside a
 * running server) could otherwise commit between this transaction's reads and its first write,
 * which SQLite then refuses (SQLITE_BUSY_SNAPSHOT).
 */
export async function lockResource(trx: Transaction<Database>, resource: string): Promise<void> {
  if (dialectOf(trx) === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${resource}))`.execute(trx);
  } else {
    await sql`DELETE FROM settings WHERE 0`.execute(trx);
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

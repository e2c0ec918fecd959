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

/** Case-insensitive substring match, with LIKE wildcards in the needle escaped. */
export function likePattern(needle: string): string {
  return `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

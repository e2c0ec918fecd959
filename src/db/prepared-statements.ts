// Named prepared statements on PostgreSQL for the queries the portal runs again and again with new
// values (the compiled shapes of list pages, the item page's call). pg sends an unnamed statement
// each time, and PostgreSQL parses and plans it each time: for a department's list page, planning
// the join cost four times what running it did (pgbench at the bench's 100,000 items: 5,900
// statements/s unnamed, 25,000 prepared, on 2 connections). A named statement is parsed once per
// connection, and after five runs PostgreSQL keeps one generic plan when it costs no more than
// planning for each value.
//
// Only texts registered here are named, and only queries with a bounded number of texts register
// (one per compiled shape): each name lives on every pooled connection for its lifetime.
import type pg from 'pg';

const names = new Map<string, string>();

/** Runs `sql` as a named prepared statement on PostgreSQL from now on (SQLite ignores it). */
export function prepareOnPostgres(sql: string): void {
  if (!names.has(sql)) names.set(sql, `gk_${names.size + 1}`);
}

/** The statement name of a registered text. */
export function preparedName(sql: string): string | undefined {
  return names.get(sql);
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * PostgreSQL refuses to run a prepared statement whose result's columns changed since it was
 * prepared (a migration that changed a function's result type under a running server): SQLSTATE
 * 0A000, "cached plan must not change result type". The code alone is checked (the message may be
 * translated); another cause of 0A000 fails the same way again when the text is run unnamed.
 */
function isStalePlan(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '0A000';
}

/**
 * Makes a pooled client run registered texts as named statements. Kysely calls
 * `client.query(text, values)`; anything else (a config object, a cursor, no values) passes as is.
 * A statement gone stale on this connection runs unnamed from then on (outside a transaction the
 * call is retried at once; inside one, the transaction has failed and its caller sees the error).
 */
export function namePreparedStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as QueryFn;
  const stale = new Set<string>();
  const named: QueryFn = (first, ...rest) => {
    const values = rest[0];
    // Only the promise form (text, values), as Kysely calls it: a callback would be dropped here.
    const name =
      typeof first === 'string' && Array.isArray(values) && rest.length === 1 ? names.get(first) : undefined;
    if (name === undefined || stale.has(name)) return query(first, ...rest);
    const run = query({ name, text: first, values }) as Promise<unknown>;
    return run.catch((err: unknown) => {
      if (!isStalePlan(err)) throw err;
      stale.add(name);
      return query(first, values);
    });
  };
  client.query = named as typeof client.query;
}

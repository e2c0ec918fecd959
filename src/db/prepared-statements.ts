// Named prepared statements on PostgreSQL for the queries the portal runs again and again with new
// values (the compiled shapes of list pages, the item page's call). pg sends an unnamed statement
// each time, and PostgreSQL parses and plans it each time: for a department's list page, planning
// the join cost four times what running it did (pgbench at the bench's 100,000 items: 5,900
// statements/s unnamed, 25,000 prepared, on 2 connections). A named statement is parsed once per
// connection, and after five runs PostgreSQL keeps one generic plan when it costs no more than
// planning for each value.
//
// Only texts registered here are named, and only queries with a bounded number of texts register
// (compiled shapes that opt in): each name lives on every pooled connection for its lifetime. A
// shape registers only when one plan suits all its values — a filter on one column whose browse
// index also gives the order: after five runs PostgreSQL may keep a generic plan, and for two
// filters that plan would keep one index whatever the values (a large department with a rare
// category walks the department's whole range).
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
 * translated); another cause of 0A000 fails the same way again when the statement is prepared anew.
 */
function isStalePlan(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '0A000';
}

/**
 * Makes a pooled client run registered texts as named statements. Kysely calls
 * `client.query(text, values)`; anything else (a config object, a cursor, a callback) passes as
 * is. A statement gone stale on this connection is prepared again under a new name: outside a
 * transaction the call is retried at once; inside one the transaction has already failed, so the
 * error goes to the caller and the next call uses the new name.
 */
export function namePreparedStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as QueryFn;
  /** This connection's replacement names for statements that went stale. */
  const renamed = new Map<string, string>();
  let renames = 0;
  const named: QueryFn = (first, ...rest) => {
    const values = rest[0];
    // Only the promise form (text, values), as Kysely calls it: a callback would be dropped here.
    const registered =
      typeof first === 'string' && Array.isArray(values) && rest.length === 1 ? names.get(first) : undefined;
    if (registered === undefined) return query(first, ...rest);
    const text = first as string;
    const name = renamed.get(registered) ?? registered;
    const inTransaction = (client as pg.Client).getTransactionStatus() !== 'I';
    const run = query({ name, text, values }) as Promise<unknown>;
    return run.catch((err: unknown) => {
      if (!isStalePlan(err)) throw err;
      const fresh = `${registered}_${++renames}`;
      renamed.set(registered, fresh);
      if (inTransaction) throw err;
      return query({ name: fresh, text, values });
    });
  };
  client.query = named as typeof client.query;
}

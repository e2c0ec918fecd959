// SQLite only: merges the search index (FTS5 table search_fts) into one segment, once, for
// databases built before the index was merged after bulk builds (search.repository.ts
// compactTokenIndex). A bulk build leaves many segments, and a search reads and merges a token's
// list from each of them: merged, reading lists took about a fifth less time (bench catalogue,
// 100,000 items; 8 s to merge). Nothing to undo: the index answers the same either way. Frozen in
// time.
import { sql, type Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** Whether one merge step of about 256 pages merged anything (FTS5: at least two changes). */
async function mergeStep(db: Kysely<any>): Promise<boolean> {
  const changes = async () =>
    Number((await sql<{ n: number }>`SELECT total_changes() AS n`.execute(db)).rows[0]?.n ?? 0);
  const before = await changes();
  await sql`INSERT INTO search_fts (search_fts, rank) VALUES ('merge', -256)`.execute(db);
  return (await changes()) - before >= 2;
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  // In steps, each its own write (SQLite's migrations run outside transactions): another process's
  // write waits for one step (under a second), never for the whole merge.
  while (await mergeStep(db));
}

export async function down(): Promise<void> {
  // The merged index is a valid index of the same documents.
}

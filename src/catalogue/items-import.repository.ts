// The bulk writes of the catalogue import: existing keys, external organisations, 索引号 serials in
// blocks and multi-row inserts of published items.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { PublicItemsTable } from './catalogue.table.js';
import { insertableItem, type ItemValues } from './items.repository.js';

type Db = Kysely<Database> | Transaction<Database>;

export async function existingImportKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('items').select('import_key').where('import_key', 'in', keys).execute();
  return new Set(rows.flatMap((r) => (r.import_key ? [r.import_key] : [])));
}

export async function existingIndexNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db
    .selectFrom('items')
    .select('index_number')
    .where('index_number', 'in', numbers)
    .execute();
  return new Set(rows.flatMap((r) => (r.index_number ? [r.index_number] : [])));
}

export async function findOrCreateExternalOrg(trx: Db, name: string, at: string): Promise<number> {
  const found = await trx
    .selectFrom('external_orgs')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await trx
    .insertInto('external_orgs')
    .values({ name, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Takes `count` consecutive serials at once (bulk import); returns the first. */
export async function allocateSerials(
  trx: Transaction<Database>,
  departmentId: number,
  year: number,
  count: number,
): Promise<number> {
  const row = await trx
    .insertInto('index_serials')
    .values({ department_id: departmentId, year, last_serial: count })
    .onConflict((oc) =>
      oc
        .columns(['department_id', 'year'])
        .doUpdateSet({ last_serial: sql`index_serials.last_serial + ${count}` }),
    )
    .returning('last_serial')
    .executeTakeFirstOrThrow();
  return row.last_serial - count + 1;
}

export interface PublishedItemRow {
  item: Omit<ItemValues, 'body'>;
  publicRow: Omit<PublicItemsTable, 'item_id' | 'body_html'>;
  /**
   * The body (the first version's) and its public HTML, as UTF-8 bytes: the import holds a batch
   * of them, and bytes stay out of the JavaScript heap (items.import.ts, ReadyRecord).
   */
  body: Uint8Array;
  bodyHtml: Uint8Array;
  changeNote: string;
}

/** A text column's value from UTF-8 bytes: SQLite binds the bytes (see insertStatement); pg a string. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // keeps a leading U+FEFF
const asString = (bytes: Uint8Array): string => decoder.decode(bytes);
const asBytes = (bytes: Uint8Array): Uint8Array => bytes;

/**
 * The items row of an imported item: its body is NULL, the working copy being the first
 * version's body (unchanged since publication; see ItemsTable.body). Stored twice, not three times.
 */
function itemRow(r: PublishedItemRow) {
  return insertableItem({ ...r.item, body: null });
}

function versionRow<T>(id: number, r: PublishedItemRow, text: (bytes: Uint8Array) => T) {
  return {
    item_id: id,
    version: 1,
    title: r.item.title,
    summary: r.item.summary,
    doc_number: r.item.docNumber,
    body: text(r.body),
    validity: r.item.validity,
    change_note: r.changeNote,
    published_at: r.publicRow.published_at,
    published_by: null,
  };
}

function publicItemRow<T>(id: number, r: PublishedItemRow, text: (bytes: Uint8Array) => T) {
  return { ...r.publicRow, item_id: id, body_html: text(r.bodyHtml) };
}

/**
 * Bulk insert for imports: published items with their first version and public row. On SQLite,
 * pass the connection (sqliteHandleOf) that `trx` runs on: the rows are then written by three
 * prepared statements, one row at a time, inside the same transaction. That skips building and
 * compiling multi-row queries of thousands of parameters, which cost as much as SQLite's own work.
 */
export async function insertPublishedItems(
  trx: Transaction<Database>,
  rows: PublishedItemRow[],
  sqlite?: SQLite.Database,
): Promise<Map<string, number>> {
  if (sqlite) return insertPublishedItemsSqlite(sqlite, rows);
  const ids = new Map<string, number>();
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await trx
      .insertInto('items')
      .values(chunk.map(itemRow))
      .returning(['id', 'import_key'])
      .execute();
    const byKey = new Map(inserted.map((r) => [r.import_key ?? '', r.id]));
    const withIds = chunk.flatMap((r) => {
      const id = byKey.get(r.item.importKey ?? '');
      return id === undefined ? [] : [{ ...r, id }];
    });
    if (withIds.length === 0) continue;
    await trx
      .insertInto('item_versions')
      .values(withIds.map((r) => versionRow(r.id, r, asString)))
      .execute();
    await trx
      .insertInto('public_items')
      .values(withIds.map((r) => publicItemRow(r.id, r, asString)))
      .execute();
    for (const r of withIds) ids.set(r.item.importKey ?? '', r.id);
  }
  return ids;
}

type Row = Record<string, string | number | null | undefined | Uint8Array>;

/**
 * `INSERT INTO table (columns of row) VALUES (?, …)` and the row's values in that order. A column
 * whose value is bytes (in the first row, and by type in every row) takes them as text
 * (`CAST(? AS TEXT)`: UTF-8 is the database's encoding, so the bytes are stored as they are), so that
 * it holds TEXT, as binding the string would, not a BLOB.
 */
function insertStatement(sqlite: SQLite.Database, table: string, row: Row) {
  const columns = Object.keys(row);
  const placeholder = (c: string) => (row[c] instanceof Uint8Array ? 'CAST(? AS TEXT)' : '?');
  const statement = sqlite.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(placeholder).join(', ')})`,
  );
  return (values: Row) => statement.run(columns.map((c) => values[c] ?? null));
}

function insertPublishedItemsSqlite(sqlite: SQLite.Database, rows: PublishedItemRow[]): Map<string, number> {
  const ids = new Map<string, number>();
  const first = rows[0];
  if (!first) return ids;
  const item = insertStatement(sqlite, 'items', itemRow(first));
  const version = insertStatement(sqlite, 'item_versions', versionRow(0, first, asBytes));
  const publicItem = insertStatement(sqlite, 'public_items', publicItemRow(0, first, asBytes));
  for (const r of rows) {
    const id = Number(item(itemRow(r)).lastInsertRowid);
    version(versionRow(id, r, asBytes));
    publicItem(publicItemRow(id, r, asBytes));
    ids.set(r.item.importKey ?? '', id);
  }
  return ids;
}

// The bulk writes of the catalogue import: existing keys, external organisations, 索引号 serials in
// blocks and multi-row inserts of published items.
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

/** Bulk insert for imports: published items with their first version and public row. */
export async function insertPublishedItems(
  trx: Transaction<Database>,
  rows: { item: ItemValues; publicRow: Omit<PublicItemsTable, 'item_id'>; changeNote: string }[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const CHUNK = 200;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await trx
      .insertInto('items')
      .values(chunk.map((r) => insertableItem(r.item)))
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
      .values(
        withIds.map((r) => ({
          item_id: r.id,
          version: 1,
          title: r.item.title,
          summary: r.item.summary,
          doc_number: r.item.docNumber,
          body: r.item.body,
          validity: r.item.validity,
          change_note: r.changeNote,
          published_at: r.publicRow.published_at,
          published_by: null,
        })),
      )
      .execute();
    await trx
      .insertInto('public_items')
      .values(withIds.map((r) => ({ ...r.publicRow, item_id: r.id })))
      .execute();
    for (const r of withIds) ids.set(r.item.importKey ?? '', r.id);
  }
  return ids;
}

// Search indexing entry points used by the catalogue's write side (stub until the search module
// lands; it replaces this file).
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';

/** (Re)indexes an item from its public_items row, or removes it when it has none. */
export async function reindexPublicItem(_trx: Transaction<Database>, _itemId: number): Promise<void> {}

export async function removeFromIndex(_trx: Transaction<Database>, _itemId: number): Promise<void> {}

// Who may see and act on which item. Publishers and reviewers work only inside their own
// department; an item of another department answers 404 (its existence is not revealed), except
// to supervisors, who read every department but act on none but their own.
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { forbidden, notFound } from '../http/errors.js';
import { hasPermission } from '../users/roles.js';
import type { CurrentUser } from '../users/users.types.js';
import { DEFAULT_INDEX_NUMBER_FORMAT } from './index-number.js';
import * as repo from './items.repository.js';
import type { Item } from './items.types.js';

/** The catalogue's configuration, from the app's Config. */
export interface CatalogueSettings {
  indexNumberFormat: string;
}

export const DEFAULT_CATALOGUE_SETTINGS: CatalogueSettings = {
  indexNumberFormat: DEFAULT_INDEX_NUMBER_FORMAT,
};

export function catalogueSettings(config: Config): CatalogueSettings {
  return { indexNumberFormat: config.indexNumberFormat };
}

export const itemNotFound = () => notFound('信息不存在，或不属于您所在的机构。', 'item_not_found');

export function canReadAllDepartments(user: CurrentUser): boolean {
  return hasPermission(user.roles, 'catalogue.read_all');
}

/** The item if the user may read it; 404 otherwise. */
export async function loadReadableItem(db: Kysely<Database>, user: CurrentUser, id: number): Promise<Item> {
  const item = await repo.findItem(db, id);
  if (!item) throw itemNotFound();
  if (item.departmentId !== user.departmentId && !canReadAllDepartments(user)) throw itemNotFound();
  return item;
}

/**
 * The item, locked for the rest of the transaction, if the user may act on it: own department
 * only. Another department's item is 404, or 403 for supervisors who can see it.
 */
export async function loadWritableItem(
  trx: Transaction<Database>,
  user: CurrentUser,
  id: number,
): Promise<Item> {
  const item = await repo.findItemForUpdate(trx, id);
  if (!item) throw itemNotFound();
  if (item.departmentId !== user.departmentId) {
    if (canReadAllDepartments(user)) throw forbidden('只能处理本机构的信息。');
    throw itemNotFound();
  }
  return item;
}

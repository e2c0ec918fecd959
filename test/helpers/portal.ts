// What the public side's tests do to items through the catalogue's real services: revise a
// published item (a new version with a change note) and withdraw one.
import { catalogueSettings } from '../../src/catalogue/items.access.js';
import { publishItem, startRevision, withdrawItem } from '../../src/catalogue/items.publish.js';
import {
  getItemForUser,
  itemToInput,
  reviewItem,
  submitItem,
  updateDraft,
} from '../../src/catalogue/items.service.js';
import type { ItemInput } from '../../src/catalogue/items.types.js';
import type { TestApp } from './app.js';
import { staffOf } from './catalogue.js';

function check(step: string, r: { ok: boolean }): void {
  if (!r.ok) throw new Error(`${step}: ${JSON.stringify(r)}`);
}

/** Publishes a new version of a published item with the given changes and change note. */
export async function reviseItem(
  t: TestApp,
  itemId: number,
  departmentId: number,
  changes: Partial<ItemInput> & { changeNote: string },
): Promise<void> {
  const publisher = await staffOf(t, departmentId, 'publisher');
  const reviewer = await staffOf(t, departmentId, 'reviewer');
  const db = t.db.kysely;
  check('startRevision', await startRevision(db, publisher, itemId));
  const item = await getItemForUser(db, publisher, itemId);
  check('updateDraft', await updateDraft(db, publisher, itemId, { ...itemToInput(item), ...changes }));
  check('submit', await submitItem(db, publisher, itemId));
  check('approve', await reviewItem(db, reviewer, itemId, { approve: true, comment: '' }));
  check('publish', await publishItem(db, catalogueSettings(t.config), publisher, itemId));
}

export async function withdraw(
  t: TestApp,
  itemId: number,
  departmentId: number,
  reason: string,
): Promise<void> {
  const publisher = await staffOf(t, departmentId, 'publisher');
  check('withdraw', await withdrawItem(t.db.kysely, publisher, itemId, reason));
}

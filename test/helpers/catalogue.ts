// Catalogue factories for tests: topics, drafts and published items, made through the real
// services (a publisher drafts and submits, a different reviewer approves, the publisher publishes).
import { SYSTEM_ACTOR } from '../../src/audit/audit.types.js';
import { uploadAttachment } from '../../src/catalogue/attachments.service.js';
import { diskAttachmentStorage } from '../../src/catalogue/attachments.storage.js';
import { DEFAULT_CATALOGUE_SETTINGS, catalogueSettings } from '../../src/catalogue/items.access.js';
import { publishItem } from '../../src/catalogue/items.publish.js';
import { EMPTY_ITEM_INPUT, createDraft, reviewItem, submitItem } from '../../src/catalogue/items.service.js';
import type { ItemInput } from '../../src/catalogue/items.types.js';
import { createTopic } from '../../src/catalogue/topics.service.js';
import type { ItemCategory } from '../../src/catalogue/catalogue.types.js';
import type { Db } from '../../src/db/database.js';
import type { Role } from '../../src/users/roles.js';
import type { CurrentUser } from '../../src/users/users.types.js';
import { makeDepartment, makeUser, type TestApp } from './app.js';

let serial = 0;

export async function makeTopic(
  t: { db: Db },
  name = `测试主题${++serial}`,
  opts: { parentId?: number; isKeyArea?: boolean } = {},
): Promise<number> {
  const result = await createTopic(t.db.kysely, SYSTEM_ACTOR, {
    name,
    slug: '',
    parentId: opts.parentId === undefined ? '' : String(opts.parentId),
    description: '',
    isKeyArea: opts.isKeyArea ?? false,
    sortOrder: '',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fields));
  return result.value;
}

const staff = new WeakMap<TestApp, Map<string, CurrentUser>>();

/** A publisher or reviewer of a department, created once per test app and reused. */
export async function staffOf(t: TestApp, departmentId: number, role: Role): Promise<CurrentUser> {
  let byKey = staff.get(t);
  if (!byKey) staff.set(t, (byKey = new Map()));
  const key = `${departmentId}:${role}`;
  const known = byKey.get(key);
  if (known) return known;
  const u = await makeUser(t, { roles: [role], departmentId });
  const user: CurrentUser = {
    id: u.id,
    username: u.username,
    displayName: u.username,
    departmentId,
    roles: [role],
  };
  byKey.set(key, user);
  return user;
}

export interface ItemOverrides extends Partial<
  Omit<ItemInput, 'topicId' | 'category' | 'needsInterpretation'>
> {
  departmentId?: number;
  /** Author (a publisher of the department); a new publisher when absent. */
  authorId?: number;
  topicId?: number | null;
  category?: ItemCategory;
  needsInterpretation?: boolean;
}

function inputOf(o: ItemOverrides): ItemInput {
  const { departmentId: _d, authorId: _a, topicId, category, needsInterpretation, ...rest } = o;
  return {
    ...EMPTY_ITEM_INPUT,
    title: `测试信息${++serial}`,
    body: '测试正文。',
    category: category ?? 'notice',
    ...(category === 'policy' || category === 'normative' ? { signedDate: '2024-03-01' } : {}),
    ...(category === 'normative' ? { validity: 'valid' } : {}),
    ...(category === 'interpretation' ? { interpretationForm: 'text' } : {}),
    ...rest,
    topicId: topicId === undefined || topicId === null ? '' : String(topicId),
    needsInterpretation: needsInterpretation ?? false,
  };
}

/** A draft, written by `authorId` (or a publisher of the department). */
export async function makeDraftItem(
  t: TestApp,
  overrides: ItemOverrides = {},
): Promise<{ itemId: number; departmentId: number; author: CurrentUser }> {
  const departmentId = overrides.departmentId ?? (await makeDepartment(t));
  const author: CurrentUser =
    overrides.authorId !== undefined
      ? {
          id: overrides.authorId,
          username: 'author',
          displayName: 'author',
          departmentId,
          roles: ['publisher'],
        }
      : await staffOf(t, departmentId, 'publisher');
  const result = await createDraft(t.db.kysely, author, inputOf(overrides));
  if (!result.ok) throw new Error(`makeDraftItem: ${JSON.stringify(result.fields)}`);
  return { itemId: result.value, departmentId, author };
}

/** A file attached to a draft before it is submitted. */
export interface DraftAttachment {
  fileName: string;
  data: Buffer;
}

/**
 * A draft that has been submitted and approved by a different reviewer of its department, with
 * `attachments` uploaded to the draft first (their ids in `attachmentIds`, in that order).
 */
export async function makeApprovedItem(
  t: TestApp,
  overrides: ItemOverrides = {},
  attachments: readonly DraftAttachment[] = [],
): Promise<{ itemId: number; departmentId: number; author: CurrentUser; attachmentIds: number[] }> {
  const draft = await makeDraftItem(t, overrides);
  const attachmentIds: number[] = [];
  const storage = diskAttachmentStorage(t.config.dataDir);
  for (const file of attachments) {
    const upload = await uploadAttachment(
      t.db.kysely,
      storage,
      draft.author,
      draft.itemId,
      file,
      50 * 1024 * 1024,
    );
    if (!upload.ok) throw new Error(`upload: ${JSON.stringify(upload)}`);
    attachmentIds.push(upload.value);
  }
  const submitted = await submitItem(t.db.kysely, draft.author, draft.itemId);
  if (!submitted.ok) throw new Error(`submit: ${JSON.stringify(submitted)}`);
  const reviewer = await staffOf(t, draft.departmentId, 'reviewer');
  const approved = await reviewItem(t.db.kysely, reviewer, draft.itemId, { approve: true, comment: '' });
  if (!approved.ok) throw new Error(`approve: ${JSON.stringify(approved)}`);
  return { ...draft, attachmentIds };
}

export interface PublishedItemOptions extends ItemOverrides {
  title: string;
  body: string;
  docNumber?: string;
  signedDate?: string;
  /** The instant of publication (ISO); default now. */
  publishedAt?: string;
  /** Reason to publish despite personal data in the body. */
  piiConfirmReason?: string;
  /** Files uploaded to the draft before it is submitted. */
  attachments?: readonly DraftAttachment[];
}

/** A published item, through the real workflow. */
export async function makePublishedItem(
  t: TestApp,
  options: PublishedItemOptions,
): Promise<{ itemId: number; indexNumber: string; departmentId: number; attachmentIds: number[] }> {
  const { publishedAt, piiConfirmReason, attachments, ...overrides } = options;
  const item = await makeApprovedItem(t, overrides, attachments);
  const settings = t.config ? catalogueSettings(t.config) : DEFAULT_CATALOGUE_SETTINGS;
  const published = await publishItem(t.db.kysely, settings, item.author, item.itemId, {
    ...(publishedAt ? { now: publishedAt } : {}),
    ...(piiConfirmReason ? { piiConfirmReason } : {}),
  });
  if (!published.ok || !published.value.indexNumber) throw new Error(`publish: ${JSON.stringify(published)}`);
  return {
    itemId: item.itemId,
    indexNumber: published.value.indexNumber,
    departmentId: item.departmentId,
    attachmentIds: item.attachmentIds,
  };
}

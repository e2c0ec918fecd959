// The only file of the requests domain with Kysely queries; maps rows to domain types.
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { Database } from '../db/database.js';
import type { RequestEventsTable, RequestReviewsTable, RequestsTable } from './requests.table.js';
import {
  APPLICANT_CATEGORIES,
  CHANNELS,
  DELIVERY_METHODS,
  EVENT_KINDS,
  FORMS_WANTED,
  ID_TYPES,
  isOneOf,
  REQUEST_STATUSES,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type FoiRequest,
  type RequestEvent,
  type RequestReview,
  type RequestSummary,
} from './requests.types.js';

type Db = Kysely<Database> | Transaction<Database>;
export type RequestRow = Selectable<RequestsTable>;
export type NewRequestRow = Insertable<RequestsTable>;
export type RequestPatch = Updateable<RequestsTable>;

function pick<T extends string>(tuple: readonly T[], value: string, fallback: T): T {
  return isOneOf(tuple, value) ? value : fallback;
}

export function requestRowToRequest(r: RequestRow): Omit<FoiRequest, 'departmentName'> {
  return {
    id: r.id,
    number: r.number,
    departmentId: r.department_id,
    channel: pick(CHANNELS, r.channel, 'online'),
    applicant: {
      category: pick(APPLICANT_CATEGORIES, r.applicant_category, 'natural'),
      name: r.applicant_name,
      idType: pick(ID_TYPES, r.id_type, 'other'),
      idNumber: r.id_number,
      phone: r.phone,
      email: r.email,
      address: r.address,
    },
    applicantKey: r.applicant_key,
    info: {
      title: r.info_title,
      docNumber: r.info_doc_number,
      indexNumber: r.info_index_number,
      description: r.info_description,
    },
    infoKey: r.info_key,
    formWanted: pick(FORMS_WANTED, r.form_wanted, 'electronic'),
    deliveryWanted: pick(DELIVERY_METHODS, r.delivery_wanted, 'online'),
    suggestProactive: r.suggest_proactive === 1,
    status: pick(REQUEST_STATUSES, r.status, 'submitted'),
    submittedAt: r.submitted_at,
    receivedDate: r.received_date,
    outcome: r.outcome,
    ground: r.ground,
    reason: r.reason,
    decidedDate: r.decided_date,
    replyLetter: r.reply_letter,
    replySentDate: r.reply_sent_date,
    replyMethod: r.reply_method,
    relatedRequestId: r.related_request_id,
    catalogueItemId: r.catalogue_item_id,
  };
}

function eventRowToEvent(r: Selectable<RequestEventsTable>): RequestEvent {
  return {
    id: r.id,
    requestId: r.request_id,
    kind: pick(EVENT_KINDS, r.kind, 'message_to_applicant'),
    eventDate: r.event_date,
    dueDate: r.due_date,
    days: r.days,
    party: r.party,
    body: r.body,
    actorName: r.actor_name,
    createdAt: r.created_at,
  };
}

function reviewRowToReview(r: Selectable<RequestReviewsTable>): RequestReview {
  return {
    id: r.id,
    requestId: r.request_id,
    kind: pick(REVIEW_KINDS, r.kind, 'reconsideration'),
    filedDate: r.filed_date,
    result: pick(REVIEW_RESULTS, r.result, 'pending'),
    afterReconsideration: r.after_reconsideration === 1,
    note: r.note,
  };
}

export async function nextSerial(trx: Transaction<Database>, year: number): Promise<number> {
  const row = await trx
    .selectFrom('requests')
    .select((eb) => eb.fn.max('serial').as('m'))
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

export async function insertRequest(trx: Transaction<Database>, row: NewRequestRow): Promise<number> {
  const inserted = await trx.insertInto('requests').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateRequest(
  trx: Transaction<Database>,
  id: number,
  patch: RequestPatch,
): Promise<void> {
  await trx.updateTable('requests').set(patch).where('id', '=', id).execute();
}

export async function findRequestRow(db: Db, id: number): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRequestRowByNumber(db: Db, number: string): Promise<RequestRow | undefined> {
  return db.selectFrom('requests').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findBySubmissionKey(
  db: Db,
  key: string,
  since: string,
): Promise<RequestRow | undefined> {
  return db
    .selectFrom('requests')
    .selectAll()
    .where('submission_key', '=', key)
    .where('created_at', '>=', since)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertEvent(
  trx: Transaction<Database>,
  row: Insertable<RequestEventsTable>,
): Promise<void> {
  await trx.insertInto('request_events').values(row).execute();
}

export async function listEvents(db: Db, requestId: number): Promise<RequestEvent[]> {
  const rows = await db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
  return rows.map(eventRowToEvent);
}

/** The clock-relevant events of many requests at once, grouped by request. */
export async function listEventsFor(db: Db, ids: readonly number[]): Promise<Map<number, RequestEvent[]>> {
  const out = new Map<number, RequestEvent[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db
      .selectFrom('request_events')
      .selectAll()
      .where('request_id', 'in', chunk)
      .where('kind', 'not in', ['message_to_applicant', 'message_from_applicant', 'submitted'])
      .orderBy('request_id')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = out.get(r.request_id) ?? [];
      list.push(eventRowToEvent(r));
      out.set(r.request_id, list);
    }
  }
  return out;
}

function toSummary(
  r: Pick<
    RequestRow,
    | 'id'
    | 'number'
    | 'department_id'
    | 'channel'
    | 'applicant_category'
    | 'info_title'
    | 'info_description'
    | 'status'
    | 'received_date'
    | 'submitted_at'
  >,
): Omit<RequestSummary, 'departmentName'> {
  return {
    id: r.id,
    number: r.number,
    departmentId: r.department_id,
    channel: pick(CHANNELS, r.channel, 'online'),
    applicantCategory: pick(APPLICANT_CATEGORIES, r.applicant_category, 'natural'),
    infoTitle: r.info_title || r.info_description.slice(0, 40),
    status: pick(REQUEST_STATUSES, r.status, 'submitted'),
    receivedDate: r.received_date,
    submittedAt: r.submitted_at,
  };
}

export async function listRequests(
  db: Db,
  filter: { departmentId?: number | undefined; statuses: readonly string[]; limit: number },
): Promise<Omit<RequestSummary, 'departmentName'>[]> {
  let q = db
    .selectFrom('requests')
    .select([
      'id',
      'number',
      'department_id',
      'channel',
      'applicant_category',
      'info_title',
      'info_description',
      'status',
      'received_date',
      'submitted_at',
    ])
    .where('status', 'in', [...filter.statuses]);
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toSummary);
}

/** Earlier requests of the same applicant for the same information (repeat requests). */
export async function findSameApplicantSameInfo(
  db: Db,
  r: RequestRow,
): Promise<Omit<RequestSummary, 'departmentName'>[]> {
  if (!r.info_key) return [];
  const rows = await db
    .selectFrom('requests')
    .selectAll()
    .where('applicant_key', '=', r.applicant_key)
    .where('info_key', '=', r.info_key)
    .where('department_id', '=', r.department_id)
    .where('id', '<', r.id)
    .orderBy('id')
    .limit(10)
    .execute();
  return rows.map(toSummary);
}

/** How many other applicants asked this department for the same information. */
export async function countOtherApplicantsSameInfo(db: Db, r: RequestRow): Promise<number> {
  if (!r.info_key) return 0;
  const row = await db
    .selectFrom('requests')
    .select((eb) => eb.fn.count<number>('applicant_key').distinct().as('n'))
    .where('info_key', '=', r.info_key)
    .where('department_id', '=', r.department_id)
    .where('applicant_key', '!=', r.applicant_key)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertReview(
  trx: Transaction<Database>,
  row: Insertable<RequestReviewsTable>,
): Promise<number> {
  const inserted = await trx
    .insertInto('request_reviews')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateReviewResult(
  trx: Transaction<Database>,
  id: number,
  requestId: number,
  result: string,
  now: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('request_reviews')
    .set({ result, updated_at: now })
    .where('id', '=', id)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listReviews(db: Db, requestId: number): Promise<RequestReview[]> {
  const rows = await db
    .selectFrom('request_reviews')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
  return rows.map(reviewRowToReview);
}

export async function findReviewBody(db: Db, departmentId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('request_settings')
    .select('review_body')
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return row?.review_body || undefined;
}

export async function putReviewBody(
  trx: Transaction<Database>,
  departmentId: number,
  reviewBody: string,
  now: string,
): Promise<void> {
  await trx
    .insertInto('request_settings')
    .values({ department_id: departmentId, review_body: reviewBody, updated_at: now })
    .onConflict((oc) => oc.column('department_id').doUpdateSet({ review_body: reviewBody, updated_at: now }))
    .execute();
}

// ---- statistics (tables 三 and 四) ----

export interface CategoryCount {
  departmentId: number;
  category: string;
  n: number;
}
export interface OutcomeCount extends CategoryCount {
  outcome: string;
}

/** Requests whose receipt date lies in [from, to] (一、本年新收). */
export async function countReceived(db: Db, from: string, to: string): Promise<CategoryCount[]> {
  const rows = await db
    .selectFrom('requests')
    .select(['department_id', 'applicant_category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_date', '>=', from)
    .where('received_date', '<=', to)
    .groupBy(['department_id', 'applicant_category'])
    .execute();
  return rows.map((r) => ({ departmentId: r.department_id, category: r.applicant_category, n: Number(r.n) }));
}

/** Requests received before `date` and not decided before it (open at the start of `date`). */
export async function countOpenAt(db: Db, date: string): Promise<CategoryCount[]> {
  const rows = await db
    .selectFrom('requests')
    .select(['department_id', 'applicant_category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('received_date', '<', date)
    .where((eb) => eb.or([eb('decided_date', 'is', null), eb('decided_date', '>=', date)]))
    .groupBy(['department_id', 'applicant_category'])
    .execute();
  return rows.map((r) => ({ departmentId: r.department_id, category: r.applicant_category, n: Number(r.n) }));
}

/** Requests decided in [from, to], by outcome (三、本年度办理结果). */
export async function countDecided(db: Db, from: string, to: string): Promise<OutcomeCount[]> {
  const rows = await db
    .selectFrom('requests')
    .select(['department_id', 'applicant_category', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('decided_date', '>=', from)
    .where('decided_date', '<=', to)
    .where('received_date', 'is not', null)
    .groupBy(['department_id', 'applicant_category', 'outcome'])
    .execute();
  return rows.map((r) => ({
    departmentId: r.department_id,
    category: r.applicant_category,
    outcome: r.outcome ?? '',
    n: Number(r.n),
  }));
}

export interface ReviewCount {
  departmentId: number;
  kind: string;
  result: string;
  afterReconsideration: boolean;
  n: number;
}

/** 行政复议 / 行政诉讼 filed in [from, to] (table 四). */
export async function countReviews(db: Db, from: string, to: string): Promise<ReviewCount[]> {
  const rows = await db
    .selectFrom('request_reviews as v')
    .innerJoin('requests as r', 'r.id', 'v.request_id')
    .select([
      'r.department_id',
      'v.kind',
      'v.result',
      'v.after_reconsideration',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('v.filed_date', '>=', from)
    .where('v.filed_date', '<=', to)
    .groupBy(['r.department_id', 'v.kind', 'v.result', 'v.after_reconsideration'])
    .execute();
  return rows.map((r) => ({
    departmentId: r.department_id,
    kind: r.kind,
    result: r.result,
    afterReconsideration: r.after_reconsideration === 1,
    n: Number(r.n),
  }));
}

// ---- released files ----

export interface ReleasedFile {
  id: number;
  requestId: number;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  createdAt: string;
}

export async function insertFile(trx: Transaction<Database>, f: Omit<ReleasedFile, 'id'>): Promise<number> {
  const row = await trx
    .insertInto('request_files')
    .values({
      request_id: f.requestId,
      sha256: f.sha256,
      file_name: f.fileName,
      media_type: f.mediaType,
      size: f.size,
      created_at: f.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteFile(
  trx: Transaction<Database>,
  requestId: number,
  fileId: number,
): Promise<boolean> {
  const r = await trx
    .deleteFrom('request_files')
    .where('id', '=', fileId)
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function listFiles(db: Db, requestId: number): Promise<ReleasedFile[]> {
  const rows = await db
    .selectFrom('request_files')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    sha256: r.sha256,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: r.size,
    createdAt: r.created_at,
  }));
}

// Use-cases of the requests domain: applying (public and registered by staff), tracking, reading
// a request with its live clock, and listing open requests. Staff actions are in requests.actions.ts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import { getCalendar } from '../calendar/calendar.service.js';
import { isValidDate } from '../calendar/calendar.dates.js';
import type { Database } from '../db/database.js';
import { lockResource } from '../db/dialect.js';
import { invalid, notFound, ok, type Result } from '../http/errors.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { addMinutes, nowIso, shanghaiDate } from '../shared/clock.js';
import { hasPermission } from '../users/roles.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { computeClock, memoCalendar, type ClockState } from './requests.clock.js';
import * as repo from './requests.repository.js';
import {
  CHANNELS,
  isOneOf,
  OPEN_STATUSES,
  type Channel,
  type FoiRequest,
  type RequestEvent,
  type RequestReview,
  type RequestSummary,
} from './requests.types.js';
import { validateApplication, type ApplicationInput, type ValidApplication } from './requests.validation.js';

/** An identical resubmission within this window answers with the first submission. */
export const RESUBMISSION_WINDOW_MINUTES = 10;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export const requestNotFound = () => notFound('申请不存在，或不属于您所在的机构。', 'request_not_found');

export function hashCode(code: string): string {
  return createHash('sha256').update(`gongkai-ysq:${code.trim().toUpperCase()}`).digest('hex');
}

/** A 16-character 查询码 (about 78 bits), grouped by four: e.g. K7QM-3XPD-9TRA-2HWB. */
export function newTrackingCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'A').join('');
  return chars.match(/.{4}/g)?.join('-') ?? chars;
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Normalised 证件 of the applicant (finds their earlier requests without storing it twice). */
export function applicantKeyOf(idType: string, idNumber: string): string {
  return sha(`${idType}:${idNumber.replace(/\s/g, '').toUpperCase()}`);
}

/** Normalised description of the information sought (finds requests for the same information). */
export function infoKeyOf(info: { title: string; docNumber: string; description: string }): string {
  const basis = info.docNumber || info.title || info.description.slice(0, 60);
  return basis.replace(/[\s，。、“”"'《》（）()【】[\]:：;；,.!！?？-]/g, '').toLowerCase();
}

async function activeDepartmentIds(db: Kysely<Database>): Promise<Set<number>> {
  return new Set((await listAllDepartments(db, true)).map((d) => d.id));
}

export async function departmentNames(db: Kysely<Database>): Promise<Map<number, string>> {
  return new Map((await listAllDepartments(db)).map((d) => [d.id, d.fullName]));
}

// The 查询码 of a recent submission, in memory only, so that an identical resubmission (a double
// click, a retried post) can show the same code again. Never stored in the database.
const recentCodes = new Map<string, { code: string; expires: number }>();

function rememberCode(key: string, code: string): void {
  const now = Date.now();
  for (const [k, v] of recentCodes) if (v.expires < now) recentCodes.delete(k);
  recentCodes.set(key, { code, expires: now + RESUBMISSION_WINDOW_MINUTES * 60_000 });
}

export interface Submitted {
  id: number;
  number: string;
  /** The 查询码; null when an identical resubmission can no longer show it. */
  code: string | null;
  duplicate: boolean;
}

interface NewRequest {
  v: ValidApplication;
  channel: Channel;
  receivedDate: string | null;
  submissionKey: string | null;
}

async function insertNewRequest(
  db: Kysely<Database>,
  actor: AuditActor,
  n: NewRequest,
): Promise<{ id: number; number: string; code: string }> {
  const now = nowIso();
  const code = newTrackingCode();
  const year = Number(shanghaiDate(new Date(now)).slice(0, 4));
  const { v } = n;
  return db.transaction().execute(async (trx) => {
    await lockResource(trx, 'request_serial');
    const serial = await repo.nextSerial(trx, year);
    const number = `YSQ-${year}-${String(serial).padStart(6, '0')}`;
    const id = await repo.insertRequest(trx, {
      number,
      year,
      serial,
      tracking_hash: hashCode(code),
      department_id: v.departmentId,
      channel: n.channel,
      applicant_category: v.applicant.category,
      applicant_name: v.applicant.name,
      id_type: v.applicant.idType,
      id_number: v.applicant.idNumber,
      phone: v.applicant.phone,
      email: v.applicant.email,
      address: v.applicant.address,
      applicant_key: applicantKeyOf(v.applicant.idType, v.applicant.idNumber),
      info_title: v.info.title,
      info_doc_number: v.info.docNumber,
      info_index_number: v.info.indexNumber,
      info_description: v.info.description,
      info_key: infoKeyOf(v.info),
      form_wanted: v.formWanted,
      delivery_wanted: v.deliveryWanted,
      suggest_proactive: v.suggestProactive ? 1 : 0,
      status: n.receivedDate ? 'received' : 'submitted',
      submitted_at: now,
      received_date: n.receivedDate,
      reason: '',
      reply_letter: '',
      submission_key: n.submissionKey,
      created_at: now,
      updated_at: now,
    });
    const base = {
      request_id: id,
      actor_user_id: actor.userId,
      actor_name: actor.name,
      created_at: now,
      party: '',
      body: '',
    };
    await repo.insertEvent(trx, {
      ...base,
      kind: 'submitted',
      event_date: shanghaiDate(new Date(now)),
      body: n.channel,
    });
    if (n.receivedDate)
      await repo.insertEvent(trx, { ...base, kind: 'receipt_confirmed', event_date: n.receivedDate });
    // No personal data in the audit trail: the number, channel and department only.
    await appendAudit(trx, actor, {
      action: 'request_submitted',
      entityType: 'request',
      entityId: id,
      departmentId: v.departmentId,
      summary: { number, channel: n.channel, receivedDate: n.receivedDate },
    });
    return { id, number, code };
  });
}

export const APPLICANT_ACTOR: AuditActor = { userId: null, name: '申请人（网上提交）', departmentId: null };

/** A citizen's online application. `clientKey` identifies the browser (for resubmissions). */
export async function submitApplication(
  db: Kysely<Database>,
  input: ApplicationInput,
  clientKey: string,
): Promise<Result<Submitted>> {
  const active = await activeDepartmentIds(db);
  const checked = validateApplication(input, {
    today: shanghaiDate(),
    departmentIsActive: (id) => active.has(id),
  });
  if (!checked.ok) return checked;
  const submissionKey = sha(`${clientKey}\n${JSON.stringify(checked.value)}`);
  const earlier = await repo.findBySubmissionKey(
    db,
    submissionKey,
    addMinutes(nowIso(), -RESUBMISSION_WINDOW_MINUTES),
  );
  if (earlier) {
    const remembered = recentCodes.get(submissionKey);
    return ok({ id: earlier.id, number: earlier.number, code: remembered?.code ?? null, duplicate: true });
  }
  const created = await insertNewRequest(db, APPLICANT_ACTOR, {
    v: checked.value,
    channel: 'online',
    receivedDate: null,
    submissionKey,
  });
  rememberCode(submissionKey, created.code);
  return ok({ ...created, duplicate: false });
}

export interface RegistrationInput extends ApplicationInput {
  channel: string;
  receivedDate: string;
}

/** Staff register an application received in person, by post or by fax (their own department). */
export async function registerApplication(
  db: Kysely<Database>,
  user: CurrentUser,
  input: RegistrationInput,
): Promise<Result<Submitted>> {
  const today = shanghaiDate();
  const checked = validateApplication(
    { ...input, departmentId: String(user.departmentId) },
    { today, departmentIsActive: () => true },
  );
  const fields = checked.ok ? {} : { ...checked.fields };
  const channel = input.channel.trim();
  if (!isOneOf(CHANNELS, channel) || channel === 'online')
    fields.channel = '请选择收到申请的渠道（当面、邮寄或传真）';
  const received = input.receivedDate.trim() || today;
  if (!isValidDate(received)) fields.receivedDate = '收到日期应为有效日期，格式如 2026-03-15';
  else if (received > today) fields.receivedDate = '收到日期不能晚于今天';
  if (!checked.ok || Object.keys(fields).length > 0 || !isOneOf(CHANNELS, channel)) return invalid(fields);
  const created = await insertNewRequest(db, actorOf(user), {
    v: checked.value,
    channel,
    receivedDate: received,
    submissionKey: null,
  });
  return ok({ ...created, duplicate: false });
}

// ---- reading ----

export function canReadAll(user: CurrentUser): boolean {
  return hasPermission(user.roles, 'requests.read_all');
}

/** The request's row if the user may read it (own department, or every one with read_all). */
export async function loadRowForUser(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<repo.RequestRow> {
  const row = await repo.findRequestRow(db, id);
  if (!row) throw requestNotFound();
  if (row.department_id !== user.departmentId && !canReadAll(user)) throw requestNotFound();
  return row;
}

export interface RequestDetail {
  request: FoiRequest;
  files: repo.ReleasedFile[];
  events: RequestEvent[];
  reviews: RequestReview[];
  clock: ClockState;
  earlierSameApplicant: RequestSummary[];
  otherApplicantsSameInfo: number;
}

export async function clockOf(
  db: Kysely<Database>,
  receivedDate: string | null,
  events: readonly RequestEvent[],
  today = shanghaiDate(),
): Promise<ClockState> {
  const cal = await getCalendar(db);
  return computeClock(cal, {
    receivedDate,
    events: events.map((e) => ({ kind: e.kind, date: e.eventDate, dueDate: e.dueDate, days: e.days })),
    today,
  });
}

export async function getRequestDetail(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<RequestDetail> {
  const row = await loadRowForUser(db, user, id);
  const names = await departmentNames(db);
  const [files, events, reviews, earlier, others] = await Promise.all([
    repo.listFiles(db, id),
    repo.listEvents(db, id),
    repo.listReviews(db, id),
    repo.findSameApplicantSameInfo(db, row),
    repo.countOtherApplicantsSameInfo(db, row),
  ]);
  const name = (d: number) => names.get(d) ?? '';
  return {
    request: { ...repo.requestRowToRequest(row), departmentName: name(row.department_id) },
    files,
    events,
    reviews,
    clock: await clockOf(db, row.received_date, events),
    earlierSameApplicant: earlier.map((s) => ({ ...s, departmentName: name(s.departmentId) })),
    otherApplicantsSameInfo: others,
  };
}

export interface OpenRequest extends RequestSummary {
  clock: ClockState;
}

/** Open requests with their live deadlines: the user's department, or all with read_all. */
export async function listOpenRequests(
  db: Kysely<Database>,
  user: CurrentUser,
  filter: { departmentId?: number | undefined } = {},
): Promise<OpenRequest[]> {
  const departmentId = canReadAll(user) ? filter.departmentId : user.departmentId;
  const [rows, names, cal] = await Promise.all([
    repo.listRequests(db, { departmentId, statuses: OPEN_STATUSES, limit: 5000 }),
    departmentNames(db),
    getCalendar(db),
  ]);
  const events = await repo.listEventsFor(
    db,
    rows.map((r) => r.id),
  );
  const today = shanghaiDate();
  const memo = memoCalendar(cal);
  const list = rows.map((r) => ({
    ...r,
    departmentName: names.get(r.departmentId) ?? '',
    clock: computeClock(memo, {
      receivedDate: r.receivedDate,
      events: (events.get(r.id) ?? []).map((e) => ({
        kind: e.kind,
        date: e.eventDate,
        dueDate: e.dueDate,
        days: e.days,
      })),
      today,
    }),
  }));
  // Overdue first, then by the nearest deadline; unconfirmed and paused last.
  const rank = (o: OpenRequest) => (o.clock.overdue ? 0 : o.clock.deadline && !o.clock.paused ? 1 : 2);
  return list.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.clock.deadline ?? '9999').localeCompare(b.clock.deadline ?? '9999') ||
      a.id - b.id,
  );
}

export async function listClosedRequests(
  db: Kysely<Database>,
  user: CurrentUser,
  limit = 200,
): Promise<RequestSummary[]> {
  const departmentId = canReadAll(user) ? undefined : user.departmentId;
  const [rows, names] = await Promise.all([
    repo.listRequests(db, { departmentId, statuses: ['decided', 'closed'], limit }),
    departmentNames(db),
  ]);
  return rows.map((r) => ({ ...r, departmentName: names.get(r.departmentId) ?? '' }));
}

// ---- public tracking ----

export interface Tracking {
  number: string;
  departmentName: string;
  status: FoiRequest['status'];
  submittedAt: string;
  receivedDate: string | null;
  clock: ClockState;
  /** Dated steps the applicant may see (no staff names). */
  steps: { date: string; kind: RequestEvent['kind']; dueDate: string | null; body: string }[];
  replyLetter: string | null;
  replySentDate: string | null;
  /** The files released with the reply, once it is sent. */
  files: repo.ReleasedFile[];
}

const PUBLIC_STEPS: readonly RequestEvent['kind'][] = [
  'submitted',
  'receipt_confirmed',
  'correction_requested',
  'correction_received',
  'consultation_started',
  'consultation_ended',
  'extended',
  'fee_notice_issued',
  'fee_paid',
  'reply_sent',
  'message_to_applicant',
  'message_from_applicant',
];

/** The tracking page's content, or undefined when the number and code do not match. */
export async function trackRequest(
  db: Kysely<Database>,
  number: string,
  code: string,
): Promise<Tracking | undefined> {
  const row = await repo.findRequestRowByNumber(db, number.trim().toUpperCase());
  const given = Buffer.from(hashCode(code));
  const expected = Buffer.from(row ? row.tracking_hash : hashCode('-'));
  if (!row || given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const events = await repo.listEvents(db, row.id);
  const names = await departmentNames(db);
  const sent = row.status === 'closed' && row.reply_sent_date !== null;
  return {
    number: row.number,
    departmentName: names.get(row.department_id) ?? '',
    status: repo.requestRowToRequest(row).status,
    submittedAt: row.submitted_at,
    receivedDate: row.received_date,
    clock: await clockOf(db, row.received_date, events),
    steps: events
      .filter((e) => PUBLIC_STEPS.includes(e.kind))
      .map((e) => ({
        date: e.eventDate,
        kind: e.kind,
        dueDate: e.dueDate,
        body:
          e.kind === 'message_to_applicant' ||
          e.kind === 'message_from_applicant' ||
          e.kind === 'correction_requested' ||
          e.kind === 'extended'
            ? e.body
            : '',
      })),
    replyLetter: sent ? row.reply_letter : null,
    replySentDate: sent ? row.reply_sent_date : null,
    files: sent ? await repo.listFiles(db, row.id) : [],
  };
}

export { activeDepartmentIds };

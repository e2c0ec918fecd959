// Staff actions on a request of their own department. Each checks the clock and the status,
// writes the event, the request's new state and an audit entry in one transaction (no personal
// data in the audit summary), or returns field errors and saves nothing.
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import { isValidDate } from '../calendar/calendar.dates.js';
import type { Database } from '../db/database.js';
import { conflict, invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { nowIso, shanghaiDate } from '../shared/clock.js';
import { actorOf } from '../users/users.service.js';
import type { CurrentUser } from '../users/users.types.js';
import { correctionRefusal, REGIME_RULES, type ClockState } from './requests.clock.js';
import { DEFAULT_REVIEW_BODY, generateReplyLetter } from './requests.letters.js';
import {
  DISCLOSURE_GROUNDS,
  groundOf,
  isRefusal,
  needsReason,
  OUTCOMES,
  type Outcome,
} from './requests.outcomes.js';
import * as repo from './requests.repository.js';
import { clockOf, departmentNames, requestNotFound } from './requests.service.js';
import {
  DELIVERY_METHODS,
  isOneOf,
  REVIEW_KINDS,
  REVIEW_RESULTS,
  type EventKind,
  type RequestStatus,
} from './requests.types.js';

export const ACTIONS = [
  'confirm_receipt',
  'ask_correction',
  'record_correction',
  'start_consultation',
  'end_consultation',
  'extend',
  'issue_fee_notice',
  'record_fee_paid',
  'decide',
  'edit_letter',
  'send_reply',
  'message',
  'record_review',
  'update_review',
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  confirm_receipt: '确认收到申请',
  ask_correction: '告知补正',
  record_correction: '登记收到补正',
  start_consultation: '开始征求意见',
  end_consultation: '结束征求意见',
  extend: '延长答复期限',
  issue_fee_notice: '发出收费通知',
  record_fee_paid: '登记已缴费',
  decide: '作出答复决定',
  edit_letter: '修改答复告知书',
  send_reply: '送达答复',
  message: '登记与申请人的往来',
  record_review: '登记行政复议或行政诉讼',
  update_review: '更新复议或诉讼结果',
};

/** Every field an action may read, as a form or JSON body sends it (all strings). */
export interface ActionInput {
  date?: string | undefined;
  dueDate?: string | undefined;
  days?: string | undefined;
  party?: string | undefined;
  approver?: string | undefined;
  body?: string | undefined;
  outcome?: string | undefined;
  ground?: string | undefined;
  reason?: string | undefined;
  relatedNumber?: string | undefined;
  letter?: string | undefined;
  method?: string | undefined;
  direction?: string | undefined;
  kind?: string | undefined;
  result?: string | undefined;
  afterReconsideration?: string | undefined;
  reviewId?: string | undefined;
}

export const ACTION_FIELD_LABELS: Record<keyof ActionInput, string> = {
  date: '日期',
  dueDate: '补正期限',
  days: '延长的工作日数',
  party: '征求意见的对象',
  approver: '批准人（政府信息公开工作机构负责人）',
  body: '内容',
  outcome: '办理结果',
  ground: '不予公开的依据',
  reason: '理由或说明',
  relatedNumber: '此前申请的编号',
  letter: '答复告知书',
  method: '送达方式',
  direction: '方向',
  kind: '类型',
  result: '结果',
  afterReconsideration: '是否经过行政复议',
  reviewId: '记录',
};

/** Which statuses each action starts from, and where it leads. */
const TRANSITIONS: Record<Action, { from: readonly RequestStatus[]; to?: RequestStatus }> = {
  confirm_receipt: { from: ['submitted'], to: 'received' },
  ask_correction: { from: ['received'], to: 'correction' },
  record_correction: { from: ['correction'], to: 'received' },
  start_consultation: { from: ['received'], to: 'consultation' },
  end_consultation: { from: ['consultation'], to: 'received' },
  extend: { from: ['received', 'consultation', 'fee'] },
  issue_fee_notice: { from: ['received'], to: 'fee' },
  record_fee_paid: { from: ['fee'], to: 'received' },
  decide: { from: ['received', 'correction', 'fee', 'consultation'], to: 'decided' },
  edit_letter: { from: ['decided'] },
  send_reply: { from: ['decided'], to: 'closed' },
  message: { from: ['submitted', 'received', 'correction', 'consultation', 'fee', 'decided', 'closed'] },
  record_review: { from: ['decided', 'closed'] },
  update_review: { from: ['decided', 'closed'] },
};

const STATUS_MESSAGE = '申请当前的办理状态不允许此操作，请刷新页面查看最新状态。';

interface Ctx {
  row: repo.RequestRow;
  clock: ClockState;
  today: string;
  fields: FieldErrors;
}

function str(v: string | undefined): string {
  return (v ?? '').trim();
}

/** A legal date: given or today; not in the future, not before `notBefore`. */
function dateField(
  c: Ctx,
  name: keyof ActionInput,
  raw: string | undefined,
  notBefore: string | null,
): string {
  const value = str(raw) || c.today;
  if (!isValidDate(value)) c.fields[name] = '请填写有效日期，格式如 2026-03-15';
  else if (value > c.today) c.fields[name] = '日期不能晚于今天';
  else if (notBefore && value < notBefore) c.fields[name] = `日期不能早于 ${notBefore}`;
  return value;
}

function required(
  c: Ctx,
  name: keyof ActionInput,
  raw: string | undefined,
  message: string,
  max = 4000,
): string {
  const value = str(raw);
  if (!value) c.fields[name] = message;
  else if (value.length > max) c.fields[name] = `不能超过 ${max} 个字符`;
  return value;
}

/** The date of the latest event that the clock counts from (no action may be dated before it). */
function lastClockDate(c: Ctx): string | null {
  const moves = c.clock.moves;
  return moves.length ? (moves[moves.length - 1]?.date ?? null) : null;
}

export async function loadForHandling(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
): Promise<repo.RequestRow> {
  const row = await repo.findRequestRow(db, id);
  if (!row || row.department_id !== user.departmentId) throw requestNotFound();
  return row;
}

interface Write {
  event?: {
    kind: EventKind;
    date: string;
    dueDate?: string | null;
    days?: number | null;
    party?: string;
    body?: string;
  };
  patch?: repo.RequestPatch;
  audit: Record<string, unknown>;
  extra?: (trx: Transaction<Database>) => Promise<void>;
}

function plan(
  action: Action,
  c: Ctx,
  input: ActionInput,
  ctx: { relatedId: number | null; departmentName: string; reviewBody: string },
): Write | undefined {
  const { row, clock } = c;
  switch (action) {
    case 'confirm_receipt': {
      const submitted = shanghaiDate(new Date(row.submitted_at));
      const date = dateField(c, 'date', input.date, submitted);
      return {
        event: { kind: 'receipt_confirmed', date },
        patch: { received_date: date },
        audit: { receivedDate: date },
      };
    }
    case 'ask_correction': {
      const date = dateField(c, 'date', input.date, row.received_date);
      const refusal = correctionRefusal(clock, date);
      if (refusal) c.fields.date = refusal;
      const due = str(input.dueDate);
      if (!isValidDate(due)) c.fields.dueDate = '请填写补正期限，格式如 2026-03-31';
      else if (due <= date) c.fields.dueDate = '补正期限应晚于告知补正的日期';
      const body = required(c, 'body', input.body, '请一次性列明需要补正的全部事项');
      return {
        event: { kind: 'correction_requested', date, dueDate: due, body },
        audit: { date, dueDate: due },
      };
    }
    case 'record_correction': {
      const date = dateField(c, 'date', input.date, lastClockDate(c));
      return { event: { kind: 'correction_received', date, body: str(input.body) }, audit: { date } };
    }
    case 'start_consultation': {
      const date = dateField(c, 'date', input.date, lastClockDate(c));
      const party = required(c, 'party', input.party, '请填写征求意见的第三方或其他机关', 200);
      return {
        event: { kind: 'consultation_started', date, party, body: str(input.body) },
        audit: { date, party },
      };
    }
    case 'end_consultation': {
      const date = dateField(c, 'date', input.date, lastClockDate(c));
      const body = required(c, 'body', input.body, '请填写征求意见的结果（或注明逾期未答复）');
      return { event: { kind: 'consultation_ended', date, body }, audit: { date } };
    }
    case 'extend': {
      const max = REGIME_RULES[clock.regime].maxExtension;
      if (clock.extended) c.fields.days = '答复期限只能延长一次，本申请已经延长过。';
      const date = dateField(c, 'date', input.date, row.received_date);
      const daysRaw = str(input.days);
      const days = /^\d{1,2}$/.test(daysRaw) ? Number(daysRaw) : 0;
      if (!c.fields.days && (days < 1 || days > max)) c.fields.days = `延长期限最长不超过 ${max} 个工作日`;
      if (clock.deadline && date > clock.deadline && !c.fields.date)
        c.fields.date = `延长应在答复期限（${clock.deadline}）届满前决定`;
      const approver = required(
        c,
        'approver',
        input.approver,
        '请填写批准延期的政府信息公开工作机构负责人',
        100,
      );
      const body = required(c, 'body', input.body, '请填写告知申请人的延期通知内容');
      return {
        event: { kind: 'extended', date, days, party: approver, body },
        audit: { date, days, approver },
      };
    }
    case 'issue_fee_notice': {
      const date = dateField(c, 'date', input.date, lastClockDate(c));
      const body = required(c, 'body', input.body, '请填写收费通知的内容（计费方式和金额）');
      return { event: { kind: 'fee_notice_issued', date, body }, audit: { date } };
    }
    case 'record_fee_paid': {
      const date = dateField(c, 'date', input.date, lastClockDate(c));
      return { event: { kind: 'fee_paid', date }, audit: { date } };
    }
    case 'decide': {
      const outcome = str(input.outcome);
      if (!isOneOf(OUTCOMES, outcome)) {
        c.fields.outcome = '请选择办理结果';
        return undefined;
      }
      return planDecision(c, outcome, input, ctx);
    }
    case 'edit_letter': {
      const letter = required(c, 'letter', input.letter, '答复告知书不能为空', 20000);
      return { patch: { reply_letter: letter }, audit: { letterEdited: true } };
    }
    case 'send_reply': {
      const date = dateField(c, 'date', input.date, row.decided_date);
      const method = str(input.method);
      if (!isOneOf(DELIVERY_METHODS, method)) c.fields.method = '请选择送达方式';
      return {
        event: { kind: 'reply_sent', date, party: method },
        patch: { reply_sent_date: date, reply_method: method },
        audit: { date, method },
      };
    }
    case 'message': {
      const date = dateField(c, 'date', input.date, null);
      const direction = str(input.direction);
      if (direction !== 'to' && direction !== 'from') c.fields.direction = '请选择是致申请人还是申请人来信';
      const body = required(c, 'body', input.body, '请填写内容');
      return {
        event: { kind: direction === 'from' ? 'message_from_applicant' : 'message_to_applicant', date, body },
        audit: { date, direction },
      };
    }
    case 'record_review': {
      const kind = str(input.kind);
      const result = str(input.result) || 'pending';
      if (!isOneOf(REVIEW_KINDS, kind)) c.fields.kind = '请选择行政复议或行政诉讼';
      if (!isOneOf(REVIEW_RESULTS, result)) c.fields.result = '请选择结果';
      const date = dateField(c, 'date', input.date, row.decided_date);
      const after = kind === 'litigation' && str(input.afterReconsideration) === '1';
      const note = str(input.body);
      return {
        audit: { kind, result, filedDate: date, afterReconsideration: after },
        extra: async (trx) => {
          const now = nowIso();
          await repo.insertReview(trx, {
            request_id: row.id,
            kind,
            filed_date: date,
            result,
            after_reconsideration: after ? 1 : 0,
            note,
            created_at: now,
            updated_at: now,
          });
        },
      };
    }
    case 'update_review': {
      const result = str(input.result);
      if (!isOneOf(REVIEW_RESULTS, result)) c.fields.result = '请选择结果';
      const reviewId = Number(str(input.reviewId));
      return {
        audit: { reviewId, result },
        extra: async (trx) => {
          if (!(await repo.updateReviewResult(trx, reviewId, row.id, result, nowIso())))
            throw requestNotFound();
        },
      };
    }
    default: {
      const never: never = action;
      return never;
    }
  }
}

function planDecision(
  c: Ctx,
  outcome: Outcome,
  input: ActionInput,
  ctx: { relatedId: number | null; departmentName: string; reviewBody: string },
): Write {
  const { row, clock } = c;
  const date = dateField(c, 'date', input.date, lastClockDate(c));
  if (outcome === 'no_correction' && clock.closable !== 'no_correction')
    c.fields.outcome = '只有在补正期限届满后申请人仍未补正时，才能按“逾期不补正”办结';
  else if (outcome === 'fee_unpaid' && clock.closable !== 'fee_unpaid')
    c.fields.outcome = '只有在缴费期限（收费通知发出后 20 个工作日）届满后仍未缴费时，才能按“逾期未缴费”办结';
  else if (outcome !== 'other' && outcome !== 'no_correction' && outcome !== 'fee_unpaid' && clock.paused)
    c.fields.outcome = '补正、征求意见或收费程序尚未结束，请先登记其结果';
  const groundRaw = str(input.ground);
  const chosen = isOneOf(DISCLOSURE_GROUNDS, groundRaw) ? groundRaw : null;
  if (outcome === 'partial' && !chosen)
    c.fields.ground = '部分公开时请选择不予公开部分的依据（第十四条至第十六条）';
  const reason = str(input.reason);
  if (
    needsReason(outcome) &&
    !reason &&
    outcome !== 'repeat' &&
    outcome !== 'no_correction' &&
    outcome !== 'fee_unpaid'
  )
    c.fields.reason = isRefusal(outcome)
      ? '不予公开应当说明理由（第三十六条第（三）项）'
      : '请填写理由或说明';
  if (reason.length > 4000) c.fields.reason = '不能超过 4000 个字符';
  if (outcome === 'repeat' && !ctx.relatedId) c.fields.relatedNumber = '重复申请请填写此前已答复的申请编号';
  const ground = groundOf(outcome, chosen);
  const letter = generateReplyLetter({
    departmentName: ctx.departmentName,
    reviewBody: ctx.reviewBody,
    applicantName: row.applicant_name,
    number: row.number,
    submittedDate: shanghaiDate(new Date(row.submitted_at)),
    receivedDate: row.received_date ?? date,
    infoDescription: row.info_title || row.info_doc_number || row.info_description.slice(0, 100),
    outcome,
    ground,
    reason,
    decidedDate: date,
    relatedNumber: str(input.relatedNumber) || null,
  });
  return {
    event: { kind: 'decided', date, body: outcome },
    patch: {
      outcome,
      ground,
      reason,
      decided_date: date,
      reply_letter: letter,
      related_request_id: ctx.relatedId,
    },
    audit: { date, outcome, ground, onTime: clock.deadline ? date <= clock.deadline : null },
  };
}

/** Runs one staff action; field errors come back as a Result and nothing is saved. */
export async function performAction(
  db: Kysely<Database>,
  user: CurrentUser,
  id: number,
  action: Action,
  input: ActionInput,
): Promise<Result<true>> {
  const row = await loadForHandling(db, user, id);
  const transition = TRANSITIONS[action];
  if (!(transition.from as readonly string[]).includes(row.status))
    throw conflict(STATUS_MESSAGE, undefined, 'invalid_status');
  const events = await repo.listEvents(db, id);
  const c: Ctx = {
    row,
    clock: await clockOf(db, row.received_date, events),
    today: shanghaiDate(),
    fields: {},
  };
  let relatedId: number | null = null;
  const relatedNumber = str(input.relatedNumber).toUpperCase();
  if (action === 'decide' && relatedNumber) {
    const related = await repo.findRequestRowByNumber(db, relatedNumber);
    if (!related || related.department_id !== row.department_id || related.id === row.id)
      c.fields.relatedNumber = '找不到本机构的该申请编号';
    else relatedId = related.id;
  }
  const names = action === 'decide' ? await departmentNames(db) : new Map<number, string>();
  const reviewBody =
    action === 'decide' ? ((await repo.findReviewBody(db, row.department_id)) ?? DEFAULT_REVIEW_BODY) : '';
  const w = plan(action, c, input, {
    relatedId,
    departmentName: names.get(row.department_id) ?? '',
    reviewBody,
  });
  if (!w || Object.keys(c.fields).length > 0) return invalid(c.fields);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    // Re-check the status inside the transaction: two officers may act at once.
    const fresh = await repo.findRequestRow(trx, id);
    if (!fresh || fresh.status !== row.status) throw conflict(STATUS_MESSAGE, undefined, 'invalid_status');
    if (w.event) {
      await repo.insertEvent(trx, {
        request_id: id,
        kind: w.event.kind,
        event_date: w.event.date,
        due_date: w.event.dueDate ?? null,
        days: w.event.days ?? null,
        party: w.event.party ?? '',
        body: w.event.body ?? '',
        actor_user_id: user.id,
        actor_name: actorOf(user).name,
        created_at: now,
      });
    }
    await w.extra?.(trx);
    await repo.updateRequest(trx, id, {
      ...w.patch,
      ...(transition.to ? { status: transition.to } : {}),
      updated_at: now,
    });
    await appendAudit(trx, actorOf(user), {
      action: `request_${action}`,
      entityType: 'request',
      entityId: id,
      departmentId: row.department_id,
      summary: { number: row.number, ...w.audit },
    });
  });
  return ok(true);
}

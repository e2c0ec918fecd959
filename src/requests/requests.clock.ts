// The legal clock of a request, computed from its events and the working-day calendar (pure).
//
// - The receipt date is day 0 (Art. 31); the reply is due 20 working days after it (Art. 33), or
//   15 for requests received before 2019-05-15 (2008 条例 Art. 24), extension likewise 20 (15).
// - 补正 (Art. 30) may be asked once, up to and including the 7th working day after receipt; while
//   it is pending there is no deadline; when it arrives the full period restarts from that day.
// - Consultation (Arts. 32–34) and a pending fee notice do not count: the deadline moves by the
//   working days after the day the letter (notice) went, up to and including the day it ended.
//   While either is open the deadline shown moves with each working day that passes.
// - A fee notice gives 20 working days to pay; a 补正 deadline is set by the officer. After either
//   passes unanswered the request may be closed (outcomes no_correction / fee_unpaid).
import { addDays } from '../calendar/calendar.dates.js';
import type { Calendar } from '../calendar/calendar.rules.js';
import type { EventKind } from './requests.types.js';

export const REGIME_2019_FROM = '2019-05-15';
export const CORRECTION_WINDOW = 7;
export const FEE_PAYMENT_WORKDAYS = 20;
export const DUE_SOON_WORKDAYS = 3;

export type Regime = '2019' | '2008';
export const REGIME_RULES: Record<Regime, { base: number; maxExtension: number; label: string }> = {
  '2019': { base: 20, maxExtension: 20, label: '《政府信息公开条例》（2019）第三十三条' },
  '2008': { base: 15, maxExtension: 15, label: '《政府信息公开条例》（2008）第二十四条' },
};

export const PAUSE_REASONS = ['correction', 'consultation', 'fee'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const PAUSE_LABELS: Record<PauseReason, string> = {
  correction: '等待申请人补正，答复期限自收到补正之日起重新计算',
  consultation: '征求第三方或其他机关意见，所需时间不计入答复期限',
  fee: '等待申请人缴纳信息处理费，所需时间不计入答复期限',
};

export interface ClockEventInput {
  kind: EventKind;
  date: string;
  dueDate?: string | null;
  days?: number | null;
}

export interface ClockInput {
  receivedDate: string | null;
  events: readonly ClockEventInput[];
  today: string;
}

/** An event that moved the deadline, and the deadline after it (null: the clock is stopped). */
export interface ClockMove {
  date: string;
  kind: EventKind;
  note: string;
  deadline: string | null;
}

export interface ClockState {
  regime: Regime;
  received: boolean;
  /** Day 0 of the current count (the receipt date, or the day the 补正 arrived). */
  startDate: string | null;
  /** The last day a 补正 may be asked (null before receipt or once asked). */
  correctionLatest: string | null;
  correctionAsked: boolean;
  correctionDue: string | null;
  extended: boolean;
  extensionDays: number;
  consultationOpen: boolean;
  feeDue: string | null;
  paused: PauseReason | null;
  /** The reply deadline now (moving while a consultation or fee notice is open). */
  deadline: string | null;
  workdaysLeft: number | null;
  dueSoon: boolean;
  overdue: boolean;
  /** Why the request may now be closed without a reply on the merits. */
  closable: 'no_correction' | 'fee_unpaid' | null;
  decided: boolean;
  decidedDate: string | null;
  decidedOnTime: boolean | null;
  moves: ClockMove[];
}

/** What the clock needs of the calendar (a Calendar, or a memo over one). */
export type WorkdayCalendar = Pick<Calendar, 'addWorkdays' | 'countWorkdays'>;

/**
 * A memo over a calendar for computing many clocks at once (a dashboard of hundreds of open
 * requests shares most receipt dates and deadlines).
 */
export function memoCalendar(cal: Calendar): WorkdayCalendar {
  const adds = new Map<string, ReturnType<Calendar['addWorkdays']>>();
  const counts = new Map<string, ReturnType<Calendar['countWorkdays']>>();
  return {
    addWorkdays(from: string, n: number) {
      const key = `${from}|${n}`;
      let v = adds.get(key);
      if (!v) adds.set(key, (v = cal.addWorkdays(from, n)));
      return v;
    },
    countWorkdays(from: string, to: string) {
      const key = `${from}|${to}`;
      let v = counts.get(key);
      if (!v) counts.set(key, (v = cal.countWorkdays(from, to)));
      return v;
    },
  };
}

export function regimeOf(receivedDate: string): Regime {
  return receivedDate < REGIME_2019_FROM ? '2008' : '2019';
}

/** Working days strictly after `from` up to and including `to` (0 when to <= from). */
export function workdaysAfter(cal: WorkdayCalendar, from: string, to: string): number {
  if (to <= from) return 0;
  return cal.countWorkdays(addDays(from, 1), to).workdays;
}

/** Working days left until the deadline (0 = due today; negative = overdue by that many). */
export function workdaysLeft(cal: WorkdayCalendar, today: string, deadline: string): number {
  if (today <= deadline) return workdaysAfter(cal, today, deadline);
  return -Math.max(1, workdaysAfter(cal, deadline, today));
}

function byDate(events: readonly ClockEventInput[]): ClockEventInput[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.i - b.i))
    .map((x) => x.e);
}

export function computeClock(cal: WorkdayCalendar, input: ClockInput): ClockState {
  const { receivedDate, today } = input;
  const regime = receivedDate ? regimeOf(receivedDate) : '2019';
  const rules = REGIME_RULES[regime];
  const state: ClockState = {
    regime,
    received: receivedDate !== null,
    startDate: receivedDate,
    correctionLatest: receivedDate ? cal.addWorkdays(receivedDate, CORRECTION_WINDOW).date : null,
    correctionAsked: false,
    correctionDue: null,
    extended: false,
    extensionDays: 0,
    consultationOpen: false,
    feeDue: null,
    paused: null,
    deadline: null,
    workdaysLeft: null,
    dueSoon: false,
    overdue: false,
    closable: null,
    decided: false,
    decidedDate: null,
    decidedOnTime: null,
    moves: [],
  };
  if (!receivedDate) return state;

  let start = receivedDate;
  let extra = 0; // extension + excluded working days since `start`
  let pauseSince: string | null = null;
  const deadlineNow = () => cal.addWorkdays(start, rules.base + extra).date;
  const move = (e: ClockEventInput, note: string, deadline: string | null) =>
    state.moves.push({ date: e.date, kind: e.kind, note, deadline });

  state.moves.push({
    date: receivedDate,
    kind: 'receipt_confirmed',
    note: `收到申请（第 0 日），${rules.base} 个工作日内答复`,
    deadline: deadlineNow(),
  });

  for (const e of byDate(input.events)) {
    if (state.decided) break;
    switch (e.kind) {
      case 'correction_requested':
        state.correctionAsked = true;
        state.correctionDue = e.dueDate ?? null;
        state.paused = 'correction';
        pauseSince = e.date;
        move(e, '告知补正，答复期限暂停', null);
        break;
      case 'correction_received':
        if (state.paused !== 'correction') break;
        state.paused = null;
        pauseSince = null;
        start = e.date;
        extra = state.extensionDays;
        move(e, `收到补正，自当日起重新计算 ${rules.base} 个工作日`, deadlineNow());
        break;
      case 'consultation_started':
        if (state.paused) break;
        state.consultationOpen = true;
        state.paused = 'consultation';
        pauseSince = e.date;
        move(e, '征求意见，期间不计入答复期限', null);
        break;
      case 'consultation_ended':
      case 'fee_paid': {
        const expected = e.kind === 'fee_paid' ? 'fee' : 'consultation';
        if (state.paused !== expected || !pauseSince) break;
        const spent = workdaysAfter(cal, pauseSince, e.date);
        extra += spent;
        state.paused = null;
        pauseSince = null;
        if (expected === 'consultation') state.consultationOpen = false;
        else state.feeDue = null;
        move(
          e,
          `${e.kind === 'fee_paid' ? '缴费' : '征求意见'}用时 ${spent} 个工作日，不计入答复期限`,
          deadlineNow(),
        );
        break;
      }
      case 'extended': {
        const days = Math.min(e.days ?? 0, rules.maxExtension);
        if (state.extended || days <= 0) break;
        state.extended = true;
        state.extensionDays = days;
        extra += days;
        move(e, `延长答复期限 ${days} 个工作日`, state.paused === 'correction' ? null : deadlineNow());
        break;
      }
      case 'fee_notice_issued':
        if (state.paused) break;
        state.paused = 'fee';
        pauseSince = e.date;
        state.feeDue = cal.addWorkdays(e.date, FEE_PAYMENT_WORKDAYS).date;
        move(e, `发出收费通知，申请人应于 ${state.feeDue} 前缴费，期间不计入答复期限`, null);
        break;
      case 'decided':
      case 'closed':
        state.decided = true;
        state.decidedDate = e.date;
        break;
      default:
        break;
    }
  }

  if (state.paused === 'correction') {
    state.deadline = null;
    if (state.correctionDue && today > state.correctionDue) state.closable = 'no_correction';
  } else {
    // An open consultation or fee notice: the days so far do not count either.
    const running = state.paused && pauseSince && !state.decided ? workdaysAfter(cal, pauseSince, today) : 0;
    state.deadline = cal.addWorkdays(start, rules.base + extra + running).date;
    if (state.paused === 'fee' && state.feeDue && today > state.feeDue) state.closable = 'fee_unpaid';
  }
  if (state.correctionAsked) state.correctionLatest = null;
  if (state.decided) {
    state.paused = null;
    state.decidedOnTime = state.deadline === null || (state.decidedDate ?? today) <= state.deadline;
    return state;
  }
  if (state.deadline) {
    state.workdaysLeft = workdaysLeft(cal, today, state.deadline);
    state.overdue = !state.paused && today > state.deadline;
    state.dueSoon = !state.paused && !state.overdue && state.workdaysLeft <= DUE_SOON_WORKDAYS;
  }
  return state;
}

/** Why a 补正 request on `date` is refused, or undefined when it is allowed. */
export function correctionRefusal(state: ClockState, date: string): string | undefined {
  if (!state.received || !state.startDate) return '尚未确认收到申请，不能告知补正。';
  if (state.decided) return '申请已办结。';
  if (state.correctionAsked) return '补正只能一次性告知，本申请已告知过补正。';
  if (state.paused) return '请先结束正在进行的征求意见或收费程序。';
  if (state.correctionLatest && date > state.correctionLatest)
    return `补正应当自收到申请之日起 7 个工作日内一次性告知（最迟 ${state.correctionLatest}），已超过期限。`;
  if (date < state.startDate) return '告知日期不能早于收到申请的日期。';
  return undefined;
}

// Domain objects → JSON API shapes.
import type { ClockState } from './requests.clock.js';
import { isOneOf } from './requests.types.js';
import { OUTCOME_INFO, OUTCOMES } from './requests.outcomes.js';
import type { DetailJson, StatisticsJson, SummaryJson, TrackingJson } from './requests.schemas.js';
import type { OpenRequest, RequestDetail, Tracking } from './requests.service.js';
import type { Statistics } from './requests.statistics.js';
import { fullRowLabel, TABLE3_ROWS } from './requests.stats.js';
import { EVENT_LABELS, REQUEST_STATUS_LABELS } from './requests.types.js';

export function clockJson(c: ClockState) {
  return {
    regime: c.regime,
    deadline: c.deadline,
    workdaysLeft: c.workdaysLeft,
    paused: c.paused,
    dueSoon: c.dueSoon,
    overdue: c.overdue,
    closable: c.closable,
    correctionLatest: c.correctionLatest,
    correctionDue: c.correctionDue,
    feeDue: c.feeDue,
    extended: c.extended,
    moves: c.moves.map((m) => ({ date: m.date, kind: m.kind, note: m.note, deadline: m.deadline })),
  };
}

export function toTrackingJson(t: Tracking): TrackingJson {
  return {
    number: t.number,
    department: t.departmentName,
    status: t.status,
    statusLabel: REQUEST_STATUS_LABELS[t.status],
    submittedAt: t.submittedAt,
    receivedDate: t.receivedDate,
    deadline: t.clock.decided ? null : t.clock.deadline,
    paused: t.clock.paused,
    steps: t.steps.map((s) => ({
      date: s.date,
      kind: s.kind,
      label: EVENT_LABELS[s.kind],
      dueDate: s.dueDate,
      body: s.body,
    })),
    replyLetter: t.replyLetter,
    replySentDate: t.replySentDate,
  };
}

export function toSummaryJson(o: OpenRequest): SummaryJson {
  return {
    id: o.id,
    number: o.number,
    departmentId: o.departmentId,
    department: o.departmentName,
    channel: o.channel,
    applicantCategory: o.applicantCategory,
    infoTitle: o.infoTitle,
    status: o.status,
    receivedDate: o.receivedDate,
    clock: clockJson(o.clock),
  };
}

export function toDetailJson(d: RequestDetail): DetailJson {
  const r = d.request;
  return {
    id: r.id,
    number: r.number,
    departmentId: r.departmentId,
    department: r.departmentName,
    channel: r.channel,
    status: r.status,
    applicant: { ...r.applicant },
    info: { ...r.info },
    formWanted: r.formWanted,
    deliveryWanted: r.deliveryWanted,
    suggestProactive: r.suggestProactive,
    submittedAt: r.submittedAt,
    receivedDate: r.receivedDate,
    outcome: r.outcome,
    tableRow: r.outcome && isOneOf(OUTCOMES, r.outcome) ? OUTCOME_INFO[r.outcome].row : null,
    ground: r.ground,
    reason: r.reason,
    decidedDate: r.decidedDate,
    replyLetter: r.replyLetter,
    replySentDate: r.replySentDate,
    clock: clockJson(d.clock),
    events: d.events.map((e) => ({
      kind: e.kind,
      date: e.eventDate,
      dueDate: e.dueDate,
      days: e.days,
      party: e.party,
      body: e.body,
      actor: e.actorName,
    })),
    reviews: d.reviews.map((v) => ({
      id: v.id,
      kind: v.kind,
      filedDate: v.filedDate,
      result: v.result,
      afterReconsideration: v.afterReconsideration,
    })),
  };
}

export function toStatisticsJson(s: Statistics): StatisticsJson {
  return {
    year: s.year,
    departmentId: s.departmentId,
    scope: s.scopeName,
    table3: TABLE3_ROWS.map((row) => ({ row, label: fullRowLabel(row), values: { ...s.table3[row] } })),
    table4: { ...s.table4 },
    checks: s.checks.map((c) => ({ ...c })),
    ok: s.ok,
  };
}

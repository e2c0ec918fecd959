// TypeBox schemas of the requests JSON API (params, bodies and responses).
import { Type, type Static } from '@sinclair/typebox';

export const TAGS = ['依申请公开'];

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

const Str = Type.Optional(Type.String({ maxLength: 20000 }));

/** Every field a staff action may read (all strings, as the console's forms send them). */
export const ActionBody = Type.Object(
  {
    date: Str,
    dueDate: Str,
    days: Str,
    party: Str,
    approver: Str,
    body: Str,
    outcome: Str,
    ground: Str,
    reason: Str,
    relatedNumber: Str,
    letter: Str,
    method: Str,
    direction: Str,
    kind: Str,
    result: Str,
    afterReconsideration: Str,
    reviewId: Str,
  },
  { additionalProperties: false },
);

export const RegisterBody = Type.Object(
  {
    channel: Str,
    receivedDate: Str,
    applicantCategory: Str,
    name: Str,
    idType: Str,
    idNumber: Str,
    phone: Str,
    email: Str,
    address: Str,
    infoTitle: Str,
    infoDocNumber: Str,
    infoIndexNumber: Str,
    infoDescription: Str,
    formWanted: Str,
    deliveryWanted: Str,
    suggestProactive: Str,
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ClockSchema = Type.Object({
  regime: Type.String(),
  deadline: Nullable(Type.String()),
  workdaysLeft: Type.Union([Type.Integer(), Type.Null()]),
  paused: Nullable(Type.String()),
  dueSoon: Type.Boolean(),
  overdue: Type.Boolean(),
  closable: Nullable(Type.String()),
  correctionLatest: Nullable(Type.String()),
  correctionDue: Nullable(Type.String()),
  feeDue: Nullable(Type.String()),
  extended: Type.Boolean(),
  moves: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.String(),
      note: Type.String(),
      deadline: Nullable(Type.String()),
    }),
  ),
});

export const TrackingSchema = Type.Object({
  number: Type.String(),
  department: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  submittedAt: Type.String(),
  receivedDate: Nullable(Type.String()),
  deadline: Nullable(Type.String()),
  paused: Nullable(Type.String()),
  steps: Type.Array(
    Type.Object({
      date: Type.String(),
      kind: Type.String(),
      label: Type.String(),
      dueDate: Nullable(Type.String()),
      body: Type.String(),
    }),
  ),
  replyLetter: Nullable(Type.String()),
  replySentDate: Nullable(Type.String()),
});
export type TrackingJson = Static<typeof TrackingSchema>;

export const SummarySchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  departmentId: Type.Integer(),
  department: Type.String(),
  channel: Type.String(),
  applicantCategory: Type.String(),
  infoTitle: Type.String(),
  status: Type.String(),
  receivedDate: Nullable(Type.String()),
  clock: ClockSchema,
});
export type SummaryJson = Static<typeof SummarySchema>;

export const DetailSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  departmentId: Type.Integer(),
  department: Type.String(),
  channel: Type.String(),
  status: Type.String(),
  applicant: Type.Object({
    category: Type.String(),
    name: Type.String(),
    idType: Type.String(),
    idNumber: Type.String(),
    phone: Type.String(),
    email: Type.String(),
    address: Type.String(),
  }),
  info: Type.Object({
    title: Type.String(),
    docNumber: Type.String(),
    indexNumber: Type.String(),
    description: Type.String(),
  }),
  formWanted: Type.String(),
  deliveryWanted: Type.String(),
  suggestProactive: Type.Boolean(),
  submittedAt: Type.String(),
  receivedDate: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  tableRow: Nullable(Type.String()),
  ground: Nullable(Type.String()),
  reason: Type.String(),
  decidedDate: Nullable(Type.String()),
  replyLetter: Type.String(),
  replySentDate: Nullable(Type.String()),
  clock: ClockSchema,
  events: Type.Array(
    Type.Object({
      kind: Type.String(),
      date: Type.String(),
      dueDate: Nullable(Type.String()),
      days: Type.Union([Type.Integer(), Type.Null()]),
      party: Type.String(),
      body: Type.String(),
      actor: Type.String(),
    }),
  ),
  reviews: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: Type.String(),
      filedDate: Type.String(),
      result: Type.String(),
      afterReconsideration: Type.Boolean(),
    }),
  ),
});
export type DetailJson = Static<typeof DetailSchema>;

const Counts = Type.Record(Type.String(), Type.Integer());
export const StatisticsSchema = Type.Object({
  year: Type.Integer(),
  departmentId: Type.Union([Type.Integer(), Type.Null()]),
  scope: Type.String(),
  table3: Type.Array(Type.Object({ row: Type.String(), label: Type.String(), values: Counts })),
  table4: Counts,
  checks: Type.Array(Type.Object({ label: Type.String(), ok: Type.Boolean(), detail: Type.String() })),
  ok: Type.Boolean(),
});
export type StatisticsJson = Static<typeof StatisticsSchema>;

export const StatisticsQuery = Type.Object({
  year: Type.Integer({ minimum: 2008, maximum: 2200 }),
  department: Type.Optional(Type.Integer({ minimum: 1 })),
});

// TypeBox schemas of the orgs routes: params, form bodies and the JSON API's responses.
import { Type, type Static } from '@sinclair/typebox';
import { DEPARTMENT_KINDS } from './orgs.types.js';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** A form field: optional text; the services do the real validation. */
export const FormString = Type.Optional(Type.String({ maxLength: 1000 }));
/** A long form field (公开指南, 机构职能, group texts); the services set the real limits. */
export const FormText = Type.Optional(Type.String({ maxLength: 30_000 }));

/** Console list pages: an optional notice after a redirect, and filters. */
export const ConsoleListQuery = Type.Object({
  notice: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.String({ maxLength: 40 })),
});

export const DepartmentForm = Type.Object(
  {
    fullName: FormString,
    shortName: FormString,
    kind: FormString,
    creditCode: FormString,
    parentId: FormString,
    address: FormString,
    officeHours: FormString,
    phone: FormString,
    email: FormString,
    guideText: FormText,
    functionsText: FormText,
    sortOrder: FormString,
  },
  { additionalProperties: false },
);
export type DepartmentFormBody = Static<typeof DepartmentForm>;

export const MemberForm = Type.Object(
  {
    role: FormString,
    name: FormString,
    position: FormString,
    departmentId: FormString,
    unitName: FormString,
    sortOrder: FormString,
  },
  { additionalProperties: false },
);
export type MemberFormBody = Static<typeof MemberForm>;

export const LiaisonForm = Type.Object(
  { departmentId: FormString, name: FormString, position: FormString, phone: FormString },
  { additionalProperties: false },
);
export type LiaisonFormBody = Static<typeof LiaisonForm>;

export const TextForm = Type.Object({ title: FormString, body: FormText }, { additionalProperties: false });
export type TextFormBody = Static<typeof TextForm>;

export const TextKeyParams = Type.Object({ key: Type.String({ maxLength: 40 }) });

const DepartmentKindSchema = Type.Union(DEPARTMENT_KINDS.map((k) => Type.Literal(k)));

export const DepartmentSummarySchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  shortName: Type.String(),
  kind: DepartmentKindSchema,
  creditCode: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  phone: Type.String(),
  email: Type.String(),
  address: Type.String(),
  officeHours: Type.String(),
});
export type DepartmentSummary = Static<typeof DepartmentSummarySchema>;

export const DepartmentDetailSchema = Type.Composite([
  DepartmentSummarySchema,
  Type.Object({ functionsText: Type.String(), guideText: Type.String() }),
]);
export type DepartmentDetail = Static<typeof DepartmentDetailSchema>;

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

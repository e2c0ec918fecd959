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

export const DepartmentSummarySchema = Type.Object({
  id: Type.Integer(),
  fullName: Type.String({ description: '机构全称' }),
  shortName: Type.String({ description: '简称（可为空字符串）' }),
  kind: Type.Union(
    DEPARTMENT_KINDS.map((k) => Type.Literal(k)),
    { description: '机构类型：市政府部门、县市区人民政府、管委会、其他' },
  ),
  creditCode: Type.Union([Type.String(), Type.Null()], { description: '统一社会信用代码' }),
  parentId: Type.Union([Type.Integer(), Type.Null()], { description: '上级机构 id；没有或未公开时为 null' }),
  phone: Type.String({ description: '联系电话' }),
  email: Type.String({ description: '电子邮箱' }),
  address: Type.String({ description: '办公地址' }),
  officeHours: Type.String({ description: '办公时间' }),
});
export type DepartmentSummary = Static<typeof DepartmentSummarySchema>;

export const DepartmentDetailSchema = Type.Composite([
  DepartmentSummarySchema,
  Type.Object({
    functionsText: Type.String({ description: '机构职能（纯文本，空行分段）' }),
    guideText: Type.String({ description: '政府信息公开指南（纯文本，空行分段）' }),
  }),
]);
export type DepartmentDetail = Static<typeof DepartmentDetailSchema>;

export const ApiErrorSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
});

// Validation of a department form or API body; every message names the field in Chinese.
import type { FieldErrors } from '../http/errors.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from './credit-code.js';
import type { DepartmentValues } from './orgs.repository.js';
import { isDepartmentKind, type DepartmentInput } from './orgs.types.js';

export const DEPARTMENT_FIELD_LABELS: Record<keyof DepartmentInput, string> = {
  fullName: '机构全称',
  shortName: '简称',
  kind: '机构类型',
  creditCode: '统一社会信用代码',
  parentId: '上级机构',
  address: '办公地址',
  officeHours: '办公时间',
  phone: '联系电话',
  email: '电子邮箱',
  guideText: '政府信息公开指南',
  functionsText: '机构职能',
  sortOrder: '排序号',
};

/** Office phone numbers: digits with the usual separators, e.g. 0713-8866001 or 0713-8866001转 8012. */
export const PHONE = /^[\d\s()（）+\-、,，转]{5,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the shape of the input; returns the normalised values and the problems found. */
export function validateDepartmentInput(input: DepartmentInput): {
  values: DepartmentValues;
  fields: FieldErrors;
} {
  const fields: FieldErrors = {};
  const fullName = input.fullName.trim();
  const shortName = input.shortName.trim();
  const creditCode = normaliseCreditCode(input.creditCode);
  const phone = input.phone.trim();
  const email = input.email.trim();

  if (!fullName) fields.fullName = '请填写机构全称';
  else if (fullName.length > 100) fields.fullName = '机构全称不能超过 100 个字符';
  if (shortName.length > 30) fields.shortName = '简称不能超过 30 个字符';
  if (!isDepartmentKind(input.kind)) fields.kind = '请选择机构类型';
  if (!creditCode) fields.creditCode = '请填写统一社会信用代码';
  else {
    const problem = creditCodeProblem(creditCode);
    if (problem) fields.creditCode = CREDIT_CODE_MESSAGES[problem];
  }
  if (phone && !PHONE.test(phone)) fields.phone = '联系电话格式不正确，例如 0713-8866001';
  if (email && !EMAIL.test(email)) fields.email = '电子邮箱格式不正确';
  if (input.address.trim().length > 200) fields.address = '办公地址不能超过 200 个字符';
  if (input.officeHours.trim().length > 200) fields.officeHours = '办公时间不能超过 200 个字符';
  if (input.guideText.length > 20000) fields.guideText = '公开指南不能超过 20000 个字符';
  if (input.functionsText.length > 20000) fields.functionsText = '机构职能不能超过 20000 个字符';
  if (input.parentId !== undefined && !Number.isInteger(input.parentId)) fields.parentId = '上级机构不存在';
  if (
    input.sortOrder !== undefined &&
    (!Number.isInteger(input.sortOrder) || input.sortOrder < 0 || input.sortOrder > 99999)
  ) {
    fields.sortOrder = '排序号应为 0–99999 的整数';
  }

  return {
    fields,
    values: {
      fullName,
      shortName,
      kind: input.kind,
      creditCode,
      parentId: input.parentId ?? null,
      address: input.address.trim(),
      officeHours: input.officeHours.trim(),
      phone,
      email,
      guideText: input.guideText.trim(),
      functionsText: input.functionsText.trim(),
      sortOrder: input.sortOrder ?? 0,
    },
  };
}

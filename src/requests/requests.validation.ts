// Checking an application (Art. 29): the applicant, the 证件 (居民身份证 per GB 11643 with its
// ISO 7064 MOD 11-2 check character; 统一社会信用代码 per GB 32100), contact details, the
// information sought and the form wanted. Pure: returns Chinese field messages.
import { isValidDate } from '../calendar/calendar.dates.js';
import { invalid, ok, type FieldErrors, type Result } from '../http/errors.js';
import { CREDIT_CODE_MESSAGES, creditCodeProblem, normaliseCreditCode } from '../orgs/credit-code.js';
import {
  APPLICANT_CATEGORIES,
  DELIVERY_METHODS,
  FORMS_WANTED,
  ID_TYPES,
  isOneOf,
  type Applicant,
  type DeliveryMethod,
  type FormWanted,
  type InfoSought,
} from './requests.types.js';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** What is wrong with an 18-character 居民身份证 number, or undefined when it is valid. */
export function residentIdProblem(raw: string, today: string): string | undefined {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return '居民身份证号码应为 18 位';
  if (!/^\d{17}[\dX]$/.test(id)) return '居民身份证号码前 17 位应为数字，最后一位为数字或 X';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isValidDate(birth) || birth > today || birth < '1900-01-01') return '居民身份证号码中的出生日期无效';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  if (ID_CHECK[sum % 11] !== id[17]) return '居民身份证号码校验位不正确，请核对最后一位';
  return undefined;
}

export function isValidPhone(raw: string): boolean {
  const p = raw.replace(/[\s-]/g, '');
  return /^1[3-9]\d{9}$/.test(p) || /^0\d{9,11}$/.test(p) || /^\d{7,8}$/.test(p);
}

export function isValidEmail(raw: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw) && raw.length <= 200;
}

/** The application as typed (every field a string, as a form sends it). */
export interface ApplicationInput {
  departmentId: string;
  applicantCategory: string;
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  infoTitle: string;
  infoDocNumber: string;
  infoIndexNumber: string;
  infoDescription: string;
  formWanted: string;
  deliveryWanted: string;
  suggestProactive: string;
}

export const EMPTY_APPLICATION: ApplicationInput = {
  departmentId: '',
  applicantCategory: '',
  name: '',
  idType: '',
  idNumber: '',
  phone: '',
  email: '',
  address: '',
  infoTitle: '',
  infoDocNumber: '',
  infoIndexNumber: '',
  infoDescription: '',
  formWanted: '',
  deliveryWanted: '',
  suggestProactive: '',
};

export const APPLICATION_LABELS: Record<keyof ApplicationInput, string> = {
  departmentId: '申请公开的机关',
  applicantCategory: '申请人类型',
  name: '姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  phone: '联系电话',
  email: '电子邮箱',
  address: '通信地址',
  infoTitle: '所需信息的名称',
  infoDocNumber: '文号',
  infoIndexNumber: '索引号',
  infoDescription: '所需信息的内容描述',
  formWanted: '信息的载体形式',
  deliveryWanted: '获取信息的方式',
  suggestProactive: '建议主动公开',
};

export interface ValidApplication {
  departmentId: number;
  applicant: Applicant;
  info: InfoSought;
  formWanted: FormWanted;
  deliveryWanted: DeliveryMethod;
  suggestProactive: boolean;
}

function tooLong(value: string, max: number): string | undefined {
  return value.length > max ? `不能超过 ${max} 个字符` : undefined;
}

export function validateApplication(
  input: ApplicationInput,
  ctx: { today: string; departmentIsActive: (id: number) => boolean },
): Result<ValidApplication> {
  const e: FieldErrors = {};
  const t = (s: string) => s.trim();
  const departmentId = /^\d{1,9}$/.test(t(input.departmentId)) ? Number(t(input.departmentId)) : 0;
  if (!departmentId) e.departmentId = '请选择申请公开的机关';
  else if (!ctx.departmentIsActive(departmentId)) e.departmentId = '所选机关不存在或已停用';

  const category = t(input.applicantCategory);
  if (!isOneOf(APPLICANT_CATEGORIES, category)) e.applicantCategory = '请选择申请人类型';
  const name = t(input.name);
  if (!name) e.name = '请填写申请人姓名或名称';
  else if (tooLong(name, 100)) e.name = '姓名或名称不能超过 100 个字符';

  const idType = t(input.idType);
  let idNumber = t(input.idNumber).toUpperCase();
  if (!isOneOf(ID_TYPES, idType)) e.idType = '请选择证件类型';
  else if (category === 'natural' && idType === 'credit_code') e.idType = '自然人请选择个人身份证件';
  else if (
    category &&
    category !== 'natural' &&
    isOneOf(APPLICANT_CATEGORIES, category) &&
    !['credit_code', 'other'].includes(idType)
  )
    e.idType = '法人或其他组织请选择统一社会信用代码或其他证件';
  if (!idNumber) e.idNumber = '请填写证件号码（《政府信息公开条例》第二十九条要求提供身份证明）';
  else if (idType === 'resident_id') {
    const problem = residentIdProblem(idNumber, ctx.today);
    if (problem) e.idNumber = problem;
  } else if (idType === 'credit_code') {
    idNumber = normaliseCreditCode(idNumber);
    const problem = creditCodeProblem(idNumber);
    if (problem) e.idNumber = CREDIT_CODE_MESSAGES[problem];
  } else if (idNumber.length > 50) e.idNumber = '证件号码不能超过 50 个字符';

  const phone = t(input.phone);
  if (!phone) e.phone = '请填写联系电话';
  else if (!isValidPhone(phone)) e.phone = '请填写有效的手机号码或固定电话（如 0713-8888888）';
  const email = t(input.email);
  if (email && !isValidEmail(email)) e.email = '请填写有效的电子邮箱地址，如 name@example.com';
  const address = t(input.address);
  if (tooLong(address, 300)) e.address = '通信地址不能超过 300 个字符';

  const info: InfoSought = {
    title: t(input.infoTitle),
    docNumber: t(input.infoDocNumber),
    indexNumber: t(input.infoIndexNumber),
    description: t(input.infoDescription),
  };
  if (!info.title && !info.docNumber && !info.description)
    e.infoTitle = '请填写所需信息的名称、文号或便于查询的内容描述';
  if (tooLong(info.title, 200)) e.infoTitle = '名称不能超过 200 个字符';
  if (tooLong(info.docNumber, 100)) e.infoDocNumber = '文号不能超过 100 个字符';
  if (tooLong(info.indexNumber, 100)) e.infoIndexNumber = '索引号不能超过 100 个字符';
  if (tooLong(info.description, 4000)) e.infoDescription = '内容描述不能超过 4000 个字符';

  const formWanted = t(input.formWanted);
  const deliveryWanted = t(input.deliveryWanted);
  if (!isOneOf(FORMS_WANTED, formWanted)) e.formWanted = '请选择信息的载体形式';
  if (!isOneOf(DELIVERY_METHODS, deliveryWanted)) e.deliveryWanted = '请选择获取信息的方式';
  if (!email && (deliveryWanted === 'email' || formWanted === 'email') && !e.email)
    e.email = '选择以电子邮件获取时，请填写电子邮箱';
  if (!address && deliveryWanted === 'post') e.address = '选择邮寄时，请填写通信地址';

  if (
    Object.keys(e).length > 0 ||
    !isOneOf(APPLICANT_CATEGORIES, category) ||
    !isOneOf(ID_TYPES, idType) ||
    !isOneOf(FORMS_WANTED, formWanted) ||
    !isOneOf(DELIVERY_METHODS, deliveryWanted)
  )
    return invalid(e);
  return ok({
    departmentId,
    applicant: { category, name, idType, idNumber, phone, email, address },
    info,
    formWanted,
    deliveryWanted,
    suggestProactive: input.suggestProactive === '1' || input.suggestProactive === 'on',
  });
}

// Validation of the leading group's forms: members, 联络员 and texts. Shape only; whether a
// referenced department exists is checked by the service.
import type { FieldErrors } from '../http/errors.js';
import { PHONE } from './department.validation.js';
import { isGroupRole, type GroupRole } from './orgs.types.js';
import type { GroupLiaisonInput, GroupMemberInput, GroupTextInput } from './group.types.js';

export const MEMBER_FIELD_LABELS: Record<keyof GroupMemberInput, string> = {
  role: '组内职务',
  name: '姓名',
  position: '职务',
  departmentId: '所在单位',
  unitName: '单位名称',
  sortOrder: '排序号',
};

export const LIAISON_FIELD_LABELS: Record<keyof GroupLiaisonInput, string> = {
  departmentId: '成员单位',
  name: '姓名',
  position: '职务',
  phone: '联系电话',
};

export const TEXT_FIELD_LABELS: Record<keyof GroupTextInput, string> = {
  title: '标题',
  body: '正文',
};

export interface MemberValues {
  role: GroupRole;
  name: string;
  position: string;
  departmentId: number | null;
  unitName: string;
  sortOrder: number;
}

export interface LiaisonValues {
  departmentId: number;
  name: string;
  position: string;
  phone: string;
}

export interface TextValues {
  title: string;
  body: string;
}

export type Checked<V> = { values: V; fields: FieldErrors };

function checkSortOrder(sortOrder: number | undefined, fields: FieldErrors): void {
  if (sortOrder !== undefined && (!Number.isInteger(sortOrder) || sortOrder < 0 || sortOrder > 99999)) {
    fields.sortOrder = '排序号应为 0–99999 的整数';
  }
}

export function validateMemberInput(input: GroupMemberInput): Checked<MemberValues> {
  const fields: FieldErrors = {};
  const name = input.name.trim();
  const position = input.position.trim();
  const unitName = input.unitName.trim();
  if (!isGroupRole(input.role)) fields.role = '请选择组内职务（组长、副组长或成员）';
  if (!name) fields.name = '请填写姓名';
  else if ([...name].length > 20) fields.name = '姓名不能超过 20 个字符';
  if ([...position].length > 100) fields.position = '职务不能超过 100 个字符';
  if ([...unitName].length > 50) fields.unitName = '单位名称不能超过 50 个字符';
  if (input.departmentId !== undefined && !Number.isInteger(input.departmentId)) {
    fields.departmentId = '所在单位不存在';
  }
  checkSortOrder(input.sortOrder, fields);
  return {
    fields,
    values: {
      role: isGroupRole(input.role) ? input.role : 'member',
      name,
      position,
      departmentId: input.departmentId ?? null,
      unitName,
      sortOrder: input.sortOrder ?? 0,
    },
  };
}

export function validateLiaisonInput(input: GroupLiaisonInput): Checked<LiaisonValues> {
  const fields: FieldErrors = {};
  const name = input.name.trim();
  const position = input.position.trim();
  const phone = input.phone.trim();
  if (input.departmentId === undefined || !Number.isInteger(input.departmentId)) {
    fields.departmentId = '请选择成员单位';
  }
  if (!name) fields.name = '请填写联络员姓名';
  else if ([...name].length > 20) fields.name = '姓名不能超过 20 个字符';
  if ([...position].length > 50) fields.position = '职务不能超过 50 个字符';
  if (phone && !PHONE.test(phone)) fields.phone = '联系电话格式不正确，例如 0713-8866001';
  return { fields, values: { departmentId: input.departmentId ?? 0, name, position, phone } };
}

export function validateTextInput(input: GroupTextInput): Checked<TextValues> {
  const fields: FieldErrors = {};
  const title = input.title.trim();
  const body = input.body.trim();
  if (!title) fields.title = '请填写标题';
  else if ([...title].length > 30) fields.title = '标题不能超过 30 个字符';
  if ([...body].length > 5000) fields.body = '正文不能超过 5000 个字符';
  return { fields, values: { title, body } };
}

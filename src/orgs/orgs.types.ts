// Departments (机构) and the 政务公开领导小组.

export const DEPARTMENT_KINDS = [
  'city_department',
  'county_government',
  'management_committee',
  'other',
] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = {
  city_department: '市政府部门',
  county_government: '县市区人民政府',
  management_committee: '管委会',
  other: '其他',
};

export function isDepartmentKind(v: string): v is DepartmentKind {
  return DEPARTMENT_KINDS.some((k) => k === v);
}

export interface Department {
  id: number;
  fullName: string;
  shortName: string;
  kind: DepartmentKind;
  creditCode: string | null;
  parentId: number | null;
  address: string;
  officeHours: string;
  phone: string;
  email: string;
  /** 政府信息公开指南 */
  guideText: string;
  /** 机构职能 */
  functionsText: string;
  sortOrder: number;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface DepartmentInput {
  fullName: string;
  shortName: string;
  kind: string;
  creditCode: string;
  parentId: number | undefined;
  address: string;
  officeHours: string;
  phone: string;
  email: string;
  guideText: string;
  functionsText: string;
  sortOrder: number | undefined;
}

/** 组长 / 副组长 / 成员 */
export const GROUP_ROLES = ['leader', 'deputy', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

export const GROUP_ROLE_LABELS: Record<GroupRole, string> = {
  leader: '组长',
  deputy: '副组长',
  member: '成员',
};

export function isGroupRole(v: string): v is GroupRole {
  return GROUP_ROLES.some((k) => k === v);
}

export interface GroupMember {
  id: number;
  role: GroupRole;
  name: string;
  position: string;
  departmentId: number | null;
  unitName: string;
  sortOrder: number;
  active: boolean;
}

/** 联络员 of a member unit. */
export interface GroupLiaison {
  id: number;
  departmentId: number;
  name: string;
  position: string;
  phone: string;
}

/** A section of the group's texts: 主要职责, 工作机构, 工作规则, 工作要求 … */
export interface GroupText {
  key: string;
  title: string;
  body: string;
  sortOrder: number;
}

export interface DirectoryGroup {
  kind: DepartmentKind;
  label: string;
  departments: Department[];
}

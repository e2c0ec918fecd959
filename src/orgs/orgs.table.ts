import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface DepartmentsTable {
  id: Generated<number>;
  full_name: string;
  short_name: string;
  kind: string;
  credit_code: string | null;
  parent_id: number | null;
  address: string;
  office_hours: string;
  phone: string;
  email: string;
  /** 政府信息公开指南 */
  guide_text: string;
  /** 机构职能 */
  functions_text: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** 政务公开领导小组 members. */
export interface GroupMembersTable {
  id: Generated<number>;
  role: string;
  name: string;
  position: string;
  department_id: number | null;
  unit_name: string;
  sort_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

/** 联络员: one or more per member unit. */
export interface GroupLiaisonsTable {
  id: Generated<number>;
  department_id: number;
  name: string;
  position: string;
  phone: string;
  created_at: string;
  updated_at: string;
}

/** Free texts of the leading group (办公室, 主要职责, 工作规则 …), one row per section key. */
export interface GroupTextsTable {
  key: string;
  title: string;
  body: string;
  sort_order: number;
  updated_at: string;
}

export type DepartmentRow = Selectable<DepartmentsTable>;
export type NewDepartmentRow = Insertable<DepartmentsTable>;
export type DepartmentUpdateRow = Updateable<DepartmentsTable>;
export type GroupMemberRow = Selectable<GroupMembersTable>;
export type GroupLiaisonRow = Selectable<GroupLiaisonsTable>;
export type GroupTextRow = Selectable<GroupTextsTable>;

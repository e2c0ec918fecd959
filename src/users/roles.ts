// Staff roles and what each may do. Every route declares one PERMISSION; the server checks it.

export const ROLES = ['publisher', 'reviewer', 'request_officer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  publisher: '发布员',
  reviewer: '审核员',
  request_officer: '依申请办理员',
  supervisor: '公开办监督员',
  admin: '系统管理员',
};

export const PERMISSIONS = [
  /** anyone, no login */
  'public',
  /** any signed-in staff member */
  'staff',
  'orgs.manage',
  'users.manage',
  'calendar.manage',
  'audit.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const STAFF_ONLY: readonly Permission[] = ['staff'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  publisher: STAFF_ONLY,
  reviewer: STAFF_ONLY,
  request_officer: STAFF_ONLY,
  supervisor: ['staff', 'audit.read'],
  admin: ['staff', 'orgs.manage', 'users.manage', 'calendar.manage', 'audit.read'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  if (permission === 'public') return true;
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

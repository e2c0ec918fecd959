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
  /** see the catalogue items of one's own department (all departments with catalogue.read_all) */
  'catalogue.read',
  /** draft, submit, publish, revise and withdraw items of one's own department */
  'catalogue.draft',
  /** approve or return submitted items of one's own department (never one's own drafts) */
  'catalogue.review',
  /** read the items of every department */
  'catalogue.read_all',
  'topics.manage',
  /** see the FOI requests (依申请公开) of one's own department (all departments with requests.read_all) */
  'requests.read',
  /** handle the requests of one's own department: register, clock events, decide, reply */
  'requests.handle',
  /** read the requests and statistics of every department */
  'requests.read_all',
  /** edit the 清单 of one's own department (entries, imports) and answer their feedback */
  'lists.manage',
  /** add and edit list types (schemas) */
  'lists.types',
  /** enter, import, repair and revoke the 双公示 records of one's own department */
  'credit.manage',
  /** manage the 名录库, draws and results (双随机一公开) of one's own department */
  'inspections.manage',
  /** see late 双公示 counts and inspection coverage of every department */
  'oversight.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  publisher: [
    'staff',
    'catalogue.read',
    'catalogue.draft',
    'lists.manage',
    'credit.manage',
    'inspections.manage',
  ],
  reviewer: [
    'staff',
    'catalogue.read',
    'catalogue.review',
    'lists.manage',
    'credit.manage',
    'inspections.manage',
  ],
  request_officer: ['staff', 'requests.read', 'requests.handle'],
  supervisor: [
    'staff',
    'audit.read',
    'catalogue.read',
    'catalogue.read_all',
    'requests.read',
    'requests.read_all',
    'oversight.read',
  ],
  admin: [
    'staff',
    'orgs.manage',
    'users.manage',
    'calendar.manage',
    'audit.read',
    'topics.manage',
    'lists.types',
  ],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  if (permission === 'public') return true;
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

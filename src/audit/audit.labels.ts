// Chinese names for the audit trail's actions and entity types. Actions are written by many
// domains; the ones listed here get a label, any other is shown as recorded.

export const KNOWN_AUDIT_ACTIONS = [
  'department_created',
  'department_updated',
  'department_deactivated',
  'department_reactivated',
  'group_member_created',
  'group_member_updated',
  'group_member_deactivated',
  'group_member_reactivated',
  'group_liaison_created',
  'group_liaison_updated',
  'group_liaison_deleted',
  'group_text_updated',
  'user_created',
  'user_updated',
  'user_unlocked',
  'password_changed',
  'api_token_created',
  'api_token_revoked',
  'calendar_bundled_loaded',
  'calendar_year_imported',
  'calendar_day_added',
  'calendar_day_removed',
  'item_created',
  'item_updated',
  'item_submitted',
  'item_returned',
  'item_approved',
  'item_scheduled',
  'item_schedule_cancelled',
  'item_published',
  'item_revision_started',
  'item_revision_published',
  'item_withdrawn',
  'item_linked',
  'item_unlinked',
  'item_pii_confirmed',
  'topic_created',
  'topic_updated',
  'topic_moved',
  'topic_activated',
  'topic_deactivated',
] as const;
export type KnownAuditAction = (typeof KNOWN_AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<KnownAuditAction, string> = {
  department_created: '新增机构',
  department_updated: '修改机构',
  department_deactivated: '停用机构',
  department_reactivated: '恢复机构',
  group_member_created: '新增领导小组成员',
  group_member_updated: '修改领导小组成员',
  group_member_deactivated: '停用领导小组成员',
  group_member_reactivated: '恢复领导小组成员',
  group_liaison_created: '新增联络员',
  group_liaison_updated: '修改联络员',
  group_liaison_deleted: '删除联络员',
  group_text_updated: '修改领导小组说明',
  user_created: '新增用户',
  user_updated: '修改用户',
  user_unlocked: '解除登录锁定',
  password_changed: '修改密码',
  api_token_created: '生成 API 令牌',
  api_token_revoked: '撤销 API 令牌',
  calendar_bundled_loaded: '载入内置工作日历',
  calendar_year_imported: '导入年度工作日历',
  calendar_day_added: '新增日历安排',
  calendar_day_removed: '删除日历安排',
  item_created: '新建信息',
  item_updated: '修改信息',
  item_submitted: '提交审核',
  item_returned: '退回修改',
  item_approved: '审核通过',
  item_scheduled: '定时发布',
  item_schedule_cancelled: '取消定时发布',
  item_published: '发布信息',
  item_revision_started: '开始修订',
  item_revision_published: '发布修订',
  item_withdrawn: '撤回信息',
  item_linked: '关联信息',
  item_unlinked: '取消关联',
  item_pii_confirmed: '确认公开疑似个人信息',
  topic_created: '新增主题分类',
  topic_updated: '修改主题分类',
  topic_moved: '调整主题分类位置',
  topic_activated: '启用主题分类',
  topic_deactivated: '停用主题分类',
};

export const KNOWN_ENTITY_TYPES = [
  'department',
  'group_member',
  'group_liaison',
  'group_text',
  'user',
  'api_token',
  'calendar_year',
  'item',
  'topic',
] as const;
export type KnownEntityType = (typeof KNOWN_ENTITY_TYPES)[number];

export const ENTITY_TYPE_LABELS: Record<KnownEntityType, string> = {
  department: '机构',
  group_member: '领导小组成员',
  group_liaison: '联络员',
  group_text: '领导小组说明',
  user: '用户',
  api_token: 'API 令牌',
  calendar_year: '工作日历',
  item: '政府信息',
  topic: '主题分类',
};

function isKnown<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function auditActionLabel(action: string): string {
  return isKnown(KNOWN_AUDIT_ACTIONS, action) ? AUDIT_ACTION_LABELS[action] : action;
}

export function entityTypeLabel(entityType: string): string {
  return isKnown(KNOWN_ENTITY_TYPES, entityType) ? ENTITY_TYPE_LABELS[entityType] : entityType;
}

/** Names for the summary's usual keys; other keys are shown as recorded. */
const SUMMARY_KEY_LABELS: Readonly<Record<string, string>> = {
  before: '修改前',
  after: '修改后',
  fullName: '全称',
  shortName: '简称',
  kind: '类别',
  creditCode: '统一社会信用代码',
  parentId: '上级机构',
  username: '用户名',
  displayName: '姓名',
  departmentId: '所属单位',
  roles: '角色',
  active: '启用',
  name: '名称',
  passwordReset: '重设密码',
  lockedUntil: '锁定至',
  year: '年份',
  title: '标题',
  reason: '理由',
};

export function summaryKeyLabel(key: string): string {
  return SUMMARY_KEY_LABELS[key] ?? key;
}

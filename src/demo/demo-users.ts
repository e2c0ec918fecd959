import type { Role } from '../users/roles.js';

/** The demo accounts' shared password (shown in the README; demo installations only). */
export const DEMO_PASSWORD = 'Gongkai-2017';

export const DEMO_USERS: readonly {
  username: string;
  displayName: string;
  department: string;
  roles: readonly Role[];
}[] = [
  { username: 'admin', displayName: '系统管理员', department: '黄冈市人民政府办公室', roles: ['admin'] },
  {
    username: 'gongkaiban',
    displayName: '公开办监督员',
    department: '黄冈市人民政府办公室',
    roles: ['supervisor'],
  },
  { username: 'tongji.fabu', displayName: '统计局发布员', department: '黄冈市统计局', roles: ['publisher'] },
  { username: 'tongji.shenhe', displayName: '统计局审核员', department: '黄冈市统计局', roles: ['reviewer'] },
  {
    username: 'tongji.yishenqing',
    displayName: '统计局依申请办理员',
    department: '黄冈市统计局',
    roles: ['request_officer'],
  },
];

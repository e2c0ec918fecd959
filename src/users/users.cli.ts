// `gongkai users create|token`: accounts for the first administrator and for integrations.
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { activeDepartmentExists, listAllDepartments } from '../orgs/orgs.service.js';
import { createApiToken, createUser, findUserIdByUsername, getUser } from './users.service.js';

import { ROLES } from './roles.js';

const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名（--name）',
  departmentId: '所属单位（--department）',
  roles: '角色（--role）',
  password: '密码（--password）',
};

export async function runUsersCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (sub === 'create') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: {
          name: { type: 'string' },
          department: { type: 'string' },
          role: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const username = positionals[0];
      if (!username || !values.name || !values.department || !values.role) {
        throw new CliError(
          `用法：gongkai users create <username> --name <姓名> --department <机构ID或全称> --role <${ROLES.join('|')}>[,…] [--password <密码>]`,
        );
      }
      const departments = await listAllDepartments(db.kysely, true);
      const dep = departments.find(
        (d) => String(d.id) === values.department || d.fullName === values.department,
      );
      if (!dep) throw new CliError(`找不到机构：${values.department}`);
      const password = values.password ?? process.env.GONGKAI_PASSWORD;
      if (!password) throw new CliError('请用 --password 或环境变量 GONGKAI_PASSWORD 提供初始密码');
      const result = await createUser(
        db.kysely,
        SYSTEM_ACTOR,
        { username, displayName: values.name, departmentId: dep.id, roles: values.role.split(','), password },
        (id) => activeDepartmentExists(db.kysely, id),
      );
      if (!result.ok)
        throw new CliError(
          Object.entries(result.fields)
            .map(([k, v]) => `${FIELD_LABELS[k] ?? k}：${v}`)
            .join('\n'),
        );
      console.log(`已创建用户 ${username}（ID ${result.value}，${dep.fullName}）`);
      return 0;
    }
    if (sub === 'token') {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { name: { type: 'string' } },
      });
      const username = positionals[0];
      if (!username || !values.name) throw new CliError('用法：gongkai users token <username> --name <用途>');
      const id = await findUserIdByUsername(db.kysely, username);
      if (id === undefined) throw new CliError(`找不到用户：${username}`);
      const user = await getUser(db.kysely, id);
      if (!user.active) throw new CliError(`用户已停用：${username}`);
      const result = await createApiToken(db.kysely, user, values.name);
      if (!result.ok) throw new CliError(Object.values(result.fields).join('\n'));
      console.log(result.value.token);
      return 0;
    }
    throw new CliError('用法：gongkai users create|token …');
  } finally {
    await db.close();
  }
}

// Staff accounts: sign-in with lockout, sessions, password changes, API tokens, user admin.
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { AuditActor } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, ok, type FieldErrors, type Result } from '../http/errors.js';
import { addMinutes, nowIso } from '../shared/clock.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import * as repo from './users.repository.js';
import { isRole, ROLE_LABELS, type Role } from './roles.js';
import { newSecret, sha256Hex } from './tokens.js';
import {
  LOCK_MINUTES,
  MAX_FAILED_LOGINS,
  SESSION_HOURS,
  type CurrentUser,
  type User,
} from './users.types.js';

export function actorOf(user: CurrentUser): AuditActor {
  return {
    userId: user.id,
    name: `${user.displayName}（${user.username}）`,
    departmentId: user.departmentId,
  };
}

export type LoginOutcome =
  | { ok: true; sessionToken: string; user: CurrentUser }
  | { ok: false; reason: 'invalid' | 'locked'; message: string };

const INVALID_LOGIN = '用户名或密码不正确。';

export async function login(db: Kysely<Database>, username: string, password: string): Promise<LoginOutcome> {
  const now = nowIso();
  const user = await repo.findUserByUsername(db, username.trim());
  if (!user || !user.active) {
    // Spend the same time as a real check so that usernames cannot be probed by timing.
    await verifyPassword(password, DUMMY_HASH);
    return { ok: false, reason: 'invalid', message: INVALID_LOGIN };
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    return {
      ok: false,
      reason: 'locked',
      message: `连续登录失败次数过多，账号已临时锁定，请于 ${LOCK_MINUTES} 分钟后再试。`,
    };
  }
  if (!(await verifyPassword(password, user.passwordHash))) {
    const count = user.failedLoginCount + 1;
    const locked = count >= MAX_FAILED_LOGINS;
    await repo.recordLoginFailure(
      db,
      user.id,
      locked ? 0 : count,
      locked ? addMinutes(now, LOCK_MINUTES) : null,
    );
    if (locked) {
      return {
        ok: false,
        reason: 'locked',
        message: `连续登录失败次数过多，账号已临时锁定，请于 ${LOCK_MINUTES} 分钟后再试。`,
      };
    }
    return { ok: false, reason: 'invalid', message: INVALID_LOGIN };
  }
  await repo.clearLoginFailures(db, user.id);
  const sessionToken = newSecret();
  await repo.insertSession(db, {
    id: sha256Hex(sessionToken),
    userId: user.id,
    now,
    expiresAt: addMinutes(now, SESSION_HOURS * 60),
  });
  return {
    ok: true,
    sessionToken,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      departmentId: user.departmentId,
      roles: user.roles,
    },
  };
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** The user behind a session cookie; slides the expiry at most every five minutes. */
export async function resolveSession(
  db: Kysely<Database>,
  sessionToken: string,
): Promise<CurrentUser | undefined> {
  const now = nowIso();
  const id = sha256Hex(sessionToken);
  const found = await repo.findSessionUser(db, id, now);
  if (!found) return undefined;
  if (addMinutes(found.lastSeenAt, 5) < now) {
    await repo.touchSession(db, id, now, addMinutes(now, SESSION_HOURS * 60));
  }
  return found.user;
}

export async function logout(db: Kysely<Database>, sessionToken: string): Promise<void> {
  await repo.deleteSession(db, sha256Hex(sessionToken));
}

export async function resolveApiToken(db: Kysely<Database>, token: string): Promise<CurrentUser | undefined> {
  const found = await repo.findTokenUser(db, sha256Hex(token));
  if (!found) return undefined;
  await repo.touchToken(db, found.tokenId, nowIso());
  return found.user;
}

export async function changePassword(
  db: Kysely<Database>,
  user: CurrentUser,
  sessionToken: string | undefined,
  input: { current: string; next: string; confirm: string },
): Promise<Result<true>> {
  const fields: FieldErrors = {};
  const stored = await repo.findUserById(db, user.id);
  if (!stored) throw notFound();
  if (!(await verifyPassword(input.current, stored.passwordHash))) fields.current = '当前密码不正确';
  const problem = passwordProblem(input.next);
  if (problem) fields.next = problem;
  else if (input.next !== input.confirm) fields.confirm = '两次输入的新密码不一致';
  if (Object.keys(fields).length > 0) return invalid(fields);
  const passwordHash = await hashPassword(input.next);
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, { passwordHash, now: nowIso() });
    // Every other session of this user ends; the current one stays.
    await repo.deleteSessionsOfUser(trx, user.id, sessionToken ? sha256Hex(sessionToken) : undefined);
    await appendAudit(trx, actorOf(user), {
      action: 'password_changed',
      entityType: 'user',
      entityId: user.id,
      summary: { username: user.username },
    });
  });
  return ok(true);
}

export interface UserInput {
  username: string;
  displayName: string;
  departmentId: number | undefined;
  roles: string[];
  password?: string | undefined;
}

function validateUserInput(input: UserInput, isNew: boolean): { fields: FieldErrors; roles: Role[] } {
  const fields: FieldErrors = {};
  if (isNew && !/^[a-z][a-z0-9_.-]{2,31}$/.test(input.username)) {
    fields.username = '用户名须为 3–32 位小写字母、数字、下划线、点或连字符，以字母开头';
  }
  if (!input.displayName.trim()) fields.displayName = '请填写姓名';
  else if (input.displayName.trim().length > 50) fields.displayName = '姓名不能超过 50 个字符';
  if (input.departmentId === undefined) fields.departmentId = '请选择所属单位';
  const roles = input.roles.filter(isRole);
  if (roles.length !== input.roles.length) fields.roles = '角色无效';
  else if (roles.length === 0) fields.roles = '请至少选择一个角色';
  if (isNew || input.password) {
    const problem = passwordProblem(input.password ?? '');
    if (problem) fields.password = problem;
  }
  return { fields, roles };
}

export async function createUser(
  db: Kysely<Database>,
  actor: AuditActor,
  input: UserInput,
  departmentExists: (id: number) => Promise<boolean>,
): Promise<Result<number>> {
  const { fields, roles } = validateUserInput(input, true);
  if (
    input.departmentId !== undefined &&
    !fields.departmentId &&
    !(await departmentExists(input.departmentId))
  ) {
    fields.departmentId = '所属单位不存在或已停用';
  }
  if (!fields.username && (await repo.findUserByUsername(db, input.username)))
    fields.username = '该用户名已被使用';
  if (Object.keys(fields).length > 0 || input.departmentId === undefined) return invalid(fields);
  const departmentId = input.departmentId;
  const passwordHash = await hashPassword(input.password ?? '');
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertUser(trx, {
      username: input.username,
      displayName: input.displayName.trim(),
      departmentId,
      passwordHash,
      roles,
      now: nowIso(),
    });
    await appendAudit(trx, actor, {
      action: 'user_created',
      entityType: 'user',
      entityId: id,
      departmentId,
      summary: {
        username: input.username,
        displayName: input.displayName.trim(),
        roles: roles.map((r) => ROLE_LABELS[r]),
      },
    });
    return id;
  });
  return ok(id);
}

export async function updateUserAccount(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
  input: UserInput & { active: boolean },
  departmentExists: (id: number) => Promise<boolean>,
): Promise<Result<true>> {
  const existing = await repo.findUserById(db, id);
  if (!existing) throw notFound('用户不存在。');
  const { fields, roles } = validateUserInput({ ...input, username: existing.username }, false);
  if (
    input.departmentId !== undefined &&
    !fields.departmentId &&
    !(await departmentExists(input.departmentId))
  ) {
    fields.departmentId = '所属单位不存在或已停用';
  }
  if (actor.userId === id && !input.active) fields.active = '不能停用自己的账号';
  if (actor.userId === id && existing.roles.includes('admin') && !roles.includes('admin')) {
    fields.roles = '不能取消自己的系统管理员角色';
  }
  if (Object.keys(fields).length > 0 || input.departmentId === undefined) return invalid(fields);
  const departmentId = input.departmentId;
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, id, {
      displayName: input.displayName.trim(),
      departmentId,
      active: input.active,
      ...(passwordHash ? { passwordHash } : {}),
      now: nowIso(),
    });
    await repo.replaceRoles(trx, id, roles);
    if (!input.active || passwordHash) await repo.deleteSessionsOfUser(trx, id);
    if (passwordHash) await repo.clearLoginFailures(trx, id);
    await appendAudit(trx, actor, {
      action: 'user_updated',
      entityType: 'user',
      entityId: id,
      departmentId,
      summary: {
        before: {
          displayName: existing.displayName,
          departmentId: existing.departmentId,
          active: existing.active,
          roles: existing.roles,
        },
        after: { displayName: input.displayName.trim(), departmentId, active: input.active, roles },
        passwordReset: Boolean(passwordHash),
      },
    });
  });
  return ok(true);
}

export async function getUser(db: Kysely<Database>, id: number): Promise<User> {
  const u = await repo.findUserById(db, id);
  if (!u) throw notFound('用户不存在。');
  const { passwordHash: _omit, ...user } = u;
  return user;
}

export function listUsers(db: Kysely<Database>, filter: { departmentId?: number | undefined } = {}) {
  return repo.listUsers(db, filter);
}

export function listUsersPage(
  db: Kysely<Database>,
  filter: { departmentId?: number | undefined },
  page: { limit: number; offset: number },
) {
  return repo.listUsersPage(db, filter, page);
}

/** When the account's sign-in lockout ends, or null when it is not locked at `now`. */
export function lockedUntil(user: Pick<User, 'lockedUntil'>, now: string = nowIso()): string | null {
  return user.lockedUntil && user.lockedUntil > now ? user.lockedUntil : null;
}

/** Lifts a temporary sign-in lockout before it runs out (audited). */
export async function unlockUser(
  db: Kysely<Database>,
  actor: AuditActor,
  id: number,
): Promise<'unlocked' | 'not_locked'> {
  const existing = await repo.findUserById(db, id);
  if (!existing) throw notFound('用户不存在。');
  const until = lockedUntil(existing);
  if (!until) return 'not_locked';
  await db.transaction().execute(async (trx) => {
    await repo.clearLoginFailures(trx, id);
    await appendAudit(trx, actor, {
      action: 'user_unlocked',
      entityType: 'user',
      entityId: id,
      departmentId: existing.departmentId,
      summary: { username: existing.username, lockedUntil: until },
    });
  });
  return 'unlocked';
}

/** Creates an API token; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Kysely<Database>,
  user: CurrentUser,
  name: string,
): Promise<Result<{ id: number; token: string }>> {
  const trimmed = name.trim();
  if (!trimmed) return invalid({ name: '请填写令牌用途，例如“对接办公系统”' });
  if (trimmed.length > 60) return invalid({ name: '用途不能超过 60 个字符' });
  const token = newSecret('gk_');
  const id = await db.transaction().execute(async (trx) => {
    const id = await repo.insertApiToken(trx, {
      userId: user.id,
      name: trimmed,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 7),
      now: nowIso(),
    });
    await appendAudit(trx, actorOf(user), {
      action: 'api_token_created',
      entityType: 'api_token',
      entityId: id,
      summary: { name: trimmed },
    });
    return id;
  });
  return ok({ id, token });
}

export async function revokeApiToken(
  db: Kysely<Database>,
  user: CurrentUser,
  tokenId: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.revokeToken(trx, user.id, tokenId, nowIso()))) throw notFound('令牌不存在或已撤销。');
    await appendAudit(trx, actorOf(user), {
      action: 'api_token_revoked',
      entityType: 'api_token',
      entityId: tokenId,
      summary: {},
    });
  });
}

export function listApiTokens(db: Kysely<Database>, user: CurrentUser) {
  return repo.listTokens(db, user.id);
}

export async function findUserIdByUsername(
  db: Kysely<Database>,
  username: string,
): Promise<number | undefined> {
  return (await repo.findUserByUsername(db, username))?.id;
}

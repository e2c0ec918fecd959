import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { isRole, type Role } from './roles.js';
import type { ApiTokenRow, UserRow } from './users.table.js';
import type { ApiToken, CurrentUser, User } from './users.types.js';

type Db = Kysely<Database> | Transaction<Database>;

export function userRowToUser(r: UserRow, roles: Role[]): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    departmentId: r.department_id,
    active: r.active === 1,
    failedLoginCount: r.failed_login_count,
    lockedUntil: r.locked_until,
    roles,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function tokenRowToToken(r: ApiTokenRow): ApiToken {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

async function rolesOf(db: Db, userIds: number[]): Promise<Map<number, Role[]>> {
  const map = new Map<number, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('user_roles')
    .select(['user_id', 'role'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const r of rows) {
    if (!isRole(r.role)) continue;
    const list = map.get(r.user_id) ?? [];
    list.push(r.role);
    map.set(r.user_id, list);
  }
  return map;
}

export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row) return undefined;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return { ...userRowToUser(row, roles), passwordHash: row.password_hash };
}

export async function findUserById(
  db: Db,
  id: number,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return { ...userRowToUser(row, roles), passwordHash: row.password_hash };
}

export async function listUsers(db: Db, filter: { departmentId?: number | undefined }): Promise<User[]> {
  let q = db.selectFrom('users').selectAll();
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  const rows = await q.orderBy('department_id').orderBy('username').execute();
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => userRowToUser(r, roles.get(r.id) ?? []));
}

/** One page of users (by department, then username) and how many match in all. */
export async function listUsersPage(
  db: Db,
  filter: { departmentId?: number | undefined },
  page: { limit: number; offset: number },
): Promise<{ users: User[]; total: number }> {
  let q = db.selectFrom('users');
  if (filter.departmentId !== undefined) q = q.where('department_id', '=', filter.departmentId);
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy('department_id')
      .orderBy('username')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const roles = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return { users: rows.map((r) => userRowToUser(r, roles.get(r.id) ?? [])), total: Number(count.n) };
}

export async function insertUser(
  trx: Transaction<Database>,
  u: {
    username: string;
    displayName: string;
    departmentId: number;
    passwordHash: string;
    roles: Role[];
    now: string;
  },
): Promise<number> {
  const row = await trx
    .insertInto('users')
    .values({
      username: u.username,
      display_name: u.displayName,
      department_id: u.departmentId,
      password_hash: u.passwordHash,
      active: 1,
      failed_login_count: 0,
      locked_until: null,
      created_at: u.now,
      updated_at: u.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRoles(trx, row.id, u.roles);
  return row.id;
}

export async function updateUser(
  trx: Transaction<Database>,
  id: number,
  patch: {
    displayName?: string;
    departmentId?: number;
    active?: boolean;
    passwordHash?: string;
    now: string;
  },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.departmentId !== undefined ? { department_id: patch.departmentId } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      updated_at: patch.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceRoles(trx: Transaction<Database>, userId: number, roles: Role[]): Promise<void> {
  await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0) {
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
  }
}

export async function recordLoginFailure(
  db: Db,
  id: number,
  count: number,
  lockedUntil: string | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: count, locked_until: lockedUntil })
    .where('id', '=', id)
    .execute();
}

export async function clearLoginFailures(db: Db, id: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function insertSession(
  db: Db,
  s: { id: string; userId: number; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: s.id, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt, last_seen_at: s.now })
    .execute();
}

/** The active user behind a session id, with the session's last-seen time; one query plus roles. */
export async function findSessionUser(
  db: Db,
  sessionId: string,
  now: string,
): Promise<{ user: CurrentUser; lastSeenAt: string } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.department_id',
      'sessions.last_seen_at',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      departmentId: row.department_id,
      roles,
    },
    lastSeenAt: row.last_seen_at,
  };
}

export async function touchSession(db: Db, sessionId: string, now: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

export async function insertApiToken(
  trx: Transaction<Database>,
  t: { userId: number; name: string; tokenHash: string; prefix: string; now: string },
): Promise<number> {
  const row = await trx
    .insertInto('api_tokens')
    .values({
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
      prefix: t.prefix,
      created_at: t.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findTokenUser(
  db: Db,
  tokenHash: string,
): Promise<{ user: CurrentUser; tokenId: number } | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.department_id',
      'api_tokens.id as token_id',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  const roles = (await rolesOf(db, [row.id])).get(row.id) ?? [];
  return {
    user: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      departmentId: row.department_id,
      roles,
    },
    tokenId: row.token_id,
  };
}

export async function touchToken(db: Db, tokenId: number, now: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', tokenId).execute();
}

export async function listTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(tokenRowToToken);
}

export async function revokeToken(
  trx: Transaction<Database>,
  userId: number,
  tokenId: number,
  now: string,
): Promise<boolean> {
  const res = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

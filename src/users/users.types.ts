import type { Role } from './roles.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  departmentId: number;
  active: boolean;
  failedLoginCount: number;
  lockedUntil: string | null;
  roles: Role[];
  createdAt: string;
  updatedAt: string;
}

/** The signed-in staff member, as routes and services see them. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  departmentId: number;
  roles: Role[];
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Login policy: lock an account for LOCK_MINUTES after MAX_FAILED_LOGINS wrong passwords in a row. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

// The statistics use-case: tables 三 and 四 for a year, per department or city-wide, from the records.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { CurrentUser } from '../users/users.types.js';
import * as repo from './requests.repository.js';
import { canReadAll, departmentNames, requestNotFound } from './requests.service.js';
import {
  buildTable3,
  buildTable4,
  checkTable3,
  checkTable4,
  type IntegrityCheck,
  type Table3,
  type Table4,
} from './requests.stats.js';

export interface Statistics {
  year: number;
  departmentId: number | null;
  scopeName: string;
  table3: Table3;
  table4: Table4;
  lastYearTable3: Table3;
  checks: IntegrityCheck[];
  ok: boolean;
}

const CITY_WIDE = '全市';

async function yearCounts(db: Kysely<Database>, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [received, carriedIn, decided, carriedOut] = await Promise.all([
    repo.countReceived(db, from, to),
    repo.countOpenAt(db, from),
    repo.countDecided(db, from, to),
    repo.countOpenAt(db, `${year + 1}-01-01`),
  ]);
  return { received, carriedIn, decided, carriedOut };
}

/** Tables 三 and 四; a department's officer sees only their own department. */
export async function getStatistics(
  db: Kysely<Database>,
  user: CurrentUser,
  year: number,
  departmentId: number | undefined,
): Promise<Statistics> {
  const scope = canReadAll(user) ? departmentId : user.departmentId;
  const names = await departmentNames(db);
  if (scope !== undefined && !names.has(scope)) throw requestNotFound();
  const [current, last, reviews] = await Promise.all([
    yearCounts(db, year),
    yearCounts(db, year - 1),
    repo.countReviews(db, `${year}-01-01`, `${year}-12-31`),
  ]);
  const table3 = buildTable3(current, scope);
  const lastYearTable3 = buildTable3(last, scope);
  const table4 = buildTable4(reviews, scope);
  const checks = [...checkTable3(table3, lastYearTable3, year), ...checkTable4(table4)];
  return {
    year,
    departmentId: scope ?? null,
    scopeName: scope === undefined ? CITY_WIDE : (names.get(scope) ?? ''),
    table3,
    table4,
    lastYearTable3,
    checks,
    ok: checks.every((c) => c.ok),
  };
}

// The demo data set: the units and people of the seed's 附件 (黄冈市政务公开领导小组), the
// county-level governments and 管委会 it names, and staff accounts to try the console with.
// Credit codes are made up (with valid check characters); every page says the data is demo data.
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { putSetting } from '../db/settings.repository.js';
import { GROUP_TEXT_KEYS, GROUP_TEXT_TITLES } from '../orgs/group.types.js';
import { importOrgs, type OrgsImport } from '../orgs/orgs.import.js';
import { activeDepartmentExists, countDepartments, listAllDepartments } from '../orgs/orgs.service.js';
import { nowIso } from '../shared/clock.js';
import { createUser } from '../users/users.service.js';
import { DEMO_DEPARTMENTS, demoDepartmentInput } from './demo-departments.js';
import { DEMO_GROUP_TEXTS, DEMO_LIAISONS, DEMO_MEMBERS, LEADER_UNIT_NAME } from './demo-group.js';
import { DEMO_USERS, DEMO_PASSWORD } from './demo-users.js';

function fullNameOf(shortName: string): string {
  const d = DEMO_DEPARTMENTS.find((x) => x.shortName === shortName);
  if (!d) throw new Error(`demo data: no department with the short name ${shortName}`);
  return d.fullName;
}

/** The departments and the leading group, as one import. */
export function demoOrgs(): OrgsImport {
  return {
    departments: DEMO_DEPARTMENTS.map((d, i) => demoDepartmentInput(d, i + 1)),
    members: DEMO_MEMBERS.map((m, i) => ({
      role: m.role,
      name: m.name,
      position: m.position,
      unitName: m.unit === undefined ? LEADER_UNIT_NAME : '',
      sortOrder: i + 1,
      ...(m.unit === undefined ? {} : { department: fullNameOf(m.unit) }),
    })),
    liaisons: DEMO_LIAISONS.map((l) => ({
      department: fullNameOf(l.unit),
      name: l.name,
      position: l.position,
      phone: l.phone,
    })),
    texts: GROUP_TEXT_KEYS.map((key) => ({
      key,
      title: GROUP_TEXT_TITLES[key],
      body: DEMO_GROUP_TEXTS[key].join('\n\n'),
    })),
  };
}

/**
 * Loads the demo data into an empty database; returns false (and does nothing) when any
 * department exists. Departments and the group are saved in one transaction (all or nothing);
 * then the five demo accounts (password hashing is the slow part, so there are only five).
 */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  if ((await countDepartments(db)) > 0) return false;
  const result = await importOrgs(db, SYSTEM_ACTOR, demoOrgs(), { onlyIfEmpty: true });
  if (!result.ok) throw new Error(`demo data: ${JSON.stringify(result.fields)}`);
  if (!result.value.imported) return false;

  const departments = await listAllDepartments(db, true);
  for (const u of DEMO_USERS) {
    const dep = departments.find((d) => d.fullName === u.department);
    if (!dep) throw new Error(`demo user ${u.username}: no department ${u.department}`);
    const created = await createUser(
      db,
      SYSTEM_ACTOR,
      {
        username: u.username,
        displayName: u.displayName,
        departmentId: dep.id,
        roles: [...u.roles],
        password: DEMO_PASSWORD,
      },
      (id) => activeDepartmentExists(db, id),
    );
    if (!created.ok) throw new Error(`demo user ${u.username}: ${JSON.stringify(created.fields)}`);
  }
  await putSetting(db, 'demo_data', 'on', nowIso());
  return true;
}

// The demo data set: the units and people of the seed's 附件 (黄冈市政务公开领导小组), the
// county-level governments and 管委会 it names, and staff accounts to try the console with.
// Credit codes are made up (with valid check characters); every page says the data is demo data.
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import type { Database } from '../db/database.js';
import { putSetting } from '../db/settings.repository.js';
import {
  activeDepartmentExists,
  countDepartments,
  createDepartment,
  listAllDepartments,
} from '../orgs/orgs.service.js';
import { nowIso } from '../shared/clock.js';
import { createUser } from '../users/users.service.js';
import { DEMO_DEPARTMENTS, demoCreditCode } from './demo-departments.js';
import { DEMO_USERS, DEMO_PASSWORD } from './demo-users.js';

/** Loads the demo data into an empty database; returns false (and does nothing) otherwise. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  if ((await countDepartments(db)) > 0) return false;
  let serial = 0;
  for (const d of DEMO_DEPARTMENTS) {
    serial++;
    const result = await createDepartment(db, SYSTEM_ACTOR, {
      fullName: d.fullName,
      shortName: d.shortName,
      kind: d.kind,
      creditCode: demoCreditCode(serial),
      parentId: undefined,
      address: d.address ?? '',
      officeHours: '周一至周五 上午 8:30–12:00，下午 14:30–17:30（法定节假日除外）',
      phone: `0713-${String(8_600_000 + serial * 17).slice(0, 7)}`,
      email: '',
      guideText: d.guideText ?? '',
      functionsText: d.functionsText ?? '',
      sortOrder: serial,
    });
    if (!result.ok) throw new Error(`demo department ${d.fullName}: ${JSON.stringify(result.fields)}`);
  }
  const departments = await listAllDepartments(db, true);
  for (const u of DEMO_USERS) {
    const dep = departments.find((d) => d.fullName === u.department);
    if (!dep) throw new Error(`demo user ${u.username}: no department ${u.department}`);
    const result = await createUser(
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
    if (!result.ok) throw new Error(`demo user ${u.username}: ${JSON.stringify(result.fields)}`);
  }
  await putSetting(db, 'demo_data', 'on', nowIso());
  return true;
}

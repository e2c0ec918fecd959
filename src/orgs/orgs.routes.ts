// The orgs module's routes: the public pages here; the JSON API and the console in their own
// files, registered from this plugin so that app.ts keeps one line per domain.
import type { App } from '../http/app-types.js';
import { sendPublicPage } from '../http/page.js';
import { groupConsoleRoutes } from './group.console.js';
import { getPublicLeadingGroup } from './group.service.js';
import { orgsApiRoutes } from './orgs.api.js';
import { IdParams } from './orgs.schemas.js';
import { departmentsConsoleRoutes } from './orgs.console.js';
import { getPublicDepartment, listAllDepartments, listDepartmentDirectory } from './orgs.service.js';
import {
  DEPARTMENT_CRUMBS,
  DIRECTORY_CRUMBS,
  departmentPage,
  directoryPage,
  leadingGroupPage,
} from './orgs.views.js';

export async function orgsRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get('/departments', { config: { permission: 'public' } }, async (request, reply) => {
    const groups = await listDepartmentDirectory(db);
    return sendPublicPage(app, request, reply, {
      title: '机构目录',
      breadcrumbs: DIRECTORY_CRUMBS,
      body: directoryPage(groups),
    });
  });

  app.get(
    '/departments/:id',
    { config: { permission: 'public' }, schema: { params: IdParams } },
    async (request, reply) => {
      const department = await getPublicDepartment(db, request.params.id);
      const active = await listAllDepartments(db, true);
      const parent = active.find((d) => d.id === department.parentId);
      const children = active.filter((d) => d.parentId === department.id);
      return sendPublicPage(app, request, reply, {
        title: department.fullName,
        breadcrumbs: DEPARTMENT_CRUMBS,
        body: departmentPage(department, parent, children),
      });
    },
  );

  app.get('/leading-group', { config: { permission: 'public' } }, async (request, reply) => {
    const group = await getPublicLeadingGroup(db);
    return sendPublicPage(app, request, reply, {
      title: '政务公开领导小组',
      breadcrumbs: DIRECTORY_CRUMBS,
      body: leadingGroupPage(group),
    });
  });

  await app.register(orgsApiRoutes);
  await app.register(departmentsConsoleRoutes);
  await app.register(groupConsoleRoutes);
}

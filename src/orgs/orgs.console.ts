// Console routes for departments (permission orgs.manage): list, create, edit, deactivate.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { actorOf } from '../users/users.service.js';
import { departmentFormTyped, departmentInputFromForm } from './orgs.form-input.js';
import { ConsoleListQuery, DepartmentForm, IdParams } from './orgs.schemas.js';
import {
  createDepartment,
  getDepartment,
  listAllDepartments,
  setDepartmentActive,
  updateDepartment,
} from './orgs.service.js';
import { isDepartmentKind } from './orgs.types.js';
import {
  EMPTY_DEPARTMENT_FORM,
  deactivateConfirmPage,
  departmentFormPage,
  departmentFormValues,
  departmentListPage,
} from './orgs.console-views.js';

const config = { permission: 'orgs.manage' } as const;
const EmptyForm = Type.Object({}, { additionalProperties: false });

export async function departmentsConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/console/departments',
    { config, schema: { querystring: ConsoleListQuery } },
    async (request, reply) => {
      const kind =
        request.query.kind && isDepartmentKind(request.query.kind) ? request.query.kind : undefined;
      const all = await listAllDepartments(db);
      return sendConsolePage(app, request, reply, {
        title: '机构管理',
        body: () =>
          departmentListPage({
            departments: kind ? all.filter((d) => d.kind === kind) : all,
            kind,
            notice: request.query.notice,
          }),
      });
    },
  );

  app.get('/console/departments/new', { config }, async (request, reply) => {
    const parents = await listAllDepartments(db);
    return sendConsolePage(app, request, reply, {
      title: '新增机构',
      body: (csrf) =>
        departmentFormPage(csrf, {
          department: undefined,
          values: EMPTY_DEPARTMENT_FORM,
          errors: undefined,
          parents,
        }),
    });
  });

  app.post('/console/departments', { config, schema: { body: DepartmentForm } }, async (request, reply) => {
    const result = await createDepartment(
      db,
      actorOf(currentUser(request)),
      departmentInputFromForm(request.body),
    );
    if (result.ok) return reply.redirect('/console/departments?notice=created', 303);
    const parents = await listAllDepartments(db);
    return sendConsolePage(
      app,
      request,
      reply,
      {
        title: '新增机构',
        body: (csrf) =>
          departmentFormPage(csrf, {
            department: undefined,
            values: departmentFormTyped(request.body),
            errors: result.fields,
            parents,
          }),
      },
      400,
    );
  });

  app.get(
    '/console/departments/:id/edit',
    { config, schema: { params: IdParams } },
    async (request, reply) => {
      const department = await getDepartment(db, request.params.id);
      const parents = await listAllDepartments(db);
      return sendConsolePage(app, request, reply, {
        title: `编辑机构：${department.fullName}`,
        body: (csrf) =>
          departmentFormPage(csrf, {
            department,
            values: departmentFormValues(department),
            errors: undefined,
            parents,
          }),
      });
    },
  );

  app.post(
    '/console/departments/:id',
    { config, schema: { params: IdParams, body: DepartmentForm } },
    async (request, reply) => {
      const id = request.params.id;
      const result = await updateDepartment(
        db,
        actorOf(currentUser(request)),
        id,
        departmentInputFromForm(request.body),
      );
      if (result.ok) return reply.redirect('/console/departments?notice=updated', 303);
      const department = await getDepartment(db, id);
      const parents = await listAllDepartments(db);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `编辑机构：${department.fullName}`,
          body: (csrf) =>
            departmentFormPage(csrf, {
              department,
              values: departmentFormTyped(request.body),
              errors: result.fields,
              parents,
            }),
        },
        400,
      );
    },
  );

  app.get(
    '/console/departments/:id/deactivate',
    { config, schema: { params: IdParams } },
    async (request, reply) => {
      const department = await getDepartment(db, request.params.id);
      if (!department.active) return reply.redirect(`/console/departments/${department.id}/edit`, 303);
      return sendConsolePage(app, request, reply, {
        title: `停用机构：${department.fullName}`,
        body: (csrf) => deactivateConfirmPage(csrf, department),
      });
    },
  );

  app.post(
    '/console/departments/:id/deactivate',
    { config, schema: { params: IdParams, body: EmptyForm } },
    async (request, reply) => {
      await setDepartmentActive(db, actorOf(currentUser(request)), request.params.id, false);
      return reply.redirect('/console/departments?notice=deactivated', 303);
    },
  );

  app.post(
    '/console/departments/:id/reactivate',
    { config, schema: { params: IdParams, body: EmptyForm } },
    async (request, reply) => {
      await setDepartmentActive(db, actorOf(currentUser(request)), request.params.id, true);
      return reply.redirect('/console/departments?notice=reactivated', 303);
    },
  );
}

// User administration for 系统管理员 (list, create, edit, unlock) and the API's "who am I".
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import type { FieldErrors } from '../http/errors.js';
import { optionalInt, str, strList } from '../http/forms.js';
import { sendConsolePage } from '../http/page.js';
import { activeDepartmentExists, listAllDepartments } from '../orgs/orgs.service.js';
import { nowIso } from '../shared/clock.js';
import { parsePage } from '../shared/pagination.js';
import { ROLES } from './roles.js';
import {
  actorOf,
  createUser,
  getUser,
  listUsersPage,
  lockedUntil,
  unlockUser,
  updateUserAccount,
} from './users.service.js';
import type { User } from './users.types.js';
import {
  editUserPage,
  newUserPage,
  USER_NOTICES,
  usersListPage,
  type UserFormValues,
  type UserNotice,
} from './users.views.js';

const PAGE_SIZE = 50;
const FormString = Type.Optional(Type.String({ maxLength: 1000 }));
const FormList = Type.Optional(Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Notice = Type.Optional(Type.Union(USER_NOTICES.map((n) => Type.Literal(n))));
const NoticeQuery = Type.Object({ notice: Notice });
const ListQuery = Type.Object({ notice: Notice, department: FormString, page: FormString });
const EmptyBody = Type.Object({}, { additionalProperties: false });

const NewUserBody = Type.Object(
  {
    username: FormString,
    displayName: FormString,
    departmentId: FormString,
    roles: FormList,
    password: FormString,
  },
  { additionalProperties: false },
);
const EditUserBody = Type.Object(
  {
    displayName: FormString,
    departmentId: FormString,
    roles: FormList,
    active: FormString,
    password: FormString,
  },
  { additionalProperties: false },
);

const MeResponse = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  departmentId: Type.Integer(),
  roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r)))),
});

function storedValues(user: User): UserFormValues {
  return {
    username: user.username,
    displayName: user.displayName,
    departmentId: String(user.departmentId),
    roles: user.roles,
    active: user.active,
  };
}

export async function usersRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const departmentExists = (id: number) => activeDepartmentExists(db, id);

  const renderNew = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: UserFormValues,
    errors?: FieldErrors,
  ) => {
    const departments = await listAllDepartments(db, true);
    return sendConsolePage(
      app,
      request,
      reply,
      {
        title: '新增用户',
        body: (csrf) => newUserPage(csrf, { values, departments, ...(errors ? { errors } : {}) }),
      },
      errors ? 400 : 200,
    );
  };

  const renderEdit = async (
    request: FastifyRequest,
    reply: FastifyReply,
    user: User,
    values: UserFormValues,
    extra: { errors?: FieldErrors; notice?: UserNotice | undefined } = {},
  ) => {
    const departments = await listAllDepartments(db);
    return sendConsolePage(
      app,
      request,
      reply,
      {
        title: `编辑用户：${user.displayName}`,
        body: (csrf) =>
          editUserPage(csrf, { user, lockedUntil: lockedUntil(user), values, departments, ...extra }),
      },
      extra.errors ? 400 : 200,
    );
  };

  app.get(
    '/console/users',
    {
      config: { permission: 'users.manage' },
      schema: {
        querystring: ListQuery,
      },
    },
    async (request, reply) => {
      const departmentId = optionalInt(request.query.department);
      const page = parsePage(request.query.page, PAGE_SIZE);
      const [{ users, total }, departments] = await Promise.all([
        listUsersPage(db, { departmentId }, page),
        listAllDepartments(db),
      ]);
      const now = nowIso();
      return sendConsolePage(app, request, reply, {
        title: '用户管理',
        body: () =>
          usersListPage({
            users: users.map((u) => ({ ...u, lockedUntil: lockedUntil(u, now) })),
            total,
            page,
            departments,
            departmentId,
            notice: request.query.notice,
          }),
      });
    },
  );

  app.get('/console/users/new', { config: { permission: 'users.manage' } }, async (request, reply) =>
    renderNew(request, reply, { username: '', displayName: '', departmentId: '', roles: [], active: true }),
  );

  app.post(
    '/console/users/new',
    { config: { permission: 'users.manage' }, schema: { body: NewUserBody } },
    async (request, reply) => {
      const b = request.body;
      const values: UserFormValues = {
        username: str(b.username).trim(),
        displayName: str(b.displayName),
        departmentId: str(b.departmentId),
        roles: strList(b.roles),
        active: true,
      };
      const result = await createUser(
        db,
        actorOf(currentUser(request)),
        {
          username: values.username,
          displayName: values.displayName,
          departmentId: optionalInt(values.departmentId),
          roles: [...values.roles],
          password: str(b.password),
        },
        departmentExists,
      );
      if (!result.ok) return renderNew(request, reply, values, result.fields);
      return reply.redirect('/console/users?notice=created', 303);
    },
  );

  app.get(
    '/console/users/:id/edit',
    { config: { permission: 'users.manage' }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const user = await getUser(db, request.params.id);
      return renderEdit(request, reply, user, storedValues(user), { notice: request.query.notice });
    },
  );

  app.post(
    '/console/users/:id/edit',
    { config: { permission: 'users.manage' }, schema: { params: IdParams, body: EditUserBody } },
    async (request, reply) => {
      const user = await getUser(db, request.params.id);
      const b = request.body;
      const values: UserFormValues = {
        username: user.username,
        displayName: str(b.displayName),
        departmentId: str(b.departmentId),
        roles: strList(b.roles),
        active: str(b.active) === '1',
      };
      const result = await updateUserAccount(
        db,
        actorOf(currentUser(request)),
        user.id,
        {
          username: user.username,
          displayName: values.displayName,
          departmentId: optionalInt(values.departmentId),
          roles: [...values.roles],
          password: str(b.password) || undefined,
          active: values.active,
        },
        departmentExists,
      );
      if (!result.ok) return renderEdit(request, reply, user, values, { errors: result.fields });
      return reply.redirect('/console/users?notice=updated', 303);
    },
  );

  app.post(
    '/console/users/:id/unlock',
    { config: { permission: 'users.manage' }, schema: { params: IdParams, body: EmptyBody } },
    async (request, reply) => {
      const outcome = await unlockUser(db, actorOf(currentUser(request)), request.params.id);
      return reply.redirect(`/console/users/${request.params.id}/edit?notice=${outcome}`, 303);
    },
  );

  app.get(
    '/api/v1/me',
    { config: { permission: 'staff' }, schema: { response: { 200: MeResponse } } },
    async (request) => {
      const user = currentUser(request);
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        departmentId: user.departmentId,
        roles: user.roles,
      };
    },
  );
}

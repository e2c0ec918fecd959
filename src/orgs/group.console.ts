// Console routes for the 政务公开领导小组 (permission orgs.manage): members, 联络员, texts.
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import type { FieldErrors } from '../http/errors.js';
import { sendConsolePage } from '../http/page.js';
import { actorOf } from '../users/users.service.js';
import {
  EMPTY_LIAISON_FORM,
  EMPTY_MEMBER_FORM,
  groupConsolePage,
  liaisonFormPage,
  liaisonFormValues,
  memberFormPage,
  memberFormValues,
  textFormPage,
  type LiaisonFormValues,
  type MemberFormValues,
} from './group.console-views.js';
import {
  createGroupMember,
  createLiaison,
  deleteLiaison,
  getGroupMember,
  getGroupText,
  getLeadingGroup,
  getLiaison,
  listMemberUnits,
  setGroupMemberActive,
  updateGroupMember,
  updateGroupText,
  updateLiaison,
} from './group.service.js';
import {
  liaisonFormTyped,
  liaisonInputFromForm,
  memberFormTyped,
  memberInputFromForm,
} from './orgs.form-input.js';
import {
  ConsoleListQuery,
  IdParams,
  LiaisonForm,
  MemberForm,
  TextForm,
  TextKeyParams,
} from './orgs.schemas.js';
import { getDepartment, listAllDepartments } from './orgs.service.js';
import type { Department, GroupLiaison, GroupMember } from './orgs.types.js';

const config = { permission: 'orgs.manage' } as const;
const EmptyForm = Type.Object({}, { additionalProperties: false });
const HOME = '/console/leading-group';

/** The list plus `current` when it is not in it (a unit deactivated since it was chosen). */
async function withCurrent(app: App, list: Department[], currentId: number | null | undefined) {
  if (currentId === null || currentId === undefined || list.some((d) => d.id === currentId)) return list;
  return [...list, await getDepartment(app.ctx.db.kysely, currentId)];
}

export async function groupConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  async function renderMember(
    request: FastifyRequest,
    reply: FastifyReply,
    member: GroupMember | undefined,
    values: MemberFormValues,
    errors: FieldErrors | undefined,
  ) {
    const departments = await withCurrent(app, await listAllDepartments(db, true), member?.departmentId);
    return sendConsolePage(
      app,
      request,
      reply,
      {
        title: member ? `编辑领导小组成员：${member.name}` : '新增领导小组成员',
        body: (csrf) => memberFormPage(csrf, { member, values, errors, departments }),
      },
      errors ? 400 : 200,
    );
  }

  async function renderLiaison(
    request: FastifyRequest,
    reply: FastifyReply,
    liaison: GroupLiaison | undefined,
    values: LiaisonFormValues,
    errors: FieldErrors | undefined,
  ) {
    const units = await withCurrent(app, await listMemberUnits(db), liaison?.departmentId);
    return sendConsolePage(
      app,
      request,
      reply,
      {
        title: liaison ? `编辑联络员：${liaison.name}` : '新增联络员',
        body: (csrf) => liaisonFormPage(csrf, { liaison, values, errors, units }),
      },
      errors ? 400 : 200,
    );
  }

  app.get(HOME, { config, schema: { querystring: ConsoleListQuery } }, async (request, reply) => {
    const group = await getLeadingGroup(db, { activeOnly: false });
    return sendConsolePage(app, request, reply, {
      title: '领导小组管理',
      body: (csrf) => groupConsolePage(csrf, group, request.query.notice),
    });
  });

  app.get(`${HOME}/members/new`, { config }, async (request, reply) =>
    renderMember(request, reply, undefined, EMPTY_MEMBER_FORM, undefined),
  );

  app.post(`${HOME}/members`, { config, schema: { body: MemberForm } }, async (request, reply) => {
    const result = await createGroupMember(
      db,
      actorOf(currentUser(request)),
      memberInputFromForm(request.body),
    );
    if (result.ok) return reply.redirect(`${HOME}?notice=member_created`, 303);
    return renderMember(request, reply, undefined, memberFormTyped(request.body), result.fields);
  });

  app.get(`${HOME}/members/:id/edit`, { config, schema: { params: IdParams } }, async (request, reply) => {
    const member = await getGroupMember(db, request.params.id);
    return renderMember(request, reply, member, memberFormValues(member), undefined);
  });

  app.post(
    `${HOME}/members/:id`,
    { config, schema: { params: IdParams, body: MemberForm } },
    async (request, reply) => {
      const { id } = request.params;
      const result = await updateGroupMember(
        db,
        actorOf(currentUser(request)),
        id,
        memberInputFromForm(request.body),
      );
      if (result.ok) return reply.redirect(`${HOME}?notice=member_updated`, 303);
      return renderMember(
        request,
        reply,
        await getGroupMember(db, id),
        memberFormTyped(request.body),
        result.fields,
      );
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['reactivate', true],
  ] as const) {
    app.post(
      `${HOME}/members/:id/${action}`,
      { config, schema: { params: IdParams, body: EmptyForm } },
      async (request, reply) => {
        await setGroupMemberActive(db, actorOf(currentUser(request)), request.params.id, active);
        return reply.redirect(`${HOME}?notice=member_${action}d`, 303);
      },
    );
  }

  app.get(`${HOME}/liaisons/new`, { config }, async (request, reply) =>
    renderLiaison(request, reply, undefined, EMPTY_LIAISON_FORM, undefined),
  );

  app.post(`${HOME}/liaisons`, { config, schema: { body: LiaisonForm } }, async (request, reply) => {
    const result = await createLiaison(db, actorOf(currentUser(request)), liaisonInputFromForm(request.body));
    if (result.ok) return reply.redirect(`${HOME}?notice=liaison_created`, 303);
    return renderLiaison(request, reply, undefined, liaisonFormTyped(request.body), result.fields);
  });

  app.get(`${HOME}/liaisons/:id/edit`, { config, schema: { params: IdParams } }, async (request, reply) => {
    const liaison = await getLiaison(db, request.params.id);
    return renderLiaison(request, reply, liaison, liaisonFormValues(liaison), undefined);
  });

  app.post(
    `${HOME}/liaisons/:id`,
    { config, schema: { params: IdParams, body: LiaisonForm } },
    async (request, reply) => {
      const { id } = request.params;
      const result = await updateLiaison(
        db,
        actorOf(currentUser(request)),
        id,
        liaisonInputFromForm(request.body),
      );
      if (result.ok) return reply.redirect(`${HOME}?notice=liaison_updated`, 303);
      return renderLiaison(
        request,
        reply,
        await getLiaison(db, id),
        liaisonFormTyped(request.body),
        result.fields,
      );
    },
  );

  app.post(
    `${HOME}/liaisons/:id/delete`,
    { config, schema: { params: IdParams, body: EmptyForm } },
    async (request, reply) => {
      await deleteLiaison(db, actorOf(currentUser(request)), request.params.id);
      return reply.redirect(`${HOME}?notice=liaison_deleted`, 303);
    },
  );

  app.get(
    `${HOME}/texts/:key/edit`,
    { config, schema: { params: TextKeyParams } },
    async (request, reply) => {
      const text = await getGroupText(db, request.params.key);
      return sendConsolePage(app, request, reply, {
        title: `编辑文字栏目：${text.title}`,
        body: (csrf) => textFormPage(csrf, { text, values: text, errors: undefined }),
      });
    },
  );

  app.post(
    `${HOME}/texts/:key`,
    { config, schema: { params: TextKeyParams, body: TextForm } },
    async (request, reply) => {
      const text = await getGroupText(db, request.params.key);
      const values = { title: request.body.title ?? '', body: request.body.body ?? '' };
      const result = await updateGroupText(db, actorOf(currentUser(request)), text.key, values);
      if (result.ok) return reply.redirect(`${HOME}?notice=text_updated`, 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `编辑文字栏目：${text.title}`,
          body: (csrf) => textFormPage(csrf, { text, values, errors: result.fields }),
        },
        400,
      );
    },
  );
}

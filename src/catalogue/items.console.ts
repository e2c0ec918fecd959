// Console routes of catalogue items: the department's list, the draft form (new and edit) and
// the item's page. Workflow actions are in items.actions.ts and items.review.ts.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { str } from '../http/forms.js';
import { sendConsolePage } from '../http/page.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { hasPermission } from '../users/roles.js';
import { pageHref, parsePage } from '../shared/pagination.js';
import { ITEM_NOTICES, sendItemPage } from './item-page.load.js';
import { canReadAllDepartments } from './items.access.js';
import { deadlineDay, workdayCalendar } from './items.deadlines.js';
import {
  EMPTY_ITEM_INPUT,
  createDraft,
  getItemForUser,
  itemToInput,
  listDepartmentItems,
  updateDraft,
} from './items.service.js';
import { isItemStatus, type ItemInput } from './items.types.js';
import { itemForm, itemListPage } from './items.views.js';
import { listTopics } from './topics.service.js';

const S = (max = 1000) => Type.Optional(Type.String({ maxLength: max }));
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
/** Item forms carry the body (up to 2 million characters). */
const ITEM_BODY_LIMIT = 8 * 1024 * 1024;

export const ItemFormBody = Type.Object(
  {
    title: S(),
    summary: S(5000),
    docNumber: S(),
    issuer: S(),
    signedDate: S(100),
    topicId: S(20),
    category: S(40),
    disclosure: S(40),
    disclosureGround: S(40),
    disclosureReason: S(5000),
    scope: S(),
    validity: S(40),
    body: S(2_100_000),
    needsInterpretation: S(10),
    interpretationExemptReason: S(5000),
    interpretationForm: S(40),
    changeNote: S(5000),
  },
  { additionalProperties: false },
);

function inputFromForm(b: Record<string, unknown>): ItemInput {
  return {
    title: str(b.title),
    summary: str(b.summary),
    docNumber: str(b.docNumber),
    issuer: str(b.issuer),
    signedDate: str(b.signedDate),
    topicId: str(b.topicId),
    category: str(b.category),
    disclosure: str(b.disclosure),
    disclosureGround: str(b.disclosureGround),
    disclosureReason: str(b.disclosureReason),
    scope: str(b.scope),
    validity: str(b.validity),
    body: str(b.body),
    needsInterpretation: str(b.needsInterpretation) === '1',
    interpretationExemptReason: str(b.interpretationExemptReason),
    interpretationForm: str(b.interpretationForm),
    changeNote: str(b.changeNote),
  };
}

export async function itemConsoleRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/console/items',
    {
      config: { permission: 'catalogue.read' },
      schema: {
        querystring: Type.Object({
          status: S(40),
          q: S(200),
          department: S(20),
          page: S(10),
          done: S(40),
        }),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const query = request.query;
      const status = str(query.status);
      const q = str(query.q).trim();
      const all = canReadAllDepartments(user);
      const chosen = /^\d{1,9}$/.test(str(query.department)) ? Number(query.department) : undefined;
      const departmentId = all ? chosen : user.departmentId;
      const page = parsePage(query.page);
      const [result, day, departments] = await Promise.all([
        listDepartmentItems(db, { departmentId, status: isItemStatus(status) ? status : undefined, q }, page),
        deadlineDay(workdayCalendar(db)),
        all ? listAllDepartments(db) : Promise.resolve(undefined),
      ]);
      const notice = ITEM_NOTICES[str(query.done)];
      return sendConsolePage(app, request, reply, {
        title: '公开目录信息',
        body: () =>
          itemListPage({
            ...result,
            page: page.page,
            pageSize: page.pageSize,
            status: isItemStatus(status) ? status : '',
            q,
            departmentId,
            departments: departments?.map((d) => ({ id: d.id, name: d.fullName })),
            day,
            canDraft: hasPermission(user.roles, 'catalogue.draft'),
            href: (n) => pageHref('/console/items', { status, q, department: departmentId }, n),
            ...(notice ? { notice } : {}),
          }),
      });
    },
  );

  app.get('/console/items/new', { config: { permission: 'catalogue.draft' } }, async (request, reply) => {
    const topics = await listTopics(db, true);
    return sendConsolePage(app, request, reply, {
      title: '新建信息',
      body: (csrf) =>
        itemForm(csrf, {
          action: '/console/items',
          input: EMPTY_ITEM_INPUT,
          topics,
          isRevision: false,
          title: '新建信息',
          cancelHref: '/console/items',
        }),
    });
  });

  app.post(
    '/console/items',
    { config: { permission: 'catalogue.draft' }, bodyLimit: ITEM_BODY_LIMIT, schema: { body: ItemFormBody } },
    async (request, reply) => {
      const user = currentUser(request);
      const input = inputFromForm(request.body);
      const result = await createDraft(db, user, input);
      if (result.ok) return reply.redirect(`/console/items/${result.value}?done=created`, 303);
      const topics = await listTopics(db, true);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '新建信息',
          body: (csrf) =>
            itemForm(csrf, {
              action: '/console/items',
              input,
              errors: result.fields,
              ...(result.message ? { message: result.message } : {}),
              topics,
              isRevision: false,
              title: '新建信息',
              cancelHref: '/console/items',
            }),
        },
        400,
      );
    },
  );

  app.get(
    '/console/items/:id',
    {
      config: { permission: 'catalogue.read' },
      schema: { params: IdParams, querystring: Type.Object({ done: S(40) }) },
    },
    async (request, reply) =>
      sendItemPage(app, request, reply, request.params.id, { notice: ITEM_NOTICES[str(request.query.done)] }),
  );

  app.get(
    '/console/items/:id/edit',
    { config: { permission: 'catalogue.draft' }, schema: { params: IdParams } },
    async (request, reply) => {
      const item = await getItemForUser(db, currentUser(request), request.params.id);
      const topics = await listTopics(db, true);
      return sendConsolePage(app, request, reply, {
        title: `编辑：${item.title}`,
        body: (csrf) =>
          itemForm(csrf, {
            action: `/console/items/${item.id}`,
            input: itemToInput(item),
            topics,
            isRevision: item.currentVersion > 0,
            title: item.currentVersion > 0 ? `修订：${item.title}` : `编辑：${item.title}`,
            cancelHref: `/console/items/${item.id}`,
          }),
      });
    },
  );

  app.post(
    '/console/items/:id',
    {
      config: { permission: 'catalogue.draft' },
      bodyLimit: ITEM_BODY_LIMIT,
      schema: { params: IdParams, body: ItemFormBody },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const id = request.params.id;
      const input = inputFromForm(request.body);
      const result = await updateDraft(db, user, id, input);
      if (result.ok) return reply.redirect(`/console/items/${id}?done=saved`, 303);
      const item = await getItemForUser(db, user, id);
      const topics = await listTopics(db, true);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `编辑：${item.title}`,
          body: (csrf) =>
            itemForm(csrf, {
              action: `/console/items/${id}`,
              input,
              errors: result.fields,
              ...(result.message ? { message: result.message } : {}),
              topics,
              isRevision: item.currentVersion > 0,
              title: `编辑：${item.title}`,
              cancelHref: `/console/items/${id}`,
            }),
        },
        400,
      );
    },
  );
}

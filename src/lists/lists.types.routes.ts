// Console routes for list types (schemas): admins add a type by defining its fields as text.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { formatDefinition } from './lists.definition.js';
import { listTypeEditPage, listTypesPage } from './lists.console.views.js';
import {
  createListType,
  getListType,
  listTypes,
  updateListType,
  type ListTypeEditInput,
  type ListTypeInput,
} from './lists.service.js';

const FormString = Type.Optional(Type.String({ maxLength: 20000 }));
const SlugParams = Type.Object({ slug: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$' }) });

export async function listTypesRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const emptyType: ListTypeInput = { slug: '', name: '', description: '', definition: '', keyField: '' };
  app.get('/console/list-types', { config: { permission: 'lists.types' } }, async (request, reply) => {
    const types = await listTypes(db);
    return sendConsolePage(app, request, reply, {
      title: '清单类型',
      body: (csrf) => listTypesPage(csrf, types, emptyType),
    });
  });

  app.post(
    '/console/list-types',
    {
      config: { permission: 'lists.types' },
      schema: {
        body: Type.Object(
          {
            slug: FormString,
            name: FormString,
            description: FormString,
            definition: FormString,
            keyField: FormString,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const b = request.body;
      const v: ListTypeInput = {
        slug: b.slug ?? '',
        name: b.name ?? '',
        description: b.description ?? '',
        definition: b.definition ?? '',
        keyField: b.keyField ?? '',
      };
      const result = await createListType(db, user, v);
      if (result.ok) return reply.redirect('/console/list-types', 303);
      const types = await listTypes(db);
      return sendConsolePage(
        app,
        request,
        reply,
        { title: '清单类型', body: (csrf) => listTypesPage(csrf, types, v, result.fields) },
        400,
      );
    },
  );

  app.get(
    '/console/list-types/:slug/edit',
    { config: { permission: 'lists.types' }, schema: { params: SlugParams } },
    async (request, reply) => {
      const type = await getListType(db, request.params.slug);
      const v: ListTypeEditInput = {
        name: type.name,
        description: type.description,
        definition: formatDefinition(type.fields),
        reason: '',
      };
      return sendConsolePage(app, request, reply, {
        title: `修改清单类型：${type.name}`,
        body: (csrf) => listTypeEditPage(csrf, type, v),
      });
    },
  );

  app.post(
    '/console/list-types/:slug/edit',
    {
      config: { permission: 'lists.types' },
      schema: {
        params: SlugParams,
        body: Type.Object(
          { name: FormString, description: FormString, definition: FormString, reason: FormString },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const v: ListTypeEditInput = {
        name: b.name ?? '',
        description: b.description ?? '',
        definition: b.definition ?? '',
        reason: b.reason ?? '',
      };
      const result = await updateListType(db, currentUser(request), request.params.slug, v);
      if (result.ok) return reply.redirect('/console/list-types', 303);
      const type = await getListType(db, request.params.slug);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `修改清单类型：${type.name}`,
          body: (csrf) => listTypeEditPage(csrf, type, v, result.fields),
        },
        400,
      );
    },
  );
}

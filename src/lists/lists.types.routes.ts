// Console routes for list types (schemas): admins add a type by defining its fields as text.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { listTypesPage } from './lists.console.views.js';
import { createListType, listTypes, type ListTypeInput } from './lists.service.js';

const FormString = Type.Optional(Type.String({ maxLength: 20000 }));

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
}

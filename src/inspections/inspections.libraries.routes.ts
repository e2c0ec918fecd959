// Console routes of the two 名录库, one record at a time (the import is in inspections.routes.ts).
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { currentUser } from '../http/auth.js';
import { sendConsolePage } from '../http/page.js';
import { parsePage } from '../shared/pagination.js';
import {
  getOwnRecord,
  pageLibrary,
  recordValues,
  saveRecord,
  setRecordActive,
  type RecordValues,
} from './inspections.libraries.js';
import { libraryHref, libraryPage, recordFormPage } from './inspections.libraries.views.js';
import { LIBRARIES, LIBRARY_LABELS, libraryColumns, type Library } from './inspections.service.js';

const LibraryParam = Type.Union(LIBRARIES.map((l) => Type.Literal(l)));
const LibParams = Type.Object({ library: LibraryParam });
const RecordParams = Type.Object({ library: LibraryParam, id: Type.Integer({ minimum: 1 }) });
const FormString = Type.Optional(Type.String({ maxLength: 2000 }));
const RecordBody = Type.Object(
  {
    creditCode: FormString,
    name: FormString,
    address: FormString,
    industry: FormString,
    riskTags: FormString,
    certNo: FormString,
    field: FormString,
    relations: FormString,
  },
  { additionalProperties: false },
);
const PAGE_SIZE = 50;

function valuesOf(library: Library, body: Record<string, string | undefined>): RecordValues {
  return Object.fromEntries(libraryColumns(library).map((c) => [c.key, body[c.key] ?? '']));
}

export async function librariesRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;
  const manage = { permission: 'inspections.manage' as const };

  app.get(
    '/console/inspections/:library',
    {
      config: manage,
      schema: {
        params: LibParams,
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          page: Type.Optional(Type.String({ maxLength: 10 })),
        }),
      },
    },
    async (request, reply) => {
      const { library } = request.params;
      const q = request.query.q ?? '';
      const p = parsePage(request.query.page, PAGE_SIZE);
      const { rows, total } = await pageLibrary(
        db,
        currentUser(request).departmentId,
        library,
        q,
        PAGE_SIZE,
        p.offset,
      );
      return sendConsolePage(app, request, reply, {
        title: LIBRARY_LABELS[library],
        body: (csrf) => libraryPage({ csrf, library, rows, total, q, page: p.page, pageSize: PAGE_SIZE }),
      });
    },
  );

  app.get(
    '/console/inspections/:library/new',
    { config: manage, schema: { params: LibParams } },
    async (request, reply) =>
      sendConsolePage(app, request, reply, {
        title: `新增：${LIBRARY_LABELS[request.params.library]}`,
        body: (csrf) => recordFormPage({ csrf, library: request.params.library, id: undefined, values: {} }),
      }),
  );

  app.post(
    '/console/inspections/:library/new',
    { config: manage, schema: { params: LibParams, body: RecordBody } },
    async (request, reply) => {
      const { library } = request.params;
      const values = valuesOf(library, request.body);
      const result = await saveRecord(db, currentUser(request), library, undefined, values);
      if (result.ok) return reply.redirect(libraryHref(library), 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `新增：${LIBRARY_LABELS[library]}`,
          body: (csrf) => recordFormPage({ csrf, library, id: undefined, values, errors: result.fields }),
        },
        400,
      );
    },
  );

  app.get(
    '/console/inspections/:library/:id',
    { config: manage, schema: { params: RecordParams } },
    async (request, reply) => {
      const { library, id } = request.params;
      const r = await getOwnRecord(db, currentUser(request), library, id);
      return sendConsolePage(app, request, reply, {
        title: `修改：${LIBRARY_LABELS[library]}`,
        body: (csrf) => recordFormPage({ csrf, library, id, values: recordValues(r) }),
      });
    },
  );

  app.post(
    '/console/inspections/:library/:id',
    { config: manage, schema: { params: RecordParams, body: RecordBody } },
    async (request, reply) => {
      const { library, id } = request.params;
      const values = valuesOf(library, request.body);
      const result = await saveRecord(db, currentUser(request), library, id, values);
      if (result.ok) return reply.redirect(libraryHref(library), 303);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: `修改：${LIBRARY_LABELS[library]}`,
          body: (csrf) => recordFormPage({ csrf, library, id, values, errors: result.fields }),
        },
        400,
      );
    },
  );

  for (const action of ['deactivate', 'activate'] as const)
    app.post(
      `/console/inspections/:library/:id/${action}`,
      { config: manage, schema: { params: RecordParams } },
      async (request, reply) => {
        const { library, id } = request.params;
        await setRecordActive(db, currentUser(request), library, id, action === 'activate');
        return reply.redirect(libraryHref(library), 303);
      },
    );
}

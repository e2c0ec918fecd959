// The public JSON API of the 机构目录: active departments only.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import {
  ApiErrorSchema,
  DepartmentDetailSchema,
  DepartmentSummarySchema,
  IdParams,
  type DepartmentDetail,
  type DepartmentSummary,
} from './orgs.schemas.js';
import { activeDepartmentExists, getPublicDepartment, listAllDepartments } from './orgs.service.js';
import type { Department } from './orgs.types.js';

/** The public fields; a parent that is not public (deactivated) is reported as none. */
function toSummary(d: Department, activeIds: ReadonlySet<number>): DepartmentSummary {
  return {
    id: d.id,
    fullName: d.fullName,
    shortName: d.shortName,
    kind: d.kind,
    creditCode: d.creditCode,
    parentId: d.parentId !== null && activeIds.has(d.parentId) ? d.parentId : null,
    phone: d.phone,
    email: d.email,
    address: d.address,
    officeHours: d.officeHours,
  };
}

const TAGS = ['机构'];

export async function orgsApiRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/api/v1/departments',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '机构目录：全部启用的机构',
        response: { 200: Type.Object({ items: Type.Array(DepartmentSummarySchema) }) },
      },
    },
    async () => {
      const active = await listAllDepartments(db, true);
      const ids = new Set(active.map((d) => d.id));
      return { items: active.map((d) => toSummary(d, ids)) };
    },
  );

  app.get(
    '/api/v1/departments/:id',
    {
      config: { permission: 'public' },
      schema: {
        tags: TAGS,
        summary: '一个机构的信息（含机构职能和公开指南）；未知或已停用的机构返回 404 department_not_found',
        params: IdParams,
        response: { 200: DepartmentDetailSchema, 400: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request): Promise<DepartmentDetail> => {
      const d = await getPublicDepartment(db, request.params.id);
      const parentPublic = d.parentId !== null && (await activeDepartmentExists(db, d.parentId));
      return {
        ...toSummary(d, new Set(parentPublic && d.parentId !== null ? [d.parentId] : [])),
        functionsText: d.functionsText,
        guideText: d.guideText,
      };
    },
  );
}

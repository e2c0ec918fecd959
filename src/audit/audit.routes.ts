// The audit log in the console (系统管理员 and 公开办监督员): filter, page, verify the chain.
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';
import { sendConsolePage } from '../http/page.js';
import { listAllDepartments } from '../orgs/orgs.service.js';
import { parsePage } from '../shared/pagination.js';
import { listUsers } from '../users/users.service.js';
import { parseAuditFilter, type AuditFilterValues } from './audit.filter.js';
import { listAuditEntityTypes, searchAudit, verifyAuditChain } from './audit.service.js';
import { auditLogPage, auditVerifyPage } from './audit.views.js';

const PAGE_SIZE = 50;
const QueryString = Type.Optional(Type.String({ maxLength: 100 }));

export async function auditRoutes(app: App): Promise<void> {
  const db = app.ctx.db.kysely;

  app.get(
    '/console/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        querystring: Type.Object({
          department: QueryString,
          user: QueryString,
          entity: QueryString,
          from: QueryString,
          to: QueryString,
          page: QueryString,
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const values: AuditFilterValues = {
        department: (q.department ?? '').trim(),
        user: (q.user ?? '').trim(),
        entity: (q.entity ?? '').trim(),
        from: (q.from ?? '').trim(),
        to: (q.to ?? '').trim(),
      };
      const { filter, errors } = parseAuditFilter(values);
      const page = parsePage(q.page, PAGE_SIZE);
      const hasErrors = Object.keys(errors).length > 0;
      const [result, departments, users, entityTypes] = await Promise.all([
        hasErrors ? { entries: [], total: 0 } : searchAudit(db, filter, page),
        listAllDepartments(db),
        listUsers(db),
        listAuditEntityTypes(db),
      ]);
      return sendConsolePage(
        app,
        request,
        reply,
        {
          title: '审计日志',
          body: () =>
            auditLogPage({
              ...result,
              page,
              values,
              errors,
              departments: departments.map((d) => ({
                value: String(d.id),
                label: d.active ? d.fullName : `${d.fullName}（已停用）`,
              })),
              users: users.map((u) => ({ value: String(u.id), label: `${u.displayName}（${u.username}）` })),
              entityTypes,
            }),
        },
        hasErrors ? 400 : 200,
      );
    },
  );

  app.get('/console/audit/verify', { config: { permission: 'audit.read' } }, async (request, reply) => {
    const result = await verifyAuditChain(db);
    return sendConsolePage(app, request, reply, {
      title: '审计日志完整性校验',
      body: () => auditVerifyPage(result),
    });
  });
}

// Liveness and readiness probes for load balancers and orchestrators.
import { sql } from 'kysely';
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.js';

export async function opsRoutes(app: App): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  app.get('/readyz', { config: { permission: 'public' } }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store');
    try {
      await sql`SELECT 1`.execute(app.ctx.db.kysely);
      return { status: 'ready', database: app.ctx.db.dialect };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: app.ctx.db.dialect });
    }
  });
}

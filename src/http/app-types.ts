// Types shared by every route module: the Fastify instance with the TypeBox type provider,
// the per-route permission and what the auth hooks put on each request.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Permission } from '../users/roles.js';
import type { CurrentUser } from '../users/users.types.js';

export interface AppContext {
  db: Db;
  config: Config;
  /** Whether the demo data set is loaded (every page says so). */
  demo: boolean;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it. */
    permission?: Permission;
  }
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    /** The raw session cookie value when the user signed in through the console. */
    sessionToken: string | undefined;
  }
}

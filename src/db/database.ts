// The database: the Database interface (every table of every domain) and createDb for both dialects.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type LogEvent, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { namePreparedStatements } from './prepared-statements.js';
import type { AuditLogTable } from '../audit/audit.table.js';
import type {
  AttachmentsTable,
  ExternalOrgsTable,
  IndexSerialsTable,
  ItemLinksTable,
  ItemsTable,
  ItemVersionsTable,
  PublicItemsTable,
  TopicsTable,
} from '../catalogue/catalogue.table.js';
import type { CalendarDaysTable, CalendarYearsTable } from '../calendar/calendar.table.js';
import type {
  RequestEventsTable,
  RequestFilesTable,
  RequestReviewsTable,
  RequestSettingsTable,
  RequestsTable,
} from '../requests/requests.table.js';
import type {
  SearchDocsTable,
  SearchFtsTable,
  SearchMetaTable,
  SearchTokensTable,
} from '../search/search.table.js';
import type {
  DepartmentsTable,
  GroupLiaisonsTable,
  GroupMembersTable,
  GroupTextsTable,
} from '../orgs/orgs.table.js';
import type { ApiTokensTable, SessionsTable, UserRolesTable, UsersTable } from '../users/users.table.js';
import type {
  ListEntriesTable,
  ListFeedbackTable,
  ListsTable,
  ListTypesTable,
  ListVersionsTable,
} from '../lists/lists.table.js';
import type {
  CreditImportJobsTable,
  CreditNameFtsTable,
  CreditRecordsTable,
} from '../credit/credit.table.js';
import type {
  InspDrawsTable,
  InspEntitiesTable,
  InspInspectorsTable,
  InspPlanItemsTable,
  InspPlansTable,
  InspResultsTable,
} from '../inspections/inspections.table.js';

export interface Database {
  departments: DepartmentsTable;
  group_members: GroupMembersTable;
  group_liaisons: GroupLiaisonsTable;
  group_texts: GroupTextsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDaysTable;
  calendar_years: CalendarYearsTable;
  settings: SettingsTable;
  topics: TopicsTable;
  external_orgs: ExternalOrgsTable;
  items: ItemsTable;
  item_versions: ItemVersionsTable;
  public_items: PublicItemsTable;
  item_links: ItemLinksTable;
  attachments: AttachmentsTable;
  index_serials: IndexSerialsTable;
  search_docs: SearchDocsTable;
  /** SQLite only (FTS5); PostgreSQL keeps the tokens in search_tokens. */
  search_fts: SearchFtsTable;
  /** PostgreSQL only. */
  search_tokens: SearchTokensTable;
  search_meta: SearchMetaTable;
  requests: RequestsTable;
  request_events: RequestEventsTable;
  request_reviews: RequestReviewsTable;
  request_settings: RequestSettingsTable;
  request_files: RequestFilesTable;
  list_types: ListTypesTable;
  lists: ListsTable;
  list_entries: ListEntriesTable;
  list_versions: ListVersionsTable;
  list_feedback: ListFeedbackTable;
  credit_records: CreditRecordsTable;
  credit_name_fts: CreditNameFtsTable;
  credit_import_jobs: CreditImportJobsTable;
  insp_entities: InspEntitiesTable;
  insp_inspectors: InspInspectorsTable;
  insp_draws: InspDrawsTable;
  insp_results: InspResultsTable;
  insp_plans: InspPlansTable;
  insp_plan_items: InspPlanItemsTable;
}

/** Small key/value facts about this installation (e.g. whether the demo data set is loaded). */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite handle (for online backup); undefined on PostgreSQL. */
  sqlite: SQLite.Database | undefined;
  close(): Promise<void>;
}

export interface DbOptions {
  /** postgres://… ; undefined → SQLite */
  databaseUrl?: string | undefined;
  /** SQLite file; ':memory:' for tests. Default: <dataDir>/gongkai.sqlite */
  sqliteFile?: string;
  dataDir?: string;
  /** PostgreSQL schema to use (tests use one schema per file). */
  pgSchema?: string;
  poolSize?: number;
  onQuery?: (event: LogEvent) => void;
}

// pg: return int8 (COUNT, SUM) as numbers; our counts stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

const sqliteHandles = new WeakMap<Kysely<Database>, SQLite.Database>();

/**
 * The better-sqlite3 connection behind a Kysely instance made by createDb (undefined on
 * PostgreSQL). Only bulk loads use it, for statements that run inside a transaction Kysely holds
 * open on that same (single) connection.
 */
export function sqliteHandleOf(kysely: Kysely<Database>): SQLite.Database | undefined {
  return sqliteHandles.get(kysely);
}

/**
 * better-sqlite3 behind a bounded cache of prepared statements: Kysely prepares every query anew,
 * and preparing costs as much as running a small query. Safe because Kysely's SQLite driver runs
 * one query at a time on its single connection (a streamed query holds it until it ends).
 */
export function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) {
          const oldest = cache.keys().next();
          if (!oldest.done) cache.delete(oldest.value);
        }
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

export function createDb(options: DbOptions): Db {
  const log = options.onQuery;
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    pool.on('connect', namePreparedStatements);
    const kysely = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      ...(log ? { log } : {}),
    });
    return { kysely, dialect: 'postgres', sqlite: undefined, close: () => kysely.destroy() };
  }
  let file = options.sqliteFile;
  if (!file) {
    const dir = options.dataDir ?? './data';
    mkdirSync(dir, { recursive: true });
    file = join(dir, 'gongkai.sqlite');
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(log ? { log } : {}),
  });
  sqliteHandles.set(kysely, sqlite);
  return { kysely, dialect: 'sqlite', sqlite, close: () => kysely.destroy() };
}

// Configuration: read from the environment once, validated at start-up with clear messages.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_POSTING_CACHE_MB } from './search/search.postings.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface SiteInfo {
  name: string;
  /** 主办单位 */
  sponsor: string;
  /** 网站标识码 */
  siteCode: string;
  /** ICP备案号 */
  icp: string;
  /** 公安机关备案号 */
  policeRecord: string;
  contact: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** undefined → embedded SQLite under dataDir */
  databaseUrl: string | undefined;
  sessionSecret: string;
  publicBaseUrl: string;
  logLevel: LogLevel;
  demoData: boolean;
  /** Send the Secure attribute on cookies (on when PUBLIC_BASE_URL is https). */
  secureCookies: boolean;
  /** Megabytes of rendered public pages kept in memory per process; 0 turns the render cache off. */
  renderCacheMb: number;
  /** Megabytes of common tokens' posting lists kept in memory per process; 0 turns that cache off. */
  searchCacheMb: number;
  /** 索引号 template: {code} (统一社会信用代码), {year}, {serial} or {serial:N}. */
  indexNumberFormat: string;
  /** Largest attachment accepted, in bytes (ATTACHMENT_MAX_MB, default 50). */
  attachmentMaxBytes: number;
  /** Department (full name) that imported documents of unknown issuers are filed under. */
  importDefaultDepartment: string;
  site: SiteInfo;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function parseBool(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'on', 'true', 'yes'].includes(v)) return true;
  if (['0', 'off', 'false', 'no'].includes(v)) return false;
  problems.push(`${name} must be on or off (got "${raw}")`);
  return fallback;
}

/** Parses the environment. Throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, options: { persistSecret?: boolean } = {}): Config {
  const problems: string[] = [];

  const portRaw = env.PORT ?? '3000';
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port > 65535) {
    problems.push(`PORT must be 0–65535 (got "${portRaw}"); 0 picks a free port`);
  }

  const host = env.HOST?.trim() || '0.0.0.0';
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');

  let databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must start with postgres:// (got "${databaseUrl}"); leave it unset for SQLite`,
    );
    databaseUrl = undefined;
  }

  const logLevelRaw = (env.LOG_LEVEL?.trim() || 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw) ?? 'info';
  if (logLevel !== logLevelRaw)
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);

  const demoData = parseBool('DEMO_DATA', env.DEMO_DATA, true, problems);

  const renderCacheRaw = env.RENDER_CACHE_MB?.trim() || '128';
  const renderCacheMb = Number(renderCacheRaw);
  if (!/^\d{1,5}$/.test(renderCacheRaw))
    problems.push(
      `RENDER_CACHE_MB must be a whole number of megabytes, 0 to turn it off (got "${renderCacheRaw}")`,
    );

  const searchCacheRaw = env.SEARCH_CACHE_MB?.trim() || String(DEFAULT_POSTING_CACHE_MB);
  if (!/^\d{1,5}$/.test(searchCacheRaw))
    problems.push(
      `SEARCH_CACHE_MB must be a whole number of megabytes, 0 to turn it off (got "${searchCacheRaw}")`,
    );

  const indexNumberFormat = env.INDEX_NUMBER_FORMAT?.trim() || '{code}/{year}-{serial:5}';
  if (!indexNumberFormat.includes('{serial') || !indexNumberFormat.includes('{year}'))
    problems.push(`INDEX_NUMBER_FORMAT must contain {year} and {serial} (got "${indexNumberFormat}")`);

  const attachmentMaxRaw = env.ATTACHMENT_MAX_MB?.trim() || '50';
  if (!/^\d{1,4}$/.test(attachmentMaxRaw) || Number(attachmentMaxRaw) < 1)
    problems.push(
      `ATTACHMENT_MAX_MB must be a whole number of megabytes, at least 1 (got "${attachmentMaxRaw}")`,
    );
  const attachmentMaxBytes = Number(attachmentMaxRaw) * 1024 * 1024;

  const publicBaseUrl = (env.PUBLIC_BASE_URL?.trim() || `http://localhost:${port || 3000}`).replace(
    /\/+$/,
    '',
  );
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl))
    problems.push(`PUBLIC_BASE_URL must be an http(s) URL (got "${publicBaseUrl}")`);

  let sessionSecret = env.SESSION_SECRET?.trim() || '';
  if (sessionSecret && sessionSecret.length < 32)
    problems.push('SESSION_SECRET must be at least 32 characters');
  if (!sessionSecret) {
    if (databaseUrl) {
      problems.push('SESSION_SECRET is required with PostgreSQL (several processes must share it)');
    } else if (options.persistSecret === false) {
      sessionSecret = randomBytes(32).toString('hex');
    } else {
      sessionSecret = readOrCreateSecret(dataDir);
    }
  }

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port,
    host,
    dataDir,
    databaseUrl,
    sessionSecret,
    publicBaseUrl,
    logLevel,
    demoData,
    secureCookies: publicBaseUrl.startsWith('https://'),
    renderCacheMb,
    searchCacheMb: Number(searchCacheRaw),
    indexNumberFormat,
    attachmentMaxBytes,
    importDefaultDepartment: env.IMPORT_DEFAULT_DEPARTMENT?.trim() || '',
    site: {
      name: env.SITE_NAME?.trim() || '黄冈市人民政府 政府信息公开平台',
      sponsor: env.SITE_SPONSOR?.trim() || '黄冈市人民政府办公室',
      siteCode: env.SITE_CODE?.trim() || '4211000001',
      icp: env.SITE_ICP?.trim() || '鄂ICP备00000000号',
      policeRecord: env.SITE_POLICE_RECORD?.trim() || '鄂公网安备 42110002000000号',
      contact: env.SITE_CONTACT?.trim() || '市政府电子政务办公室 0713-0000000',
    },
  };
}

function readOrCreateSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

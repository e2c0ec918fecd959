import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, { persistSecret: false });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('configuration from the environment', () => {
  it('has working defaults for the embedded SQLite start', () => {
    const config = loadConfig({}, { persistSecret: false });
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demoData).toBe(true);
    expect(config.secureCookies).toBe(false);
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.searchCacheMb).toBe(64);
    expect(loadConfig({ SEARCH_CACHE_MB: '0' }, { persistSecret: false }).searchCacheMb).toBe(0);
  });

  it('reports every bad variable at once, naming it', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      DEMO_DATA: 'maybe',
      SEARCH_CACHE_MB: '-1',
    });
    expect(problems.join('\n')).toMatch(/PORT/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL/);
    expect(problems.join('\n')).toMatch(/DEMO_DATA/);
    expect(problems.join('\n')).toMatch(/SEARCH_CACHE_MB/);
    expect(problems).toHaveLength(5);
  });

  it('requires a shared SESSION_SECRET with PostgreSQL and accepts PORT=0', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://localhost/gk' }).join()).toMatch(
      /SESSION_SECRET is required/,
    );
    expect(problemsOf({ SESSION_SECRET: 'short' }).join()).toMatch(/at least 32/);
    expect(loadConfig({ PORT: '0' }, { persistSecret: false }).port).toBe(0);
  });

  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gk-config-'));
    const a = loadConfig({ DATA_DIR: dir });
    const b = loadConfig({ DATA_DIR: dir });
    expect(a.sessionSecret).toBe(b.sessionSecret);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(a.sessionSecret);
  });

  it('turns on Secure cookies behind an https public address', () => {
    expect(
      loadConfig({ PUBLIC_BASE_URL: 'https://gk.example.gov.cn/' }, { persistSecret: false }).secureCookies,
    ).toBe(true);
  });
});

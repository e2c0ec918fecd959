// `gongkai import items` as an administrator runs it, on a SQLite data directory: the command
// writes the catalogue and leaves the search index to the background indexer or `gongkai search index`;
// with --wait-index it returns only when every item is findable.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDepartment } from '../../test/helpers/app.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { searchPublic } from '../search/search.service.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEPARTMENT = '黄冈市命令行导入测试局';

function gongkai(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['bin/gongkai.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

function writeItems(file: string, prefix: string, n: number): void {
  const lines = Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      title: `${prefix}第${i + 1}号通知`,
      issuer: DEPARTMENT,
      doc_number: `黄命导发〔2023〕${i + 1}号`,
      date: '2023-05-10',
      body: `${prefix}的正文，第${i + 1}段。\n${'政务公开工作要点。'.repeat(200)}`,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function titlesFound(dir: string, q: string): Promise<number> {
  const db = createDb({ dataDir: dir });
  try {
    const r = await searchPublic(db.kysely, { q, sort: 'relevance', page: 1, pageSize: 10 });
    return r.total;
  } finally {
    await db.close();
  }
}

describe('gongkai import items', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-import-cli-'));
    const db = createDb({ dataDir: dir });
    try {
      await migrateToLatest(db.kysely);
      await makeDepartment({ db }, DEPARTMENT);
    } finally {
      await db.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the catalogue and leaves the index to `gongkai search index` (or the server)', async () => {
    const file = join(dir, 'a.jsonl');
    writeItems(file, '红安将军县', 120);
    const res = gongkai(dir, 'import', 'items', file);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('新导入 120 条');
    expect(res.stdout).toContain('检索索引由运行中的服务在后台建立');
    expect(await titlesFound(dir, '红安将军县')).toBe(0);

    const index = gongkai(dir, 'search', 'index');
    expect(index.status).toBe(0);
    expect(index.stdout).toContain('已为 120 条公开信息建立检索索引');
    expect(await titlesFound(dir, '红安将军县')).toBe(120);
    expect(gongkai(dir, 'search', 'index').stdout).toContain('所有公开信息均已建立检索索引');
  });

  it('with --wait-index returns when every item is findable; a re-run changes nothing', async () => {
    const file = join(dir, 'b.jsonl');
    writeItems(file, '罗田板栗', 30);
    const res = gongkai(dir, 'import', 'items', file, '--wait-index');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('新导入 30 条');
    expect(res.stdout).toContain('所有导入的信息均可检索');
    expect(await titlesFound(dir, '罗田板栗')).toBe(30);

    const again = gongkai(dir, 'import', 'items', file);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('新导入 0 条，已存在未变 30 条');
  });

  it('rejects an unknown option with the usage', () => {
    const res = gongkai(dir, 'import', 'items', join(dir, 'b.jsonl'), '--fast');
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('无法识别的参数“--fast”');
    expect(res.stderr).toContain('--wait-index');
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../cli/cli-error.js';
import { answerQuery, parseCalendarArgs } from './calendar.cli.js';
import { Calendar } from './calendar.rules.js';

describe('calendar CLI arguments', () => {
  it('reads each command', () => {
    expect(parseCalendarArgs(['add', '2024-09-30', '1'])).toEqual({
      kind: 'add',
      from: '2024-09-30',
      workdays: 1,
    });
    expect(parseCalendarArgs(['add', '2024-10-08', '-1'])).toEqual({
      kind: 'add',
      from: '2024-10-08',
      workdays: -1,
    });
    expect(parseCalendarArgs(['is-workday', '2024-10-01'])).toEqual({
      kind: 'is-workday',
      date: '2024-10-01',
    });
    expect(parseCalendarArgs(['count', '2024-10-01', '2024-10-31'])).toEqual({
      kind: 'count',
      from: '2024-10-01',
      to: '2024-10-31',
    });
    expect(parseCalendarArgs(['import', 'x.json'])).toEqual({ kind: 'import', file: 'x.json' });
  });

  it.each([
    [['add', '2024-02-30', '1'], '起算日期“2024-02-30”有误：日期不存在：2024年2月只有 29 天'],
    [['add', '2024-09-30', 'abc'], '工作日数“abc”有误：工作日数须为整数，例如 20'],
    [['add', '2024-09-30', '1001'], '工作日数“1001”有误：工作日数须在 -1000 至 1000 之间'],
    [['add', '2024-09-30'], '缺少工作日数。'],
    [['is-workday', 'tomorrow'], '日期“tomorrow”有误：日期格式应为 YYYY-MM-DD，例如 2024-10-08'],
    [['count', '2024-10-31', '2024-10-01'], '结束日期：结束日期不能早于起始日期'],
    [['import'], '缺少要导入的文件。'],
    [['holidays'], '未知的 calendar 子命令：holidays'],
  ])('rejects %j with a Chinese CliError', (args, message) => {
    expect(() => parseCalendarArgs(args)).toThrow(CliError);
    expect(() => parseCalendarArgs(args)).toThrow(message);
  });

  it('answers from a calendar, with a warning line for years without data', () => {
    const cal = new Calendar(
      [
        { date: '2024-10-01', kind: 'off', name: '国庆节' },
        { date: '2024-10-12', kind: 'workday', name: '国庆节' },
      ],
      [2024],
    );
    expect(answerQuery(cal, { kind: 'is-workday', date: '2024-10-01' })).toEqual({
      out: ['休息日（国庆节）'],
      err: [],
    });
    expect(answerQuery(cal, { kind: 'is-workday', date: '2024-10-12' })).toEqual({
      out: ['工作日（国庆节调休上班）'],
      err: [],
    });
    expect(answerQuery(cal, { kind: 'is-workday', date: '2024-10-13' })).toEqual({
      out: ['休息日'],
      err: [],
    });
    expect(answerQuery(cal, { kind: 'add', from: '2024-12-31', workdays: 1 })).toEqual({
      out: ['2025-01-01'],
      err: ['注意：2025年的节假日安排尚未公布，仅按周末计算。'],
    });
  });
});

describe('gongkai calendar (spawned, on a fresh SQLite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-cal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  delete env.DATABASE_URL;
  const run = (...args: string[]) =>
    promisify(execFile)('node', ['bin/gongkai.js', 'calendar', ...args], { env });

  it('prints just the deadline', async () => {
    const { stdout, stderr } = await run('add', '2024-09-30', '1');
    expect(stdout).toBe('2024-10-08\n');
    expect(stderr).toBe('');
  });

  it('answers is-workday and count, and warns on stderr for a year without data', async () => {
    expect((await run('is-workday', '2024-10-01')).stdout).toBe('休息日（国庆节）\n');
    expect((await run('count', '2024-10-01', '2024-10-31')).stdout).toBe('19\n');
    const later = await run('add', '2027-12-31', '1');
    expect(later.stdout).toBe('2028-01-03\n');
    expect(later.stderr).toContain('2028年的节假日安排尚未公布，仅按周末计算');
  });

  it('imports a year from a file, after which its answers are official', async () => {
    const file = join(dir, '2028.json');
    writeFileSync(
      file,
      JSON.stringify({ '2028': { off: [{ date: '2028-01-03', name: '元旦' }], workdays: [] } }),
    );
    const imported = await run('import', file);
    expect(imported.stdout).toContain('已导入 2028 年：放假日 1 天，调休上班日 0 天');
    const after = await run('add', '2027-12-31', '1');
    expect(after.stdout).toBe('2028-01-04\n');
    expect(after.stderr).not.toContain('2028年');
  });

  it('exits with status 2 and a Chinese message on bad input', async () => {
    const failed = await run('add', '2024-02-30', '1').then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('日期不存在：2024年2月只有 29 天');
  });
});

// `gongkai calendar …`: the working-day calendar from the command line, through the same services.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Kysely } from 'kysely';
import { SYSTEM_ACTOR } from '../audit/audit.types.js';
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { importCalendarYears } from './calendar.admin.js';
import { parseDate, yearOf } from './calendar.dates.js';
import { parseWorkdayCount, validateInterval, type Calendar } from './calendar.rules.js';
import { getCalendar, loadBundledCalendar } from './calendar.service.js';

const USAGE = `用法：
  gongkai calendar add <日期> <工作日数>     起算日之后第 n 个工作日，例如 calendar add 2024-09-30 1
  gongkai calendar is-workday <日期>         是否为工作日
  gongkai calendar count <起始日期> <结束日期>  闭区间内的工作日数
  gongkai calendar import <文件.json>        导入年份（格式同 holidays.json），立即生效`;

/** What a command writes: stdout lines (the answer) and stderr lines (warnings). */
export interface CliOutput {
  out: string[];
  err: string[];
}

function date(label: string, value: string | undefined): string {
  if (value === undefined) throw new CliError(`缺少${label}。\n${USAGE}`);
  const parsed = parseDate(value);
  if (!parsed.ok) throw new CliError(`${label}“${value}”有误：${parsed.message}`);
  return parsed.date;
}

function warning(years: readonly number[]): string[] {
  return years.length
    ? [`注意：${years.map((y) => `${y}年`).join('、')}的节假日安排尚未公布，仅按周末计算。`]
    : [];
}

export type CalendarCommand =
  | { kind: 'add'; from: string; workdays: number }
  | { kind: 'is-workday'; date: string }
  | { kind: 'count'; from: string; to: string }
  | { kind: 'import'; file: string };

/** Reads the arguments of `gongkai calendar …`; bad input is a CliError with a Chinese message. */
export function parseCalendarArgs(args: readonly string[]): CalendarCommand {
  const [command, a, b] = args;
  switch (command) {
    case 'add': {
      const from = date('起算日期', a);
      if (b === undefined) throw new CliError(`缺少工作日数。\n${USAGE}`);
      const n = parseWorkdayCount(b);
      if (!n.ok) throw new CliError(`工作日数“${b}”有误：${n.message}`);
      return { kind: 'add', from, workdays: n.value };
    }
    case 'is-workday':
      return { kind: 'is-workday', date: date('日期', a) };
    case 'count': {
      if (a === undefined || b === undefined) throw new CliError(`需要起始日期和结束日期。\n${USAGE}`);
      const interval = validateInterval(a, b, { from: '起始日期', to: '结束日期' });
      if (!interval.ok) {
        throw new CliError(
          Object.entries(interval.fields)
            .map(([k, v]) => `${k}：${v}`)
            .join('\n'),
        );
      }
      return { kind: 'count', from: interval.from, to: interval.to };
    }
    case 'import':
      if (!a) throw new CliError(`缺少要导入的文件。\n${USAGE}`);
      return { kind: 'import', file: a };
    default:
      throw new CliError(command ? `未知的 calendar 子命令：${command}\n${USAGE}` : USAGE);
  }
}

type QueryCommand = Exclude<CalendarCommand, { kind: 'import' }>;

/** Answers a query command from a Calendar (pure). */
export function answerQuery(calendar: Calendar, command: QueryCommand): CliOutput {
  switch (command.kind) {
    case 'add': {
      const answer = calendar.addWorkdays(command.from, command.workdays);
      return { out: [answer.date], err: warning(answer.yearsWithoutData) };
    }
    case 'is-workday': {
      const day = calendar.day(command.date);
      const label = day.workday ? '工作日' : '休息日';
      const name = day.entry ? `（${day.entry.name}${day.entry.kind === 'workday' ? '调休上班' : ''}）` : '';
      return { out: [`${label}${name}`], err: day.official ? [] : warning([yearOf(day.date)]) };
    }
    case 'count': {
      const answer = calendar.countWorkdays(command.from, command.to);
      return { out: [String(answer.workdays)], err: warning(answer.yearsWithoutData) };
    }
    default: {
      const never: never = command;
      return never;
    }
  }
}

async function importFile(config: Config, file: string): Promise<number> {
  let json: string;
  try {
    json = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`无法读取文件：${file}`);
  }
  return withDb(config, async (db) => {
    const result = await importCalendarYears(db, SYSTEM_ACTOR, {
      json,
      source: `命令行导入：${basename(file)}`,
      official: true,
    });
    if (!result.ok) {
      throw new CliError(`导入失败：${Object.values(result.fields).join('；') || (result.message ?? '')}`);
    }
    for (const y of result.value) {
      console.log(`已导入 ${y.year} 年：放假日 ${y.offDays} 天，调休上班日 ${y.workdays} 天（已生效）。`);
    }
    return 0;
  });
}

/** Opens the database, brings it up to date (schema and bundled calendar), runs `work`, closes. */
async function withDb(config: Config, work: (db: Kysely<Database>) => Promise<number>): Promise<number> {
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.kysely);
    await loadBundledCalendar(db.kysely);
    return await work(db.kysely);
  } finally {
    await db.close();
  }
}

export async function runCalendarCommand(config: Config, args: string[]): Promise<number> {
  const command = parseCalendarArgs(args);
  if (command.kind === 'import') return importFile(config, command.file);
  return withDb(config, async (db) => {
    const output = answerQuery(await getCalendar(db), command);
    for (const line of output.err) console.error(line);
    for (const line of output.out) console.log(line);
    return 0;
  });
}

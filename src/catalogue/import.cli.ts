// `gongkai import items <file.jsonl> [--department <机构全称>] [--wait-index]`: import an old site's
// catalogue. The command writes the catalogue and returns; the search index for the new items is
// built by the running server's background indexer (search.indexer.ts), by `gongkai search index`,
// or before the command returns with --wait-index.
import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { startBulkLoad } from '../db/bulk-load.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadBundledCalendar } from '../calendar/calendar.service.js';
import { catalogueSettings } from './items.access.js';
import {
  ImportSetupError,
  importItemsFromFile,
  type ImportOptions,
  type ImportReport,
} from './items.import.js';
import { ensureDefaultTopics } from './topics.service.js';

const USAGE = `用法：
  gongkai import items <文件.jsonl> [--department <机构全称>] [--wait-index]
      每行一个 JSON 对象：{title, issuer, doc_number, date, body, source?, doc_type?, published_date?, index_number?, topic?}
      发布机构与本平台机构全称一致的归入该机构；其他发布机构记为外部机构，归入 --department
      （或 IMPORT_DEFAULT_DEPARTMENT；缺省为“…人民政府办公室”或第一个机构）。重复导入同一文件不会产生重复信息。
      导入的信息写入目录后即可浏览；检索索引由运行中的服务在后台建立（或运行 gongkai search index）。
      --wait-index：建立检索索引后再返回。`;

function progressBar(
  stream: NodeJS.WriteStream,
  label: string,
): (p: { done: number; total: number; count: string }) => void {
  return ({ done, total, count }) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(ratio * width);
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${count}`,
    );
    if (ratio >= 1) stream.write('\n');
  };
}

const rate = (n: number, seconds: number) => (seconds > 0 ? Math.round(n / seconds) : 0);

export function formatImportReport(r: ImportReport): string[] {
  const written =
    `写入目录 ${r.catalogueSeconds.toFixed(2)} 秒（${rate(r.imported, r.catalogueSeconds)} 条/秒），` +
    `合计 ${r.seconds.toFixed(2)} 秒（${rate(r.imported, r.seconds)} 条/秒）`;
  const out = [
    `读取 ${r.lines} 行：新导入 ${r.imported} 条，已存在未变 ${r.unchanged} 条，错误 ${r.errors.length} 行。`,
    r.waitedForIndex
      ? `${written}；建立检索索引 ${r.indexed} 条 ${r.indexSeconds.toFixed(2)} 秒（${rate(r.indexed, r.indexSeconds)} 条/秒），所有导入的信息均可检索。`
      : r.imported === 0
        ? `${written}。`
        : `${written}。导入的信息已可浏览；检索索引由运行中的服务在后台建立，完成前可能检索不到` +
          `（服务未运行时，启动后自动建立；也可运行 gongkai search index 立即建立）。`,
  ];
  if (r.externalOrgs.length) {
    out.push(`以下发布机构不是本平台的机构，已记为外部机构并归入“${r.defaultDepartment}”：`);
    for (const o of r.externalOrgs) out.push(`  ${o.name}（${o.items} 条）`);
  }
  if (r.errors.length) {
    out.push('未导入的行：');
    for (const e of r.errors.slice(0, 200)) out.push(`  第 ${e.line} 行：${e.message}`);
    if (r.errors.length > 200) out.push(`  …… 另有 ${r.errors.length - 200} 行`);
  }
  return out;
}

/** Progress bars on a terminal: reading the file, then building the search index. */
function ttyProgress(stream: NodeJS.WriteStream): Pick<ImportOptions, 'onProgress' | 'onIndexProgress'> {
  const reading = progressBar(stream, '导入中　');
  const indexing = progressBar(stream, '建立索引');
  return {
    onProgress: ({ bytes, totalBytes, lines }) =>
      reading({ done: bytes, total: totalBytes, count: `${lines} 行` }),
    onIndexProgress: ({ indexed, total }) => indexing({ done: indexed, total, count: `${indexed} 条` }),
  };
}

export async function runImportCommand(config: Config, args: string[]): Promise<number> {
  const [what, file, ...rest] = args;
  if (what !== 'items' || !file) throw new CliError(USAGE);
  let department = config.importDefaultDepartment;
  let waitIndex = false;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--department' && rest[i + 1] !== undefined) department = rest[++i] ?? '';
    else if (rest[i] === '--wait-index') waitIndex = true;
    else throw new CliError(`无法识别的参数“${rest[i]}”。\n${USAGE}`);
  }
  const db = createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(db.kysely);
    await loadBundledCalendar(db.kysely);
    await ensureDefaultTopics(db.kysely);
    // The WAL is checkpointed on another thread while the rows are written (bulk-load.ts).
    const bulk = startBulkLoad(db);
    const report = await importItemsFromFile(db.kysely, file, {
      settings: catalogueSettings(config),
      actor: { userId: null, name: '导入（命令行）', departmentId: null },
      defaultDepartment: department,
      index: waitIndex,
      betweenBatches: () => bulk.settle(),
      ...(process.stderr.isTTY ? ttyProgress(process.stderr) : {}),
    }).catch(async (err: unknown) => {
      await bulk.end();
      throw err;
    });
    const started = performance.now();
    await bulk.end();
    report.seconds += (performance.now() - started) / 1000;
    for (const line of formatImportReport(report)) console.log(line);
    return report.errors.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ImportSetupError) throw new CliError(err.message);
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT')
      throw new CliError(`找不到文件：${file}`);
    throw err;
  } finally {
    await db.close();
  }
}

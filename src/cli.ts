// The `gongkai` command: every subcommand calls the same services as the web app.
import { ConfigError, loadConfig } from './config.js';
import { runAuditCommand } from './audit/audit.cli.js';
import { runInspectionsCommand } from './inspections/inspections.cli.js';
import { runCalendarCommand } from './calendar/calendar.cli.js';
import { runImportCommand } from './catalogue/import.cli.js';
import { runBackup, runRestore } from './db/backup.cli.js';
import { runMigrate } from './db/migrate.cli.js';
import { runSearchCommand } from './search/search.cli.js';
import { runSeedDemo } from './demo/demo.cli.js';
import { closeOnSignals, startServer } from './server.js';
import { runUsersCommand } from './users/users.cli.js';
import { CliError } from './cli/cli-error.js';

const USAGE = `用法 / usage: gongkai <command> [options]

  serve                         start the portal, console and API (default command of npm start)
  migrate                       bring the database schema up to date
  seed-demo                     load the demo data set into an empty database
  users create <username> --name <姓名> --department <机构ID或全称> --role <role>[,<role>…] [--password <pw>]
  users token <username> --name <用途>           create an API token (printed once)
  calendar add <date> <n>       the n-th working day after date (e.g. calendar add 2024-09-30 1)
  calendar is-workday <date>    whether a date is a working day
  calendar count <from> <to>    working days in the closed interval
  calendar import <file.json>   load a year's official calendar (same shape as holidays.json)
  import items <file.jsonl> [--department <全称>] [--wait-index]
                                import an old site's catalogue (JSON Lines); the server indexes it
                                for search in the background, or before returning with --wait-index
  search index                  index for search the public items not indexed yet (after an import)
  search reindex                rebuild the full-text search index from the public catalogue
  audit verify                  check the audit trail's hash chain
  inspections verify <draw-id>  recompute a 双随机 draw from its public data alone
  backup <file>                 online backup of the SQLite database
  restore <file>                replace the SQLite database with a backup (server stopped)

Configuration comes from environment variables (see README).`;

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  switch (command) {
    case 'serve': {
      closeOnSignals(await startServer(loadConfig()));
      return -1; // keep running
    }
    case 'migrate':
      return runMigrate(loadConfig());
    case 'seed-demo':
      return runSeedDemo(loadConfig());
    case 'users':
      return runUsersCommand(loadConfig(), rest);
    case 'calendar':
      return runCalendarCommand(loadConfig(), rest);
    case 'import':
      return runImportCommand(loadConfig(), rest);
    case 'search':
      return runSearchCommand(loadConfig(), rest);
    case 'audit':
      return runAuditCommand(loadConfig(), rest);
    case 'inspections':
      return runInspectionsCommand(loadConfig(), rest);
    case 'backup':
      return runBackup(loadConfig(), rest);
    case 'restore':
      return runRestore(loadConfig(), rest);
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    default:
      console.error(`未知命令 / unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof CliError) {
      console.error(err.message);
      process.exitCode = 2;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  },
);

import { CliError } from '../cli/cli-error.js';
import type { Config } from '../config.js';

export async function runCalendarCommand(_config: Config, _args: string[]): Promise<number> {
  throw new CliError('calendar: not implemented yet');
}

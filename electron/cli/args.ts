/** Argument parsing shared by the commands: node's parseArgs, with its English errors turned into usage errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { msg } from '../../shared/messages';
import { CliError, EXIT } from './cliError';

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail })}\n${usage}`);
  }
}

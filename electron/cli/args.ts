/** Argument parsing shared by the commands: node's parseArgs, with its English errors said again in Vietnamese. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { describeArgsError } from '../../shared/argsError';
import { msg } from '../../shared/messages';
import { CliError, EXIT } from './cliError';

export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: describeArgsError(error) })}\n${usage}`);
  }
}

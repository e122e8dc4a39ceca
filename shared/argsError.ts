/** What node's parseArgs refused, said again in Vietnamese: shared by every command line (the app's and the server's). */
import { msg } from './messages';

/** What parseArgs refused, in Vietnamese; its own text is English and is never shown. */
export function describeArgsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : '';
  // parseArgs quotes the option or argument it refused first ("Option '--from <value>' argument missing").
  const quoted = /'([^']*)'/.exec(text)?.[1]?.replace(/ <value>$/, '') ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return msg('validation.cli.unknownOption', { option: quoted });
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return msg('validation.cli.extraArgument', { value: quoted });
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(text)) return msg('validation.cli.noValue', { option: quoted });
    if (/ambiguous/.test(text)) return msg('validation.cli.dashValue', { option: quoted });
    return msg('validation.cli.missingValue', { option: quoted });
  }
  return msg('validation.cli.badArguments');
}

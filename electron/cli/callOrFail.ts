/** Calls the core through the same dispatcher as the UI, turning a refused call into the command line's exit codes. */
import type { Input, MethodName, Output } from '../../shared/contract';
import type { ErrorCode } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { Core } from '../core/app';
import { CliError, EXIT } from './cliError';
import { cliFieldName } from './fieldNames';

/** Problems with what the caller typed; an unexpected error is its own code; every other failure (refusals, an
 * organisation not set up) is a refusal. */
const BAD_INPUT: ErrorCode[] = ['BAD_INPUT', 'DUPLICATE_REASON_REQUIRED', 'NOT_FOUND', 'UNREADABLE_FILE'];

export async function callOrFail<M extends MethodName>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const result = await core.dispatch(method, input);
  if (result.ok) return result.value as Output<M>;
  const { code, message, fields } = result.error;
  const exitCode = code === 'INTERNAL' ? EXIT.internal : BAD_INPUT.includes(code) ? EXIT.badInput : EXIT.refused;
  const problems = Object.entries(fields ?? {});
  if (problems.length === 0) throw new CliError(exitCode, message);
  // Each field on its own line under the name the user typed; the lines say all that the message says.
  const lines = problems.map(([path, problem]) => `  – ${cliFieldName(method, path)}: ${problem}`);
  throw new CliError(exitCode, [msg('error.badInput'), ...lines].join('\n'));
}

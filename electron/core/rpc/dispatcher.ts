/**
 * The one dispatcher behind both transports: validates input against the contract (the renderer is untrusted), calls
 * the handler, and returns `{ok, value}` or `{ok:false, error:{code, message}}`; nothing is thrown across a process.
 */
import type { z } from 'zod';
import { contract, isMethodName, type MethodName, type Output, type ParsedInput } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';
import { msg } from '../../../shared/messages';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => Promise<Output<M>> };
export type Dispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, log: (line: string) => void = (l) => console.error(l)): Dispatch {
  return async (method, input) => {
    if (!isMethodName(method)) return { ok: false, error: { code: 'BAD_INPUT', message: msg('error.badInput') } };
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: badInput(parsed.error) };
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) } };
      }
      // Only the method and the error's own text: inputs may hold personal data and are not logged.
      log(`[rpc] ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { ok: false, error: { code: 'INTERNAL', message: msg('error.internal') } };
    }
  };
}

function badInput(error: z.ZodError) {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const detail = Object.values(fields)[0];
  return { code: 'BAD_INPUT' as const, message: detail ? `${msg('error.badInput')} ${detail}` : msg('error.badInput'), fields };
}

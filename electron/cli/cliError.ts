/**
 * Exit codes of the `vanthu` command: 0 done, 1 refused or invalid, 2 bad input or usage, 3 an unexpected error (a
 * fault of the program or of the machine, not a verdict on the document: a script must not read it as a refusal).
 */
export const EXIT = { ok: 0, refused: 1, badInput: 2, internal: 3 } as const;

/** A failure the command line reports as one Vietnamese line on stderr with its exit code, never a stack trace. */
export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

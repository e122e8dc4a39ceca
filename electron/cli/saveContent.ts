/** Writes what the core produced (a register book, a slip) to the file the user named. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ContentRef } from '../../shared/contract';
import { msg } from '../../shared/messages';
import type { Core } from '../core/app';
import { CliError, EXIT } from './cliError';

/** Copies beside the target and renames, so a failed write never leaves a half file under the real name. */
export async function saveContent(core: Core, ref: ContentRef, output: string): Promise<void> {
  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${process.pid}.part`);
  try {
    await fs.copyFile(core.content.pathOf(ref.hash), tmp);
    await fs.rename(tmp, output);
  } catch {
    await fs.rm(tmp, { force: true });
    throw new CliError(EXIT.badInput, msg('cli.writeFailed', { file: output }));
  }
}

/**
 * An edXML package opened from the desktop (double click, "Open with": the file association the installer registers).
 * Windows and Linux pass its path on the command line, to the first instance or through 'second-instance' to the one
 * already running; macOS sends 'open-file'. Only an existing regular file named *.edxml is taken; its bytes are
 * streamed into the content store and handed to `exchange.import`, which checks the package exactly as one chosen in
 * the app (schema, addressee, sender, signatures, duplicates) and registers it or says why not.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import type { ContentRef, Output } from '../../shared/contract';
import { describeImportOutcome, type ImportOutcomeText } from '../../shared/domain/edxmlImportOutcome';
import type { Result } from '../../shared/errors';
import { msg } from '../../shared/messages';

const EDXML_EXTENSION = '.edxml';

export interface PackageImporter {
  stage(source: Readable, name: string): Promise<ContentRef>;
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
}

/**
 * The .edxml paths among a command line, resolved against the folder it was given in. Electron's argv also holds the
 * executable, in development the app's folder, and Chromium's switches; `--data DIR` is Vanthu's own.
 */
export function edxmlPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const { positionals } = parseArgs({ args: [...argv], options: { data: { type: 'string' } }, strict: false, allowPositionals: true });
  return positionals.filter(isEdxmlName).map((file) => path.resolve(cwd, file));
}

function isEdxmlName(file: string): boolean {
  return path.extname(file).toLowerCase() === EDXML_EXTENSION;
}

/** Imports one opened package; the outcome is ready to show, refusals included. */
export async function importOpenedPackage(core: PackageImporter, file: string): Promise<ImportOutcomeText> {
  const name = path.basename(file);
  if (!isEdxmlName(file)) return { kind: 'error', text: msg('shell.openedFile.notEdxml', { name }) };
  // lstat: a link, a folder, a device or a pipe named *.edxml is not a package someone received.
  const stat = await fs.lstat(file).catch(() => null);
  if (!stat?.isFile()) return { kind: 'error', text: msg('shell.openedFile.unreadable', { name }) };
  let ref: ContentRef;
  try {
    ref = await core.stage(createReadStream(file), name);
  } catch {
    return { kind: 'error', text: msg('shell.openedFile.unreadable', { name }) };
  }
  const result = await core.dispatch('exchange.import', { hash: ref.hash });
  if (!result.ok) return { kind: 'error', text: result.error.message };
  return describeImportOutcome(result.value as Output<'exchange.import'>);
}

/**
 * Appending an incremental update to a copy of a PDF, written safely: the copy is made beside the target, the update
 * appended, fsynced and renamed into place. Used for revisions that carry no signature of their own, such as a DSS
 * (certificates and revocation data for long-term validation) added after signing.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IncrementalUpdate } from './incrementalUpdate';
import type { PdfFile } from './pdfFile';
import { openPdfForUpdate, readErrorToAppError, writeErrorToAppError } from './pdfOpen';

export async function appendUpdate(input: string, output: string, edit: (file: PdfFile, update: IncrementalUpdate) => void | Promise<void>): Promise<void> {
  const file = openPdfForUpdate(input);
  let bytes: Buffer;
  try {
    const update = new IncrementalUpdate(file);
    await edit(file, update);
    bytes = update.build().bytes;
  } catch (error) {
    throw readErrorToAppError(error);
  } finally {
    file.close();
  }
  const tmp = path.join(path.dirname(path.resolve(output)), `.${path.basename(output)}.${randomUUID()}.part`);
  try {
    await fs.copyFile(input, tmp);
    const handle = await fs.open(tmp, 'r+');
    try {
      await handle.write(bytes, 0, bytes.length, file.size);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, output);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw writeErrorToAppError(error, output);
  }
}

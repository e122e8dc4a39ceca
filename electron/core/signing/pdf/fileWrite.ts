/**
 * The one way signing writes a file: into a temporary file beside the target, fsynced, renamed over the target name
 * and the rename made durable. A failure or a crash leaves no half-written file under the real name, and a failure
 * removes the temporary file.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { syncDirectory } from '../../syncDirectory';

/** `fill` writes the whole content of the temporary file it is given (it may create or copy it). */
export async function writeFileSafely(output: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const target = path.resolve(output);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.part`);
  try {
    await fill(temp);
    const handle = await fs.open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  // After the rename the file is complete under its name: a failure to flush the folder must not report it unwritten.
  await syncDirectory(path.dirname(target)).catch(() => undefined);
}

/** Writes `bytes` into an existing file at `position`: an incremental update after a copy of the original. */
export async function writeAt(file: string, bytes: Uint8Array, position: number): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.write(bytes, 0, bytes.length, position);
  } finally {
    await handle.close();
  }
}

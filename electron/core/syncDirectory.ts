import { promises as fs } from 'node:fs';

/**
 * Makes a rename inside `dir` durable: the directory entry is flushed as well as the file. Windows cannot open a
 * directory for fsync (EPERM) and its renames are journaled by NTFS, so there is nothing to do there.
 */
export async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

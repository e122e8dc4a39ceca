/** Clearing a temp area of the data folder: what a killed process left there is removed at a later start. */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Removes the entries of `dir` last changed more than `maxAgeMs` ago (younger ones may belong to a running job). */
export async function sweepWorkDir(dir: string, maxAgeMs: number): Promise<void> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of entries) {
    const entry = path.join(dir, name);
    const stat = await fs.stat(entry).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > maxAgeMs) await fs.rm(entry, { recursive: true, force: true });
  }
}

/**
 * An exclusive lock between server processes sharing one data folder: a lock file created with O_EXCL. Node has no
 * flock(2), and an O_EXCL create is atomic on every local file system and on NFSv3+. A process killed while holding a
 * lock leaves the file behind, so a lock older than `staleMs` (far longer than a writer holds it: one chunk written
 * and fsynced) is broken. Breaking has a narrow race (two waiters breaking the same stale lock at once may both
 * enter); the store's writes are positional and content-addressed, so two writers at one offset write the same bytes
 * and the race does no harm beyond a wasted write.
 */
import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockTiming {
  /** How long a waiter tries before giving up. */
  waitMs: number;
  /** A lock file older than this was left by a dead process. */
  staleMs: number;
}

export const DEFAULT_LOCK_TIMING: LockTiming = { waitMs: 10_000, staleMs: 30_000 };

/** Runs `task` holding the lock at `file`; returns null when the lock could not be had within `waitMs`. */
export async function withFileLock<T>(file: string, timing: LockTiming, task: () => Promise<T>): Promise<{ value: T } | null> {
  const deadline = Date.now() + timing.waitMs;
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const held = await fs.stat(file).catch(() => null);
    if (held && Date.now() - held.mtimeMs > timing.staleMs) {
      await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) return null;
    await sleep(5 + Math.random() * 20);
  }
  try {
    return { value: await task() };
  } finally {
    await fs.rm(file, { force: true });
  }
}

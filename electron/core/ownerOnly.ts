/**
 * The data folder holds the registers, the stored documents and the server session: on a shared PC (a commune office,
 * a Linux server for the browser host) no other account may read them. Everything the core creates there is created
 * for its owner alone, and what an earlier version left wider is narrowed when the core opens. Windows ignores these
 * bits (its profile folder's ACL does the same work).
 */
import { chmodSync, closeSync, openSync } from 'node:fs';

export const OWNER_ONLY_DIR = 0o700;
export const OWNER_ONLY_FILE = 0o600;

/** Narrows an existing file or folder to its owner; a missing one is left missing. A file system without owners'
 * modes (a network share) or a folder someone else owns keeps what it has: the core still opens there. */
export function restrictToOwner(file: string, mode: number): void {
  try {
    chmodSync(file, mode);
  } catch (error) {
    if (!['ENOENT', 'EPERM', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}

/** Creates an empty file for its owner alone unless it exists, then narrows it: SQLite gives its -wal and -shm files the
 * database file's mode, so the database is made before SQLite opens it. */
export function ownerOnlyFile(file: string): void {
  closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  restrictToOwner(file, OWNER_ONLY_FILE);
}

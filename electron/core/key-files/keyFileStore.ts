/**
 * Key files (.p12/.pfx) held in memory only. A key file holds an encrypted private key: kept in the data folder (and
 * so in its backups) it could be attacked offline for ever, so uploads of key files never touch the disk. Each file
 * lives under a random handle for a few minutes, in a small bounded map, until it is used up, released, pushed out by
 * newer ones or expires; its buffer is then overwritten with zeros (best effort: the garbage collector may have
 * copied it before).
 */
import { randomBytes } from 'node:crypto';
import type { KeyFileRef } from '../../../shared/contract';
import { KEY_FILE_MAX_BYTES } from '../../../shared/contract/schemas';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import { safeFileName } from '../content/fileName';

export interface KeyFileStoreOptions {
  /** Largest accepted file; a real .p12 with its chain is a few kilobytes. */
  maxBytes?: number;
  /** How many files are held at once; the oldest is dropped for a new one. */
  maxEntries?: number;
  /** How long a file is held after its upload, whether used or not. */
  ttlMs?: number;
}

export interface KeyFileStore {
  /**
   * Takes the bytes (refusing more than the limit as soon as it is passed) and returns the handle that names them.
   * The source's bytes are overwritten with zeros once copied.
   */
  put(source: Uint8Array | AsyncIterable<Uint8Array>, name: string): Promise<KeyFileRef>;
  /** A copy of the bytes, for the caller to decode; an unknown or expired handle asks the person to choose the file again. */
  read(handle: string): Buffer;
  /** Forgets the file and zeroes its bytes; unknown handles are ignored (it may have expired already). */
  release(handle: string): void;
  /** Forgets every file (the core is closing). */
  clear(): void;
}

export const KEY_FILE_MAX_ENTRIES = 4;
export const KEY_FILE_TTL_MS = 10 * 60 * 1000;

/** The refusal of a file above the limit, for transports that can tell before reading it. */
export function keyFileTooLarge(maxBytes = KEY_FILE_MAX_BYTES): AppError {
  return new AppError('BAD_INPUT', msg('keyFiles.tooLarge', { max: `${Math.round(maxBytes / 1024)} KB` }));
}

interface Entry {
  bytes: Buffer;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

export function createKeyFileStore(options: KeyFileStoreOptions = {}): KeyFileStore {
  const maxBytes = options.maxBytes ?? KEY_FILE_MAX_BYTES;
  const maxEntries = options.maxEntries ?? KEY_FILE_MAX_ENTRIES;
  const ttlMs = options.ttlMs ?? KEY_FILE_TTL_MS;
  // Insertion order is age order: the first key is the oldest file.
  const entries = new Map<string, Entry>();

  function drop(handle: string) {
    const entry = entries.get(handle);
    if (!entry) return;
    entries.delete(handle);
    clearTimeout(entry.timer);
    entry.bytes.fill(0);
  }

  return {
    async put(source, name) {
      const bytes = await readLimited(source, maxBytes);
      if (bytes.length === 0) throw new AppError('BAD_INPUT', msg('keyFiles.empty'));
      while (entries.size >= maxEntries) drop(entries.keys().next().value as string);
      const handle = randomBytes(24).toString('base64url');
      // The timer only zeroes bytes early; it must not keep a closing process alive. `read` checks the clock as well.
      const timer = setTimeout(() => drop(handle), ttlMs).unref();
      entries.set(handle, { bytes, expiresAt: Date.now() + ttlMs, timer });
      return { handle, name: safeFileName(name), size: bytes.length };
    },
    read(handle) {
      const entry = entries.get(handle);
      if (!entry || Date.now() >= entry.expiresAt) {
        drop(handle);
        throw new AppError('NOT_FOUND', msg('keyFiles.expired'));
      }
      return Buffer.from(entry.bytes);
    },
    release: drop,
    clear() {
      for (const handle of [...entries.keys()]) drop(handle);
    },
  };
}

/**
 * Copies at most `limit` bytes into one buffer of our own, then overwrites what it read (the caller's buffer, the
 * stream's chunks) with zeros, so that the store's copy is the only one left.
 */
async function readLimited(source: Uint8Array | AsyncIterable<Uint8Array>, limit: number): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of source instanceof Uint8Array ? [source] : source) {
      chunks.push(chunk);
      size += chunk.byteLength;
      if (size > limit) throw keyFileTooLarge(limit);
    }
    return Buffer.concat(chunks, size);
  } finally {
    for (const chunk of chunks) chunk.fill(0);
  }
}

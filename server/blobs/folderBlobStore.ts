/**
 * The folder driver of BlobStore:
 *   <data>/blobs/ab/abcd…      complete blobs, verified, never changed again
 *   <data>/uploads/<hash>.part  the bytes received so far; its size is the acknowledged offset
 *   <data>/uploads/<hash>.length the declared whole size, written with the first chunk
 *   <data>/uploads/<hash>.lock  held while one writer checks the offset and writes, or verifies and commits
 * Every chunk is written at its offset and fsynced before `append` returns, so the offset a client was told survives a
 * kill -9 or a power cut. Several server processes may share the folder: the lock makes "offset matches, then write"
 * one step (see uploadLock.ts). A process killed in the middle of a write may leave a part longer than it acknowledged;
 * those bytes are the right ones (a chunk is checked before it is written), and if a crash of the machine left them
 * damaged, the whole-hash check at commit discards the upload and the client starts again.
 */
import { createHash } from 'node:crypto';
import { constants, createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { UploadState } from '../../shared/contract/syncWire';
import { BlobBusyError, SHA256_HEX, type BlobStore, type ByteRange, type ChunkInput } from './blobStore';
import { DEFAULT_LOCK_TIMING, withFileLock, type LockTiming } from './uploadLock';

export function createFolderBlobStore(dataDir: string, lockTiming: LockTiming = DEFAULT_LOCK_TIMING): BlobStore {
  const blobsDir = path.join(dataDir, 'blobs');
  const uploadsDir = path.join(dataDir, 'uploads');

  function checked(hash: string): string {
    // The hash becomes a file name: only a real hash may.
    if (!SHA256_HEX.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return hash;
  }
  const finalPath = (hash: string) => path.join(blobsDir, checked(hash).slice(0, 2), hash);
  const uploadPath = (hash: string, suffix: 'part' | 'length' | 'lock') => path.join(uploadsDir, `${checked(hash)}.${suffix}`);

  async function sizeOf(file: string): Promise<number | null> {
    return fs.stat(file).then((s) => s.size, () => null);
  }

  async function declaredLength(hash: string): Promise<number | null> {
    const text = await fs.readFile(uploadPath(hash, 'length'), 'utf8').catch(() => null);
    return text === null ? null : Number(text);
  }

  async function state(hash: string): Promise<UploadState> {
    const complete = await sizeOf(finalPath(hash));
    if (complete !== null) return { hash, size: complete, received: complete, complete: true };
    const received = (await sizeOf(uploadPath(hash, 'part'))) ?? 0;
    return { hash, size: (await declaredLength(hash)) ?? 0, received, complete: false };
  }

  async function locked<T>(hash: string, task: () => Promise<T>): Promise<T> {
    await fs.mkdir(uploadsDir, { recursive: true });
    const held = await withFileLock(uploadPath(hash, 'lock'), lockTiming, task);
    if (!held) throw new BlobBusyError(hash);
    return held.value;
  }

  async function writeDurably(file: string, bytes: Buffer | string, position: number, create: boolean): Promise<void> {
    // Positional, never O_APPEND: a duplicated chunk at one offset lands on the same bytes instead of after them.
    const handle = await fs.open(file, constants.O_WRONLY | (create ? constants.O_CREAT : 0));
    try {
      const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      for (let done = 0; done < buffer.length; ) done += (await handle.write(buffer, done, buffer.length - done, position + done)).bytesWritten;
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (create) await syncDirectory(path.dirname(file));
  }

  return {
    state,

    async append(hash, { offset, length, chunk, chunkHash }: ChunkInput) {
      checked(hash);
      // Checked before the lock: a damaged chunk never touches the disk.
      if (createHash('sha256').update(chunk).digest('hex') !== chunkHash) return { outcome: 'chunkMismatch', state: await state(hash) };
      return locked(hash, async () => {
        const now = await state(hash);
        if (now.complete) return { outcome: now.size === length ? 'stored' : 'lengthMismatch', state: now };
        const declared = await declaredLength(hash);
        if ((declared !== null && declared !== length) || offset + chunk.length > length) return { outcome: 'lengthMismatch', state: now };
        if (offset !== now.received) return { outcome: 'offsetMismatch', state: now };
        if (declared === null) await writeDurably(uploadPath(hash, 'length'), String(length), 0, true);
        await writeDurably(uploadPath(hash, 'part'), chunk, offset, offset === 0);
        return { outcome: 'stored', state: { hash, size: length, received: offset + chunk.length, complete: false } };
      });
    },

    async commit(hash) {
      return locked(hash, async () => {
        const now = await state(hash);
        if (now.complete) return { outcome: 'complete', state: now };
        if ((await declaredLength(hash)) === null || now.received !== now.size) return { outcome: 'incomplete', state: now };
        const part = uploadPath(hash, 'part');
        const hasher = createHash('sha256');
        await pipeline(createReadStream(part), hasher);
        if (hasher.digest('hex') !== hash) {
          await fs.rm(part, { force: true });
          await fs.rm(uploadPath(hash, 'length'), { force: true });
          return { outcome: 'mismatch', state: await state(hash) };
        }
        const target = finalPath(hash);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.rename(part, target);
        await syncDirectory(path.dirname(target));
        await fs.rm(uploadPath(hash, 'length'), { force: true });
        return { outcome: 'complete', state: await state(hash) };
      });
    },

    async open(hash, range?: ByteRange): Promise<Readable | null> {
      const file = finalPath(hash);
      // Opened before the stream is made, so a missing blob is a null here rather than an error event later.
      const handle = await fs.open(file, 'r').catch(() => null);
      if (!handle) return null;
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
  };
}

/** Makes a rename or a create in `dir` durable. The client's twin lives in electron/core, which the server may not import. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Content-addressed file store: a file is named by the SHA-256 of its bytes. Bytes are written to a temporary file,
 * fsynced and renamed, so a crash never leaves a half file under a real name. Uploads for a document not registered
 * yet carry a staging mark (an empty file under staged/, its time the upload's), so abandoned ones can be found
 * without walking the whole store.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs, rmSync } from 'node:fs';
import path from 'node:path';
import { OWNER_ONLY_DIR, OWNER_ONLY_FILE, restrictToOwner } from '../ownerOnly';
import { syncDirectory } from '../syncDirectory';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Bytes hashed per read when a whole file is hashed. */
const HASH_PIECE = 1024 * 1024;

export interface StoredContent {
  hash: string;
  size: number;
}

export interface ContentStore {
  /** Stores bytes from a buffer or a stream; returns the hash that names them. */
  put(source: Uint8Array | Readable | AsyncIterable<Uint8Array>): Promise<StoredContent>;
  /** Stores a file from disk without loading it in memory. */
  putFile(file: string): Promise<StoredContent>;
  /** A fresh path in the store's temporary area (on the store's volume, swept when abandoned), for bytes that arrive in
   * pieces, such as a download that resumes. */
  tempPath(): Promise<string>;
  /** Moves a file written in the temporary area into the store, without copying, if its bytes hash to `hash`; a file
   * that does not is removed and the call fails. */
  adopt(file: string, hash: string): Promise<StoredContent>;
  has(hash: string): Promise<boolean>;
  pathOf(hash: string): string;
  read(hash: string): Promise<Buffer>;
  size(hash: string): Promise<number>;
  /** Marks the bytes as uploaded for a document not registered yet; staging them again renews the mark. */
  markStaged(hash: string): Promise<void>;
  /**
   * `put` with `markStaged` (the mark first): bytes no document records yet (an upload, a signed file before its version is written, an
   * export to download). Whatever ends up recorded nowhere — its process killed, its number taken meanwhile, a register
   * book downloaded long ago — is swept with the abandoned uploads.
   */
  putStaged(source: Uint8Array | Readable | AsyncIterable<Uint8Array>): Promise<StoredContent>;
  /**
   * putStaged for a file this process wrote under the data folder (a signed PDF), which it takes over: hashed through
   * one reused buffer and renamed into place, never copied. `progress` hears the bytes hashed of the total.
   */
  putStagedFile(file: string, progress?: (done: number, total: number) => void): Promise<StoredContent>;
  /** The document that uses the bytes is registered: they are no longer a staged upload. */
  unmarkStaged(hash: string): Promise<void>;
  /** Staged uploads whose mark is older than `before` (ms since the epoch), and temporary files a crash left behind
   * (removed here: no one else can still be writing them after that long). */
  sweepBefore(before: number): Promise<string[]>;
  /** Deletes the bytes and their mark at once: synchronous, so it can run under the database's write lock. Best
   * effort: bytes another program holds open (an antivirus, a viewer on Windows) stay with their mark, for a later sweep. */
  discard(hash: string): void;
}

const HASH = /^[0-9a-f]{64}$/;

export function createContentStore(root: string): ContentStore {
  // A store from before owner-only folders: its root shuts the rest off.
  restrictToOwner(root, OWNER_ONLY_DIR);
  const tmpDir = path.join(root, 'tmp');
  const stagedDir = path.join(root, 'staged');
  const markOf = (hash: string) => path.join(stagedDir, path.basename(pathOf(hash)));

  /** Names in `dir` last modified before `before`; none when the folder does not exist yet. */
  async function olderThan(dir: string, before: number): Promise<string[]> {
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    const old: string[] = [];
    for (const name of names) {
      const stat = await fs.stat(path.join(dir, name)).catch(() => null);
      if (stat && stat.mtimeMs < before) old.push(name);
    }
    return old;
  }

  function pathOf(hash: string): string {
    // The hash doubles as a path component, so only a real hash may become one.
    if (!HASH.test(hash)) throw new Error(`not a content hash: ${hash}`);
    return path.join(root, hash.slice(0, 2), hash);
  }

  async function tempPath(): Promise<string> {
    await fs.mkdir(tmpDir, { recursive: true, mode: OWNER_ONLY_DIR });
    return path.join(tmpDir, `${randomUUID()}.part`);
  }

  /** Flushes a complete temporary file and renames it to its hash: the one way bytes get a real name. */
  async function settle(tmp: string, hash: string): Promise<void> {
    const handle = await fs.open(tmp, 'r+');
    try {
      // Whoever wrote the file (this store, a download, the signing thread), it gets its real name for its owner alone.
      await handle.chmod(OWNER_ONLY_FILE);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const target = pathOf(hash);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: OWNER_ONLY_DIR });
    await fs.rename(tmp, target);
    await syncDirectory(path.dirname(target));
  }

  /** `staged`: the bytes get their staging mark before their real name, so a process killed between the two never
   * leaves a file that no document references and no sweep would find. */
  async function put(source: Uint8Array | Readable | AsyncIterable<Uint8Array>, staged = false): Promise<StoredContent> {
    const tmp = await tempPath();
    const hasher = createHash('sha256');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hasher.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const input = source instanceof Uint8Array ? Readable.from([Buffer.from(source.buffer, source.byteOffset, source.byteLength)]) : Readable.from(source);
    try {
      const out = createWriteStream(tmp, { flags: 'wx', mode: OWNER_ONLY_FILE });
      await pipeline(input, counter, out);
      const hash = hasher.digest('hex');
      if (staged) await markStaged(hash);
      await settle(tmp, hash);
      return { hash, size };
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }

  /** SHA-256 and size of a file, read through one buffer: a stream's fresh chunk per read would pile up as garbage. */
  async function hashFile(file: string, progress?: (done: number, total: number) => void): Promise<StoredContent> {
    const hasher = createHash('sha256');
    const handle = await fs.open(file, 'r');
    try {
      const total = (await handle.stat()).size;
      const buffer = Buffer.allocUnsafe(Math.min(HASH_PIECE, Math.max(total, 1)));
      let size = 0;
      for (let read = 1; read > 0; size += read) {
        read = (await handle.read(buffer, 0, buffer.length, size)).bytesRead;
        hasher.update(buffer.subarray(0, read));
        if (read > 0) progress?.(size + read, total);
      }
      return { hash: hasher.digest('hex'), size };
    } finally {
      await handle.close();
    }
  }

  async function markStaged(hash: string) {
    await fs.mkdir(stagedDir, { recursive: true, mode: OWNER_ONLY_DIR });
    await fs.writeFile(markOf(hash), '', { mode: OWNER_ONLY_FILE });
    // Staging the same bytes again renews the mark: its time is what the sweep reads. A mark gone already was taken
    // away by another writer of the same bytes who recorded them in a document: they are in use, not staged.
    const now = new Date();
    await fs.utimes(markOf(hash), now, now).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  return {
    put: (source) => put(source),
    putFile: (file) => put(createReadStream(file)),
    tempPath,
    async adopt(file, hash) {
      pathOf(hash); // refuses a name that is not a hash before any byte is read
      const hasher = createHash('sha256');
      await pipeline(createReadStream(file), hasher);
      if (hasher.digest('hex') !== hash) {
        await fs.rm(file, { force: true });
        throw new Error(`content does not match its hash: ${hash}`);
      }
      const { size } = await fs.stat(file);
      await settle(file, hash);
      return { hash, size };
    },
    async has(hash) {
      return HASH.test(hash) && (await fs.stat(pathOf(hash)).then(() => true, () => false));
    },
    pathOf,
    read: (hash) => fs.readFile(pathOf(hash)),
    size: async (hash) => (await fs.stat(pathOf(hash))).size,
    markStaged,
    unmarkStaged: (hash) => fs.rm(markOf(hash), { force: true }),
    putStaged: (source) => put(source, true),
    async putStagedFile(file, progress) {
      const stored = await hashFile(file, progress);
      await markStaged(stored.hash);
      try {
        await settle(file, stored.hash);
      } catch (error) {
        // Another volume (a data folder spread over mounts): the bytes are copied after all.
        if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
        const tmp = await tempPath();
        await fs.copyFile(file, tmp);
        await settle(tmp, stored.hash);
      }
      return stored;
    },
    async sweepBefore(before) {
      for (const name of await olderThan(tmpDir, before)) await fs.rm(path.join(tmpDir, name), { force: true });
      return (await olderThan(stagedDir, before)).filter((name) => HASH.test(name));
    },
    discard(hash) {
      try {
        rmSync(pathOf(hash), { force: true });
        rmSync(markOf(hash), { force: true });
      } catch {
        // Left for the next sweep: the mark is removed only after the bytes are gone.
      }
    },
  };
}


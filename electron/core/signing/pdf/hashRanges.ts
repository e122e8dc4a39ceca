/**
 * SHA-256 over byte ranges of a file, read in 1 MB pieces into two reused buffers: memory stays flat whatever the file
 * size (a stream would allocate a fresh buffer per chunk and let a 100 MB file's worth pile up before collection).
 */
import { createHash, type Hash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

const CHUNK = 1024 * 1024;

/**
 * Calls `each` with successive views of [start, end) of the file; a view is only valid during its call. Two buffers
 * alternate so the next read (on libuv's thread pool) overlaps the hashing of the current chunk.
 */
async function readRange(handle: FileHandle, buffers: [Buffer, Buffer], start: number, end: number, each: (view: Buffer, at: number) => void): Promise<void> {
  const readAt = (pos: number, buffer: Buffer) => handle.read(buffer, 0, Math.min(buffer.length, end - pos), pos);
  let pos = start;
  let turn = 0;
  let pending = pos < end ? readAt(pos, buffers[0]) : null;
  while (pending) {
    const { bytesRead, buffer } = await pending;
    if (bytesRead === 0) throw new Error('byte range past the end of the file');
    const next = pos + bytesRead;
    turn ^= 1;
    pending = next < end ? readAt(next, buffers[turn]!) : null;
    each(buffer.subarray(0, bytesRead), pos);
    pos = next;
  }
}

const buffers = (): [Buffer, Buffer] => [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];

/**
 * A running SHA-256 fed with the file's first `length` bytes; the caller adds more and takes the digest.
 * `progress` hears the bytes hashed so far after each chunk.
 */
export async function hashFilePrefix(file: string, length: number, progress?: (done: number) => void): Promise<Hash> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    await readRange(handle, buffers(), 0, length, (view, at) => {
      hash.update(view);
      progress?.(at + view.length);
    });
  } finally {
    await handle.close();
  }
  return hash;
}

export async function hashFileRanges(file: string, ranges: [start: number, length: number][]): Promise<Uint8Array> {
  const hash = createHash('sha256');
  const handle = await open(file, 'r');
  try {
    const pair = buffers();
    for (const [start, length] of ranges) await readRange(handle, pair, start, start + Math.max(0, length), (view) => hash.update(view));
  } finally {
    await handle.close();
  }
  return new Uint8Array(hash.digest());
}

/**
 * Digests of several PDF byte ranges [0, a, b, c] in ONE pass over the file. Every signature's first range starts at
 * byte 0, so all of them share a prefix: one running hash covers [0, max a), and at each signature's `a` a copy of its
 * state continues with that signature's second range [b, b + c). Verifying n signatures of a 100 MB file thus hashes
 * about 100 MB, not n × 100 MB. Ranges not starting at 0 (never written by sound signers) are hashed on their own.
 */
export async function hashByteRanges(file: string, byteRanges: [number, number, number, number][]): Promise<Uint8Array[]> {
  const results: (Uint8Array | null)[] = byteRanges.map(() => null);
  const isShared = (br: number[]) => br[0] === 0 && br[1]! >= 0 && br[2]! >= br[1]! && br[3]! >= 0;
  for (const [i, br] of byteRanges.entries()) {
    if (!isShared(br)) results[i] = await hashFileRanges(file, [[br[0], br[1]], [br[2], br[3]]]);
  }
  const branches = byteRanges.flatMap((br, i) => (isShared(br) ? [{ i, a: br[1], b: br[2], end: br[2] + br[3], hash: null as Hash | null }] : []));
  if (branches.length === 0) return results as Uint8Array[];

  const main = createHash('sha256');
  const cuts = [...new Set(branches.map((x) => x.a))].sort((x, y) => x - y);
  const mainEnd = cuts[cuts.length - 1]!;
  const end = Math.max(mainEnd, ...branches.map((x) => x.end));
  const branchOff = (cut: number) => {
    for (const x of branches) if (x.a === cut) x.hash = main.copy();
  };
  // A signature whose first range is empty starts from the empty state.
  branchOff(0);

  const handle = await open(file, 'r');
  try {
    await readRange(handle, buffers(), 0, end, (chunk, pos) => {
      const chunkEnd = pos + chunk.length;
      // Feed the shared hash up to each cut, branching off a copy at every cut.
      let p = pos;
      for (const cut of cuts) {
        if (cut <= p || cut > chunkEnd) continue;
        main.update(chunk.subarray(p - pos, cut - pos));
        p = cut;
        branchOff(cut);
      }
      if (p < Math.min(chunkEnd, mainEnd)) main.update(chunk.subarray(p - pos, Math.min(chunkEnd, mainEnd) - pos));
      for (const x of branches) {
        const from = Math.max(x.b, pos);
        const to = Math.min(x.end, chunkEnd);
        if (from < to) x.hash!.update(chunk.subarray(from - pos, to - pos));
      }
    });
  } finally {
    await handle.close();
  }
  for (const x of branches) results[x.i] = new Uint8Array(x.hash!.digest());
  return results as Uint8Array[];
}

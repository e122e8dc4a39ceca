/** SHA-256 over byte ranges of a file, read as a stream in large chunks: memory stays flat whatever the file size. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const CHUNK = 1024 * 1024;

export async function hashFileRanges(file: string, ranges: [start: number, length: number][]): Promise<Uint8Array> {
  const hash = createHash('sha256');
  for (const [start, length] of ranges) {
    if (length <= 0) continue;
    for await (const chunk of createReadStream(file, { start, end: start + length - 1, highWaterMark: CHUNK })) hash.update(chunk as Buffer);
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
  const shared = byteRanges.map((br, i) => ({ br, i })).filter(({ br }) => br[0] === 0 && br[1] >= 0 && br[2] >= br[1] && br[3] >= 0);
  for (const [i, br] of byteRanges.entries()) {
    if (!shared.some((s) => s.i === i)) results[i] = await hashFileRanges(file, [[br[0], br[1]], [br[2], br[3]]]);
  }
  if (shared.length === 0) return results as Uint8Array[];

  const main = createHash('sha256');
  const branches = shared.map(({ br, i }) => ({ i, a: br[1], b: br[2], end: br[2] + br[3], hash: null as ReturnType<typeof createHash> | null }));
  const cuts = [...new Set(branches.map((x) => x.a))].sort((x, y) => x - y);
  const mainEnd = cuts[cuts.length - 1]!;
  const end = Math.max(mainEnd, ...branches.map((x) => x.end));
  const branchAt = (a: number) => branches.filter((x) => x.a === a);
  // A signature whose first range is empty starts from the empty state.
  for (const x of branchAt(0)) x.hash = main.copy();

  let pos = 0;
  if (end > 0) {
    for await (const data of createReadStream(file, { start: 0, end: end - 1, highWaterMark: CHUNK })) {
      const chunk = data as Buffer;
      const chunkEnd = pos + chunk.length;
      // Feed the shared hash up to each cut, branching off a copy at every cut.
      let p = pos;
      for (const cut of cuts) {
        if (cut <= p || cut > chunkEnd) continue;
        main.update(chunk.subarray(p - pos, cut - pos));
        p = cut;
        for (const x of branchAt(cut)) x.hash = main.copy();
      }
      if (p < Math.min(chunkEnd, mainEnd)) main.update(chunk.subarray(p - pos, Math.min(chunkEnd, mainEnd) - pos));
      for (const x of branches) {
        const from = Math.max(x.b, pos);
        const to = Math.min(x.end, chunkEnd);
        if (from < to) x.hash!.update(chunk.subarray(from - pos, to - pos));
      }
      pos = chunkEnd;
    }
  }
  if (pos < end) throw new Error('byte range past the end of the file');
  for (const x of branches) results[x.i] = new Uint8Array(x.hash!.digest());
  return results as Uint8Array[];
}

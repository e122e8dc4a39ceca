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

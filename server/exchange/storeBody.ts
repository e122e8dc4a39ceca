/**
 * A request body (a package from the axis) into a blob folder without holding it in memory: written to a temporary
 * file while its SHA-256 is computed, then fed to the store in checked chunks like any upload, which checks the whole
 * hash again before the blob exists.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { msg } from '../../shared/messages';
import type { BlobStore } from '../blobs/blobStore';
import { MAX_CHUNK } from '../blobs/blobRoutes';
import { HttpError } from '../http/respond';

export async function storeBody(req: IncomingMessage, store: BlobStore, tmpDir: string, limit: number): Promise<string> {
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
  const digest = createHash('sha256');
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > limit) return done(new HttpError(413, 'TOO_LARGE', msg('server.tooLarge', { max: limit / (1024 * 1024) })));
      digest.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(req, count, createWriteStream(tmp));
    const hash = digest.digest('hex');
    if (!(await store.state(hash)).complete) {
      let offset = (await store.state(hash)).received;
      for await (const chunk of createReadStream(tmp, { start: offset, highWaterMark: MAX_CHUNK })) {
        const bytes = chunk as Buffer;
        await store.append(hash, { offset, length: size, chunk: bytes, chunkHash: createHash('sha256').update(bytes).digest('hex') });
        offset += bytes.length;
      }
      await store.commit(hash);
    }
    return hash;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

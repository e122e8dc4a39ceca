import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, utimesSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFolderBlobStore } from '../../server/blobs/folderBlobStore';
import { tempDir } from '../support/coreFixture';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
let tmp: ReturnType<typeof tempDir>;

beforeEach(() => {
  tmp = tempDir('vanthu-blobstore-');
});
afterEach(() => tmp.remove());

describe('the folder blob store shared by several server processes', () => {
  it('lets one of two writers racing for the same offset store its chunk; the other is told the new offset', async () => {
    const bytes = randomBytes(200_000);
    const hash = sha256(bytes);
    const [a, b] = [createFolderBlobStore(tmp.dir), createFolderBlobStore(tmp.dir)];
    const first = bytes.subarray(0, 100_000);
    const input = { offset: 0, length: bytes.length, chunk: first, chunkHash: sha256(first) };
    const outcomes = (await Promise.all([a.append(hash, input), b.append(hash, input)])).map((r) => r.outcome).sort();
    expect(outcomes).toEqual(['offsetMismatch', 'stored']);
    expect(await b.state(hash)).toMatchObject({ received: 100_000, size: bytes.length });
  });

  it('breaks a lock left by a killed process once it is stale, and waits for a live one', async () => {
    const bytes = randomBytes(1000);
    const hash = sha256(bytes);
    const lock = path.join(tmp.dir, 'uploads', `${hash}.lock`);
    await fs.mkdir(path.dirname(lock), { recursive: true });
    await fs.writeFile(lock, '12345');
    const input = { offset: 0, length: bytes.length, chunk: bytes, chunkHash: sha256(bytes) };
    const impatient = createFolderBlobStore(tmp.dir, { waitMs: 50, staleMs: 60_000 });
    await expect(impatient.append(hash, input)).rejects.toThrow(/locked/);

    const old = new Date(Date.now() - 120_000);
    utimesSync(lock, old, old);
    expect((await impatient.append(hash, input)).outcome).toBe('stored');
    expect((await impatient.commit(hash)).outcome).toBe('complete');
    await expect(fs.readdir(path.dirname(lock))).resolves.toEqual([]);
  });
});

/**
 * The content store taking over a file written under the data folder (a signed PDF): named by the SHA-256 of its
 * bytes, moved rather than copied, staged until a document records it, progress heard by bytes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContentStore } from '../../electron/core/content/contentStore';
import { tempDir } from '../support/coreFixture';

const tmp = tempDir('vanthu-content-');
afterAll(() => tmp.remove());

describe('putStagedFile', () => {
  const content = createContentStore(path.join(tmp.dir, 'content'));
  const work = path.join(tmp.dir, 'signing-work');
  mkdirSync(work, { recursive: true });

  it('names a multi-megabyte file by its hash, moves it into the store staged and reports every byte hashed', async () => {
    const bytes = randomBytes(2.5 * 1024 * 1024);
    const file = path.join(work, 'signed.pdf');
    writeFileSync(file, bytes);
    const heard: [number, number][] = [];
    const stored = await content.putStagedFile(file, (done, total) => heard.push([done, total]));

    expect(stored).toEqual({ hash: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    expect(readFileSync(content.pathOf(stored.hash)).equals(bytes)).toBe(true);
    expect(existsSync(file)).toBe(false);
    expect(heard.length).toBeGreaterThan(1);
    expect(heard.at(-1)).toEqual([bytes.length, bytes.length]);
    expect(await content.sweepBefore(Date.now() + 1000)).toContain(stored.hash);
    await content.unmarkStaged(stored.hash);
    expect(await content.sweepBefore(Date.now() + 1000)).not.toContain(stored.hash);
  });

  it('takes an empty file too', async () => {
    const file = path.join(work, 'empty.pdf');
    writeFileSync(file, '');
    const stored = await content.putStagedFile(file);
    expect(stored).toEqual({ hash: createHash('sha256').digest('hex'), size: 0 });
    expect(readFileSync(content.pathOf(stored.hash)).length).toBe(0);
  });
});

/**
 * The memory-only store of uploaded key files: handles that cannot be guessed or mistaken for content hashes, bytes
 * read back as copies, sources overwritten once copied, refusals of empty and oversized files (a stream is not read
 * past the limit), the oldest file pushed out by a new one, expiry by timer and by clock, and zeroed buffers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyFileRef } from '../../shared/contract';
import { KeyFileHandle, KeyFileRef as KeyFileRefSchema } from '../../shared/contract/schemas';
import { AppError } from '../../shared/errors';
import { createKeyFileStore, KEY_FILE_MAX_ENTRIES, KEY_FILE_TTL_MS } from '../../electron/core/key-files/keyFileStore';

const fileOf = (size: number, seed = 1) => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251 || 1);

function refusal(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('no refusal');
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('key file store', () => {
  it('holds bytes under a random handle and reads them back as a copy; the source is zeroed', async () => {
    const store = createKeyFileStore();
    const source = fileOf(3000);
    const expected = Buffer.from(source);
    const ref = await store.put(source, '../thư mục/chữ ký.p12');
    expect(KeyFileRefSchema.parse(ref)).toEqual(ref);
    expect(ref).toMatchObject({ name: 'chữ ký.p12', size: 3000 });
    expect(ref.handle).not.toMatch(/^[0-9a-f]{64}$/);
    expect(source.every((b) => b === 0)).toBe(true);

    const copy = store.read(ref.handle);
    expect(copy.equals(expected)).toBe(true);
    copy.fill(7);
    expect(store.read(ref.handle).equals(expected)).toBe(true);

    const other = await store.put(fileOf(10), 'b.p12');
    expect(other.handle).not.toBe(ref.handle);
    store.clear();
  });

  it('refuses an unknown or malformed handle with a Vietnamese request to choose the file again', () => {
    const store = createKeyFileStore();
    const unknown = refusal(() => store.read('A'.repeat(32)));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('chọn lại tệp chứng thư');
    expect(KeyFileHandle.safeParse('a'.repeat(64)).success).toBe(false);
    expect(KeyFileHandle.safeParse('../../etc/passwd').success).toBe(false);
    expect(KeyFileHandle.safeParse('A'.repeat(32)).success).toBe(true);
    store.release('A'.repeat(32));
  });

  it('refuses empty and oversized files, and stops reading a stream at the limit', async () => {
    const store = createKeyFileStore({ maxBytes: 1000 });
    await expect(store.put(new Uint8Array(0), 'rong.p12')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('rỗng') });
    await expect(store.put(fileOf(1001), 'lon.p12')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('quá lớn') });
    expect((await store.put(fileOf(1000), 'vua.p12')).size).toBe(1000);

    let pulled = 0;
    const chunks: Uint8Array[] = [];
    async function* endless() {
      for (;;) {
        pulled++;
        const chunk = fileOf(300, pulled);
        chunks.push(chunk);
        yield chunk;
      }
    }
    await expect(store.put(endless(), 'vo-tan.p12')).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(pulled).toBe(4);
    // What was read before the refusal does not linger either.
    expect(chunks.every((c) => c.every((b) => b === 0))).toBe(true);
    store.clear();
  });

  it('keeps a handful of files: a new one pushes out the oldest', async () => {
    const store = createKeyFileStore();
    const refs: KeyFileRef[] = [];
    for (let i = 0; i <= KEY_FILE_MAX_ENTRIES; i++) refs.push(await store.put(fileOf(100, i + 1), `${i}.p12`));
    expect(refusal(() => store.read(refs[0]!.handle)).code).toBe('NOT_FOUND');
    for (const ref of refs.slice(1)) expect(store.read(ref.handle).length).toBe(100);
    store.release(refs[1]!.handle);
    expect(refusal(() => store.read(refs[1]!.handle)).code).toBe('NOT_FOUND');
    store.clear();
    expect(refusal(() => store.read(refs.at(-1)!.handle)).code).toBe('NOT_FOUND');
  });

  it('forgets a file when its time is up, and zeroes its buffer', async () => {
    vi.useFakeTimers();
    const fill = vi.spyOn(Buffer.prototype, 'fill');
    const store = createKeyFileStore();
    const ref = await store.put(fileOf(2000), 'a.p12');
    fill.mockClear();
    vi.advanceTimersByTime(KEY_FILE_TTL_MS - 1000);
    expect(store.read(ref.handle).length).toBe(2000);
    vi.advanceTimersByTime(1000);
    const zeroed = fill.mock.contexts.filter((b) => (b as Buffer).length === 2000);
    expect(zeroed).toHaveLength(1);
    expect((zeroed[0] as Buffer).every((b) => b === 0)).toBe(true);
    expect(refusal(() => store.read(ref.handle)).message).toContain('chọn lại tệp chứng thư');
  });

  it('goes by the clock too, when the timer has not run (a machine waking from sleep)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const store = createKeyFileStore({ ttlMs: 60_000 });
    const ref = await store.put(fileOf(50), 'a.p12');
    vi.setSystemTime(Date.now() + 60_000);
    expect(refusal(() => store.read(ref.handle)).code).toBe('NOT_FOUND');
    store.clear();
  });
});

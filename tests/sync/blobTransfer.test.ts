import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContentStore, type ContentStore } from '../../electron/core/content/contentStore';
import { BlobTransferError, createBlobTransfer, type TransferProgress } from '../../electron/core/sync/blobTransfer';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import { startBlobServer, type BlobServer } from '../support/blobServer';
import { tempDir } from '../support/coreFixture';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { mulberry32 } from '../support/prng';

const MiB = 1024 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Bytes from a seeded PRNG: the same file on every run, without the cost of crypto randomness for 20 MB. */
function seededBytes(size: number, seed: number): Buffer {
  const random = mulberry32(seed);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE(Math.floor(random() * 2 ** 32), i);
  return bytes;
}

let tmp: ReturnType<typeof tempDir>;
let server: BlobServer;
let proxy: FaultProxy | undefined;
let local: ContentStore;
const serverDir = () => path.join(tmp.dir, 'server');

beforeEach(async () => {
  tmp = tempDir('vanthu-blobs-');
  server = await startBlobServer({ dataDir: serverDir() });
  local = createContentStore(path.join(tmp.dir, 'client'));
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await server.close();
  tmp.remove();
});

function transferVia(baseUrl: string, chunkSize = MiB) {
  return createBlobTransfer({ baseUrl, authHeader: async () => 'Bearer test', store: local, chunkSize, backoff: { firstMs: 2, maxMs: 20 }, maxFailures: 20 });
}

/** Puts bytes on the server through its store, as an earlier upload would have. */
async function serverHolds(bytes: Buffer): Promise<string> {
  const hash = sha256(bytes);
  for (let offset = 0; offset < bytes.length; offset += 4 * MiB) {
    const chunk = bytes.subarray(offset, offset + 4 * MiB);
    await server.store.append(hash, { offset, length: bytes.length, chunk, chunkHash: sha256(chunk) });
  }
  expect((await server.store.commit(hash)).outcome).toBe('complete');
  return hash;
}

function patch(hash: string, offset: number, length: number, chunk: Buffer, chunkHash = sha256(chunk)) {
  return fetch(`${server.url}${SYNC_PATHS.blob}${hash}`, {
    method: 'PATCH',
    headers: { 'Upload-Offset': String(offset), 'Upload-Length': String(length), 'Chunk-Sha256': chunkHash },
    body: new Uint8Array(chunk),
  });
}

describe('uploading a file in checked chunks', () => {
  it('finishes a 20 MB upload through a link that cuts connections every few hundred KB, resending about one chunk per cut', async () => {
    const bytes = seededBytes(20 * MiB, 1);
    const { hash } = await local.put(bytes);
    proxy = await startFaultProxy({
      targetPort: server.port,
      seed: 42,
      rates: { cutRequest: 0.5, cutResponse: 0.1, duplicate: 0.15, delay: 0.1, drop: 0.05 },
      requestCutBytes: [64 * 1024, 900 * 1024],
      responseCutBytes: [1, 200],
    });
    const progress: TransferProgress[] = [];
    const report = await transferVia(proxy.url).upload(hash, { onProgress: (p) => progress.push(p) });

    const stats = proxy.stats();
    const cuts = stats.cutRequests + stats.cutResponses + stats.dropped;
    expect(stats.cutRequests).toBeGreaterThanOrEqual(5);
    expect(stats.duplicates).toBeGreaterThan(0);
    expect(report.chunksResent).toBeGreaterThan(0);
    expect(report.chunksResent).toBeLessThanOrEqual(cuts + 3);
    expect(report.chunksSent).toBeLessThanOrEqual(20 + report.chunksResent);
    expect(progress.at(-1)).toEqual({ done: 20 * MiB, total: 20 * MiB });

    const state = await server.store.state(hash);
    expect(state).toEqual({ hash, size: 20 * MiB, received: 20 * MiB, complete: true });
    const stored = server.store.open(hash);
    const hasher = createHash('sha256');
    for await (const part of (await stored)!) hasher.update(part as Buffer);
    expect(hasher.digest('hex')).toBe(hash);
    // The replayed requests reached the server and were refused for their stale offset, not stored twice.
    expect(server.answered.some((a) => a.method === 'PATCH' && a.status === 409)).toBe(true);
  });

  it('refuses a chunk whose bytes do not match its Chunk-Sha256 with 422 and stores nothing of it', async () => {
    const bytes = randomBytes(3000);
    const hash = sha256(bytes);
    const response = await patch(hash, 0, bytes.length, bytes, sha256(Buffer.from('something else')));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ error: 'CHUNK_MISMATCH' });
    expect(await server.store.state(hash)).toMatchObject({ received: 0, complete: false });
    expect(await fs.readdir(path.join(serverDir(), 'uploads')).catch(() => [])).toEqual([]);
  });

  it('discards an upload whose bytes do not hash to its name once the last chunk is in', async () => {
    const bytes = randomBytes(5000);
    const claimed = sha256(Buffer.from('another file'));
    expect((await patch(claimed, 0, bytes.length, bytes.subarray(0, 2000))).status).toBe(204);
    const last = await patch(claimed, 2000, bytes.length, bytes.subarray(2000));
    expect(last.status).toBe(422);
    expect(await last.json()).toMatchObject({ error: 'BLOB_MISMATCH', state: { received: 0, complete: false } });
    expect(await server.store.open(claimed)).toBeNull();
    await expect(fs.readdir(path.join(serverDir(), 'uploads'))).resolves.toEqual([]);
  });

  it('tells the client in Vietnamese when its own copy does not match its name', async () => {
    const { hash } = await local.put(randomBytes(10_000));
    await fs.writeFile(local.pathOf(hash), randomBytes(10_000));
    const failure = await transferVia(server.url, 4096).upload(hash).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BlobTransferError);
    expect(failure).toMatchObject({ reason: 'corrupt', message: msg('sync.blob.corrupt') });
  });

  it('keeps an acknowledged offset across a restart of the server over the same folder, and the client resumes from it', async () => {
    const bytes = randomBytes(5 * 64 * 1024);
    const { hash } = await local.put(bytes);
    for (const offset of [0, 64 * 1024]) {
      expect((await patch(hash, offset, bytes.length, bytes.subarray(offset, offset + 64 * 1024))).status).toBe(204);
    }
    await server.close();
    server = await startBlobServer({ dataDir: serverDir(), port: server.port });

    const head = await fetch(`${server.url}${SYNC_PATHS.blob}${hash}`, { method: 'HEAD' });
    expect(head.headers.get('upload-offset')).toBe(String(128 * 1024));
    const report = await transferVia(server.url, 64 * 1024).upload(hash);
    expect(report).toEqual({ chunksSent: 3, chunksResent: 0 });
    expect(await server.store.state(hash)).toMatchObject({ complete: true, size: bytes.length });
  });

  it('keeps every acknowledged chunk when the server process is killed with SIGKILL right after answering', async () => {
    const bytes = randomBytes(3 * 64 * 1024);
    const hash = sha256(bytes);
    const dataDir = path.join(tmp.dir, 'killed');
    const start = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, '../support/blobServerProcess.ts'), dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      const port = (await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next()).value as string;
      return { child, url: `http://127.0.0.1:${port}${SYNC_PATHS.blob}${hash}` };
    };
    const first = await start();
    for (const offset of [0, 64 * 1024]) {
      const chunk = bytes.subarray(offset, offset + 64 * 1024);
      const response = await fetch(first.url, {
        method: 'PATCH',
        headers: { 'Upload-Offset': String(offset), 'Upload-Length': String(bytes.length), 'Chunk-Sha256': sha256(chunk) },
        body: new Uint8Array(chunk),
      });
      expect(response.status).toBe(204);
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await start();
    try {
      const head = await fetch(second.url, { method: 'HEAD' });
      expect(head.headers.get('upload-offset')).toBe(String(128 * 1024));
    } finally {
      second.child.kill('SIGKILL');
    }
  });

  it('gives up as offline while the office has no connection, then resumes where it stopped', async () => {
    const bytes = randomBytes(4 * 64 * 1024);
    const { hash } = await local.put(bytes);
    proxy = await startFaultProxy({ targetPort: server.port, seed: 7 });
    const transfer = transferVia(proxy.url, 64 * 1024);
    let stopped = false;
    const first = transfer.upload(hash, {
      onProgress: ({ done }) => {
        if (done >= 128 * 1024 && !stopped) {
          stopped = true;
          proxy!.setOffline(true);
        }
      },
    });
    await expect(first).rejects.toMatchObject({ reason: 'offline', message: msg('sync.blob.offline') });
    expect(proxy.stats().refused).toBeGreaterThan(0);
    proxy.setOffline(false);
    const report = await transfer.upload(hash);
    expect(report).toEqual({ chunksSent: 2, chunksResent: 0 });
    expect(await server.store.state(hash)).toMatchObject({ complete: true });
  });
});

describe('downloading a file through a document', () => {
  it('resumes with Range after every response is cut and enters the store only verified', async () => {
    const bytes = seededBytes(8 * MiB, 2);
    const hash = await serverHolds(bytes);
    proxy = await startFaultProxy({ targetPort: server.port, seed: 9, rates: { cutResponse: 1, delay: 0.2 }, responseCutBytes: [100 * 1024, 2 * MiB] });
    const progress: number[] = [];
    const report = await transferVia(proxy.url).download('incoming', 'doc-1', hash, { onProgress: ({ done }) => progress.push(done) });

    expect(proxy.stats().cutResponses).toBeGreaterThan(0);
    expect(report.requests).toBe(proxy.stats().connections);
    // Progress never falls back: every request after a cut continued from the bytes already written.
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(server.answered.filter((a) => a.method === 'GET').length).toBeGreaterThan(0);
    expect(sha256(await local.read(hash))).toBe(hash);
    await expect(fs.readdir(path.join(tmp.dir, 'client', 'tmp'))).resolves.toEqual([]);
  });

  it('answers 404 to a user who may not read the document, exactly as for a file that does not exist', async () => {
    const hash = await serverHolds(randomBytes(1000));
    await server.close();
    server = await startBlobServer({ dataDir: serverDir(), canRead: async (_org, _entity, id) => id === 'mine' });
    const url = (id: string, h: string) => `${server.url}${SYNC_PATHS.documentBlob}incoming/${id}/blobs/${h}`;

    const refused = await fetch(url('theirs', hash));
    const absent = await fetch(url('mine', sha256(Buffer.from('no such file'))));
    expect([refused.status, absent.status]).toEqual([404, 404]);
    expect(await refused.text()).toBe(await absent.text());
    expect((await fetch(url('mine', hash))).status).toBe(200);

    const failure = await transferVia(server.url).download('incoming', 'theirs', hash).catch((e: unknown) => e);
    expect(failure).toMatchObject({ reason: 'notFound', message: msg('sync.blob.notFound') });
    expect(await local.has(hash)).toBe(false);
  });

  it('honours Range a-b and a-, names the version by its hash, and refuses a range past the end', async () => {
    const bytes = randomBytes(1000);
    const hash = await serverHolds(bytes);
    const url = `${server.url}${SYNC_PATHS.documentBlob}outgoing/d/blobs/${hash}`;

    const middle = await fetch(url, { headers: { Range: 'bytes=100-199' } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(middle.headers.get('etag')).toBe(`"${hash}"`);
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(bytes.subarray(100, 200));

    const tail = await fetch(url, { headers: { Range: 'bytes=900-' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(900));
    expect((await fetch(url, { headers: { Range: 'bytes=1000-' } })).status).toBe(416);
    expect((await fetch(url, { headers: { 'If-None-Match': `"${hash}"` } })).status).toBe(304);
  });
});

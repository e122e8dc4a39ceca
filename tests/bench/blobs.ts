/**
 * `npm run bench -- blobs [--mb N] [--cuts N] [--seed N]`: uploads an N MB file (default 100) through the fault proxy
 * with about `cuts` interrupted requests (default 20), then downloads it back through about as many cut responses.
 * One JSON line per measure: throughput, chunks re-sent, requests.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createContentStore } from '../../electron/core/content/contentStore';
import { createBlobTransfer } from '../../electron/core/sync/blobTransfer';
import { startBlobServer } from '../support/blobServer';
import { tempDir } from '../support/coreFixture';
import { startFaultProxy, type FaultProxyOptions } from '../support/faultProxy';
import { emit } from './report';

const MiB = 1024 * 1024;

export async function runBlobsBench(args: string[]) {
  const { values } = parseArgs({ args, options: { mb: { type: 'string' }, cuts: { type: 'string' }, seed: { type: 'string' } }, allowPositionals: true });
  const mb = Number(values.mb ?? 100);
  const cuts = Number(values.cuts ?? 20);
  const seed = Number(values.seed ?? 1);
  const tmp = tempDir('vanthu-bench-blobs-');
  const server = await startBlobServer({ dataDir: path.join(tmp.dir, 'server') });

  /** Runs `transfer` through a proxy with `faults`; returns its result, the seconds it took and what the proxy did. */
  async function timed<T>(faults: Omit<FaultProxyOptions, 'targetPort' | 'seed'>, dir: string, transfer: (t: ReturnType<typeof createBlobTransfer>) => Promise<T>) {
    const proxy = await startFaultProxy({ targetPort: server.port, seed, ...faults });
    const store = createContentStore(path.join(tmp.dir, dir));
    const client = createBlobTransfer({ baseUrl: proxy.url, authHeader: async () => 'Bearer bench', store, backoff: { firstMs: 10, maxMs: 200 } });
    try {
      const started = performance.now();
      const result = await transfer(client);
      return { result, seconds: (performance.now() - started) / 1000, stats: proxy.stats(), store };
    } finally {
      await proxy.close();
    }
  }

  try {
    const { hash } = await createContentStore(path.join(tmp.dir, 'sender')).put(randomBytes(mb * MiB));
    // About `cuts` of the mb one-MiB chunks are cut somewhere inside.
    const up = await timed({ rates: { cutRequest: Math.min(1, cuts / mb) }, requestCutBytes: [1, MiB] }, 'sender', (c) => c.upload(hash));
    emit({ scenario: 'blobs', metric: 'upload_throughput', value: round(mb / up.seconds), unit: 'MB/s', mb, cuts: up.stats.cutRequests });
    emit({ scenario: 'blobs', metric: 'upload_chunks_resent', value: up.result.chunksResent, unit: 'chunks', chunksSent: up.result.chunksSent, cuts: up.stats.cutRequests });

    // Every response cut somewhere within twice the even share of the file: about `cuts` requests in all.
    const share = Math.floor((2 * mb * MiB) / Math.max(1, cuts));
    const down = await timed({ rates: { cutResponse: 1 }, responseCutBytes: [1, share] }, 'receiver', (c) => c.download('incoming', 'bench', hash));
    emit({ scenario: 'blobs', metric: 'download_throughput', value: round(mb / down.seconds), unit: 'MB/s', mb, cuts: down.stats.cutResponses, requests: down.result.requests });
    if (!(await down.store.has(hash))) throw new Error('the downloaded file did not enter the store');
  } finally {
    await server.close();
    tmp.remove();
  }
}

function round(value: number) {
  return Math.round(value * 10) / 10;
}

/**
 * Moves files between the local content store and the central server (protocol: server/blobs/blobRoutes.ts). Links
 * from commune offices drop often, so nothing here relies on a connection lasting: an upload asks the server's offset
 * after every failure and sends checked chunks from there; a download resumes with Range into a temporary file and
 * enters the store only once the whole SHA-256 matches the name. Packages in the organisation's edXML inbox come down
 * the same way (`downloadPath`).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYNC_PATHS, type SyncEntity, type UploadState } from '../../../shared/contract/syncWire';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ContentStore } from '../content/contentStore';

export interface BlobTransferOptions {
  /** The server's origin, e.g. `https://vanban.example.gov.vn`. */
  baseUrl: string;
  /** The whole Authorization header value (`Bearer …`), asked before every request so a refreshed token is used. */
  authHeader(): Promise<string>;
  store: ContentStore;
  /** Bytes per PATCH; the server takes at most 4 MiB. */
  chunkSize?: number;
  /** The wait after a network error or a server fault, doubled each time up to `maxMs`, reset by progress. */
  backoff?: { firstMs: number; maxMs: number };
  /** Failures in a row without a byte of progress before the transfer gives up as offline (the sync engine retries later). */
  maxFailures?: number;
}

export interface TransferProgress {
  done: number;
  total: number;
}

export interface TransferOptions {
  onProgress?(progress: TransferProgress): void;
  signal?: AbortSignal;
}

export interface UploadReport {
  /** PATCH requests started. */
  chunksSent: number;
  /** Of those, the ones that covered bytes already sent once (after a cut, a lost answer or a damaged chunk). */
  chunksResent: number;
}

export interface DownloadReport {
  /** GET requests started: 1 when nothing was cut. */
  requests: number;
}

export interface BlobTransfer {
  upload(hash: string, options?: TransferOptions): Promise<UploadReport>;
  download(entity: SyncEntity, id: string, hash: string, options?: TransferOptions): Promise<DownloadReport>;
  /** The file the server serves at `path` (from its origin, query included), expected to hash to `hash`. */
  downloadPath(path: string, hash: string, options?: TransferOptions): Promise<DownloadReport>;
}

export type BlobFailure = 'offline' | 'unauthorized' | 'notFound' | 'localMissing' | 'corrupt' | 'refused';

const FAILURE_CODES: Record<BlobFailure, ErrorCode> = {
  offline: 'OFFLINE',
  unauthorized: 'UNAUTHORIZED',
  notFound: 'NOT_FOUND',
  localMissing: 'NOT_FOUND',
  corrupt: 'INTERNAL',
  refused: 'INTERNAL',
};

/** A transfer that cannot go on: `reason` for the sync engine, the message in Vietnamese for people. */
export class BlobTransferError extends AppError {
  constructor(
    readonly reason: BlobFailure,
    status?: number,
  ) {
    super(FAILURE_CODES[reason], msg(`sync.blob.${reason}`, status === undefined ? {} : { status }));
    this.name = 'BlobTransferError';
  }
}

/** A failure worth another attempt after a wait: the network, or the server's own fault. */
class Retryable extends Error {}

const DEFAULT_CHUNK = 1024 * 1024;

export function createBlobTransfer(options: BlobTransferOptions): BlobTransfer {
  const { baseUrl, store } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const backoff = options.backoff ?? { firstMs: 500, maxMs: 30_000 };
  const maxFailures = options.maxFailures ?? 10;

  /** One HTTP exchange; network errors and 5xx become Retryable, refusals become BlobTransferError. */
  async function request(url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(url, { ...init, signal, headers: { ...(init.headers as Record<string, string>), Authorization: await options.authHeader() } });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new Retryable(String(error));
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      throw new Retryable(`server answered ${response.status}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new BlobTransferError('unauthorized');
    }
    return response;
  }

  /** Runs attempts until one finishes; waits after each Retryable failure, giving up after too many in a row. */
  async function withRetries<T>(signal: AbortSignal | undefined, attempt: (progressed: () => void) => Promise<T | undefined>): Promise<T> {
    let failures = 0;
    let wait = backoff.firstMs;
    const progressed = () => {
      failures = 0;
      wait = backoff.firstMs;
    };
    for (;;) {
      try {
        const result = await attempt(progressed);
        if (result !== undefined) return result;
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (++failures > maxFailures) throw new BlobTransferError('offline');
        await sleep(wait, undefined, { signal });
        wait = Math.min(wait * 2, backoff.maxMs);
      }
    }
  }

  async function upload(hash: string, { onProgress, signal }: TransferOptions = {}): Promise<UploadReport> {
    const file = await fs.open(store.pathOf(hash), 'r').catch(() => {
      throw new BlobTransferError('localMissing');
    });
    const url = `${baseUrl}${SYNC_PATHS.blob}${hash}`;
    const report: UploadReport = { chunksSent: 0, chunksResent: 0 };
    try {
      const total = (await file.stat()).size;
      let sentUpTo = 0;
      let chunkRejections = 0;
      // The offset is asked again after every failure: the server may hold more than the last answer said.
      let known: UploadState | null = null;
      await withRetries(signal, async (progressed) => {
        const state: UploadState = known ?? (await askState(hash, url, signal));
        known = null;
        onProgress?.({ done: state.received, total });
        if (state.complete) return report;
        const offset = state.received;
        const chunk = Buffer.alloc(Math.min(chunkSize, total - offset));
        await file.read(chunk, 0, chunk.length, offset);
        report.chunksSent++;
        if (offset < sentUpTo) report.chunksResent++;
        sentUpTo = Math.max(sentUpTo, offset + chunk.length);
        const response = await request(
          url,
          {
            method: 'PATCH',
            headers: {
              'Content-Type': 'application/octet-stream',
              'Upload-Offset': String(offset),
              'Upload-Length': String(total),
              'Chunk-Sha256': createHash('sha256').update(chunk).digest('hex'),
            },
            body: chunk,
          },
          signal,
        );
        if (response.status === 204) {
          progressed();
          known = stateFromHeaders(hash, response.headers);
          return undefined;
        }
        const body = (await response.json().catch(() => null)) as { error?: string; state?: UploadState } | null;
        if (response.status === 409) {
          known = body as UploadState;
          return undefined;
        }
        if (response.status === 422 && body?.error === 'CHUNK_MISMATCH') {
          // Damaged on the way: sent again, but a link that damages every chunk is a failure like any other.
          if (++chunkRejections > maxFailures) throw new BlobTransferError('corrupt');
          known = body.state ?? null;
          return undefined;
        }
        if (response.status === 422) throw new BlobTransferError('corrupt');
        throw new BlobTransferError('refused', response.status);
      });
      return report;
    } finally {
      await file.close();
    }
  }

  async function askState(hash: string, url: string, signal: AbortSignal | undefined): Promise<UploadState> {
    const response = await request(url, { method: 'HEAD' }, signal);
    if (response.status !== 200) throw new BlobTransferError('refused', response.status);
    return stateFromHeaders(hash, response.headers);
  }

  async function download(entity: SyncEntity, id: string, hash: string, options: TransferOptions = {}): Promise<DownloadReport> {
    return downloadPath(`${SYNC_PATHS.documentBlob}${entity}/${encodeURIComponent(id)}/blobs/${hash}`, hash, options);
  }

  async function downloadPath(path: string, hash: string, { onProgress, signal }: TransferOptions = {}): Promise<DownloadReport> {
    const report: DownloadReport = { requests: 0 };
    if (await store.has(hash)) return report;
    const url = `${baseUrl}${path}`;
    const tmp = await store.tempPath();
    const file = await fs.open(tmp, 'w');
    let adopted = false;
    try {
      let have = 0;
      await withRetries(signal, async (progressed) => {
        report.requests++;
        const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-`, 'If-Range': `"${hash}"` } : {};
        const response = await request(url, { headers }, signal);
        if (response.status === 404) throw new BlobTransferError('notFound');
        const total = bodyTotal(response);
        if (total === null || (response.status === 206 && rangeStart(response) !== have)) {
          // Not the bytes asked for (a proxy ignoring Range, a changed answer): start again from nothing.
          await response.body?.cancel();
          if (response.status !== 200 && response.status !== 206) throw new BlobTransferError('refused', response.status);
          have = 0;
          throw new Retryable('unexpected range');
        }
        if (response.status === 200 && have > 0) {
          have = 0;
          await file.truncate(0);
        }
        const reader = response.body!.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            await writeAt(file, value, have);
            have += value.length;
            progressed();
            onProgress?.({ done: have, total });
          }
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          throw new Retryable(String(error));
        }
        return have === total ? report : undefined;
      });
      await file.sync();
      await file.close();
      await store.adopt(tmp, hash).catch(() => {
        throw new BlobTransferError('corrupt');
      });
      adopted = true;
      return report;
    } finally {
      if (!adopted) {
        await file.close().catch(() => undefined);
        await fs.rm(tmp, { force: true });
      }
    }
  }

  return { upload, download, downloadPath };
}

function stateFromHeaders(hash: string, headers: Headers): UploadState {
  const received = Number(headers.get('upload-offset'));
  const size = Number(headers.get('upload-length'));
  if (!Number.isSafeInteger(received) || !Number.isSafeInteger(size)) throw new Retryable('no upload offset in the answer');
  return { hash, size, received, complete: headers.get('upload-complete') === 'true' };
}

/** The whole file's size from a 200's Content-Length or a 206's Content-Range; null when absent. */
function bodyTotal(response: Response): number | null {
  const length = response.headers.get('content-length');
  if (response.status === 200) return length === null ? null : Number(length);
  if (response.status !== 206) return null;
  const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  return total === undefined ? null : Number(total);
}

function rangeStart(response: Response): number {
  return Number(/^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1] ?? NaN);
}

async function writeAt(file: fs.FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await file.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
}

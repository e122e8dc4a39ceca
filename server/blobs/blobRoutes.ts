/**
 * The file channel of sync over HTTP. The router and authentication are elsewhere: they call these handlers with the
 * signed-in user, the store and the document access check.
 *
 * Upload, resumable, in checked chunks:
 *   HEAD /v1/blobs/<hash>   → 200, headers Upload-Offset, Upload-Length, Upload-Complete (true|false)
 *   GET  /v1/blobs/<hash>   → 200, the same as an UploadState JSON body
 *   PATCH /v1/blobs/<hash>  headers Upload-Offset: n, Upload-Length: total, Chunk-Sha256: <hex>; body: the chunk
 *                           (at most MAX_CHUNK bytes)
 *     → 204 Upload-Offset (new), Upload-Length, Upload-Complete: when the last byte arrives the server checks the whole
 *       SHA-256 and the blob becomes complete in the same request
 *     → 409 + UploadState: the offset is not what the server holds (resend after a cut, a duplicated request)
 *     → 422 {error: 'CHUNK_MISMATCH'} + UploadState: the chunk's hash is wrong; nothing was stored, send it again
 *     → 422 {error: 'BLOB_MISMATCH'} + UploadState (offset 0): the whole file does not hash to its name; discarded
 *     → 400 bad headers or a length different from the upload's, 413 chunk too large, 503 + Retry-After: the upload is
 *       locked by another server process longer than expected
 * A client asks the offset after every reconnect and sends from there; nothing depends on a connection surviving.
 *
 * Download, only through a document:
 *   GET /v1/documents/<entity>/<id>/blobs/<hash> → 200 or 206 (Range: bytes=a- or bytes=a-b; Content-Range), ETag the
 *   hash; 416 for a range past the end; 404 when the user may not read that document, the document does not reference
 *   the hash, or the blob is absent — all the same answer, so a refusal never says whether a file exists.
 *
 * Blobs are shared by content across organisations: two offices uploading the same file store it once. That is safe for
 * reading because a download is authorised only through a document the user may read (`canRead` also checks that the
 * document references the hash). Upload state is answered for any hash: it tells only that someone holds a file whose
 * hash the asker already knows.
 */
import type http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { UploadState } from '../../shared/contract/syncWire';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { BlobBusyError, SHA256_HEX, type BlobStore, type ByteRange } from './blobStore';

export interface BlobContext {
  user: { id: string; orgId: string };
  store: BlobStore;
  /** Whether the user may read document `entity/id` of their organisation and that document references `hash`. */
  canRead(orgId: string, entity: string, id: string, hash: string): Promise<boolean>;
}

export type BlobHandler = (req: http.IncomingMessage, res: http.ServerResponse, ctx: BlobContext) => Promise<void>;

/** The largest chunk a PATCH may carry: big enough to keep a fast link busy, small enough to buffer and check in memory. */
export const MAX_CHUNK = 4 * 1024 * 1024;

const UPLOAD_PATH = new RegExp(`^${SYNC_PATHS.blob}([0-9a-f]{64})$`);
const DOCUMENT_BLOB_PATH = new RegExp(`^${SYNC_PATHS.documentBlob}([a-zA-Z]+)/([^/]{1,64})/blobs/([0-9a-f]{64})$`);

function pathOf(req: http.IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

function stateHeaders(state: UploadState): Record<string, string> {
  return { 'Upload-Offset': String(state.received), 'Upload-Length': String(state.size), 'Upload-Complete': String(state.complete), 'Cache-Control': 'no-store' };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function notFound(res: http.ServerResponse) {
  sendJson(res, 404, { error: 'NOT_FOUND' });
}

/** HEAD|GET /v1/blobs/<hash>: what the server holds, asked before sending and after every reconnect. */
export const uploadState: BlobHandler = async (req, res, ctx) => {
  const hash = UPLOAD_PATH.exec(pathOf(req))?.[1];
  if (!hash) return notFound(res);
  const state = await ctx.store.state(hash);
  if (req.method === 'HEAD') {
    res.writeHead(200, stateHeaders(state));
    res.end();
    return;
  }
  sendJson(res, 200, state, stateHeaders(state));
};

/** The request body, or null when it is larger than `limit` (the rest is not read). */
async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req as AsyncIterable<Buffer>) {
    size += part.length;
    if (size > limit) return null;
    parts.push(part);
  }
  return Buffer.concat(parts, size);
}

function headerInt(req: http.IncomingMessage, name: string): number | null {
  const value = req.headers[name];
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** PATCH /v1/blobs/<hash>: one chunk at the offset the server holds; the last one commits the blob. */
export const uploadChunk: BlobHandler = async (req, res, ctx) => {
  const hash = UPLOAD_PATH.exec(pathOf(req))?.[1];
  if (!hash) return notFound(res);
  const offset = headerInt(req, 'upload-offset');
  const length = headerInt(req, 'upload-length');
  const chunkHash = req.headers['chunk-sha256'];
  if (offset === null || length === null || typeof chunkHash !== 'string' || !SHA256_HEX.test(chunkHash)) {
    return sendJson(res, 400, { error: 'BAD_HEADERS' }, { Connection: 'close' });
  }
  const chunk = await readBody(req, MAX_CHUNK);
  if (!chunk) return sendJson(res, 413, { error: 'CHUNK_TOO_LARGE', max: MAX_CHUNK }, { Connection: 'close' });
  try {
    const appended = await ctx.store.append(hash, { offset, length, chunk, chunkHash });
    switch (appended.outcome) {
      case 'offsetMismatch':
        return sendJson(res, 409, appended.state, stateHeaders(appended.state));
      case 'chunkMismatch':
        return sendJson(res, 422, { error: 'CHUNK_MISMATCH', state: appended.state }, stateHeaders(appended.state));
      case 'lengthMismatch':
        return sendJson(res, 400, { error: 'LENGTH_MISMATCH', state: appended.state }, stateHeaders(appended.state));
    }
    let state = appended.state;
    if (!state.complete && state.received === state.size) {
      const committed = await ctx.store.commit(hash);
      if (committed.outcome === 'mismatch') {
        return sendJson(res, 422, { error: 'BLOB_MISMATCH', state: committed.state }, stateHeaders(committed.state));
      }
      state = committed.state;
    }
    res.writeHead(204, stateHeaders(state));
    res.end();
  } catch (error) {
    if (!(error instanceof BlobBusyError)) throw error;
    sendJson(res, 503, { error: 'BUSY' }, { 'Retry-After': '1' });
  }
};

/** `bytes=a-` or `bytes=a-b` against a blob of `size` bytes; null for no usable range (the whole file is sent),
 * 'unsatisfiable' for a range starting past the end. Suffix and multiple ranges are not used by our client: ignored. */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  const match = header ? /^bytes=(\d{1,15})-(\d{1,15})?$/.exec(header.trim()) : null;
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function decoded(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}

/** GET /v1/documents/<entity>/<id>/blobs/<hash>: the file, to a user who may read a document that references it. */
export const documentBlob: BlobHandler = async (req, res, ctx) => {
  const match = DOCUMENT_BLOB_PATH.exec(pathOf(req));
  if (!match) return notFound(res);
  const [, entity, encodedId, hash] = match as unknown as [string, string, string, string];
  const id = decoded(encodedId);
  if (id === null || !(await ctx.canRead(ctx.user.orgId, entity, id, hash))) return notFound(res);
  if (!(await sendBlob(req, res, ctx.store, hash, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'private, no-cache' }))) notFound(res);
};

/**
 * Sends a complete blob, or the range a resuming download asks for (Range `bytes=a-` or `bytes=a-b`, honoured when
 * If-Range is absent or names this blob's ETag, its hash); 304 to If-None-Match. False, with nothing sent, when the
 * blob is not complete here: the caller answers 404 its own way.
 */
export async function sendBlob(req: http.IncomingMessage, res: http.ServerResponse, store: BlobStore, hash: string, headers: { 'Content-Type': string; 'Cache-Control': string }): Promise<boolean> {
  const state = await store.state(hash);
  if (!state.complete) return false;
  const etag = `"${hash}"`;
  const common = { ETag: etag, 'Accept-Ranges': 'bytes', 'Cache-Control': headers['Cache-Control'] };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return true;
  }
  // If-Range names the version a partial download started from; any other version means start over.
  const ifRange = req.headers['if-range'];
  const range = ifRange === undefined || ifRange === etag ? parseRange(req.headers.range, state.size) : null;
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${state.size}` });
    res.end();
    return true;
  }
  const stream = await store.open(hash, range ?? undefined);
  if (!stream) return false;
  const all = { ...common, 'Content-Type': headers['Content-Type'] };
  if (range) {
    res.writeHead(206, { ...all, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${state.size}` });
  } else {
    res.writeHead(200, { ...all, 'Content-Length': String(state.size) });
  }
  if (req.method === 'HEAD') {
    stream.destroy();
    res.end();
    return true;
  }
  // A reader that goes away mid-file is normal (a cut link); it resumes with Range.
  await pipeline(stream, res).catch(() => undefined);
  return true;
}

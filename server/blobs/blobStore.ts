/**
 * The server's file store: blobs named by the SHA-256 of their bytes, received in checked chunks that resume. A
 * driver (a folder now; an object store could come later) keeps the bytes; the HTTP layer (blobRoutes.ts) speaks the
 * protocol over it.
 */
import type { Readable } from 'node:stream';
import type { UploadState } from '../../shared/contract/syncWire';

export interface ChunkInput {
  /** Where the chunk starts: must equal the bytes already received. */
  offset: number;
  /** The whole blob's size, declared by the uploader; fixed by the first chunk. */
  length: number;
  chunk: Buffer;
  /** SHA-256 (hex) of `chunk` as the uploader computed it. */
  chunkHash: string;
}

export type AppendResult =
  | { outcome: 'stored'; state: UploadState }
  /** The offset was not the received size (a resend after a cut, a duplicated request): nothing written. */
  | { outcome: 'offsetMismatch'; state: UploadState }
  /** The chunk's bytes do not match its hash (damaged on the way): nothing written. */
  | { outcome: 'chunkMismatch'; state: UploadState }
  /** The declared length differs from the upload's or the chunk runs past it: nothing written. */
  | { outcome: 'lengthMismatch'; state: UploadState };

/** `mismatch`: the received bytes do not hash to the blob's name; the upload was discarded and starts again at 0. */
export type CommitResult = { outcome: 'complete' | 'incomplete' | 'mismatch'; state: UploadState };

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP's Range. */
  end: number;
}

export interface BlobStore {
  /** What the server holds for a hash: nothing, part of an upload, or the whole blob. */
  state(hash: string): Promise<UploadState>;
  /** Checks the chunk's hash, then writes it at `offset` durably before answering: an acknowledged chunk survives a crash. */
  append(hash: string, input: ChunkInput): Promise<AppendResult>;
  /** Once every byte is in, checks the whole SHA-256; only then does the blob become visible to `open`. */
  commit(hash: string): Promise<CommitResult>;
  /** The bytes of a complete blob (or a range of them); null when the blob is not complete. */
  open(hash: string, range?: ByteRange): Promise<Readable | null>;
}

/** Thrown when an upload stays locked by another writer longer than a writer may hold it; the client retries. */
export class BlobBusyError extends Error {
  constructor(hash: string) {
    super(`upload ${hash} is locked by another writer`);
    this.name = 'BlobBusyError';
  }
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

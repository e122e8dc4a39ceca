/**
 * One sync round: push the outbox in order (each change's files first), then pull the organisation's change log page
 * by page, then fetch the files the pulled documents need. Every step is safe to cut at any point: pushed mutations
 * are answered by id and sequence, pages are applied with their cursor in one transaction, files resume.
 */
import { PullResponse, PushResponse, SYNC_PATHS, type Mutation, type PushOutcome } from '../../../shared/contract/syncWire';
import type { SyncReport } from '../../../shared/contract/syncSchemas';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { ServerConnection } from './serverConnection';

/** The local side of sync, kept by the database layer. */
export interface SyncStore {
  clientId(): string;
  pendingCount(): Promise<number>;
  /** The oldest pending mutations in sequence order. */
  pendingBatch(limit: number): Promise<Mutation[]>;
  markApplied(ids: string[]): Promise<void>;
  applyRejection(outcome: Extract<PushOutcome, { outcome: 'rejected' }>): Promise<void>;
  cursor(): Promise<string>;
  /** Writes the page's documents and events and moves the cursor, all in one transaction. */
  applyPull(page: PullResponse): Promise<void>;
  /** Files referenced by local documents that the content store does not hold yet. */
  missingFiles(): Promise<{ entity: string; id: string; hash: string }[]>;
}

export interface FileTransfer {
  upload(hash: string): Promise<void>;
  download(entity: string, id: string, hash: string): Promise<void>;
}


export interface SyncProgress {
  phase: 'push' | 'pull' | 'files';
  done: number;
  total: number;
}

const PUSH_BATCH = 200;
const PULL_PAGE = 500;

export async function syncOnce(
  store: SyncStore,
  server: ServerConnection,
  files: FileTransfer,
  onProgress: (p: SyncProgress) => void = () => {},
): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, duplicates: 0, rejected: [], pulledDocuments: 0, pulledEvents: 0, filesUploaded: 0, filesDownloaded: 0 };
  const uploaded = new Set<string>();
  const toPush = await store.pendingCount();
  for (;;) {
    const batch = await store.pendingBatch(PUSH_BATCH);
    if (batch.length === 0) break;
    for (const hash of new Set(batch.flatMap((m) => m.blobs))) {
      if (uploaded.has(hash)) continue;
      await files.upload(hash);
      uploaded.add(hash);
    }
    const { results } = await server.call('POST', SYNC_PATHS.push, { clientId: store.clientId(), mutations: batch }, PushResponse);
    const done: string[] = [];
    for (const r of results) {
      if (r.outcome === 'gap') {
        // The server expects a change this computer no longer holds: only a server restored from an old backup does that.
        if (r.expected < batch[0]!.seq) throw new AppError('INTERNAL', msg('sync.serverBehind'));
        continue;
      }
      if (r.outcome === 'rejected') {
        await store.applyRejection(r);
        report.rejected.push({ id: r.id, message: r.reason.message });
        continue;
      }
      if (r.outcome === 'applied') report.pushed++;
      else report.duplicates++;
      done.push(r.id);
    }
    await store.markApplied(done);
    const answered = report.pushed + report.duplicates + report.rejected.length;
    onProgress({ phase: 'push', done: answered, total: Math.max(toPush, answered) });
    // A batch the server answered only with gaps would come back unchanged: stop rather than loop.
    if (results.every((r) => r.outcome === 'gap')) break;
  }
  report.filesUploaded = uploaded.size;

  for (;;) {
    const cursor = await store.cursor();
    const page = await server.call('GET', `${SYNC_PATHS.pull}?after=${cursor}&limit=${PULL_PAGE}`, null, PullResponse);
    await store.applyPull(page);
    report.pulledDocuments += page.documents.length;
    report.pulledEvents += page.events.length;
    onProgress({ phase: 'pull', done: Number(page.cursor), total: Number(page.head) });
    if (!page.more) break;
  }

  const missing = await store.missingFiles();
  for (const [i, f] of missing.entries()) {
    await files.download(f.entity, f.id, f.hash);
    report.filesDownloaded++;
    onProgress({ phase: 'files', done: i + 1, total: missing.length });
  }
  return report;
}

/**
 * One sync round: push the outbox in order (each change's files first), then pull the organisation's change log page
 * by page, then catch up on what the cursor passed without taking it (kinds this version syncs for the first time,
 * documents a new unit or role lets the user see), then fetch the files the pulled documents need. Every step is safe
 * to cut at any point: pushed mutations are answered by id and sequence, pages are applied with their cursor (or the
 * catch-up's position) in one transaction, files resume.
 */
import { pullPath, PullResponse, PushResponse, SYNC_PATHS, type PullQuery, type SyncEntity } from '../../../shared/contract/syncWire';
import type { SyncReport } from '../../../shared/contract/syncSchemas';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { PulledAs, SyncRepo } from '../db/sync/syncRepo';
import type { ServerConnection } from './serverConnection';

/** The local side of sync, kept by the database layer (its SyncRepo). */
export type SyncStore = Pick<
  SyncRepo,
  | 'clientId'
  | 'pending'
  | 'pendingBatch'
  | 'markApplied'
  | 'markDeferred'
  | 'resumeDeferred'
  | 'applyRejection'
  | 'cursor'
  | 'deferIndexesIfEmpty'
  | 'buildDeferredIndexes'
  | 'applyPull'
  | 'planCatchUps'
  | 'catchUp'
  | 'applyCatchUpPage'
  | 'downloads'
  | 'downloaded'
>;

/** What this round pulls: the kinds this version syncs, as the user the server knows now. */
export interface PullScope {
  kinds: readonly SyncEntity[];
  viewer: PulledAs;
  /** The kinds the server syncs, as its profile names them (null: a server before it named them). */
  serverKinds: readonly string[] | null;
}

export interface FileTransfer {
  upload(hash: string): Promise<unknown>;
  download(entity: string, id: string, hash: string): Promise<unknown>;
  /** True when the content store already holds the file. */
  has(hash: string): Promise<boolean>;
}


export interface SyncProgress {
  phase: 'push' | 'pull' | 'catchUp' | 'files';
  done: number;
  total: number;
}

/** The wire's largest batch: each batch is a server transaction and its commit, and a client commit. */
const PUSH_BATCH = 500;
/** The server's largest page: each page is a server snapshot, a response and a client transaction with its commit. */
const PULL_PAGE = 2000;
const DOWNLOAD_BATCH = 100;

export async function syncOnce(
  store: SyncStore,
  server: ServerConnection,
  files: FileTransfer,
  scope: PullScope,
  onProgress: (p: SyncProgress) => void = () => {},
): Promise<SyncReport> {
  const report: SyncReport = { pushed: 0, duplicates: 0, deferred: 0, rejected: [], pulledDocuments: 0, pulledEvents: 0, filesUploaded: 0, filesDownloaded: 0, numbered: 0 };
  const uploaded = new Set<string>();
  // Changes the server deferred go again, in their place in the sequence, once it syncs their kind.
  if (scope.serverKinds) await store.resumeDeferred(scope.serverKinds);
  const pending = await store.pending();
  const toPush = pending.count - pending.deferred;
  const clientId = await store.clientId();
  for (;;) {
    const batch = await store.pendingBatch(PUSH_BATCH);
    if (batch.length === 0) break;
    for (const hash of new Set(batch.flatMap((m) => m.blobs))) {
      if (uploaded.has(hash)) continue;
      await files.upload(hash);
      uploaded.add(hash);
    }
    const { results } = await server.call('POST', SYNC_PATHS.push, { clientId, mutations: batch }, PushResponse);
    const done: string[] = [];
    const deferred: string[] = [];
    for (const r of results) {
      if (r.outcome === 'gap') {
        // The server expects a change this computer no longer holds: only a server restored from an old backup does that.
        if (r.expected < batch[0]!.seq) throw new AppError('INTERNAL', msg('sync.serverBehind'));
        continue;
      }
      if (r.outcome === 'rejected') {
        await store.applyRejection(r.id, r.reason, r.current);
        report.rejected.push({ id: r.id, message: r.reason.message });
        continue;
      }
      if (r.outcome === 'deferred') {
        deferred.push(r.id);
        continue;
      }
      if (r.outcome === 'applied') report.pushed++;
      else report.duplicates++;
      done.push(r.id);
    }
    await store.markApplied(done);
    await store.markDeferred(deferred);
    report.deferred += deferred.length;
    const answered = report.pushed + report.duplicates + report.deferred + report.rejected.length;
    onProgress({ phase: 'push', done: answered, total: Math.max(toPush, answered) });
    // A batch the server answered only with gaps would come back unchanged: stop rather than loop.
    if (results.every((r) => r.outcome === 'gap')) break;
  }
  report.filesUploaded = uploaded.size;

  // Planned before the cursor moves on, so that a catch-up ends where this version's first pull begins.
  await store.planCatchUps(scope.kinds, scope.viewer);
  const counted = (apply: (page: PullResponse) => Promise<unknown>, phase: SyncProgress['phase'], total?: string) => async (page: PullResponse) => {
    await apply(page);
    report.pulledDocuments += page.documents.length;
    report.pulledEvents += page.events.length;
    onProgress({ phase, done: Number(page.cursor), total: Number(total ?? page.head) });
  };
  const pullFrom = (after: string, query: Omit<PullQuery, 'after' | 'limit'>) => server.call('GET', pullPath({ ...query, after, limit: PULL_PAGE }), null, PullResponse);
  // Into an empty cache, the read-only indexes are built once after the last page instead of row by row. A pull that
  // stops builds them too: the lists are fast again at once, and a later round goes on with them in place.
  const deferred = await store.deferIndexesIfEmpty();
  try {
    await pullPages((after) => pullFrom(after, { kinds: scope.kinds }), await store.cursor(), counted((page) => store.applyPull(page), 'pull'));
  } finally {
    if (deferred) await store.buildDeferredIndexes();
  }

  // After the log's newest changes, so that what people work on arrives first; a document changed since the catch-up's
  // end comes with the pull above, and never again with the catch-up (its version is past `until`).
  for (let c = await store.catchUp(); c; c = await store.catchUp()) {
    const { kinds, until, restrictedOnly, seenAs } = c;
    await pullPages((after) => pullFrom(after, { kinds, until, restrictedOnly, seenAs }), c.after, counted((page) => store.applyCatchUpPage(page), 'catchUp', until));
  }

  for (let batch = await store.downloads(DOWNLOAD_BATCH); batch.length > 0; batch = await store.downloads(DOWNLOAD_BATCH)) {
    for (const f of batch) {
      if (!(await files.has(f.hash))) {
        await files.download(f.entity, f.id, f.hash);
        report.filesDownloaded++;
      }
      await store.downloaded(f.hash);
    }
    onProgress({ phase: 'files', done: report.filesDownloaded, total: report.filesDownloaded + batch.length });
  }
  return report;
}

/**
 * Applies the pages of one pull in order. The server reads and sends the next page while one is written (writing
 * blocks this thread): a first sync takes the longer of the two per page, not their sum.
 */
async function pullPages(fetchPage: (after: string) => Promise<PullResponse>, from: string, apply: (page: PullResponse) => Promise<void>) {
  for (let next = fetchPage(from); ; ) {
    const page = await next;
    if (page.more) {
      next = fetchPage(page.cursor);
      // Settled here if this page fails to apply: the round ends with that error, not an unhandled rejection.
      next.catch(() => undefined);
    }
    await apply(page);
    if (!page.more) break;
  }
}

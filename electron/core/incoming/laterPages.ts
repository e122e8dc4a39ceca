/**
 * The rest of a long scan, read in the background once it is registered: the clerk waited for its first pages only
 * (OCR_DEFAULTS.maxPages), the search must find words on all of them. One scan at a time and one page at a time, each
 * page's text saved as soon as it is read, so that a stop, a crash or closing the app loses at most the page being read
 * and the next start resumes there. When the last page is read, the documents attaching the scan get the whole text in
 * their search index through one event each (IncomingRepo.indexFinishedScan).
 */
import { randomUUID } from 'node:crypto';
import type { Actor, IncomingRepo } from '../db/incomingRepo';
import type { EventHub } from '../events';
import type { OcrJob, OcrReading } from '../ocr/recogniseScan';

/** Recognises these pages of the stored scan `hash` (a PDF of `pageCount` pages). */
export type ReadScanPages = (hash: string, pageCount: number | null, pages: number[], job: OcrJob) => Promise<OcrReading>;

export interface LaterPagesDeps {
  repo: Pick<IncomingRepo, 'scansToFinish' | 'addPageText' | 'indexFinishedScan'>;
  readPages: ReadScanPages;
  events: EventHub;
  actor: () => Promise<Actor>;
  now: () => Date;
  log: (line: string) => void;
}

export interface LaterPages {
  /** Reads what registered scans have left, unless a reading runs already. */
  kick(): void;
  /** Stops the scan `jobId` names until the next start (its pages read so far are kept); false when none runs. */
  cancel(jobId: string): boolean;
  /** Stops for good (closing the app): the page being read is read again at the next start. */
  stop(): void;
  /** Settles once nothing is being read. */
  idle(): Promise<void>;
}

export function createLaterPages(deps: LaterPagesDeps): LaterPages {
  const { repo, events } = deps;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let current: { jobId: string; controller: AbortController } | null = null;
  /** Scans stopped by the clerk or by a missing Tesseract: left for the next start. */
  const leftForLater = new Set<string>();

  async function drain(): Promise<void> {
    do {
      again = false;
      for (const scan of await repo.scansToFinish()) {
        if (stopped) return;
        if (!leftForLater.has(scan.hash)) await finish(scan);
      }
    } while (again && !stopped);
  }

  async function finish({ hash, pageCount, unreadPages }: { hash: string; pageCount: number | null; unreadPages: number[] }): Promise<void> {
    const jobId = randomUUID();
    const controller = new AbortController();
    current = { jobId, controller };
    const total = unreadPages.length;
    const progress = (done: number) => events.emit('incoming.scanProgress', { jobId, hash, done, total });
    try {
      progress(0);
      for (let left = unreadPages; left.length > 0; ) {
        const [page, ...rest] = left as [number, ...number[]];
        const reading = await deps.readPages(hash, pageCount, [page], { signal: controller.signal });
        if (stopped) return;
        if (controller.signal.aborted || reading.problem === 'ocrUnavailable') {
          leftForLater.add(hash);
          if (reading.problem === 'ocrUnavailable') deps.log(`[ocr] later pages of ${hash} wait for Tesseract: ${reading.missing ?? ''}`);
          return;
        }
        // A page that times out or fails is given up (the rest still count); a page with nothing on it adds nothing.
        await repo.addPageText(hash, reading.text, rest);
        left = rest;
        progress(total - left.length);
      }
      const actor = await deps.actor();
      if (stopped) return;
      const ids = await repo.indexFinishedScan(hash, pageCount, actor, deps.now().toISOString());
      for (const id of ids) events.emit('incoming.changed', { id });
    } finally {
      current = null;
    }
  }

  return {
    kick() {
      if (stopped) return;
      if (running) {
        again = true;
        return;
      }
      running = drain()
        .catch((error: unknown) => deps.log(`[ocr] reading later pages failed: ${String(error)}`))
        .finally(() => (running = null));
    },
    cancel(jobId) {
      if (current?.jobId !== jobId) return false;
      current.controller.abort();
      return true;
    },
    stop() {
      stopped = true;
      current?.controller.abort();
    },
    idle: async () => {
      while (running) await running;
    },
  };
}

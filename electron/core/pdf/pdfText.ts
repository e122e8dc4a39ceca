/**
 * Reads the text of an attached PDF for proposals and the full-text index. Never throws for a bad file: every failure
 * is a FileProblem. Parsing runs in a worker thread with a time and memory limit, so a hostile file cannot hang or
 * exhaust the app.
 */
import { open, stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import type { FileProblem } from '../../../shared/contract/types';
import { addLongLivedThread, makeRoomFor, startCoreWorker, type StopIfIdle } from '../coreWorker';
import type { Extracted } from './extractPdfText';
import type { PageImages, PageImagesJob } from './pageImages';
import { WORKER_READY, type PdfTextJob } from './pdfTextProtocol';

export type { TextLine } from './textLines';
export type { PageRuns, PageSize } from './extractPdfText';

export type PdfReading = Extracted;

export interface ReadPdfOptions {
  /** Files larger than this are not parsed at all (default 60 MB). */
  maxBytes?: number;
  /** Parsing is abandoned after this long and reported as damaged (default 30 s). */
  timeoutMs?: number;
  maxPages?: number;
  maxTextChars?: number;
  /** Keep the first and last pages' runs and boxes (`edgeRuns` of the reading). */
  edgeRuns?: boolean;
}

export const PDF_TEXT_DEFAULTS = {
  maxBytes: 60 * 1024 * 1024,
  timeoutMs: 30_000,
  maxPages: 200,
  maxTextChars: 2 * 1024 * 1024,
  edgeRuns: false,
} as const satisfies Required<ReadPdfOptions>;

/** Heap the parsing thread may use; a file that needs more is treated as damaged. */
const WORKER_HEAP_MB = 1024;
/**
 * What pdf.js allocates per page (operators, text items, the ranges read) is short-lived, so a small young generation
 * collected often costs nothing measurable; V8's default let the nursery alone add about 10 MB to the thread's peak.
 */
const YOUNG_GENERATION_MB = 4;
/** PDF readers accept the header anywhere in the first kilobyte (leading junk is common in mail gateways' output). */
const HEADER_WINDOW = 1024;

const unread = (problem: FileProblem | null, pageCount: number | null = null): PdfReading => ({
  pageCount,
  firstPage: [],
  lastPage: [],
  firstPageSize: null,
  text: '',
  problem,
});

export async function readPdf(file: string, opts: ReadPdfOptions = {}): Promise<PdfReading> {
  const o = { ...PDF_TEXT_DEFAULTS, ...opts };
  let size: number;
  let head: Buffer;
  try {
    size = (await stat(file)).size;
    head = await readHead(file);
  } catch {
    return unread('damaged');
  }
  if (size === 0) return unread('empty');
  if (!head.includes('%PDF-')) return unread('notPdf');
  if (size > o.maxBytes) return unread('tooLargeToRead');
  return runWorker({ kind: 'text', file, maxPages: o.maxPages, maxTextChars: o.maxTextChars, edgeRuns: o.edgeRuns }, o.timeoutMs, unread('damaged'));
}

/**
 * Writes the pictures of a scanned PDF's pages into `outDir` for OCR, in the same thread and under the same kind of
 * time limit as reading text (decoding a hostile picture can be as slow as a hostile page).
 */
export function readPageImages(job: PageImagesJob, timeoutMs: number = PDF_TEXT_DEFAULTS.timeoutMs): Promise<PageImages> {
  return runWorker({ kind: 'images', ...job }, timeoutMs, { pageCount: null, images: [], problem: 'damaged' });
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER_WINDOW);
    const { bytesRead } = await handle.read(buf, 0, HEADER_WINDOW, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The parsing thread, kept between files (starting pdf.js costs more than reading a typical document). */
let thread: Promise<Worker> | null = null;
let idleTimer: NodeJS.Timeout | null = null;
/** A job is on the thread or about to be; the thread is then not stopped for another's large file. */
let busy = false;
let unregister: (() => void) | null = null;
/** Files are read one after another: a clerk drops them one at a time, and one thread bounds the memory used. */
let queue: Promise<unknown> = Promise.resolve();
/** An idle thread is stopped after this long so it does not hold pdf.js's memory for nothing. */
const IDLE_MS = 30_000;
/** Starting the thread is not the file's fault, so it has its own, generous limit (loaded machines, tsx in tests). */
const START_TIMEOUT_MS = 120_000;

/** `failed` is the answer when the thread crashes, runs out of memory or out of time. */
function runWorker<T>(job: PdfTextJob, timeoutMs: number, failed: T): Promise<T> {
  const result = queue.then(() => runOnThread(job, timeoutMs, failed));
  queue = result.catch(() => undefined);
  return result;
}

const stopIfIdle: StopIfIdle = () => (busy ? Promise.resolve() : stopThread());

async function runOnThread<T>(job: PdfTextJob, timeoutMs: number, failed: T): Promise<T> {
  busy = true;
  if (idleTimer) clearTimeout(idleTimer);
  await makeRoomFor(job.file, stopIfIdle);
  let worker: Worker;
  try {
    thread ??= startThread();
    worker = await thread;
  } catch (error) {
    busy = false;
    throw error;
  }
  worker.ref();
  return new Promise((resolve) => {
    const finish = (reading: T, healthy: boolean) => {
      busy = false;
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
      if (healthy) {
        worker.unref();
        idleTimer = setTimeout(stopThread, IDLE_MS).unref();
      } else void stopThread();
      resolve(reading);
    };
    const onMessage = (reading: T) => finish(reading, true);
    // A crash, an out-of-memory stop, an exit or a time-out all mean this file could not be read; the next file
    // gets a fresh thread.
    const onFailure = () => finish(failed, false);
    const timer = setTimeout(onFailure, timeoutMs);
    worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
    worker.postMessage(job);
  });
}

/**
 * Starts the thread and waits for it to load pdf.js. A thread that cannot start is an installation fault, not a bad
 * file: it rejects, loudly, instead of calling every PDF damaged.
 */
function startThread(): Promise<Worker> {
  const worker = createWorker();
  unregister = addLongLivedThread(stopIfIdle);
  const started = new Promise<Worker>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void worker.terminate();
      thread = null;
      unregister?.();
      unregister = null;
      reject(new Error(`The PDF text thread did not start: ${why}`));
    };
    const timer = setTimeout(() => fail('timed out'), START_TIMEOUT_MS);
    worker.once('message', (message: unknown) => {
      if (message !== WORKER_READY) return fail(`unexpected first message ${JSON.stringify(message)}`);
      clearTimeout(timer);
      worker.off('error', onError).off('exit', onExit);
      resolve(worker);
    });
    const onError = (error: Error) => fail(error.message);
    const onExit = (code: number) => fail(`exit code ${code}`);
    worker.once('error', onError).once('exit', onExit);
  });
  return started;
}

function stopThread(): Promise<void> {
  const stopping = thread;
  thread = null;
  if (idleTimer) clearTimeout(idleTimer);
  unregister?.();
  unregister = null;
  return stopping ? stopping.then((worker) => worker.terminate(), () => undefined).then(() => undefined) : Promise.resolve();
}

let compiledWorkerEntry: string | null = null;

/**
 * A bundled app runs the worker compiled from pdfTextWorker.ts as its own file (e.g. dist/electron/pdfTextWorker.cjs);
 * call this once at start-up with its path. Without it the worker runs from the TypeScript sources through tsx.
 */
export function usePdfTextWorkerEntry(file: string): void {
  compiledWorkerEntry = file;
  void stopThread();
}

function createWorker(): Worker {
  return startCoreWorker(new URL('./pdfTextWorker.ts', import.meta.url), compiledWorkerEntry, {
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    stdout: true,
    stderr: true,
  });
}

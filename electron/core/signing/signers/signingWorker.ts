/**
 * The app's way into the signing engine: every job runs in one long-lived worker thread (signingWorkerThread.ts),
 * started on first use, so the main process, which also paints the window and answers its menus, never blocks on
 * PKCS#12 decoding, token calls or PDF parsing. A thread that crashes, or says nothing about a job for
 * SILENCE_LIMIT_MS, fails every job it holds with a Vietnamese message and is replaced by a fresh one on the next call.
 */
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { addLongLivedThread, makeRoomFor, startCoreWorker, type StopIfIdle } from '../../coreWorker';
import type { SignProgress } from '../pdfSigner';
import {
  SIGNING_THREAD_READY,
  type FailureData,
  type SignedJob,
  type SignJob,
  type SigningOp,
  type SigningOps,
  type SigningReply,
  type SigningRequest,
  type TokenKeyCertificate,
  type VerifyJob,
} from './signingWorkerProtocol';
import type { VerifyOutput } from '../../../../shared/contract';
import type { Worker } from 'node:worker_threads';

export type { KeySource, SignedJob, SignJob, TokenKeyCertificate, VerifyJob } from './signingWorkerProtocol';

export interface SigningWorker {
  verifyFile(file: string, options: Omit<VerifyJob, 'file'>): Promise<VerifyOutput>;
  /** Opens a .p12/.pfx with its password; the signing certificate's DER, or the engine's Vietnamese refusal. */
  readP12Certificate(bytes: Uint8Array, password: string): Promise<Uint8Array>;
  listTokenCertificates(modulePath: string): Promise<TokenKeyCertificate[]>;
  /** Signs `job.input` into `job.output` with the key the job names, opened, used and closed inside the thread. */
  signPdf(job: SignJob, onProgress?: (progress: SignProgress) => void): Promise<SignedJob>;
  /** Stops the thread; jobs still running fail. The next call starts a new thread. */
  close(): void;
}

export interface SigningWorkerOptions {
  /** The compiled thread of a bundled app (see useSigningWorkerEntry); default: the TypeScript source through tsx. */
  entry?: string | null;
  silenceLimitMs?: number;
}

/**
 * A job the thread has said nothing about for this long is taken as hung (a token that stopped answering, a parser
 * caught in a loop). Signing reports each megabyte it hashes, so a large file never comes near it; what stays silent
 * is one PKCS#12 decoding, one token call, one timestamp request (30 s at most) or one PDF's parsing.
 */
const SILENCE_LIMIT_MS = 120_000;
/** Starting is not a job's fault and has its own, generous limit (loaded machines, tsx in development). */
const START_LIMIT_MS = 120_000;
/** A hostile PDF that needs more memory than this stops the thread, not the app. */
const HEAP_LIMIT_MB = 2048;
/**
 * What the thread allocates is short-lived (object parsing, PKCS#12 decoding, appearance building) and large data goes
 * through reused buffers, so a small young generation is collected often and cheaply: with V8's default the nursery
 * alone grew the peak RSS of issuing a 20 MB document by about 10 MB, for no measurable gain in time.
 */
const YOUNG_GENERATION_MB = 8;
const THREAD_SOURCE = new URL('./signingWorkerThread.ts', import.meta.url);

interface Job {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (progress: SignProgress) => void;
  timer: NodeJS.Timeout;
}

interface Thread {
  worker: Worker;
  ready: Promise<void>;
  jobs: Map<number, Job>;
  /** Calls waiting for the thread to start: it is not idle then, though it holds no job yet. */
  waiting: number;
  /** Set once the thread is gone; later calls on it fail with this. */
  lost: AppError | null;
  lose(error: AppError): void;
  stopIfIdle: StopIfIdle;
}

function failureToError(failure: FailureData): Error {
  if (failure.app) return new AppError(failure.code, failure.message, failure.fields);
  const error = new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
}

export function createSigningWorker(options: SigningWorkerOptions = {}): SigningWorker {
  const silenceLimitMs = options.silenceLimitMs ?? SILENCE_LIMIT_MS;
  let current: Thread | null = null;
  let nextId = 1;

  function startThread(): Thread {
    const worker = startCoreWorker(THREAD_SOURCE, options.entry ?? null, { resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    let started = false;
    let markStarted!: () => void;
    let failStart!: (error: AppError) => void;
    const ready = new Promise<void>((resolve, reject) => {
      markStarted = resolve;
      failStart = reject;
    });
    // Whoever started the thread awaits `ready`; this only keeps a failed start from being reported twice.
    ready.catch(() => undefined);
    const startTimer = setTimeout(() => thread.lose(new AppError('INTERNAL', msg('signingWorker.startFailed'))), START_LIMIT_MS);
    let terminated: Promise<unknown> = Promise.resolve();

    const thread: Thread = {
      worker,
      ready,
      jobs: new Map(),
      waiting: 0,
      lost: null,
      lose(error) {
        if (thread.lost) return;
        thread.lost = error;
        clearTimeout(startTimer);
        unregister();
        if (current === thread) current = null;
        failStart(error);
        for (const job of thread.jobs.values()) {
          clearTimeout(job.timer);
          job.reject(error);
        }
        thread.jobs.clear();
        // A thread stuck in a native call may never finish terminating; only an idle one's stop is waited for.
        terminated = worker.terminate();
      },
      async stopIfIdle() {
        if (!started || thread.jobs.size > 0 || thread.waiting > 0) return;
        thread.lose(new AppError('INTERNAL', msg('signingWorker.stopped')));
        await terminated;
      },
    };
    const unregister = addLongLivedThread(thread.stopIfIdle);

    worker.on('message', (message: SigningReply | typeof SIGNING_THREAD_READY) => {
      if (message === SIGNING_THREAD_READY) {
        started = true;
        clearTimeout(startTimer);
        markStarted();
        idleUnlessBusy(thread);
        return;
      }
      const job = thread.jobs.get(message.id);
      if (!job) return;
      if (message.kind === 'progress') {
        job.timer.refresh();
        job.onProgress?.(message.progress);
        return;
      }
      clearTimeout(job.timer);
      thread.jobs.delete(message.id);
      idleUnlessBusy(thread);
      if (message.kind === 'done') job.resolve(message.value);
      else job.reject(failureToError(message.failure));
    });
    const stopped = (why: string) => {
      if (thread.lost) return;
      // Only the kind of failure is logged: a job's data never is.
      console.error(`[signing] the signing thread stopped: ${why}`);
      thread.lose(new AppError('INTERNAL', msg(started ? 'signingWorker.crashed' : 'signingWorker.startFailed')));
    };
    worker.on('error', (error: Error & { code?: string }) => stopped(error.code ?? error.name));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    return thread;
  }

  /** An idle thread does not keep the process alive. */
  function idleUnlessBusy(thread: Thread): void {
    if (thread.jobs.size > 0) thread.worker.ref();
    else thread.worker.unref();
  }

  async function run<K extends SigningOp>(op: K, input: SigningOps[K]['input'], onProgress?: (progress: SignProgress) => void, file?: string): Promise<SigningOps[K]['output']> {
    if (file) await makeRoomFor(file, current?.stopIfIdle ?? null);
    const thread = (current ??= startThread());
    thread.waiting++;
    try {
      await thread.ready;
    } finally {
      thread.waiting--;
    }
    if (thread.lost) throw thread.lost;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => thread.lose(new AppError('INTERNAL', msg('signingWorker.timedOut', { seconds: Math.round(silenceLimitMs / 1000) }))), silenceLimitMs);
      thread.jobs.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onProgress ? { onProgress } : {}), timer });
      idleUnlessBusy(thread);
      const request: SigningRequest<K> = { id, op, input };
      thread.worker.postMessage(request);
    });
  }

  return {
    verifyFile: (file, verifyOptions) => run('verify', { file, ...verifyOptions }, undefined, file),
    readP12Certificate: (bytes, password) => run('p12Certificate', { bytes, secret: password }),
    listTokenCertificates: (modulePath) => run('tokenCertificates', { module: modulePath }),
    signPdf: (job, onProgress) => run('sign', job, onProgress, job.input),
    close() {
      current?.lose(new AppError('INTERNAL', msg('signingWorker.stopped')));
    },
  };
}

let shared: SigningWorker | null = null;
let compiledEntry: string | null = null;

/** The signing thread every service of this process shares. */
export function sharedSigningWorker(): SigningWorker {
  return (shared ??= createSigningWorker({ entry: compiledEntry }));
}

/**
 * A bundled app runs the thread compiled from signingWorkerThread.ts as its own file (dist/electron/signingWorker.cjs);
 * call this once at start-up with its path. Without it the thread runs from the TypeScript sources through tsx.
 */
export function useSigningWorkerEntry(file: string): void {
  compiledEntry = file;
  shared?.close();
  shared = null;
}

/**
 * Starting a worker thread that runs one of the core's modules. A bundled app runs the module's compiled file; from
 * the sources (development, tests, the browser host) the TypeScript module is loaded through tsx inside the thread.
 */
import { stat } from 'node:fs/promises';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `source` is the module's TypeScript file; `compiled` its bundled counterpart, when the app has been built. */
export function startCoreWorker(source: URL, compiled: string | null, options: WorkerOptions = {}): Worker {
  if (compiled) return new Worker(compiled, options);
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * Stops a long-lived thread if it has no job (resolving once it is gone), or does nothing. The thread starts again on
 * its next job.
 */
export type StopIfIdle = () => Promise<void>;

/**
 * The long-lived threads (the signing engine, pdf.js) keep their runtime's memory, 40 to 90 MB each, while they wait
 * for the next job; kept alive together with the core they took receiving a 20 MB package to about 270 MB.
 */
const longLived = new Set<StopIfIdle>();

/** Registers a started thread; the returned function unregisters it when it stops. */
export function addLongLivedThread(stopIfIdle: StopIfIdle): () => void {
  longLived.add(stopIfIdle);
  return () => longLived.delete(stopIfIdle);
}

/**
 * From this size a file's job runs with no other long-lived thread idling beside it: its reading takes memory of its
 * own. An ordinary document (a few pages, under a megabyte or two) keeps both threads, whose start would cost the
 * clerk more than the document's reading.
 */
const LARGE_FILE_BYTES = 8 * 2 ** 20;

/** Before a job on `file`: when the file is large, the other long-lived threads that sit idle are stopped first. */
export async function makeRoomFor(file: string, own: StopIfIdle | null): Promise<void> {
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size < LARGE_FILE_BYTES) return;
  await Promise.all([...longLived].filter((stop) => stop !== own).map((stop) => stop()));
}

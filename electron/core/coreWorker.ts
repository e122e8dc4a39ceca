/**
 * Starting a worker thread that runs one of the core's modules. A bundled app runs the module's compiled file; from
 * the sources (development, tests, the browser host) the TypeScript module is loaded through tsx inside the thread.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `source` is the module's TypeScript file; `compiled` its bundled counterpart, when the app has been built. */
export function startCoreWorker(source: URL, compiled: string | null, options: WorkerOptions = {}): Worker {
  if (compiled) return new Worker(compiled, options);
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(source.href)}, ${JSON.stringify(source.href)}))`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The logs of the processes an end-to-end run starts (browser hosts, the document server and its command line, the
 * signing command line), kept in one folder after the run: the run's last step (logScan.ts, Playwright's
 * globalTeardown) reads them all for the passwords and PINs the specs typed, which must never reach a log.
 */
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';

export const E2E_LOG_DIR = path.resolve(import.meta.dirname, '../.artifacts/e2e-logs');
let count = 0;

/** Appends everything the streams carry to a new log file named after `name`. */
export function keepLog(name: string, ...streams: (Readable | null)[]): void {
  mkdirSync(E2E_LOG_DIR, { recursive: true });
  const out = createWriteStream(path.join(E2E_LOG_DIR, `${name}-${process.pid}-${++count}.log`));
  let open = streams.filter((s) => s !== null).length;
  for (const stream of streams) {
    stream?.pipe(out, { end: false });
    stream?.once('end', () => {
      if (--open === 0) out.end();
    });
  }
}

/** Writes one piece of output (a finished command's) to its own log file. */
export function keepOutput(name: string, text: string): void {
  mkdirSync(E2E_LOG_DIR, { recursive: true });
  createWriteStream(path.join(E2E_LOG_DIR, `${name}-${process.pid}-${++count}.log`)).end(text);
}

export function clearLogs(): void {
  rmSync(E2E_LOG_DIR, { recursive: true, force: true });
}

export function logFiles(): string[] {
  try {
    return readdirSync(E2E_LOG_DIR).map((file) => path.join(E2E_LOG_DIR, file));
  } catch {
    return [];
  }
}

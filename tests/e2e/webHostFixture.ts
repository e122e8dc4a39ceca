/**
 * Starts the browser host (`electron/web-host/main.ts` under tsx) on a fresh data folder and port 0 for each test, so
 * that every scenario begins at the first-run screen whatever ran before; reads the printed `URL: …` line, and stops
 * the host and removes the folder afterwards.
 */
import { test as base } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { keepLog } from './e2eLogs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 60_000;

export interface WebHostHandle {
  /** The printed address, token included: opening it sets the session cookie. */
  url: string;
  dataDir: string;
}

/** Starts one browser host on a fresh data folder; `close` stops it and removes the folder. */
export async function launchWebHost(extraArgs: string[] = []): Promise<WebHostHandle & { close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vanthu-e2e-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/web-host/main.ts', '--data', dataDir, '--port', '0', ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  keepLog('web-host', child.stdout, child.stderr);
  const close = async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    return { url: await waitForUrl(child), dataDir, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export const test = base.extend<{ host: WebHostHandle }>({
  host: [
    async ({}, use) => {
      const host = await launchWebHost();
      try {
        await use(host);
      } finally {
        await host.close();
      }
    },
    { timeout: START_TIMEOUT_MS + 10_000 },
  ],
});

export { expect } from '@playwright/test';

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`web host printed no URL within ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /^URL: (\S+)$/m.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    // The host's stderr is where server-side failures are logged: pass it through for the test report.
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before printing its URL:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** `npm run server` as an operator starts it: its own PostgreSQL, one URL line, and a clean stop on SIGTERM. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { tempDir } from '../support/coreFixture';

const root = path.resolve(__dirname, '../..');
const data = tempDir('vanthu-server-run-');
chmodSync(data.dir, 0o755);
afterAll(() => data.remove());

/** Runs the server (what `npm run server` runs) until it prints its URL; returns the URL and the running child. */
function startServer(dataDir: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), '--data', dataDir, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const line = /^URL: (\S+)$/m.exec(stdout);
      if (line) resolve(line[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  return { child, url, exited, output: () => stdout };
}

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'postgres', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run server', () => {
  it('prints one URL line, answers, and stops itself and its PostgreSQL on SIGTERM; a stale postmaster.pid does not block the next start', async () => {
    const dataDir = path.join(data.dir, 'server');
    const first = startServer(dataDir);
    const url = await first.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.output()).toBe(`URL: ${url}\n`);
    const res = await fetch(url + SYNC_PATHS.org);
    expect(res.status).toBe(401);
    const pid = postmasterPid(dataDir);
    expect(pid && isAlive(pid)).toBe(true);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(isAlive(pid!)).toBe(false);
    expect(postmasterPid(dataDir)).toBeNull();

    // A run killed with -9 leaves its lock file behind, naming a process that no longer exists.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), `${gone.stdout.trim()}\n${path.join(dataDir, 'postgres')}\n`);
    const second = startServer(dataDir);
    await expect(second.url).resolves.toMatch(/^http:/);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });
});

/** `npm run web` as a person starts it: wrong options, a taken port and a good start are all said in Vietnamese. */
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { msg } from '../../shared/messages';
import { tempDir } from '../support/coreFixture';

const entry = path.resolve(__dirname, '../../electron/web-host/main.ts');
const data = tempDir('vanthu-web-start-');
afterAll(() => data.remove());
vi.setConfig({ testTimeout: 60_000 });

let runs = 0;
/** Runs the host on a data folder of its own until it exits, or until it prints its address (then stops it). */
function web(...args: string[]) {
  const dataDir = path.join(data.dir, String(++runs));
  return new Promise<{ code: number | null; stdout: string; stderr: string; dataDir: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('URL: ')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr, dataDir }));
  });
}

const ENGLISH = /\b(unknown option|argument|expected|invalid|error|EADDRINUSE|at .+:\d+:\d+)\b/i;

describe('npm run web', () => {
  it('says what is wrong with its options and a taken port, and starts with a Vietnamese line and the address', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const takenPort = (taken.address() as net.AddressInfo).port;
    try {
      const [unknown, badPort, busy, good] = await Promise.all([web('--colour', 'red'), web('--port', '99999'), web('--port', String(takenPort)), web()]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(msg('webHost.badOption', { detail: msg('validation.cli.unknownOption', { option: '--colour' }) }));
      expect(badPort.code).toBe(2);
      expect(badPort.stderr).toContain(msg('webHost.badPort'));
      expect(busy.code, busy.stderr).toBe(2);
      expect(busy.stderr).toContain(msg('webHost.portInUse', { port: takenPort }));
      for (const r of [unknown, badPort, busy]) expect(r.stderr).not.toMatch(ENGLISH);
      expect(good.stdout).toContain(msg('webHost.running', { dataDir: good.dataDir }));
      expect(good.stdout).toMatch(/^URL: http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/m);
      expect(good.code).toBe(0);
    } finally {
      taken.close();
    }
  });
});

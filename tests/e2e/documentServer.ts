/**
 * The real central document server for e2e scenarios, as an operator runs it: `vanthu-server init` and `user add` on
 * a fresh data folder (its own embedded PostgreSQL), then `server/main.ts` on port 0, read from its `URL:` line.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { keepLog, keepOutput } from './e2eLogs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
export const SERVER_PASSWORD = 'mat-khau-e2e';

export interface ServerUser {
  username: string;
  name: string;
  role: 'van_thu' | 'lanh_dao' | 'chuyen_vien';
  position: string;
  unit: string;
}

/** A commune office: its clerk `hang` is the administrator, with the chairman `hung` and a specialist `lan`. */
export const COMMUNE_SERVER = {
  org: { organId: '000.00.00.H61', name: 'Ủy ban nhân dân xã Tân Lập', units: ['Văn phòng:VP'], admin: 'hang', adminName: 'Phạm Thị Hằng' },
  users: [
    { username: 'hung', name: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unit: 'VP' },
    { username: 'lan', name: 'Nguyễn Thị Lan', role: 'chuyen_vien', position: 'Chuyên viên', unit: 'VP' },
  ] satisfies ServerUser[],
};

export async function startDocumentServer(org: { organId: string; name: string; units: string[]; admin: string; adminName: string }, users: ServerUser[]) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vanthu-e2e-server-'));
  // PostgreSQL runs as its own user when the tests run as root: it must reach its folder inside ours.
  chmodSync(dataDir, 0o755);
  const env = { ...process.env, VANTHU_E2E_PASSWORD: SERVER_PASSWORD };
  const cli = async (args: string[]) => {
    const { stdout, stderr } = await run(process.execPath, ['bin/vanthu-server.mjs', '--data', dataDir, '--password-env', 'VANTHU_E2E_PASSWORD', ...args], { cwd: ROOT, env });
    keepOutput('vanthu-server-cli', stdout + stderr);
  };
  await cli(['init', '--organ-id', org.organId, '--org-name', org.name, '--org-abbrev', 'UBND', ...org.units.flatMap((u) => ['--unit', u]), '--admin', org.admin, '--admin-name', org.adminName]);
  for (const u of users) {
    await cli(['user', 'add', u.username, '--org', org.organId, '--name', u.name, '--role', u.role, '--position', u.position, '--unit', u.unit]);
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  keepLog('document-server', child.stdout, child.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /^URL: (\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    url,
    async close() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

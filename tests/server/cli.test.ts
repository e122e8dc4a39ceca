/**
 * `vanthu-server init`, `user add` and `axis token` as an administrator runs them: real process, real database,
 * Vietnamese answers.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import { useTestPostgres } from '../support/testPostgres';

const bin = path.resolve(__dirname, '../../bin/vanthu-server.mjs');
const postgres = useTestPostgres();
const SECRET = 'mat-khau-quan-tri-9';

function vanthuServer(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('vanthu-server', () => {
  it('sets up an organisation with its administrator, adds people, and refuses mistakes in Vietnamese', async () => {
    const { url, pool } = await postgres.freshDatabase({ migrated: false });
    const db = ['--database-url', url];
    const env = { VANTHU_PW: SECRET };
    const init = await vanthuServer(
      [...db, 'init', '--org-name', 'Sở Nội vụ', '--organ-id', '000.00.00.H41', '--org-abbrev', 'SNV', '--unit', 'Văn phòng:VP', '--unit', 'Phòng Tổ chức:TC', '--admin', 'vanthu', '--password-env', 'VANTHU_PW'],
      env,
    );
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain(msg('serverCli.initDone', { name: 'Sở Nội vụ', organId: '000.00.00.H41', units: 2, admin: 'vanthu' }));

    const add = (username: string, unit: string, passwordEnv = 'VANTHU_PW') =>
      vanthuServer([...db, 'user', 'add', username, '--name', 'Trần Văn Nam', '--role', 'lanh_dao', '--position', 'Phó Giám đốc', '--unit', unit, '--password-env', passwordEnv], env);
    const added = await add('nam', 'VP');
    expect(added.code, added.stderr).toBe(0);
    const [unknownUnit, duplicate, noPassword, again] = await Promise.all([add('binh', 'XX'), add('NAM', 'VP'), add('binh', 'VP', 'KHONG_CO'), vanthuServer([...db, 'init', '--org-name', 'Sở', '--organ-id', '000.00.00.H41', '--admin', 'khac', '--password-env', 'VANTHU_PW'], env)]);
    expect(unknownUnit).toMatchObject({ code: 1 });
    expect(unknownUnit.stderr).toContain(msg('serverCli.unitUnknown', { abbrev: 'XX' }));
    expect(duplicate).toMatchObject({ code: 1 });
    expect(duplicate.stderr).toContain(msg('serverCli.userExists', { username: 'nam' }));
    expect(noPassword).toMatchObject({ code: 2 });
    expect(noPassword.stderr).toContain(msg('serverCli.passwordEnvMissing', { name: 'KHONG_CO' }));
    expect(again).toMatchObject({ code: 1 });
    expect(again.stderr).toContain(msg('serverCli.orgExists', { organId: '000.00.00.H41' }));
    for (const run of [init, added, unknownUnit, duplicate, noPassword, again]) expect(run.stdout + run.stderr).not.toContain(SECRET);

    const users = await pool.query('SELECT username, role, is_admin AS "isAdmin", position, unit_id IS NULL AS "noUnit" FROM users ORDER BY username');
    expect(users.rows).toEqual([
      { username: 'nam', role: 'lanh_dao', isAdmin: false, position: 'Phó Giám đốc', noUnit: false },
      { username: 'vanthu', role: 'van_thu', isAdmin: true, position: '', noUnit: true },
    ]);
  });

  it('makes an axis adapter token, shown once and kept only as its hash', async () => {
    const { url, pool } = await postgres.freshDatabase({ migrated: false });
    const made = await vanthuServer(['--database-url', url, 'axis', 'token', '--name', 'Trục liên thông quốc gia']);
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim().split('\n').at(-1)!;
    expect(made.stdout).toContain(msg('serverCli.axisToken', { name: 'Trục liên thông quốc gia', token }));
    const stored = await pool.query('SELECT name, token_hash FROM axis_adapters');
    expect(stored.rows).toEqual([{ name: 'Trục liên thông quốc gia', token_hash: createHash('sha256').update(token).digest('hex') }]);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    const unnamed = await vanthuServer(['--database-url', url, 'axis', 'token']);
    expect(unnamed).toMatchObject({ code: 2 });
    expect(unnamed.stderr).toContain(msg('serverCli.missingOption', { option: '--name' }));
  });
});

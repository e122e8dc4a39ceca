/**
 * `vanthu login` and `vanthu sync` in real processes: a commune office that worked alone logs in and uploads what it
 * registered (its own ids for the unit and the clerk moved onto the server's), and a second PC logging in to an empty
 * folder takes the organisation and the documents from the server. The refresh token the command line keeps is sealed
 * with the data folder's owner-only key, never in the database or the output.
 */
import Database from 'better-sqlite3';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SESSION_KEY_FILE, tokenSeal } from '../../electron/core/sync/tokenSeal';
import { msg } from '../../shared/messages';
import { tempDir } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, seedOrg, useTestServer } from '../support/testServer';
import { vanthuIn } from '../support/vanthuProcess';

vi.setConfig({ testTimeout: 120_000 });
const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const alone = tempDir('vanthu-alone-');
const fresh = tempDir('vanthu-fresh-');
const sealed = tempDir('vanthu-sealed-');
afterAll(() => (alone.remove(), fresh.remove(), sealed.remove()));

const withPassword = { VANTHU_PASSWORD: PASSWORD };

describe('vanthu login and sync', () => {
  it('uploads a standalone office on first login, and a new PC takes everything from the server', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.12.34.H41');
    const init = await vanthuIn(alone.dir, ['init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND',
      '--unit', 'Văn phòng:VP', '--staff', 'Nguyễn Thị Lan:Văn thư:VP:van_thu']);
    expect(init.code).toBe(0);
    for (const [code, subject] of [['41', 'V/v kế hoạch phòng chống lụt bão'], ['42', 'V/v rà soát hộ nghèo năm 2026']]) {
      const r = await vanthuIn(alone.dir, ['register', '--set', 'OrganName=Sở Nội vụ tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-06',
        '--set', 'TypeName=Công văn', '--set', `Subject=${subject}`, '--set', `CodeNumber=${code}`, '--set', 'CodeNotation=SNV-VP']);
      expect([r.code, r.stderr]).toEqual([0, '']);
    }

    const missing = await vanthuIn(alone.dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'NO_SUCH_VARIABLE']);
    expect([missing.code, missing.stderr.trim()]).toEqual([2, 'Biến môi trường NO_SUCH_VARIABLE không có mật khẩu.']);
    const wrong = await vanthuIn(alone.dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'VANTHU_PASSWORD'], { VANTHU_PASSWORD: 'sai-mat-khau' });
    expect([wrong.code, wrong.stderr.trim()]).toEqual([1, 'Tên đăng nhập hoặc mật khẩu không đúng.']);

    const login = await vanthuIn(alone.dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'VANTHU_PASSWORD'], withPassword);
    expect([login.code, login.stderr]).toEqual([0, '']);
    expect(login.stdout).toMatch(/Đã đăng nhập lan vào .*Thay đổi chờ đồng bộ: [1-9]/);
    const pushed = await vanthuIn(alone.dir, ['sync', '--json']);
    expect(pushed.code).toBe(0);
    // The round pulls the same two documents back as the server now holds them: written over, not added.
    expect(JSON.parse(pushed.stdout)).toMatchObject({ rejected: [], pulledDocuments: 2 });
    expect((await vanthuIn(alone.dir, ['search', 'V/v'])).stdout.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse(pushed.stdout).pushed).toBeGreaterThanOrEqual(2);

    const second = await vanthuIn(fresh.dir, ['login', '--server', url, '--user', 'admin', '--password-env', 'VANTHU_PASSWORD'], withPassword);
    expect(second.code).toBe(0);
    const pulled = await vanthuIn(fresh.dir, ['sync']);
    expect([pulled.code, pulled.stdout.trim()]).toEqual([0, 'Đã gửi 0 thay đổi, nhận 2 văn bản; tệp: gửi 0, nhận 0.']);
    const found = await vanthuIn(fresh.dir, ['search', 'ra soat ho ngheo']);
    expect(found.stdout).toMatch(/^2\/2026\t.*V\/v rà soát hộ nghèo năm 2026$/m);

    const status = JSON.parse((await vanthuIn(fresh.dir, ['sync', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ username: 'admin', pending: 0, rejected: [], lastError: null });
    expect(status.leases).toEqual([{ register: 'incoming', year: 2026, holder: 'Nguyễn Thị Lan', mine: false, lastNumber: 2 }]);
    const text = await vanthuIn(fresh.dir, ['sync', 'status']);
    expect(text.stdout).toContain('Sổ incoming năm 2026: cấp số tại máy của Nguyễn Thị Lan (số cuối trên máy chủ: 2)');
  });

  it('keeps the refresh token sealed with an owner-only key: not in the database, its copies or the output', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.12.34.H42');
    const dir = path.join(sealed.dir, 'data');
    const state = (write?: string) => {
      const db = new Database(path.join(dir, 'vanthu.db'));
      try {
        if (write !== undefined) db.prepare(`UPDATE sync_state SET value = ? WHERE key = 'refreshToken'`).run(write);
        return db.prepare(`SELECT value FROM sync_state WHERE key = 'refreshToken'`).pluck().get() as string;
      } finally {
        db.close();
      }
    };
    const everyFile = (folder: string): string[] =>
      readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(path.join(folder, e.name)) : [path.join(folder, e.name)]));
    const mode = (file: string) => statSync(file).mode & 0o777;

    const login = await vanthuIn(dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'VANTHU_PASSWORD'], { ...withPassword, VANTHU_DEBUG: '1' });
    expect([login.code, login.stderr]).toEqual([0, '']);
    expect(mode(dir)).toBe(0o700);
    expect(mode(path.join(dir, SESSION_KEY_FILE))).toBe(0o600);
    const first = state();
    expect(first).toMatch(/^file:[A-Za-z0-9+/]+=*$/);
    const token = tokenSeal(dir, undefined).open(first)!;
    expect(token.length).toBeGreaterThan(20);
    // In no file of the data folder (the database, its WAL, the content store) and in nothing the command printed.
    for (const file of everyFile(dir)) expect(readFileSync(file).includes(token), file).toBe(false);
    expect(login.stdout).not.toContain(token);
    // The database copied without its key file (a backup, a database sent for support) opens nothing.
    expect(tokenSeal(sealed.dir, undefined).open(first)).toBeNull();

    // Another process opens it and the session goes on; the token rotated and is sealed again. A key file loosened in
    // the meantime is made owner-only again.
    chmodSync(path.join(dir, SESSION_KEY_FILE), 0o644);
    const synced = await vanthuIn(dir, ['sync'], { VANTHU_DEBUG: '1' });
    expect([synced.code, synced.stderr]).toEqual([0, '']);
    expect(mode(path.join(dir, SESSION_KEY_FILE))).toBe(0o600);
    const second = state();
    expect(second).toMatch(/^file:/);
    expect(second).not.toBe(first);

    // A token kept unsealed by an earlier version still works, and is sealed at its next rotation.
    state(tokenSeal(dir, undefined).open(second)!);
    expect((await vanthuIn(dir, ['sync'])).code).toBe(0);
    expect(state()).toMatch(/^file:/);
    // One the desktop app sealed with the operating system's key cannot be opened here: log in again, said plainly.
    state('os:c2VhbGVkIGJ5IHRoZSBkZXNrdG9w');
    const refused = await vanthuIn(dir, ['sync']);
    expect([refused.code, refused.stderr.trim()]).toEqual([1, msg('sync.sessionExpired')]);
  });
});

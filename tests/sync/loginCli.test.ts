/**
 * `vanthu login` and `vanthu sync` in real processes: a commune office that worked alone logs in and uploads what it
 * registered (its own ids for the unit and the clerk moved onto the server's), and a second PC logging in to an empty
 * folder takes the organisation and the documents from the server.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, seedOrg, useTestServer } from '../support/testServer';
import { vanthuIn } from '../support/vanthuProcess';

vi.setConfig({ testTimeout: 120_000 });
const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const alone = tempDir('vanthu-alone-');
const fresh = tempDir('vanthu-fresh-');
afterAll(() => (alone.remove(), fresh.remove()));

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
});

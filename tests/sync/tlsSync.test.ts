/**
 * The central server over HTTPS (`--tls-cert`/`--tls-key`), with a throwaway CA and server certificate made by
 * openssl: a computer that trusts the CA (NODE_EXTRA_CA_CERTS, as an office installs it) logs in and syncs; one that
 * does not is refused before anything is sent, and says so in Vietnamese rather than "cannot reach the server".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectWithPassword } from '../../electron/core/sync/serverConnection';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import { tempDir } from '../support/coreFixture';
import { useTestPostgres } from '../support/testPostgres';
import { PASSWORD, seedOrg, useTestServer } from '../support/testServer';
import { vanthuIn } from '../support/vanthuProcess';

vi.setConfig({ testTimeout: 120_000 });
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('tlsSync.test.ts skipped: openssl is not installed, and it makes the test certificates.');

const postgres = useTestPostgres();
const servers = useTestServer(postgres);
const pki = tempDir('vanthu-tls-');
const office = tempDir('vanthu-tls-office-');
const stranger = tempDir('vanthu-tls-stranger-');
afterAll(() => (pki.remove(), office.remove(), stranger.remove()));

/** A CA, and a server certificate it signs for 127.0.0.1 and localhost; P-256 keys, made in milliseconds. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl('req', '-x509', ...ecKey, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=Vanthu test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ecKey, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', '/CN=localhost');
  writeFileSync(file('server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-set_serial', '1', '-days', '2',
    '-extfile', file('server.ext'), '-out', file('server.crt'));
  return { ca: file('ca.crt'), cert: file('server.crt'), key: file('server.key') };
}

describe.skipIf(!hasOpenssl)('the server over HTTPS', () => {
  let url: string;
  let pool: Awaited<ReturnType<typeof servers.start>>['pool'];
  let ca: string;

  beforeAll(async () => {
    const files = makeCertificates(pki.dir);
    ca = files.ca;
    ({ url, pool } = await servers.start({ tls: { cert: readFileSync(files.cert), key: readFileSync(files.key) } }));
    await seedOrg(pool, '000.12.34.H41');
  });

  it('takes a login and a sync from a computer that trusts its CA', async () => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const trusting = { VANTHU_PASSWORD: PASSWORD, NODE_EXTRA_CA_CERTS: ca };
    const init = await vanthuIn(office.dir, ['init', '--org-name', 'UBND xã Tân Lập', '--organ-id', '000.12.34.H41', '--abbrev', 'UBND',
      '--unit', 'Văn phòng:VP', '--staff', 'Nguyễn Thị Lan:Văn thư:VP:van_thu']);
    expect(init.code).toBe(0);
    const registered = await vanthuIn(office.dir, ['register', '--set', 'OrganName=Sở Nội vụ tỉnh Hà Tĩnh', '--set', 'IssuedDate=2026-01-06',
      '--set', 'TypeName=Công văn', '--set', 'Subject=V/v kế hoạch phòng chống lụt bão', '--set', 'CodeNumber=41', '--set', 'CodeNotation=SNV-VP']);
    expect([registered.code, registered.stderr]).toEqual([0, '']);

    const login = await vanthuIn(office.dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'VANTHU_PASSWORD'], trusting);
    expect([login.code, login.stderr]).toEqual([0, '']);
    expect(login.stdout).toContain(`Đã đăng nhập lan vào ${url}`);
    const sync = await vanthuIn(office.dir, ['sync', '--json'], trusting);
    expect([sync.code, sync.stderr]).toEqual([0, '']);
    expect(JSON.parse(sync.stdout)).toMatchObject({ rejected: [] });
    const stored = await pool.query<{ fields: string }>(`SELECT fields::text AS fields FROM documents WHERE entity = 'incoming'`);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.fields).toContain('V/v kế hoạch phòng chống lụt bão');
  });

  it('is refused by a computer that does not trust its CA, with the reason in Vietnamese', async () => {
    const sessions = async () => (await pool.query('SELECT count(*)::int AS n FROM refresh_tokens')).rows[0].n;
    const sessionsBefore = await sessions();
    const expected = msg('sync.untrustedCertificate', { url });
    const login = await vanthuIn(stranger.dir, ['login', '--server', url, '--user', 'lan', '--password-env', 'VANTHU_PASSWORD'], { VANTHU_PASSWORD: PASSWORD });
    expect([login.code, login.stderr.trim()]).toEqual([1, expected]);

    // The same through the sync client's connection in this process, which was started without the CA.
    const refusal = await connectWithPassword({ baseUrl: url, onRefreshToken: () => {} }, 'lan', PASSWORD).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'OFFLINE', message: expected });
    expect(await sessions()).toBe(sessionsBefore);
  });
});

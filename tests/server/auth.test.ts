/** Logging in to the central server, staying logged in, and what a caller without a valid session gets: nothing. */
import { describe, expect, it } from 'vitest';
import { OrgSnapshot, SYNC_PATHS } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import { issueAccessToken } from '../../server/accounts/accessToken';
import { findUserByUsername, setUserDisabled } from '../../server/db/accountsRepo';
import { sharedSecret } from '../../server/db/secretsRepo';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, PASSWORD, postJson, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

async function getOrg(base: string, token?: string): Promise<Response> {
  return fetch(base + SYNC_PATHS.org, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
}

async function expectUnauthorized(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: msg('server.unauthorized') } });
}

describe('logging in', () => {
  it('gives a session for the right password, names the user, and refuses a wrong one or an unknown name alike', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const session = await logIn(url, 'LAN');
    expect(session.user).toMatchObject({ username: 'lan', fullName: 'Nguyễn Thị Lan', role: 'chuyen_vien' });
    expect(session.expiresIn).toBe(900);
    for (const body of [{ username: 'lan', password: 'sai-mat-khau' }, { username: 'khong-co', password: PASSWORD }]) {
      const res = await postJson(url, SYNC_PATHS.login, body);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'BAD_CREDENTIALS', message: msg('server.badCredentials') } });
    }
    const stored = await pool.query(`SELECT password_hash FROM users WHERE username = 'lan'`);
    expect(stored.rows[0].password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it('answers bad and oversized bodies with 400/413 in Vietnamese', async () => {
    const { url } = await servers.start();
    const notJson = await fetch(url + SYNC_PATHS.login, { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toBe(msg('server.badJson'));
    const missing = await postJson(url, SYNC_PATHS.login, { username: 'lan' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error.code).toBe('BAD_INPUT');
    const huge = await postJson(url, SYNC_PATHS.login, { username: 'lan', password: 'x'.repeat(9 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });

  it('refuses a disabled user at login and drops the sessions that user already holds', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const session = await logIn(url, 'lan');
    const user = await findUserByUsername(pool, 'lan');
    await setUserDisabled(pool, user!.orgId, user!.id, true);
    const res = await postJson(url, SYNC_PATHS.login, { username: 'lan', password: PASSWORD });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toEqual({ code: 'ACCOUNT_DISABLED', message: msg('server.accountDisabled') });
    await expectUnauthorized(await getOrg(url, session.accessToken));
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: session.refreshToken }));
  });
});

describe('refreshing a session', () => {
  it('rotates the refresh token, and a rotated token used again revokes the whole chain', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const first = await logIn(url, 'lan');
    const second = await refreshWith(url, first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await getOrg(url, second.accessToken)).status).toBe(200);
    const third = await refreshWith(url, second.refreshToken);

    // Someone replays the first token (a stolen copy) after its successor was used: refused, and the legitimate newest
    // token dies with it.
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: first.refreshToken }));
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: third.refreshToken }));
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: 'khong-phai-token' }));
    const stored = await pool.query('SELECT token_hash FROM refresh_tokens');
    expect(stored.rows.map((r) => r.token_hash)).not.toContain(first.refreshToken);
  });

  it('gives a client whose answer was lost a new pair for the same token shown again within a minute, spending the lost one', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const first = await logIn(url, 'lan');
    const lost = await refreshWith(url, first.refreshToken);
    const again = await refreshWith(url, first.refreshToken);
    expect(again.refreshToken).not.toBe(lost.refreshToken);
    expect((await getOrg(url, again.accessToken)).status).toBe(200);
    // Once the client has moved on with its new pair, the lost one shown is a copy, and the chain ends.
    const next = await refreshWith(url, again.refreshToken);
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: lost.refreshToken }));
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: next.refreshToken }));

    // A minute later the same replay is a copy, not a lost answer.
    const other = await logIn(url, 'lan');
    await refreshWith(url, other.refreshToken);
    await pool.query(`UPDATE refresh_tokens SET revoked_at = now() - interval '2 minutes' WHERE revoked_at IS NOT NULL`);
    await expectUnauthorized(await postJson(url, SYNC_PATHS.refresh, { refreshToken: other.refreshToken }));
  });

  it('answers two simultaneous refreshes with one token as one lost answer: both get a pair, only the later one lives on', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const { refreshToken } = await logIn(url, 'lan');
    const results = await Promise.all([1, 2].map(() => postJson(url, SYNC_PATHS.refresh, { refreshToken })));
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const [a, b] = (await Promise.all(results.map((r) => r.json()))) as { refreshToken: string }[];
    const rows = await pool.query<{ live: number }>('SELECT count(*)::int AS live FROM refresh_tokens WHERE revoked_at IS NULL');
    expect(rows.rows[0]!.live).toBe(1);
    expect(a!.refreshToken).not.toBe(b!.refreshToken);
  });
});

async function refreshWith(url: string, refreshToken: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await postJson(url, SYNC_PATHS.refresh, { refreshToken });
  expect(res.status).toBe(200);
  return res.json();
}

describe('requests without a valid session', () => {
  it('get 401 and the error alone: no token, a malformed, forged, expired or tampered token, even on unknown paths', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const { accessToken, user } = await logIn(url, 'lan');
    const key = await sharedSecret(pool, 'access-token-hmac', 32);
    const orgId = (await findUserByUsername(pool, 'lan'))!.orgId;
    const expired = issueAccessToken({ userId: user.id, orgId }, key, Date.now() - 16 * 60 * 1000);
    const forged = issueAccessToken({ userId: user.id, orgId }, Buffer.alloc(32, 7));
    const [payload, signature] = accessToken.split('.');
    const tampered = `${Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(/\d+$/, '9999999999')).toString('base64url')}.${signature}`;
    for (const token of [undefined, '', 'abc', expired, forged, tampered]) await expectUnauthorized(await getOrg(url, token));
    await expectUnauthorized(await fetch(`${url}/v1/khong-co`));
    expect((await getOrg(url, accessToken)).status).toBe(200);
  });
});

describe('the organisation', () => {
  it('is the caller’s own: two organisations on one server each see only their units and people', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41', 'a-');
    await seedOrg(pool, '000.00.00.G22', 'b-');
    const [a, b] = await Promise.all([logIn(url, 'a-lan'), logIn(url, 'b-lan')]);
    const orgA = OrgSnapshot.parse(await (await getOrg(url, a.accessToken)).json());
    const orgB = OrgSnapshot.parse(await (await getOrg(url, b.accessToken)).json());
    expect(orgA.organId).toBe('000.00.00.H41');
    expect(orgB.organId).toBe('000.00.00.G22');
    expect(orgA.staff.map((s) => s.id)).toContain(a.user.id);
    expect(orgA.staff.map((s) => s.id)).not.toContain(b.user.id);
    expect(orgB.staff.map((s) => s.id)).not.toContain(a.user.id);
    expect(orgA.units.map((u) => u.abbrev)).toEqual(['TC', 'VP']);
    expect(new Set([...orgA.units, ...orgB.units].map((u) => u.id)).size).toBe(4);
    expect(orgA.staff.find((s) => s.id === a.user.id)).toMatchObject({ fullName: 'Nguyễn Thị Lan', position: 'Chuyên viên', role: 'chuyen_vien' });
  });
});

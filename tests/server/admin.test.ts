/**
 * The admin routes and page: an organisation's administrator manages its accounts and units with the same bearer
 * tokens as sync; anyone else gets 401 or 403, and an administrator of another organisation finds nothing to touch.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_PATHS, AdminAccounts } from '../../shared/contract/adminWire';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { msg } from '../../shared/messages';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, PASSWORD, postJson, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

const NEW_USER = { username: 'Hung', fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: 'mat-khau-moi-1' };

function call(base: string, token: string | undefined, path: string, body?: unknown): Promise<Response> {
  return fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function accounts(base: string, token: string): Promise<AdminAccounts> {
  const res = await call(base, token, ADMIN_PATHS.accounts);
  expect(res.status).toBe(200);
  return AdminAccounts.parse(await res.json());
}

async function expectError(res: Response, status: number, code: string, message: string): Promise<void> {
  expect(res.status).toBe(status);
  expect((await res.json()).error).toEqual({ code, message });
}

/** One organisation, its administrator logged in, and the id of its specialist `lan`. */
async function organisation() {
  const { url, pool } = await servers.start();
  await seedOrg(pool, '000.00.00.H41');
  const admin = await logIn(url, 'admin');
  const lan = (await accounts(url, admin.accessToken)).users.find((u) => u.username === 'lan')!;
  return { url, pool, token: admin.accessToken, adminId: admin.user.id, lan };
}

describe('the admin routes', () => {
  it('answer 401 without a valid token and 403 to a user who is not an administrator', async () => {
    const { url, lan } = await organisation();
    const { accessToken } = await logIn(url, 'lan');
    const requests: [string, unknown?][] = [
      [ADMIN_PATHS.accounts],
      [ADMIN_PATHS.addUser, NEW_USER],
      [ADMIN_PATHS.userState, { userId: lan.id, disabled: true }],
      [ADMIN_PATHS.resetPassword, { userId: lan.id, password: 'mat-khau-moi-1' }],
      [ADMIN_PATHS.userPlace, { userId: lan.id, role: 'lanh_dao', unitAbbrev: 'VP', isAdmin: true }],
      [ADMIN_PATHS.addUnit, { name: 'Phòng Kế toán', abbrev: 'KT' }],
    ];
    for (const [path, body] of requests) {
      await expectError(await call(url, undefined, path, body), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
      await expectError(await call(url, 'abc.def', path, body), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
      await expectError(await call(url, accessToken, path, body), 403, 'FORBIDDEN', msg('admin.notAdmin'));
    }
    expect((await logIn(url, 'lan')).user.username).toBe('lan');
  });

  it('list the organisation’s units and every account with its state, never a password hash', async () => {
    const { url, token } = await organisation();
    const res = await call(url, token, ADMIN_PATHS.accounts);
    const text = await res.text();
    expect(text).not.toContain('scrypt');
    const list = AdminAccounts.parse(JSON.parse(text));
    expect(list).toMatchObject({ organId: '000.00.00.H41', name: 'Cơ quan 000.00.00.H41' });
    expect(list.units.map((u) => u.abbrev)).toEqual(['TC', 'VP']);
    expect(list.users.map(({ username, role, isAdmin, disabled }) => ({ username, role, isAdmin, disabled }))).toEqual([
      { username: 'lan', role: 'chuyen_vien', isAdmin: false, disabled: false },
      { username: 'admin', role: 'van_thu', isAdmin: true, disabled: false },
    ]);
  });

  it('keep an administrator inside their own organisation: another one’s accounts are neither seen nor changed', async () => {
    const { url, pool, token, lan } = await organisation();
    await seedOrg(pool, '000.00.00.G22', 'b-');
    const other = (await logIn(url, 'b-admin')).accessToken;
    const theirs = await accounts(url, other);
    expect(theirs.organId).toBe('000.00.00.G22');
    expect(theirs.users.map((u) => u.username).sort()).toEqual(['b-admin', 'b-lan']);

    const unknown = msg('admin.userUnknown');
    await expectError(await call(url, other, ADMIN_PATHS.userState, { userId: lan.id, disabled: true }), 404, 'NOT_FOUND', unknown);
    await expectError(await call(url, other, ADMIN_PATHS.resetPassword, { userId: lan.id, password: 'bi-chiem-quyen' }), 404, 'NOT_FOUND', unknown);
    await expectError(await call(url, other, ADMIN_PATHS.userPlace, { userId: lan.id, role: 'van_thu', unitAbbrev: 'VP', isAdmin: true }), 404, 'NOT_FOUND', unknown);
    // A user added by the other administrator lands in their organisation, under their unit of the same abbreviation.
    expect((await call(url, other, ADMIN_PATHS.addUser, NEW_USER)).status).toBe(201);
    expect((await call(url, other, ADMIN_PATHS.addUnit, { name: 'Phòng Kế toán', abbrev: 'KT' })).status).toBe(201);

    const ours = await accounts(url, token);
    expect(ours.users.map((u) => u.username).sort()).toEqual(['admin', 'lan']);
    expect(ours.units.map((u) => u.abbrev)).toEqual(['TC', 'VP']);
    expect((await logIn(url, 'lan')).user.id).toBe(lan.id);
    const hung = (await accounts(url, other)).users.find((u) => u.username === 'hung')!;
    expect(theirs.units.find((u) => u.abbrev === 'VP')!.id).toBe(hung.unitId);
  });

  it('add a user who can then log in, with the refusals of `vanthu-server user add`', async () => {
    const { url, token } = await organisation();
    const res = await call(url, token, ADMIN_PATHS.addUser, NEW_USER);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ username: 'hung' });
    const session = await logIn(url, 'hung', NEW_USER.password);
    expect(session.user).toMatchObject({ fullName: 'Trần Văn Hùng', role: 'lanh_dao' });
    expect((await accounts(url, token)).users.find((u) => u.username === 'hung')).toMatchObject({ position: 'Chủ tịch', isAdmin: false, disabled: false });

    const refusals: [object, string][] = [
      [{ username: 'LAN' }, msg('serverCli.userExists', { username: 'lan' })],
      [{ username: 'thu', unitAbbrev: 'XX' }, msg('serverCli.unitUnknown', { abbrev: 'XX' })],
      [{ username: 'thu', password: 'ngan' }, msg('serverCli.passwordTooShort', { min: 8 })],
    ];
    for (const [change, message] of refusals) await expectError(await call(url, token, ADMIN_PATHS.addUser, { ...NEW_USER, ...change }), 400, 'REFUSED', message);
    await expectError(await call(url, token, ADMIN_PATHS.addUser, { ...NEW_USER, username: 'thu', role: 'giam_doc' }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'role' }));
    await expectError(await call(url, token, ADMIN_PATHS.addUser, { ...NEW_USER, username: 'thu', fullName: '  ' }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'fullName' }));
    await expectError(await call(url, token, ADMIN_PATHS.userState, { userId: 'khong-phai-uuid', disabled: true }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'userId' }));
    expect((await accounts(url, token)).users).toHaveLength(3);
  });

  it('disable a user, who can then neither log in nor refresh, and enable them again without reviving old sessions', async () => {
    const { url, pool, token, adminId, lan } = await organisation();
    const before = await logIn(url, 'lan');
    const disabled = await call(url, token, ADMIN_PATHS.userState, { userId: lan.id, disabled: true });
    expect([disabled.status, await disabled.json()]).toEqual([200, { id: lan.id }]);
    expect((await accounts(url, token)).users.find((u) => u.id === lan.id)!.disabled).toBe(true);

    await expectError(await postJson(url, SYNC_PATHS.login, { username: 'lan', password: PASSWORD }), 403, 'ACCOUNT_DISABLED', msg('server.accountDisabled'));
    await expectError(await postJson(url, SYNC_PATHS.refresh, { refreshToken: before.refreshToken }), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
    await expectError(await call(url, before.accessToken, SYNC_PATHS.org), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
    const live = await pool.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [lan.id]);
    expect(live.rows[0].n).toBe(0);

    expect((await call(url, token, ADMIN_PATHS.userState, { userId: lan.id, disabled: false })).status).toBe(200);
    await expectError(await postJson(url, SYNC_PATHS.refresh, { refreshToken: before.refreshToken }), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
    expect((await logIn(url, 'lan')).user.id).toBe(lan.id);

    await expectError(await call(url, token, ADMIN_PATHS.userState, { userId: adminId, disabled: true }), 400, 'REFUSED', msg('admin.cannotDisableSelf'));
  });

  it('reset a password: the new one logs in, the old one and the sessions opened with it do not', async () => {
    const { url, token, lan } = await organisation();
    const before = await logIn(url, 'lan');
    await expectError(await call(url, token, ADMIN_PATHS.resetPassword, { userId: lan.id, password: 'ngan' }), 400, 'REFUSED', msg('serverCli.passwordTooShort', { min: 8 }));
    expect((await call(url, token, ADMIN_PATHS.resetPassword, { userId: lan.id, password: 'mat-khau-moi-2' })).status).toBe(200);
    await expectError(await postJson(url, SYNC_PATHS.login, { username: 'lan', password: PASSWORD }), 401, 'BAD_CREDENTIALS', msg('server.badCredentials'));
    await expectError(await postJson(url, SYNC_PATHS.refresh, { refreshToken: before.refreshToken }), 401, 'UNAUTHORIZED', msg('server.unauthorized'));
    expect((await logIn(url, 'lan', 'mat-khau-moi-2')).user.id).toBe(lan.id);
  });

  it('move a user to another role and unit, with the checks of `user add`, and never leave the organisation without an administrator', async () => {
    const { url, pool, token, adminId, lan } = await organisation();
    await seedOrg(pool, '000.00.00.G22', 'b-');
    const place = (userId: string, change: object = {}) => call(url, token, ADMIN_PATHS.userPlace, { userId, role: 'lanh_dao', unitAbbrev: 'TC', isAdmin: false, ...change });
    const placeOf = async (id: string) => {
      const list = await accounts(url, token);
      const user = list.users.find((u) => u.id === id)!;
      return { role: user.role, unit: list.units.find((u) => u.id === user.unitId)?.abbrev ?? null, isAdmin: user.isAdmin };
    };

    const res = await place(lan.id);
    expect([res.status, await res.json()]).toEqual([200, { id: lan.id }]);
    expect(await placeOf(lan.id)).toEqual({ role: 'lanh_dao', unit: 'TC', isAdmin: false });
    // The server takes the new role at the next request of a session opened before the change.
    expect((await logIn(url, 'lan')).user).toMatchObject({ role: 'lanh_dao' });

    // The other organisation's unit of the same abbreviation is not ours to place anyone in: ours is the one taken.
    const ourTc = (await accounts(url, token)).units.find((u) => u.abbrev === 'TC')!.id;
    expect((await pool.query('SELECT unit_id FROM users WHERE id = $1', [lan.id])).rows[0].unit_id).toBe(ourTc);
    await expectError(await place(lan.id, { unitAbbrev: 'XX' }), 400, 'REFUSED', msg('serverCli.unitUnknown', { abbrev: 'XX' }));
    await expectError(await place(lan.id, { role: 'giam_doc' }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'role' }));
    await expectError(await place(lan.id, { isAdmin: 'yes' }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'isAdmin' }));
    await expectError(await place('00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND', msg('admin.userUnknown'));
    expect(await placeOf(lan.id)).toEqual({ role: 'lanh_dao', unit: 'TC', isAdmin: false });

    // The only administrator may change their own role and unit, but not give up the right: nobody would hold it then.
    expect((await place(adminId, { role: 'lanh_dao', unitAbbrev: 'VP', isAdmin: true })).status).toBe(200);
    expect(await placeOf(adminId)).toEqual({ role: 'lanh_dao', unit: 'VP', isAdmin: true });
    await expectError(await place(adminId, { isAdmin: false }), 400, 'REFUSED', msg('admin.lastAdmin'));
    // A locked administrator does not count: the right must stay with someone who can log in.
    expect((await place(lan.id, { isAdmin: true })).status).toBe(200);
    expect((await call(url, token, ADMIN_PATHS.userState, { userId: lan.id, disabled: true })).status).toBe(200);
    await expectError(await place(adminId, { isAdmin: false }), 400, 'REFUSED', msg('admin.lastAdmin'));
    expect((await call(url, token, ADMIN_PATHS.userState, { userId: lan.id, disabled: false })).status).toBe(200);
    // With a second active administrator, the first may hand the right over; the new one then manages the accounts.
    expect((await place(adminId, { role: 'van_thu', unitAbbrev: 'VP', isAdmin: false })).status).toBe(200);
    await expectError(await call(url, token, ADMIN_PATHS.accounts), 403, 'FORBIDDEN', msg('admin.notAdmin'));
    const lanToken = (await logIn(url, 'lan')).accessToken;
    expect((await accounts(url, lanToken)).users.find((u) => u.id === adminId)).toMatchObject({ role: 'van_thu', isAdmin: false });
    await expectError(await call(url, lanToken, ADMIN_PATHS.userPlace, { userId: lan.id, role: 'lanh_dao', unitAbbrev: 'TC', isAdmin: false }), 400, 'REFUSED', msg('admin.lastAdmin'));
  });

  it('take one of two administrators’ simultaneous withdrawals of each other’s right, never both', async () => {
    const { url, token, adminId, lan } = await organisation();
    expect((await call(url, token, ADMIN_PATHS.userPlace, { userId: lan.id, role: 'chuyen_vien', unitAbbrev: 'VP', isAdmin: true })).status).toBe(200);
    const lanToken = (await logIn(url, 'lan')).accessToken;
    const [first, second] = await Promise.all([
      call(url, token, ADMIN_PATHS.userPlace, { userId: lan.id, role: 'chuyen_vien', unitAbbrev: 'VP', isAdmin: false }),
      call(url, lanToken, ADMIN_PATHS.userPlace, { userId: adminId, role: 'van_thu', unitAbbrev: 'VP', isAdmin: false }),
    ]);
    // The later one finds its target the last administrator, or itself no longer one.
    const statuses = [first.status, second.status];
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.find((status) => status !== 200)).toBeOneOf([400, 403]);
    const admins = (await accounts(url, first.status === 200 ? token : lanToken)).users.filter((u) => u.isAdmin);
    expect(admins).toHaveLength(1);
  });

  it('add a unit users can then be added to, and refuse an abbreviation the organisation already has', async () => {
    const { url, token } = await organisation();
    const res = await call(url, token, ADMIN_PATHS.addUnit, { name: ' Phòng Kế toán ', abbrev: 'KT' });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect((await accounts(url, token)).units).toContainEqual({ id, name: 'Phòng Kế toán', abbrev: 'KT' });
    expect((await call(url, token, ADMIN_PATHS.addUser, { ...NEW_USER, unitAbbrev: 'KT' })).status).toBe(201);
    await expectError(await call(url, token, ADMIN_PATHS.addUnit, { name: 'Văn phòng 2', abbrev: 'VP' }), 400, 'REFUSED', msg('admin.unitExists', { abbrev: 'VP' }));
    await expectError(await call(url, token, ADMIN_PATHS.addUnit, { name: 'Phòng', abbrev: '' }), 400, 'BAD_INPUT', msg('server.badInput', { fields: 'abbrev' }));
  });
});

describe('the admin page', () => {
  it('is served to anyone with a strict policy: its script from its own file, its words in Vietnamese', async () => {
    const { url } = await servers.start();
    const page = await fetch(`${url}/admin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const html = await page.text();
    expect(html).toContain(`<title>${msg('admin.pageTitle')}</title>`);
    // The only script elements: the external file, and a JSON data block the browser never runs.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts).toEqual(['type="application/json" id="admin-config"', 'src="/admin/admin.js" defer']);
    expect(html).not.toMatch(/\son[a-z]+=/i);

    const script = await fetch(`${url}/admin/admin.js`);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).not.toContain('localStorage.setItem');
  });
});

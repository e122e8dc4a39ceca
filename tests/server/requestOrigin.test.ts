/**
 * Before any route: a Host header that names another site (DNS rebinding) and a browser page of another origin are
 * refused, even with a valid session; IP addresses, localhost and the names the server was given are its own.
 */
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, PASSWORD, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

/** A raw request, so that Host and Origin are exactly what the test says. */
function request(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the server refuses requests that are not for it', () => {
  it('refuses a Host it does not go by, with or without a session, and accepts its address, localhost and its names', async () => {
    const { url, pool } = await servers.start({ hostNames: ['vanthu.hatinh.gov.vn'] });
    await seedOrg(pool, '000.00.00.H41');
    const { accessToken } = await logIn(url, 'lan');
    const port = new URL(url).port;
    const bearer = { Authorization: `Bearer ${accessToken}` };
    for (const host of [`attacker.example:${port}`, `vanthu.hatinh.gov.vn.attacker.example:${port}`, 'rebind.127.0.0.1.nip.io']) {
      const withSession = await request(url, 'GET', SYNC_PATHS.org, { ...bearer, Host: host });
      expect(withSession.status, host).toBe(421);
      expect(JSON.parse(withSession.body), host).toEqual({ error: { code: 'WRONG_HOST', message: msg('server.wrongHost') } });
      const login = await request(url, 'POST', SYNC_PATHS.login, { Host: host, 'Content-Type': 'application/json' }, JSON.stringify({ username: 'lan', password: PASSWORD }));
      expect(login.status, host).toBe(421);
      expect(login.body, host).not.toContain('accessToken');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `VANTHU.hatinh.gov.vn:${port}`, 'vanthu.hatinh.gov.vn']) {
      expect((await request(url, 'GET', SYNC_PATHS.org, { ...bearer, Host: host })).status, host).toBe(200);
    }
  });

  it("refuses a browser page of another origin, even with a session, and takes its own pages' calls", async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H41');
    const { accessToken } = await logIn(url, 'lan');
    const bearer = { Authorization: `Bearer ${accessToken}` };
    for (const origin of ['http://attacker.example', `http://127.0.0.1:1`, 'null']) {
      const refused = await request(url, 'GET', SYNC_PATHS.org, { ...bearer, Origin: origin });
      expect(refused.status, origin).toBe(403);
      expect(JSON.parse(refused.body), origin).toEqual({ error: { code: 'FOREIGN_ORIGIN', message: msg('server.foreignOrigin') } });
      const login = await request(url, 'POST', SYNC_PATHS.login, { Origin: origin, 'Content-Type': 'application/json' }, JSON.stringify({ username: 'lan', password: PASSWORD }));
      expect(login.status, origin).toBe(403);
    }
    expect((await request(url, 'GET', SYNC_PATHS.org, { ...bearer, Origin: new URL(url).origin })).status).toBe(200);
    // Without a token the answer stays 401 and nothing else, from its own origin too.
    const anonymous = await request(url, 'GET', SYNC_PATHS.org, { Origin: new URL(url).origin });
    expect(anonymous.status).toBe(401);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { FIXED_NOW, fields, openTestCore, tempDir } from '../support/coreFixture';

let core: Core;
let dispose: () => void;
let host: WebHost;
let origin: string;
let cookie: string;
const statics = tempDir('vanthu-static-');

/** Raw requests, so that the Host header and cookies are exactly what the test says. */
function request(method: string, url: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = http.request(origin + url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  ({ core, dispose } = await openTestCore({
    now: FIXED_NOW,
    analyzeFile: async () => ({ pageCount: 1, problem: null, message: null, proposal: {}, text: '' }),
  }));
  mkdirSync(statics.dir, { recursive: true });
  writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>Vanthu</title>');
  host = await startWebHost({ core, staticDir: statics.dir });
  origin = new URL(host.url).origin;
  const login = await request('GET', new URL(host.url).pathname + new URL(host.url).search);
  expect(login.status).toBe(303);
  cookie = String(login.headers['set-cookie']).split(';')[0]!;
});
afterAll(async () => {
  await host.close();
  dispose();
  statics.remove();
});

const auth = () => ({ Cookie: cookie, 'X-Vanthu': '1', 'Content-Type': 'application/json' });

describe('browser host', () => {
  it('listens on loopback only and prints a tokenised address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
  });

  it('refuses every route without the session, and a wrong token', async () => {
    expect((await request('GET', '/')).status).toBe(401);
    expect((await request('POST', '/rpc/org.get', { 'X-Vanthu': '1' }, '{}')).status).toBe(401);
    expect((await request('GET', '/?token=' + '0'.repeat(64))).status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) and writes without the custom header (cross-site posts)', async () => {
    expect((await request('GET', '/', { Cookie: cookie, Host: 'evil.example:80' })).status).toBe(421);
    expect((await request('POST', '/rpc/org.get', { Cookie: cookie }, '{}')).status).toBe(403);
  });

  it("refuses calls from another origin's page, even with the session and the custom header", async () => {
    for (const other of ['http://evil.example', 'http://127.0.0.1:1', 'null']) {
      const refused = await request('POST', '/rpc/org.get', { ...auth(), Origin: other }, '{}');
      expect(refused.status, other).toBe(403);
      expect(refused.body.toString(), other).not.toContain('"ok"');
    }
    const own = await request('POST', '/rpc/org.get', { ...auth(), Origin: origin }, '{}');
    expect(own.status).toBe(200);
    expect(JSON.parse(own.body.toString())).toMatchObject({ ok: true });
  });

  it('serves the page with a strict CSP', async () => {
    const page = await request('GET', '/', { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
  });

  it('carries the contract: results, validation errors and unknown methods as envelopes', async () => {
    const org = JSON.parse((await request('POST', '/rpc/org.get', auth(), '{}')).body.toString());
    expect(org).toMatchObject({ ok: true, value: { organId: '000.12.34.H41' } });
    const bad = JSON.parse((await request('POST', '/rpc/incoming.register', auth(), JSON.stringify({ fields: {} }))).body.toString());
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = JSON.parse((await request('POST', '/rpc/fs.readFile', auth(), '{}')).body.toString());
    expect(unknown).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('takes uploads outside the envelopes and serves stored bytes back', async () => {
    const bytes = Buffer.from('%PDF-1.7\nnội dung\n');
    const up = JSON.parse((await request('PUT', '/content?name=' + encodeURIComponent('Công văn.pdf'), { Cookie: cookie, 'X-Vanthu': '1' }, bytes)).body.toString());
    expect(up).toMatchObject({ ok: true, value: { size: bytes.length, name: 'Công văn.pdf', mime: 'application/pdf' } });
    const back = await request('GET', `/content/${up.value.hash}?name=x.pdf`, { Cookie: cookie });
    expect(back.body.equals(bytes)).toBe(true);
    expect(back.headers['content-type']).toBe('application/pdf');
    const traversal = await request('GET', '/content/../../etc/passwd', { Cookie: cookie });
    expect(traversal.body.toString()).not.toContain('root:');
  });

  it('pushes contract events over SSE', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get(origin + '/events', { headers: { Cookie: cookie } }, (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
          if (text.includes('event: incoming.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    });
    await new Promise((r) => setTimeout(r, 100));
    await request('POST', '/rpc/incoming.register', auth(), JSON.stringify({ fields: fields(), attachments: [] }));
    expect(await received).toMatch(/data: \{"id":"[0-9a-f-]{36}"\}/);
  });
});

/**
 * `PUT /key-file` on the browser host: a .p12 goes to the core's memory and nowhere under the data folder (the folder
 * is listed before and after, and every file in it searched for the .p12's bytes, a search shown to find them when they
 * do go to the content store); the route has the same guards as the other writes; a released handle asks for the file
 * again.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_FILE_MAX_BYTES } from '../../shared/contract/schemas';
import type { Core } from '../../electron/core/app';
import { startWebHost, type WebHost } from '../../electron/web-host/server';
import { openTestCore, tempDir } from '../support/coreFixture';
import { filesHolding, listFiles } from '../support/secretScan';

let core: Core;
let dataDir: string;
let dispose: () => void;
let host: WebHost;
let origin: string;
let cookie: string;
let p12: Buffer;
const PASSWORD = 'Mật khẩu thử';
const statics = tempDir('vanthu-static-');
const keys = tempDir('vanthu-key-');

/** One self-signed signer in a .p12, made by openssl: all this test needs, in a fraction of a full test PKI's time. */
function makeP12(): Buffer {
  const at = (name: string) => path.join(keys.dir, name);
  execFileSync('openssl', ['req', '-x509', '-utf8', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('key.pem'), '-out', at('cert.pem'), '-days', '2', '-subj', '/CN=Nguyễn Văn An'], { stdio: 'pipe' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', at('key.pem'), '-in', at('cert.pem'), '-out', at('leaf.p12'), '-passout', 'env:VANTHU_KEY_TEST_PASSWORD'], {
    env: { ...process.env, VANTHU_KEY_TEST_PASSWORD: PASSWORD },
    stdio: 'pipe',
  });
  return readFileSync(at('leaf.p12'));
}

function request(method: string, url: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  return new Promise<{ status: number; json: () => { ok: boolean; value?: unknown; error?: { code: string; message: string } } }>((resolve, reject) => {
    const req = http.request(origin + url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => ({ Cookie: cookie, 'X-Vanthu': '1' });
const rpc = async (method: string, input: unknown) =>
  (await request('POST', `/rpc/${method}`, { ...own(), 'Content-Type': 'application/json' }, JSON.stringify(input))).json();

beforeAll(async () => {
  p12 = makeP12();
  ({ core, dir: dataDir, dispose } = await openTestCore());
  mkdirSync(statics.dir, { recursive: true });
  writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>Vanthu</title>');
  host = await startWebHost({ core, staticDir: statics.dir });
  origin = new URL(host.url).origin;
  const login = await new Promise<http.IncomingMessage>((resolve) => http.get(host.url, resolve));
  cookie = String(login.headers['set-cookie']).split(';')[0]!;
}, 30_000);
afterAll(async () => {
  await host?.close();
  dispose?.();
  keys.remove();
  statics.remove();
});

describe('key file upload on the browser host', () => {
  it('keeps the .p12 in memory only: nothing is written under the data folder, yet its certificate can be read', async () => {
    const before = listFiles(dataDir);
    const put = await request('PUT', '/key-file?name=' + encodeURIComponent('chữ ký.p12'), own(), p12);
    expect(put.status).toBe(200);
    const ref = put.json().value as { handle: string; name: string; size: number };
    expect(ref).toMatchObject({ name: 'chữ ký.p12', size: p12.length });

    const certificates = await rpc('signing.certificates', { kind: 'p12', handle: ref.handle, password: PASSWORD });
    expect(certificates).toMatchObject({ ok: true, value: [{ subjectCommonName: 'Nguyễn Văn An', source: { kind: 'p12', handle: ref.handle } }] });
    expect(listFiles(dataDir)).toEqual(before);
    expect(filesHolding(dataDir, p12)).toEqual([]);

    expect(await rpc('keyFiles.release', { handle: ref.handle })).toEqual({ ok: true, value: null });
    const released = await rpc('signing.certificates', { kind: 'p12', handle: ref.handle, password: PASSWORD });
    expect(released).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('chọn lại tệp chứng thư') } });
    const malformed = await rpc('signing.certificates', { kind: 'p12', hash: 'a'.repeat(64), password: PASSWORD });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    // The search finds the bytes when they do reach the disk: the ordinary upload route stores them.
    const stored = await request('PUT', '/content?name=leaf.p12', own(), p12);
    expect(stored.status).toBe(200);
    expect(filesHolding(dataDir, p12)).toHaveLength(1);
  });

  it('has the guards of every write: session cookie, our Host, the X-Vanthu header', async () => {
    const before = listFiles(dataDir);
    expect((await request('PUT', '/key-file?name=a.p12', { 'X-Vanthu': '1' }, p12)).status).toBe(401);
    expect((await request('PUT', '/key-file?name=a.p12', { Cookie: cookie }, p12)).status).toBe(403);
    expect((await request('PUT', '/key-file?name=a.p12', { ...own(), Host: 'evil.example:80' }, p12)).status).toBe(421);
    expect((await request('POST', '/key-file?name=a.p12', own(), p12)).status).toBe(405);
    expect(listFiles(dataDir)).toEqual(before);
  });

  it('refuses an empty or oversized file with a Vietnamese message', async () => {
    const tooLarge = await request('PUT', '/key-file?name=lon.p12', own(), Buffer.alloc(KEY_FILE_MAX_BYTES + 1, 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json()).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('quá lớn (tối đa 256 KB)') } });
    const empty = await request('PUT', '/key-file?name=rong.p12', own(), Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(empty.json()).toMatchObject({ ok: false, error: { message: expect.stringContaining('rỗng') } });
  });

  it('stops reading a body sent without a length at the limit, and keeps serving', async () => {
    const answer = await new Promise<string>((resolve) => {
      const req = http.request(`${origin}/key-file?name=lon.p12`, { method: 'PUT', headers: { ...own(), 'Transfer-Encoding': 'chunked' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(`${res.statusCode} ${Buffer.concat(chunks).toString('utf8')}`));
      });
      // The host may close the connection while the rest is still being sent.
      req.on('error', (error) => resolve(`closed: ${error.message}`));
      let sent = 0;
      const send = () => {
        while (sent < 100) {
          sent++;
          if (!req.write(Buffer.alloc(16 * 1024, 1))) return void req.once('drain', send);
        }
        req.end();
      };
      send();
    });
    expect(answer).toMatch(/^(400 .*quá lớn|closed: )/);
    expect(await rpc('org.get', {})).toMatchObject({ ok: true });
  });
});

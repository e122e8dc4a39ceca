import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { createAppProtocolHandler, resolveRendererPath } from '../../electron/main/appProtocol';
import { createContentStore, type ContentStore } from '../../electron/core/content/contentStore';

let dir: string;
let rendererDir: string;
let content: ContentStore;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vanthu-protocol-'));
  rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Vanthu</title>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  // A file beside the renderer folder whose name starts like it: a prefix check without the separator would leak it.
  await writeFile(path.join(dir, 'renderer-secret.txt'), 'secret');
  await writeFile(path.join(dir, 'secret.txt'), 'secret');
  content = createContentStore(path.join(dir, 'content'));
  handle = createAppProtocolHandler({ rendererDir, content });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('renderer path resolver', () => {
  it('maps paths inside the renderer folder', () => {
    expect(resolveRendererPath('/srv/r', '/assets/app.js')).toBe(path.resolve('/srv/r/assets/app.js'));
    expect(resolveRendererPath('/srv/r', '/')).toBe(path.resolve('/srv/r/index.html'));
    expect(resolveRendererPath('/srv/r', '/a/../index.html')).toBe(path.resolve('/srv/r/index.html'));
  });

  it('refuses traversal, encoded traversal, backslashes, NUL and bad escapes', () => {
    for (const p of ['/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/assets/..%5c..%5csecret.txt', '/..\\secret.txt', '/index.html%00.js', '/%E0%A4%A', '/../renderer-secret.txt']) {
      expect(resolveRendererPath('/srv/r', p), p).toBeNull();
    }
  });
});

describe('app:// protocol', () => {
  it('serves the page with the content security policy', async () => {
    const response = await get('app://vanthu/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Vanthu</title>');
  });

  it('serves assets with their type, and a view path falls back to the page', async () => {
    const script = await get('app://vanthu/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('content-security-policy')).toBeNull();
    const view = await get('app://vanthu/incoming/123');
    expect(view.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await get('app://vanthu/assets/missing.js')).status).toBe(404);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const url of ['app://vanthu/..%2fsecret.txt', 'app://vanthu/assets/..%2f..%2fsecret.txt', 'app://vanthu/..%2frenderer-secret.txt', 'app://vanthu/%2e%2e%2fsecret.txt']) {
      const response = await get(url);
      expect(await response.text(), url).not.toContain('secret');
      expect(response.status, url).toBe(403);
    }
  });

  it('answers only our host and only reads', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://vanthu/index.html', 'POST')).status).toBe(405);
    const head = await get('app://vanthu/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('streams stored content by hash, inline or as a download', async () => {
    const bytes = Buffer.from('%PDF-1.7\n% test bytes\n');
    const { hash } = await content.put(bytes);
    const inline = await get(`app://vanthu/content/${hash}?name=${encodeURIComponent('Công văn 12.pdf')}`);
    expect(inline.status).toBe(200);
    expect(inline.headers.get('content-type')).toBe('application/pdf');
    expect(inline.headers.get('content-length')).toBe(String(bytes.length));
    expect(inline.headers.get('content-disposition')).toBe(`inline; filename*=UTF-8''${encodeURIComponent('Công văn 12.pdf')}`);
    expect(Buffer.from(await inline.arrayBuffer()).equals(bytes)).toBe(true);
    const download = await get(`app://vanthu/content/${hash}?name=so.xlsx&download=1`);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    await download.body?.cancel();
  });

  it('answers 404 for unknown or malformed content hashes', async () => {
    expect((await get(`app://vanthu/content/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('app://vanthu/content/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://vanthu/content/ABC')).status).toBe(404);
  });
});

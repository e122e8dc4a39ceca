/**
 * The browser host: the same core behind HTTP on 127.0.0.1 for machines without the Electron binary.
 * A per-run token, exchanged once for a SameSite=Strict cookie, guards every route; writes also need a custom header
 * so that no other page can post to it, the Host header must be ours (no DNS rebinding) and so must a browser's Origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { EVENT_NAMES } from '../../shared/contract';
import { KEY_FILE_MAX_BYTES } from '../../shared/contract/schemas';
import { AppError } from '../../shared/errors';
import { msg } from '../../shared/messages';
import type { Core } from '../core/app';
import { keyFileTooLarge } from '../core/key-files/keyFileStore';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { contentHeaders, STATIC_TYPES } from '../../shared/httpHeaders';

export interface WebHostOptions {
  core: Core;
  /** The built renderer (vite's output). */
  staticDir: string;
  port?: number;
}

export interface WebHost {
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

const COOKIE = 'vanthu_session';
const MAX_RPC_BODY = 4 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { core, staticDir } = options;
  const token = randomBytes(32).toString('hex');
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(`[web-host] ${req.method} ${req.url?.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: msg('error.internal') } });
      else res.destroy();
    });
  });

  let origin = '';
  const isOurHost = (req: http.IncomingMessage) => req.headers.host === origin.slice('http://'.length);
  const hasSession = (req: http.IncomingMessage) => {
    const cookie = (req.headers.cookie ?? '').split(/;\s*/).find((c) => c.startsWith(`${COOKIE}=`));
    return cookie !== undefined && sameSecret(cookie.slice(COOKIE.length + 1), token);
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (!isOurHost(req)) return sendText(res, 421, 'Misdirected request');
    // A page of another origin (or a rebound name) may not call the core, whatever it holds.
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return sendText(res, 403, 'Forbidden');
    const url = new URL(req.url ?? '/', origin);

    // The printed address carries the token once; it becomes a cookie and leaves the address bar.
    if (url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) return sendText(res, 401, msg('error.unauthorized'));
      res.writeHead(303, {
        'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (!hasSession(req)) return sendText(res, 401, msg('error.unauthorized'));

    if (url.pathname.startsWith('/rpc/') && req.method === 'POST') {
      if (req.headers['x-vanthu'] !== '1') return sendText(res, 403, 'Forbidden');
      const body = await readBody(req, MAX_RPC_BODY);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: msg('error.badInput') } });
      }
      return sendJson(res, 200, await core.dispatch(decodeURIComponent(url.pathname.slice('/rpc/'.length)), input));
    }
    if (url.pathname === '/content' && req.method === 'PUT') {
      if (req.headers['x-vanthu'] !== '1') return sendText(res, 403, 'Forbidden');
      const ref = await core.stage(req, url.searchParams.get('name') ?? 'tep');
      return sendJson(res, 200, { ok: true, value: ref });
    }
    // Key files (.p12/.pfx) go to the core's memory, never to the content store: see core/key-files.
    if (url.pathname === '/key-file' && req.method === 'PUT') {
      if (req.headers['x-vanthu'] !== '1') return sendText(res, 403, 'Forbidden');
      return receiveKeyFile(req, res, url);
    }
    if (url.pathname.startsWith('/content/') && req.method === 'GET') return sendContent(req, res, url);
    if (url.pathname === '/events' && req.method === 'GET') return streamEvents(req, res);
    if (req.method === 'GET') return sendStatic(res, url.pathname);
    return sendText(res, 405, 'Method not allowed');
  }

  async function receiveKeyFile(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const refuse = (status: number, error: AppError) => {
      // The rest of a refused body is not read: the connection closes after the answer.
      res.setHeader('Connection', 'close');
      sendJson(res, status, { ok: false, error: { code: error.code, message: error.message } });
    };
    // Browsers send the length of a file body: a file too large is refused before a byte of it is read.
    if (Number(req.headers['content-length'] ?? 0) > KEY_FILE_MAX_BYTES) return refuse(413, keyFileTooLarge());
    try {
      return sendJson(res, 200, { ok: true, value: await core.keyFiles.put(req, url.searchParams.get('name') ?? 'tep') });
    } catch (error) {
      if (error instanceof AppError) return refuse(400, error);
      throw error;
    }
  }

  async function sendContent(_req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const hash = url.pathname.slice('/content/'.length);
    if (!(await core.content.has(hash))) return sendText(res, 404, msg('error.notFound'));
    res.writeHead(200, contentHeaders(hash, await core.content.size(hash), url.searchParams));
    createReadStream(core.content.pathOf(hash)).pipe(res);
  }

  function streamEvents(req: http.IncomingMessage, res: http.ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = core.events.subscribe((event, payload) => {
      if (EVENT_NAMES.includes(event)) res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  async function sendStatic(res: http.ServerResponse, pathname: string) {
    const root = path.resolve(staticDir);
    let file = path.resolve(root, `.${decodeURIComponent(pathname)}`);
    if (!file.startsWith(root + path.sep) && file !== root) return sendText(res, 403, 'Forbidden');
    const stat = await fs.stat(file).catch(() => null);
    // Unknown paths fall back to the app's page so that reloading a view works.
    if (!stat || stat.isDirectory()) file = path.join(root, 'index.html');
    const type = STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
    if (type.startsWith('text/html')) {
      headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      headers['Cache-Control'] = 'no-store';
      headers['X-Frame-Options'] = 'DENY';
      headers['Referrer-Policy'] = 'no-referrer';
    }
    const body = await fs.readFile(file).catch(() => null);
    if (!body) return sendText(res, 404, 'Not found');
    res.writeHead(200, headers);
    res.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

function sendText(res: http.ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/**
 * The app:// protocol: the built renderer from its folder, and stored document bytes under /content/<hash>.
 * Written against the Fetch API's Request/Response (what Electron's protocol.handle uses), so it runs in plain Node too.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { CONTENT_SECURITY_POLICY } from '../../shared/contentSecurityPolicy';
import { contentHeaders, STATIC_TYPES } from '../../shared/httpHeaders';
import { APP_HOST } from './appOrigin';

/** The part of the core's content store the protocol reads. */
export interface ContentSource {
  has(hash: string): Promise<boolean>;
  size(hash: string): Promise<number>;
  pathOf(hash: string): string;
}

export interface AppProtocolOptions {
  /** The built renderer (vite's output). */
  rendererDir: string;
  content: ContentSource;
}

const CONTENT_PREFIX = '/content/';
const HASH = /^[0-9a-f]{64}$/;

/**
 * Maps a URL path to a file inside the renderer folder, or null when the path is malformed or would leave the folder
 * (`..`, encoded `%2e%2e%2f`, backslashes, NUL, absolute drive paths).
 */
export function resolveRendererPath(rendererDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file === root ? path.join(root, 'index.html') : file;
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed');
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return text(404, 'Not found');
    const response = url.pathname.startsWith(CONTENT_PREFIX) ? await serveContent(options.content, url) : await serveRenderer(options.rendererDir, url.pathname);
    return request.method === 'HEAD' ? new Response(null, { status: response.status, headers: response.headers }) : response;
  };
}

async function serveContent(content: ContentSource, url: URL): Promise<Response> {
  const hash = url.pathname.slice(CONTENT_PREFIX.length);
  if (!HASH.test(hash) || !(await content.has(hash))) return text(404, 'Not found');
  const body = Readable.toWeb(createReadStream(content.pathOf(hash))) as ReadableStream<Uint8Array>;
  return new Response(body, { status: 200, headers: contentHeaders(hash, await content.size(hash), url.searchParams) });
}

async function serveRenderer(rendererDir: string, pathname: string): Promise<Response> {
  const resolved = resolveRendererPath(rendererDir, pathname);
  if (!resolved) return text(403, 'Forbidden');
  let file = resolved;
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) {
    // A view's path without a file extension is the app's page (reloading a view works); a missing asset is a 404.
    if (path.extname(file) !== '') return text(404, 'Not found');
    file = path.join(path.resolve(rendererDir), 'index.html');
  }
  const body = await fs.readFile(file).catch(() => null);
  if (!body) return text(404, 'Not found');
  const type = STATIC_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' };
  if (type.startsWith('text/html')) {
    headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    headers['Cache-Control'] = 'no-store';
    headers['Referrer-Policy'] = 'no-referrer';
  }
  return new Response(new Uint8Array(body), { status: 200, headers });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

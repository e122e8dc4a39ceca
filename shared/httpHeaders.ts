/**
 * Headers both page servers send (Electron's app:// protocol and the browser host), so the two transports serve files
 * identically.
 */

/** Content types of the renderer's built files. */
export const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ftl': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

/** The query of a content URL (a URLSearchParams; shared/ has no DOM or Node types). */
export interface ContentQuery {
  get(name: string): string | null;
  has(name: string): boolean;
}

/**
 * Headers for stored document bytes at `/content/<hash>?name=&type=pdf&download=1`: shown inline (PDFs in the viewer)
 * or saved under their own name, never sniffed into something executable.
 */
export function contentHeaders(hash: string, size: number, query: ContentQuery): Record<string, string> {
  const name = query.get('name') ?? hash;
  const isPdf = query.get('type') === 'pdf' || name.toLowerCase().endsWith('.pdf');
  return {
    'Content-Type': isPdf ? 'application/pdf' : 'application/octet-stream',
    'Content-Length': String(size),
    'Content-Disposition': `${query.has('download') ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
  };
}

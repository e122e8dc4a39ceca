/**
 * The blob handlers mounted in a bare node:http server, as the real router will mount them, for tests and the bench.
 * Every answer says `Connection: close` so each request has its own connection (see faultProxy.ts).
 */
import http from 'node:http';
import type net from 'node:net';
import { SYNC_PATHS } from '../../shared/contract/syncWire';
import { documentBlob, uploadChunk, uploadState, type BlobContext, type BlobHandler } from '../../server/blobs/blobRoutes';
import type { BlobStore } from '../../server/blobs/blobStore';
import { createFolderBlobStore } from '../../server/blobs/folderBlobStore';

export interface BlobServer {
  url: string;
  port: number;
  store: BlobStore;
  /** Every request the handlers finished: method and status, for counting resends and refusals. */
  answered: { method: string; status: number; offset: string | undefined }[];
  close(): Promise<void>;
}

export interface BlobServerOptions {
  dataDir: string;
  canRead?: BlobContext['canRead'];
  /** Listen on this port (a restart over the same folder keeps the proxy's target). */
  port?: number;
}

function route(req: http.IncomingMessage): BlobHandler | null {
  const path = req.url ?? '';
  if (path.startsWith(SYNC_PATHS.blob)) return req.method === 'PATCH' ? uploadChunk : req.method === 'HEAD' || req.method === 'GET' ? uploadState : null;
  if (path.startsWith(SYNC_PATHS.documentBlob) && (req.method === 'GET' || req.method === 'HEAD')) return documentBlob;
  return null;
}

export async function startBlobServer(options: BlobServerOptions): Promise<BlobServer> {
  const store = createFolderBlobStore(options.dataDir);
  const ctx: BlobContext = { user: { id: 'u1', orgId: 'org1' }, store, canRead: options.canRead ?? (async () => true) };
  const answered: BlobServer['answered'] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    res.setHeader('Connection', 'close');
    const handler = route(req);
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    handler(req, res, ctx).then(
      () => answered.push({ method: req.method ?? '', status: res.statusCode, offset: req.headers['upload-offset'] as string | undefined }),
      () => {
        // A request cut mid-body ends here; a real fault answers 500 when it still can.
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      },
    );
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    store,
    answered,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

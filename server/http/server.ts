/** The HTTP(S) listener around a router: TLS when a certificate and key are given, plain HTTP otherwise. */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import { msg } from '../../shared/messages';
import { isOwnHost, isOwnOrigin } from './requestOrigin';
import { HttpError, sendError } from './respond';
import type { Router } from './router';

const CLOSE_GRACE_MS = 5000;

export interface ListenOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  tls?: { cert: Buffer; key: Buffer };
  /**
   * Answers every request with `Connection: close`: one TCP connection per request, as the tests' fault proxy needs to
   * cut or replay whole requests. Production keeps connections alive.
   */
  closeConnections?: boolean;
  /** The server's DNS names, accepted in the Host header beside IP addresses and localhost (see requestOrigin.ts). */
  hostNames?: readonly string[];
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** A refusal before any route: the body is not read, so the connection closes after the answer. */
function refuse(res: http.ServerResponse, error: HttpError): void {
  res.setHeader('Connection', 'close');
  sendError(res, error);
}

export async function listen(router: Router, options: ListenOptions): Promise<RunningServer> {
  const names = new Set((options.hostNames ?? []).map((name) => name.toLowerCase()));
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (options.closeConnections) res.shouldKeepAlive = false;
    if (!isOwnHost(req.headers.host, names)) return refuse(res, new HttpError(421, 'WRONG_HOST', msg('server.wrongHost')));
    if (!isOwnOrigin(req)) return refuse(res, new HttpError(403, 'FOREIGN_ORIGIN', msg('server.foreignOrigin')));
    void router.handle(req, res);
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, handler) : http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as net.AddressInfo;
  // Listening on every interface, the server is still reached at loopback from this machine.
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Idle keep-alive connections would hold close() open until they time out; requests still running get a grace period.
        const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(grace);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

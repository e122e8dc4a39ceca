/**
 * Two checks before any route: the Host header names this server, and a browser's request comes from this server's
 * own pages.
 * - DNS rebinding: a page on a name its author controls, re-pointed at this server's address, reaches the server with
 *   that name as Host. Such an attack needs a name, so IP addresses and localhost are always accepted (clients are
 *   given the server's address, and the tests' proxies pass theirs); a DNS name only when the server was told it is its
 *   own (`--host-name`).
 * - Another origin: browsers name the page's origin in `Origin`; only this server's own origin may call it (the admin
 *   page). Clients that are not browsers send none.
 */
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** The host part of a Host header: "[::1]:8787" → "::1", "vanthu.tinh.gov.vn:443" → "vanthu.tinh.gov.vn". */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  return host.replace(/:\d+$/, '').toLowerCase();
}

export function isOwnHost(host: string | undefined, names: ReadonlySet<string>): boolean {
  if (!host) return false;
  const name = hostName(host);
  return isIP(name) !== 0 || name === 'localhost' || names.has(name);
}

export function isOwnOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

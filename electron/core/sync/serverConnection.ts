/**
 * One logged-in connection to the central server: the short-lived access token is kept in memory and renewed with
 * the refresh token, which rotates on every renewal; the caller keeps the newest refresh token.
 */
import type { z } from 'zod';
import { Session, type Session as SessionValue } from '../../../shared/contract/syncWire';
import { SYNC_PATHS } from '../../../shared/contract/syncWire';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';

export interface ServerConnection {
  readonly baseUrl: string;
  /** `Bearer …` for a request now, renewing the access token first when it is about to expire. */
  authHeader(): Promise<string>;
  /** A JSON request with the access token; one renewal and retry when the server says the token is no longer valid. */
  call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, body: unknown, schema: S): Promise<z.infer<S>>;
  user(): SessionValue['user'];
}

export interface ConnectionOptions {
  baseUrl: string;
  /** Called with each new refresh token, to be stored for the next start. */
  onRefreshToken(token: string): void;
  fetch?: typeof fetch;
  /** Milliseconds a request may take before it counts as a dropped connection. */
  timeoutMs?: number;
}

/** Logs in with a password. */
export async function connectWithPassword(options: ConnectionOptions, username: string, password: string): Promise<ServerConnection> {
  const session = await request(options, 'POST', SYNC_PATHS.login, null, { username, password }, Session, 'sync.loginRefused');
  return connection(options, session);
}

/** Resumes with a stored refresh token (after a restart). */
export async function connectWithRefreshToken(options: ConnectionOptions, refreshToken: string): Promise<ServerConnection> {
  const session = await request(options, 'POST', SYNC_PATHS.refresh, null, { refreshToken }, Session, 'sync.sessionExpired');
  return connection(options, session);
}

function connection(options: ConnectionOptions, first: SessionValue): ServerConnection {
  let session = first;
  let expiresAt = Date.now() + session.expiresIn * 1000;
  let renewing: Promise<void> | null = null;
  options.onRefreshToken(session.refreshToken);

  function renew(): Promise<void> {
    // One renewal at a time: a rotated refresh token used twice would revoke the whole session.
    renewing ??= request(options, 'POST', SYNC_PATHS.refresh, null, { refreshToken: session.refreshToken }, Session, 'sync.sessionExpired')
      .then((next) => {
        session = next;
        expiresAt = Date.now() + next.expiresIn * 1000;
        options.onRefreshToken(next.refreshToken);
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  }

  async function authHeader(): Promise<string> {
    if (Date.now() > expiresAt - 30_000) await renew();
    return `Bearer ${session.accessToken}`;
  }

  return {
    baseUrl: options.baseUrl,
    authHeader,
    user: () => session.user,
    async call(method, path, body, schema) {
      try {
        return await request(options, method, path, await authHeader(), body, schema, 'sync.sessionExpired');
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'UNAUTHORIZED') throw error;
        await renew();
        return request(options, method, path, await authHeader(), body, schema, 'sync.sessionExpired');
      }
    },
  };
}

async function request<S extends z.ZodType>(
  options: ConnectionOptions,
  method: 'GET' | 'POST',
  path: string,
  auth: string | null,
  body: unknown,
  schema: S,
  refusedMessage: 'sync.loginRefused' | 'sync.sessionExpired',
): Promise<z.infer<S>> {
  const send = () =>
    (options.fetch ?? fetch)(new URL(path, options.baseUrl), {
      method,
      headers: { ...(auth ? { authorization: auth } : {}), ...(body === null || method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: body === null || method === 'GET' ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
    });
  let response: Response;
  try {
    // A kept-alive connection the server closed while this computer was busy fails the first request at once: one
    // more try on a new connection. A refresh may be tried again too: the server takes a token shown again within a
    // minute, its answer lost, as the same client (server/accounts/sessions.ts).
    response = await send().catch(() => send());
  } catch (error) {
    throw unreachable(error, options.baseUrl);
  }
  if (response.status === 401) throw new AppError('UNAUTHORIZED', msg(refusedMessage));
  if (response.status === 403) throw new AppError('FORBIDDEN', msg('sync.forbidden'));
  if (response.status >= 500) throw new AppError('OFFLINE', msg('sync.serverError', { status: response.status }));
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    // A response cut in the middle is a dropped connection, not a broken server.
    throw new AppError('OFFLINE', msg('sync.offline', { url: options.baseUrl }));
  }
  if (!response.ok) {
    const message = (json as { error?: { message?: string } }).error?.message;
    throw new AppError('BAD_INPUT', message ?? msg('sync.serverError', { status: response.status }));
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new AppError('INTERNAL', msg('sync.badAnswer'));
  return parsed.data;
}

/**
 * Node's codes for a certificate this computer cannot trust (fetch gives them as the cause of its TypeError): the server
 * answered, so "cannot reach the server" would send people looking at the network instead of at the certificate.
 */
const CERTIFICATE_ERRORS = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Still OFFLINE for the sync engine (the work waits on this computer), with the reason people can act on. */
function unreachable(error: unknown, url: string): AppError {
  const code = ((error as Error).cause as { code?: unknown } | undefined)?.code;
  const untrusted = typeof code === 'string' && CERTIFICATE_ERRORS.has(code);
  return new AppError('OFFLINE', msg(untrusted ? 'sync.untrustedCertificate' : 'sync.offline', { url }));
}

/**
 * The server's routes over one database: the place where every module of server/ plugs its routes in
 * (accounts here; sync and blobs add theirs with one line each).
 */
import { sharedSecret } from './db/secretsRepo';
import type { Pool } from './db/pool';
import { registerAccountRoutes } from './http/accountRoutes';
import { createAuthenticator } from './http/auth';
import { createRouter, type Router } from './http/router';

export async function createApp(pool: Pool): Promise<Router> {
  const accessKey = await sharedSecret(pool, 'access-token-hmac', 32);
  const router = createRouter(pool, createAuthenticator(pool, accessKey));
  registerAccountRoutes(router, accessKey);
  return router;
}

/**
 * The server's routes over one database and one blob folder: the place where every module of server/ plugs its routes
 * in. Files are kept per organisation: a file is on the server for an organisation only once that organisation has
 * uploaded it, so knowing a hash never lets one organisation reference (and then download) another's file.
 */
import path from 'node:path';
import { SYNC_PATHS, SyncEntity } from '../shared/contract/syncWire';
import { registerAdminPage } from './admin/adminPage';
import { registerAdminRoutes } from './admin/adminRoutes';
import { documentBlob, uploadChunk, uploadState, type BlobHandler } from './blobs/blobRoutes';
import type { BlobStore } from './blobs/blobStore';
import { createFolderBlobStore } from './blobs/folderBlobStore';
import { sharedSecret } from './db/secretsRepo';
import type { Pool } from './db/pool';
import { createAxisRepo, createExchangeRepo } from './db/exchangeRepo';
import { createSyncRepo } from './db/syncRepo';
import { registerAxisRoutes } from './exchange/axisRoutes';
import { registerExchangeRoutes } from './exchange/exchangeRoutes';
import { readPackageHeader } from './exchange/packageHeader';
import { registerAccountRoutes } from './http/accountRoutes';
import { createAuthenticator } from './http/auth';
import { createRouter, type RouteHandler, type Router } from './http/router';
import { viewerOf } from './sync/audience';
import { registerSyncRoutes } from './sync/syncRoutes';

export interface App {
  router: Router;
  /** Stops listening for other server processes' changes. */
  close(): Promise<void>;
}

export interface AppOptions {
  dataDir: string;
  /** The kinds of records this server syncs: every kind of this version unless a test stands in for an older server. */
  kinds?: readonly SyncEntity[];
}

export async function createApp(pool: Pool, options: AppOptions): Promise<App> {
  const { kinds = SyncEntity.options } = options;
  const accessKey = await sharedSecret(pool, 'access-token-hmac', 32);
  const router = createRouter(pool, createAuthenticator(pool, accessKey));
  const repo = createSyncRepo(pool);
  registerAccountRoutes(router, accessKey, kinds);
  registerAdminRoutes(router, (orgId) => repo.notify(orgId));
  registerAdminPage(router);

  const stores = new Map<string, BlobStore>();
  const storeOf = (orgId: string) => {
    let store = stores.get(orgId);
    if (!store) stores.set(orgId, (store = createFolderBlobStore(path.join(options.dataDir, 'orgs', orgId))));
    return store;
  };
  const blobRoute = (handler: BlobHandler): RouteHandler => (req, res, { user }) =>
    handler(req, res, { user, store: storeOf(user.orgId), canRead: (orgId, entity, id, hash) => repo.documentHasBlob(orgId, viewerOf(user), entity, id, hash) });
  for (const method of ['GET', 'HEAD'] as const) router.add(method, SYNC_PATHS.blob, blobRoute(uploadState));
  router.add('PATCH', SYNC_PATHS.blob, blobRoute(uploadChunk));
  router.add('GET', SYNC_PATHS.documentBlob, blobRoute(documentBlob));

  registerExchangeRoutes(router, { exchange: createExchangeRepo(pool), sync: repo, storeOf });
  registerAxisRoutes(router, { axis: createAxisRepo(pool), sync: repo, storeOf, dataDir: options.dataDir });
  const stopListening = await registerSyncRoutes(router, {
    repo,
    kinds,
    hasBlob: async (orgId, hash) => (await storeOf(orgId).state(hash)).complete,
    packageHeader: (orgId, hash) => readPackageHeader(storeOf(orgId), hash),
  });
  return { router, close: stopListening };
}

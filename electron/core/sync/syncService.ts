/**
 * Sync with the central server, as the rest of the core sees it: log in (taking the organisation's profile from the
 * server), run a round now, and say where things stand. Nothing here is needed to work: every service keeps working
 * on the local cache, and the outbox waits for the next round.
 */
import type { SyncReport, SyncStatus } from '../../../shared/contract/syncSchemas';
import { OrgSnapshot, SYNC_PATHS } from '../../../shared/contract/syncWire';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { OrgRepo } from '../db/orgRepo';
import { connectWithPassword, connectWithRefreshToken, type ServerConnection } from './serverConnection';
import { syncOnce, type FileTransfer, type SyncProgress, type SyncStore } from './syncEngine';

/** Small values the sync keeps between runs (server address, user, refresh token, last success). */
export interface SyncSettings {
  get(key: SyncSettingKey): Promise<string | null>;
  set(key: SyncSettingKey, value: string | null): Promise<void>;
}
export type SyncSettingKey = 'serverUrl' | 'username' | 'refreshToken' | 'lastSyncAt' | 'lastError';


export interface SyncLocalState {
  pendingCount(): Promise<number>;
  oldestPendingAt(): Promise<string | null>;
  rejected(): Promise<{ id: string; message: string; at: string }[]>;
  /** True when the cache holds documents made before this computer was connected to a server. */
  hasDocuments(): Promise<boolean>;
  /** One creation per document already in the cache, for the first login of a computer that worked alone. */
  uploadAll(): Promise<number>;
}

export interface SyncService {
  login(input: { serverUrl: string; username: string; password: string }): Promise<SyncStatus>;
  syncNow(onProgress?: (p: SyncProgress) => void): Promise<SyncReport>;
  status(): Promise<SyncStatus>;
}

export interface SyncServiceDeps {
  store: SyncStore & SyncLocalState;
  settings: SyncSettings;
  org: OrgRepo;
  /** The file channel for a logged-in connection. */
  files(server: ServerConnection): FileTransfer;
  now?: () => Date;
  fetch?: typeof fetch;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  let connection: ServerConnection | null = null;
  let online = false;
  let running: Promise<SyncReport> | null = null;
  const now = deps.now ?? (() => new Date());
  const options = (baseUrl: string) => ({
    baseUrl,
    fetch: deps.fetch,
    onRefreshToken: (token: string) => void deps.settings.set('refreshToken', token),
  });

  async function connect(): Promise<ServerConnection> {
    if (connection) return connection;
    const [serverUrl, token] = [await deps.settings.get('serverUrl'), await deps.settings.get('refreshToken')];
    if (!serverUrl || !token) throw new AppError('NOT_SET_UP', msg('sync.notLoggedIn'));
    connection = await connectWithRefreshToken(options(serverUrl), token);
    return connection;
  }

  async function adoptProfile(server: ServerConnection) {
    const profile = await server.call('GET', SYNC_PATHS.org, null, OrgSnapshot);
    await deps.org.adopt(profile, server.user().id);
  }

  async function round(onProgress?: (p: SyncProgress) => void): Promise<SyncReport> {
    try {
      const server = await connect();
      await adoptProfile(server);
      const report = await syncOnce(deps.store, server, deps.files(server), onProgress);
      online = true;
      await deps.settings.set('lastSyncAt', now().toISOString());
      await deps.settings.set('lastError', null);
      return report;
    } catch (error) {
      online = false;
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') connection = null;
      await deps.settings.set('lastError', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  async function status(): Promise<SyncStatus> {
    return {
      serverUrl: await deps.settings.get('serverUrl'),
      username: await deps.settings.get('username'),
      online,
      pending: await deps.store.pendingCount(),
      oldestPendingAt: await deps.store.oldestPendingAt(),
      rejected: await deps.store.rejected(),
      lastSyncAt: await deps.settings.get('lastSyncAt'),
      lastError: await deps.settings.get('lastError'),
    };
  }

  return {
    async login({ serverUrl, username, password }) {
      const server = await connectWithPassword(options(serverUrl), username, password);
      await deps.settings.set('serverUrl', serverUrl);
      await deps.settings.set('username', username);
      connection = server;
      online = true;
      const hadDocuments = await deps.store.hasDocuments();
      await adoptProfile(server);
      if (hadDocuments) await deps.store.uploadAll();
      return status();
    },
    syncNow(onProgress) {
      // Rounds never overlap: a timer, a reconnect and a change may all ask at once.
      running ??= round(onProgress).finally(() => {
        running = null;
      });
      return running;
    },
    status,
  };
}

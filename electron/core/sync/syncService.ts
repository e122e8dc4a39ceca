/**
 * Sync with the central server, as the rest of the core sees it: log in (taking the organisation's profile from the
 * server), run a round now, and say where things stand. Nothing here is needed to work: every service keeps working
 * on the local cache, and the outbox waits for the next round.
 */
import type { SyncReport, SyncStatus } from '../../../shared/contract/syncSchemas';
import { OrgSnapshot, SYNC_PATHS, type SyncEntity } from '../../../shared/contract/syncWire';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { OrgRepo } from '../db/orgRepo';
import { connectWithPassword, connectWithRefreshToken, type ServerConnection } from './serverConnection';
import type { ContentStore } from '../content/contentStore';
import type { SyncRepo } from '../db/sync/syncRepo';
import { createBlobTransfer } from './blobTransfer';
import { createNumberingLeases } from './numberingLeases';
import { syncOnce, type FileTransfer, type SyncProgress } from './syncEngine';

export interface SyncService {
  login(input: { serverUrl: string; username: string; password: string }): Promise<SyncStatus>;
  syncNow(onProgress?: (p: SyncProgress) => void): Promise<SyncReport>;
  status(): Promise<SyncStatus>;
  /** Takes a register's numbering for a year on this computer (online only). */
  takeLease(input: { register: string; year: number }): Promise<SyncStatus>;
  /** Gives it back after a round that pushed every number taken under it (online only). */
  releaseLease(input: { register: string; year: number }): Promise<SyncStatus>;
}

/**
 * Keeps the refresh token unreadable on disk where the operating system offers a key (Electron's safeStorage: DPAPI,
 * Keychain, libsecret). Without one (the CLI, the browser host) the token is kept as it is, in the data folder that
 * only its user can read, and the server can revoke it.
 */
export interface SecretSeal {
  seal(secret: string): string;
  /** Null when the sealed value cannot be opened here (another user, another computer, no key): log in again. */
  open(sealed: string): string | null;
}

const UNSEALED: SecretSeal = { seal: (s) => s, open: (s) => s };

export interface SyncServiceDeps {
  repo: SyncRepo;
  seal?: SecretSeal;
  org: OrgRepo;
  content: ContentStore;
  now?: () => Date;
  fetch?: typeof fetch;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  let connection: ServerConnection | null = null;
  let online = false;
  let running: Promise<SyncReport> | null = null;
  const now = deps.now ?? (() => new Date());
  const seal = deps.seal ?? UNSEALED;
  const leases = createNumberingLeases(deps.repo);
  const options = (baseUrl: string) => ({
    baseUrl,
    fetch: deps.fetch,
    onRefreshToken: (token: string) => void deps.repo.setState('refreshToken', seal.seal(token)),
  });

  async function connect(): Promise<ServerConnection> {
    if (connection) return connection;
    const [serverUrl, sealed] = [await deps.repo.state('serverUrl'), await deps.repo.state('refreshToken')];
    if (!serverUrl || !sealed) throw new AppError('NOT_SET_UP', msg('sync.notLoggedIn'));
    const token = seal.open(sealed);
    if (!token) throw new AppError('UNAUTHORIZED', msg('sync.sessionExpired'));
    connection = await connectWithRefreshToken(options(serverUrl), token);
    return connection;
  }

  function filesOver(server: ServerConnection): FileTransfer {
    const transfer = createBlobTransfer({ baseUrl: server.baseUrl, authHeader: () => server.authHeader(), store: deps.content });
    return {
      upload: (hash) => transfer.upload(hash),
      download: (entity, id, hash) => transfer.download(entity as SyncEntity, id, hash),
      has: (hash) => deps.content.has(hash),
    };
  }

  async function adoptProfile(server: ServerConnection) {
    const profile = await server.call('GET', SYNC_PATHS.org, null, OrgSnapshot);
    await deps.org.adopt(profile, server.user().id);
  }

  async function round(onProgress?: (p: SyncProgress) => void): Promise<SyncReport> {
    try {
      const server = await connect();
      await adoptProfile(server);
      const report = await syncOnce(deps.repo, server, filesOver(server), onProgress);
      await leases.refresh(server);
      online = true;
      await deps.repo.setState('lastSyncAt', now().toISOString());
      await deps.repo.setState('lastError', null);
      return report;
    } catch (error) {
      online = false;
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') connection = null;
      await deps.repo.setState('lastError', error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  function syncNow(onProgress?: (p: SyncProgress) => void): Promise<SyncReport> {
    // Rounds never overlap: a timer, a reconnect and a change may all ask at once.
    running ??= round(onProgress).finally(() => {
      running = null;
    });
    return running;
  }

  async function status(): Promise<SyncStatus> {
    const pending = await deps.repo.pending();
    const rejected = (await deps.repo.outbox(['rejected'])).map((e) => ({ id: e.mutation.id, message: e.reason?.message ?? '', at: e.mutation.event.at }));
    const me = await deps.repo.clientId();
    return {
      serverUrl: await deps.repo.state('serverUrl'),
      username: await deps.repo.state('username'),
      online,
      pending: pending.count,
      oldestPendingAt: pending.oldestAt,
      rejected,
      lastSyncAt: await deps.repo.state('lastSyncAt'),
      lastError: await deps.repo.state('lastError'),
      leases: (await deps.repo.leases()).map((l) => ({ register: l.register, year: l.year, holder: l.holder, mine: l.clientId === me, lastNumber: l.lastNumber })),
    };
  }

  return {
    async login({ serverUrl, username, password }) {
      const server = await connectWithPassword(options(serverUrl), username, password);
      await deps.repo.setState('serverUrl', serverUrl);
      await deps.repo.setState('username', username);
      connection = server;
      online = true;
      const hadDocuments = await deps.repo.hasDocuments();
      await adoptProfile(server);
      if (hadDocuments && !(await deps.repo.state('uploadedAll'))) await deps.repo.uploadAll(now().toISOString());
      await leases.refresh(server);
      // The clerk's computer numbers the incoming register unless another computer already does.
      const year = now().getFullYear();
      const incoming = (await deps.repo.leases()).find((l) => l.register === 'incoming' && l.year === year);
      if (server.user().role === 'van_thu' && !incoming?.clientId) await leases.take(server, 'incoming', year);
      return status();
    },
    async takeLease({ register, year }) {
      await leases.take(await connect(), register, year);
      return status();
    },
    async releaseLease({ register, year }) {
      await syncNow();
      await leases.release(await connect(), register, year);
      return status();
    },
    syncNow,
    status,
  };
}

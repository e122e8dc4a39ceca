/**
 * Sync with the central server, as the rest of the core sees it: log in (taking the organisation's profile from the
 * server), run a round now, and say where things stand. Nothing here is needed to work: every service keeps working
 * on the local cache, and the outbox waits for the next round.
 */
import type { EventName } from '../../../shared/contract';
import type { SyncReport, SyncStatus } from '../../../shared/contract/syncSchemas';
import { OrgSnapshot, SYNC_PATHS, SyncEntity } from '../../../shared/contract/syncWire';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { OrgRepo } from '../db/orgRepo';
import type { OrgSettingsOnPc } from '../org/orgSettings';
import { connectWithPassword, connectWithRefreshToken, type ServerConnection } from './serverConnection';
import type { ContentStore } from '../content/contentStore';
import type { SyncRepo } from '../db/sync/syncRepo';
import type { Actor } from '../db/eventLog';
import type { EventHub } from '../events';
import { createBlobTransfer, type TransferProgress } from './blobTransfer';
import type { ExchangeRound, PackageFiles } from './exchangeRound';
import { createNumberingLeases } from './numberingLeases';
import { listenForPokes } from './pokeStream';
import { syncOnce, type FileTransfer, type PullScope, type SyncProgress, type SyncStore } from './syncEngine';

export interface SyncService {
  login(input: { serverUrl: string; username: string; password: string }): Promise<SyncStatus>;
  syncNow(onProgress?: (p: SyncProgress) => void): Promise<SyncReport>;
  status(): Promise<SyncStatus>;
  /** True once this computer holds a session (it logged in, here or before a restart). */
  loggedIn(): Promise<boolean>;
  /** Gives a refused change up. */
  withdraw(id: string): Promise<SyncStatus>;
  /** Applies a refused change again as the person acting now; the next round sends it. */
  reapply(id: string): Promise<SyncStatus>;
  /** Listens to the server's pokes until the stream ends or breaks. */
  listenForPokes(handlers: { signal: AbortSignal; onOpen(): void; onPoke(): void }): Promise<void>;
  /** Takes a register's numbering for a year on this computer (online only). */
  takeLease(input: { register: string; year: number }): Promise<SyncStatus>;
  /** Gives it back after a round that pushed every number taken under it (online only). */
  releaseLease(input: { register: string; year: number }): Promise<SyncStatus>;
}

/** Keeps the refresh token unreadable in the database (tokenSeal.ts says how, on each host). */
export interface SecretSeal {
  seal(secret: string): string;
  /** Null when the sealed value cannot be opened here (another user, another computer, no key): log in again. */
  open(sealed: string): string | null;
}

export interface SyncServiceDeps {
  repo: SyncRepo;
  org: OrgRepo;
  orgSettings: OrgSettingsOnPc;
  content: ContentStore;
  events: EventHub;
  /** The person acting now, the author of a reapplied change. */
  actor(): Promise<Actor>;
  seal: SecretSeal;
  now?: () => Date;
  fetch?: typeof fetch;
  /** The kinds this version syncs: all it knows (a shorter list stands for an older version). */
  kinds?: readonly SyncEntity[];
  /** The edXML packages of a clerk's rounds: the organisation's inbox taken, statuses sent back. */
  exchange?: ExchangeRound;
}

/** Status pushed to the UI at most this often while files move. */
const PROGRESS_EVERY_MS = 250;

/** The event that tells open views a pulled record of each kind changed. */
const CHANGED_EVENT = {
  incoming: 'incoming.changed',
  outgoing: 'outgoing.changed',
  directive: 'directive.changed',
  filePlanEntry: 'workFile.changed',
  workFile: 'workFile.changed',
} as const satisfies Record<SyncEntity, EventName>;

export function createSyncService(deps: SyncServiceDeps): SyncService {
  let connection: ServerConnection | null = null;
  let online = false;
  let running: Promise<SyncReport> | null = null;
  // What only a running round knows, for the status.
  let files: Map<string, TransferProgress> | null = null;
  let firstSync: { done: number; total: number } | null = null;
  let catchUp: { done: number; total: number } | null = null;
  let announcedAt = 0;
  const now = deps.now ?? (() => new Date());
  const { seal } = deps;
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

  /** Tells listeners (the UI) where sync stands; `throttled` drops announcements closer together than PROGRESS_EVERY_MS. */
  function announce(throttled = false) {
    if (throttled && Date.now() - announcedAt < PROGRESS_EVERY_MS) return;
    announcedAt = Date.now();
    status().then((s) => deps.events.emit('sync.statusChanged', s), () => undefined);
  }

  function filesOver(server: ServerConnection): FileTransfer & PackageFiles {
    const transfer = createBlobTransfer({ baseUrl: server.baseUrl, authHeader: () => server.authHeader(), store: deps.content });
    const track = (hash: string) => ({
      onProgress: (p: TransferProgress) => {
        files?.set(hash, p);
        announce(true);
      },
    });
    return {
      upload: (hash) => transfer.upload(hash, track(hash)),
      download: (entity, id, hash) => transfer.download(entity as SyncEntity, id, hash, track(hash)),
      downloadPath: (path, hash) => transfer.downloadPath(path, hash, track(hash)),
      has: (hash) => deps.content.has(hash),
    };
  }

  /** The repo as the engine sees it, announcing each pulled document so that open lists refresh at once. */
  const store: SyncStore = {
    ...deps.repo,
    applyPull: async (page) => announced(page, await deps.repo.applyPull(page)),
    applyCatchUpPage: async (page) => announced(page, await deps.repo.applyCatchUpPage(page)),
  };
  function announced<T>(page: { documents: { entity: SyncEntity; id: string }[] }, written: T): T {
    for (const d of page.documents) deps.events.emit(CHANGED_EVENT[d.entity], { id: d.id });
    return written;
  }

  function trackProgress(first: boolean, onProgress?: (p: SyncProgress) => void) {
    return (p: SyncProgress) => {
      if (first && p.phase === 'pull') {
        firstSync = { done: p.done, total: p.total };
        announce(true);
      }
      if (p.phase === 'catchUp') {
        catchUp = { done: p.done, total: p.total };
        announce(true);
      }
      onProgress?.(p);
    };
  }

  /**
   * Sends the organisation's settings changed here, then takes the profile and the settings as the server has them;
   * what the round pulls, with the user as the profile shows them now.
   */
  async function adoptProfile(server: ServerConnection): Promise<PullScope> {
    const pending = await deps.orgSettings.pending();
    let profile: OrgSnapshot | null = null;
    if (Object.keys(pending).length > 0) {
      try {
        profile = await server.call('POST', SYNC_PATHS.orgSettings, pending, OrgSnapshot);
        await deps.orgSettings.sent(pending);
      } catch (error) {
        // The account this PC syncs with may not change the rules (a clerk acted on an officer's PC): the server's stand.
        if (!(error instanceof AppError && error.code === 'FORBIDDEN')) throw error;
        await deps.orgSettings.sent(pending, true);
      }
    }
    profile ??= await server.call('GET', SYNC_PATHS.org, null, OrgSnapshot);
    await deps.org.adopt(profile, server.user().id);
    await deps.orgSettings.adopt(profile.settings);
    const user = server.user();
    const me = profile.staff.find((s) => s.id === user.id) ?? user;
    return { kinds: deps.kinds ?? SyncEntity.options, viewer: { userId: user.id, role: me.role, unitId: me.unitId }, serverKinds: profile.kinds ?? null };
  }

  async function round(onProgress?: (p: SyncProgress) => void): Promise<SyncReport> {
    files = new Map();
    firstSync = null;
    catchUp = null;
    announce();
    try {
      const server = await connect();
      const scope = await adoptProfile(server);
      const first = (await deps.repo.cursor()) === '0';
      const report = await syncOnce(store, server, filesOver(server), scope, trackProgress(first, onProgress));
      await leases.refresh(server);
      // A clerk's PC registers what other organisations sent and queues the statuses owed to senders, before numbering.
      const exchanged = deps.exchange && scope.viewer.role === 'van_thu' ? await deps.exchange.run(server, await store.clientId(), filesOver(server)) : null;
      // The lease holder numbers what other computers registered while it held the register, and sends the numbers at once.
      const numbered = await deps.repo.numberProvisional(await deps.actor(), now().toISOString());
      const changed = [...new Set([...numbered, ...(exchanged?.changed ?? [])])];
      const answered = exchanged?.answered ?? [];
      if (changed.length > 0 || answered.length > 0) {
        report.numbered = numbered.length;
        for (const id of changed) deps.events.emit('incoming.changed', { id });
        for (const id of answered) deps.events.emit('outgoing.changed', { id });
        const more = await syncOnce(store, server, filesOver(server), scope, onProgress);
        report.pushed += more.pushed;
        report.duplicates += more.duplicates;
        report.deferred += more.deferred;
        report.rejected.push(...more.rejected);
        await leases.refresh(server);
      }
      online = true;
      await deps.repo.setState('lastSyncAt', now().toISOString());
      await deps.repo.setState('lastError', null);
      return report;
    } catch (error) {
      online = false;
      if (error instanceof AppError && error.code === 'UNAUTHORIZED') connection = null;
      await deps.repo.setState('lastError', error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      files = null;
      firstSync = null;
      catchUp = null;
    }
  }

  function filesMoving(): SyncStatus['files'] {
    if (!files || files.size === 0) return null;
    let done = 0;
    let total = 0;
    for (const p of files.values()) {
      done += p.done;
      total += p.total;
    }
    return { done, total };
  }

  function syncNow(onProgress?: (p: SyncProgress) => void): Promise<SyncReport> {
    // Rounds never overlap: a timer, a reconnect and a change may all ask at once.
    running ??= round(onProgress).finally(() => {
      running = null;
      announce();
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
      deferred: pending.deferred,
      oldestPendingAt: pending.oldestAt,
      rejected,
      lastSyncAt: await deps.repo.state('lastSyncAt'),
      lastError: await deps.repo.state('lastError'),
      syncing: running !== null,
      files: filesMoving(),
      firstSync,
      catchUp,
      indexesDeferred: await deps.repo.indexesDeferred(),
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
      // The clerk's computer numbers the incoming register unless another computer already does (or takes it first).
      const year = now().getFullYear();
      const incoming = (await deps.repo.leases()).find((l) => l.register === 'incoming' && l.year === year);
      if (server.user().role === 'van_thu' && !incoming?.clientId) await leases.take(server, 'incoming', year);
      announce();
      return status();
    },
    syncNow,
    async takeLease({ register, year }) {
      await leases.require(await connect(), register, year);
      announce();
      return status();
    },
    async releaseLease({ register, year }) {
      await syncNow();
      await leases.release(await connect(), register, year);
      announce();
      return status();
    },
    status,
    async loggedIn() {
      return (await deps.repo.state('refreshToken')) !== null;
    },
    async withdraw(id) {
      if (!(await deps.repo.withdraw(id))) throw new AppError('NOT_FOUND', msg('sync.noSuchRefusal'));
      announce();
      return status();
    },
    async reapply(id) {
      if (!(await deps.repo.reapply(id, await deps.actor(), now().toISOString()))) throw new AppError('NOT_FOUND', msg('sync.noSuchRefusal'));
      announce();
      return status();
    },
    async listenForPokes(handlers) {
      const server = await connect();
      return listenForPokes({ baseUrl: server.baseUrl, authHeader: () => server.authHeader(), fetch: deps.fetch, ...handlers });
    },
  };
}

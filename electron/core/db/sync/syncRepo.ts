/**
 * What the sync engine asks of the local database: the pending mutations in sequence order, the server's answers
 * (applied, refused with its current document), the pulled pages of documents and events, and the client's own state
 * (its id, the server's address, the pull cursor). Each write is one immediate transaction.
 *
 * Nothing a user saved is dropped silently: a refused mutation stays in the outbox, with the server's reason and
 * fields, until the user withdraws it or applies it again.
 */
import { randomUUID } from 'node:crypto';
import { KINDS_OF_UNNAMED_PULLS, SyncEntity, type SeenAs, type Fields, type Lease, type Mutation, type PullResponse, type RejectReason, type WireEvent } from '../../../../shared/contract/syncWire';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import type { Db } from '../database';
import { createRegisterCounters } from '../registerCounters';
import { buildDeferredIndexes, deferIndexes, indexedStatements } from '../deferredIndexes';
import { createChangeLog, createEventWriter, type Actor } from '../eventLog';
import { documentFields, ENTITY_SPECS, numberOf, pushedHashes, referencedHashes, SEARCH_KEY } from './documentFields';
import { createOutboxWriter, toMutation, type OutboxRow } from './outbox';

export type SyncStateKey =
  | 'clientId'
  | 'serverUrl'
  | 'cursor'
  | 'cursorKinds'
  | 'cursorViewer'
  | 'catchUps'
  | 'uploadedAll'
  | 'username'
  | 'refreshToken'
  | 'lastSyncAt'
  | 'lastError';

/**
 * A pull of records the cursor went past without this computer taking them, from the start of the log up to where the
 * cursor stood: the kinds a new version syncs for the first time, or the restricted documents a new unit or role may
 * let the user see. `after` is its own position, kept with each page it writes.
 */
export interface CatchUp {
  kinds: SyncEntity[];
  restrictedOnly: boolean;
  after: string;
  until: string;
  /** The role and unit the PC pulled everything up to `until` as: what they let the user see is here already. */
  seenAs?: SeenAs;
}

/** Who the cursor's records were pulled as: the server decides from these what a user sees. */
export interface PulledAs extends SeenAs {
  userId: string;
}

export interface OutboxEntry {
  mutation: Mutation;
  state: OutboxRow['state'];
  reason: RejectReason | null;
  /** The server's document when it refused the mutation (null: the server has no such document). */
  current: Fields | null;
}

export interface SyncRepo {
  /** This installation's id towards the server, made on first use. */
  clientId(): Promise<string>;
  state(key: SyncStateKey): Promise<string | null>;
  setState(key: SyncStateKey, value: string | null): Promise<void>;
  /** Where the next pull starts: '0' before the first. */
  cursor(): Promise<string>;
  /** The oldest pending mutations not held back as deferred, in sequence order: the next push. */
  pendingBatch(limit: number): Promise<Mutation[]>;
  /** Holds mutations the server deferred (of kinds it does not sync yet) back from the pushes; they stay pending. */
  markDeferred(ids: string[]): Promise<void>;
  /** Lets the deferred mutations of the kinds the server now syncs go with the next push; how many. */
  resumeDeferred(serverKinds: readonly string[]): Promise<number>;
  /** Outbox rows the user should see: pending and refused ones (and withdrawn ones when asked), oldest first. */
  outbox(states?: OutboxRow['state'][]): Promise<OutboxEntry[]>;
  /** Forgets mutations the server applied or already had. */
  markApplied(ids: string[]): Promise<void>;
  /** Records a refusal and shows the server's document in place of the local one. */
  applyRejection(id: string, reason: RejectReason, current: Fields | null): Promise<void>;
  /**
   * Before a pull: when nothing was ever pulled and the cache holds no record, drops the indexes that serve only
   * reading from the tables a first sync fills (deferredIndexes.ts). True when it did.
   */
  deferIndexesIfEmpty(): Promise<boolean>;
  /** Builds the indexes a first sync deferred, after its last page (or when it stops); how many. */
  buildDeferredIndexes(): Promise<number>;
  /** True while indexes are deferred: lists answer, but slower. */
  indexesDeferred(): Promise<boolean>;
  /** Writes one pulled page and its cursor; documents with pending local mutations are left as they are. */
  applyPull(page: PullResponse): Promise<{ written: number; skipped: string[] }>;
  /**
   * Compares what the cursor covers (its kinds, the user, role and unit it was pulled as) with this round's, and queues
   * a catch-up for what it is missing; from now on the cursor covers `kinds` as seen by `viewer`.
   */
  planCatchUps(kinds: readonly SyncEntity[], viewer: PulledAs): Promise<void>;
  /** The catch-up to run next, null when none is queued. */
  catchUp(): Promise<CatchUp | null>;
  /** Writes a page of the next catch-up, as applyPull does, with that catch-up's position (ending it on its last page). */
  applyCatchUpPage(page: PullResponse): Promise<{ written: number; skipped: string[] }>;
  /** Replaces the never-pushed outbox by every document as it is now, with its whole history; the documents sent. */
  uploadAll(at: string): Promise<number>;
  /** How many changes wait to be pushed (deferred ones among them), and when the oldest was made. */
  pending(): Promise<{ count: number; deferred: number; oldestAt: string | null }>;
  /** True when the cache holds any document. */
  hasDocuments(): Promise<boolean>;
  /** Files pulled documents need, with the document that authorises each download. */
  downloads(limit: number): Promise<{ hash: string; entity: SyncEntity; id: string }[]>;
  downloaded(hash: string): Promise<void>;
  /** Replaces what this computer knows of the organisation's numbering leases by the server's list. */
  saveLeases(leases: Lease[]): Promise<void>;
  leases(): Promise<Lease[]>;
  /** Pending changes that carry a number of the register's year: a lease is given back only when none is left. */
  pendingNumbers(register: string, year: number): Promise<number>;
  /** The user gives a refused change up: it stays listed as withdrawn. False if it was not a refused change. */
  withdraw(id: string): Promise<boolean>;
  /** The user's "apply mine anyway": a new mutation of the refused one's fields, expecting the server's values. */
  reapply(id: string, actor: Actor, at: string): Promise<string | null>;
  /**
   * Gives a số đến to every provisional entry (registered on a computer without the lease) of the registers whose lease
   * this computer holds, in order of arrival; the ids numbered. Each number is a change like any other, pushed next.
   */
  numberProvisional(actor: Actor, at: string): Promise<string[]>;
}

/** Events of a document carried by uploadAll, and by nothing else: the others travel in their own mutations. */
interface EventRow {
  id: string;
  entity: SyncEntity;
  entity_id: string;
  at: string;
  actor_id: string | null;
  actor: string;
  kind: string;
  data: string;
}

const toWireEvent = (e: EventRow): WireEvent => ({
  id: e.id, entity: e.entity, entityId: e.entity_id, at: e.at, actorId: e.actor_id, actor: e.actor, kind: e.kind, data: JSON.parse(e.data),
});

interface LeaseRow {
  register_id: string;
  year: number;
  holder_client: string | null;
  holder: string | null;
  last_number: number;
}

const toLease = (l: LeaseRow): Lease => ({ register: l.register_id, year: l.year, clientId: l.holder_client, holder: l.holder, lastNumber: l.last_number });

/** The same leases, in whatever order each side lists them. */
function sameLeases(a: Lease[], b: Lease[]): boolean {
  const key = (leases: Lease[]) => JSON.stringify(leases.map((l) => JSON.stringify([l.register, l.year, l.clientId, l.holder, l.lastNumber])).sort());
  return key(a) === key(b);
}

const UPLOAD_PAGE = 1000;

export function createSyncRepo(db: Db): SyncRepo {
  const fields = documentFields(db);
  const enqueue = createOutboxWriter(db);
  const writeEvent = createEventWriter(db);

  const selectState = db.prepare<[string], string>('SELECT value FROM sync_state WHERE key = ?').pluck();
  const upsertState = db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const deleteState = db.prepare('DELETE FROM sync_state WHERE key = ?');
  const setState = (key: SyncStateKey, value: string | null) => void (value === null ? deleteState.run(key) : upsertState.run(key, value));

  const selectPending = db.prepare<[number], OutboxRow>(`SELECT * FROM outbox WHERE state = 'pending' AND NOT deferred ORDER BY seq LIMIT ?`);
  const markDeferred = db.prepare(`UPDATE outbox SET deferred = 1 WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`);
  const resumeDeferred = db.prepare(
    `UPDATE outbox SET deferred = 0 WHERE deferred AND state = 'pending' AND payload ->> 'entity' IN (SELECT value FROM json_each(?))`,
  );
  const selectRow = db.prepare<[string], OutboxRow>('SELECT * FROM outbox WHERE id = ?');
  // Named index: the planner would walk every pending row instead, and an offline week can leave thousands.
  const pendingAmong = db
    .prepare<[string], string>(
      `SELECT DISTINCT entity_id FROM outbox INDEXED BY outbox_pending_by_entity WHERE state = 'pending' AND entity_id IN (SELECT value FROM json_each(?))`,
    )
    .pluck();
  const deleteApplied = db.prepare(`DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`);
  const markRejected = db.prepare(`UPDATE outbox SET state = 'rejected', reason = ?, current = ? WHERE id = ?`);
  const markEventRejected = db.prepare('UPDATE events SET rejected = ? WHERE id = ?');
  const upsertEvent = db.prepare(
    `INSERT INTO events (id, entity, entity_id, at, actor_id, actor, kind, data, rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET rejected = excluded.rejected`,
  );

  const dropDanglingReplacements = db.prepare(
    'UPDATE outgoing_documents SET replaced_by = NULL WHERE replaced_by IS NOT NULL AND replaced_by NOT IN (SELECT id FROM outgoing_documents)',
  );
  const insertDownload = db.prepare('INSERT OR IGNORE INTO sync_downloads (hash, entity, entity_id) VALUES (?, ?, ?)');
  const selectPendingSummary = db.prepare<[], { count: number; deferred: number; oldestAt: string | null }>(
    `SELECT count(*) AS count, coalesce(sum(deferred), 0) AS deferred, min(created_at) AS oldestAt FROM outbox WHERE state = 'pending'`,
  );
  const selectAnyDocument = db.prepare<[], number>('SELECT EXISTS (SELECT 1 FROM incoming_documents) OR EXISTS (SELECT 1 FROM outgoing_documents)').pluck();
  // The tables a first sync fills: the listed and searched records, and their events.
  const bulkTables = [...Object.values(ENTITY_SPECS).filter((s) => s.fts).map((s) => s.table), 'events'];
  const selectAnyRecord = db
    .prepare<[], number>(`SELECT ${[...Object.values(ENTITY_SPECS).map((s) => s.table), 'events'].map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')}`)
    .pluck();
  const indexes = indexedStatements(db);
  const deferIfEmpty = db.transaction(() => (selectState.get('cursor') ?? '0') === '0' && selectAnyRecord.get() === 0 && deferIndexes(db, bulkTables) > 0);
  const selectDownloads = db.prepare<[number], { hash: string; entity: SyncEntity; id: string }>('SELECT hash, entity, entity_id AS id FROM sync_downloads LIMIT ?');

  const selectLeases = db.prepare<[], LeaseRow>('SELECT * FROM sync_leases ORDER BY register_id, year');
  // Every round saves the leases, mostly unchanged: a transaction that changes no row writes nothing and costs no fsync.
  const saveLeases = db.transaction((leases: Lease[]) => {
    if (!sameLeases(selectLeases.all().map(toLease), leases)) {
      db.prepare('DELETE FROM sync_leases').run();
      const insert = db.prepare('INSERT INTO sync_leases (register_id, year, holder_client, holder, last_number) VALUES (?, ?, ?, ?, ?)');
      for (const l of leases) insert.run(l.register, l.year, l.clientId, l.holder, l.lastNumber);
    }
    // A lease taken over from another computer continues from the last number the server holds, even before this
    // computer has pulled the documents that carry it.
    const raise = db.prepare(
      `INSERT INTO register_counters (register_id, year, last_number) SELECT id, ?, ? FROM registers WHERE id = ?
       ON CONFLICT (register_id, year) DO UPDATE SET last_number = excluded.last_number WHERE excluded.last_number > last_number`,
    );
    for (const l of leases) raise.run(l.year, l.lastNumber, l.register);
  });
  const selectPendingNumbers = db.prepare<[string, number], number>(
    `SELECT count(*) FROM outbox, json_each(outbox.payload, '$.numbers') n
     WHERE outbox.state = 'pending' AND n.value ->> 'register' = ? AND n.value ->> 'year' = ?`,
  ).pluck();

  const counters = createRegisterCounters(db);
  const changes = createChangeLog(db);

  const clientId = db.transaction(() => {
    const existing = selectState.get('clientId');
    if (existing) return existing;
    const id = randomUUID();
    setState('clientId', id);
    return id;
  });

  const toEntry = (r: OutboxRow): OutboxEntry => ({
    mutation: toMutation(r),
    state: r.state,
    reason: r.reason === null ? null : (JSON.parse(r.reason) as RejectReason),
    current: r.current === null ? null : (JSON.parse(r.current) as Fields),
  });

  const applyRejection = db.transaction((id: string, reason: RejectReason, current: Fields | null) => {
    const row = selectRow.get(id);
    if (!row || row.state !== 'pending') return;
    const m = toMutation(row);
    markRejected.run(JSON.stringify(reason), JSON.stringify(current), id);
    markEventRejected.run(JSON.stringify(reason), row.event_id);
    if (current) {
      // The index text of a document written back is made again: the server's fields may not carry it.
      fields.write(m.entity, m.entityId, { ...current, [SEARCH_KEY]: current[SEARCH_KEY] ?? fields.searchText(m.entity, current) });
      for (const hash of referencedHashes(current)) insertDownload.run(hash, m.entity, m.entityId);
    } else if (m.create) {
      // The server has no such document: keeping ours would hold a number the server gave someone else. The refused
      // creation, with all its fields, stays in the outbox for the user to see and apply again.
      fields.remove(m.entity, m.entityId);
    }
  });

  const writePage = (page: PullResponse) => {
    // A document may name one written later in the same page (the document that replaced it).
    db.pragma('defer_foreign_keys = ON');
    for (const e of page.events) {
      upsertEvent.run(e.id, e.entity, e.entityId, e.at, e.actorId, e.actor, e.kind, JSON.stringify(e.data), e.rejected ? JSON.stringify(e.rejected) : null);
    }
    const skipped: string[] = [];
    const written: PullResponse['documents'] = [];
    const pending = new Set(pendingAmong.all(JSON.stringify(page.documents.map((d) => d.id))));
    for (const d of page.documents) {
      // The server sends it again once the push is applied, or with the refusal: writing it now would hide the change.
      if (pending.has(d.id)) skipped.push(d.id);
      else written.push(d);
    }
    fields.writeMany(written);
    for (const d of written) for (const hash of referencedHashes(d.fields)) insertDownload.run(hash, d.entity, d.id);
    // A replacement this user may not see never arrives: the link is dropped rather than left dangling.
    dropDanglingReplacements.run();
    return { written: written.length, skipped };
  };
  const applyPull = db.transaction((page: PullResponse) => {
    const result = writePage(page);
    setState('cursor', page.cursor);
    return result;
  });

  const stateJson = <T>(key: SyncStateKey): T | null => {
    const value = selectState.get(key);
    return value === undefined ? null : (JSON.parse(value) as T);
  };
  // Every round plans, mostly finding nothing new: a value written only when it changes costs no fsync.
  const keepState = (key: SyncStateKey, value: string | null) => {
    if ((selectState.get(key) ?? null) !== value) setState(key, value);
  };
  const saveCatchUps = (queue: CatchUp[]) => keepState('catchUps', queue.length > 0 ? JSON.stringify(queue) : null);

  const planCatchUps = db.transaction((kinds: readonly SyncEntity[], viewer: PulledAs) => {
    const cursor = selectState.get('cursor') ?? '0';
    // A PC that pulled before the cursor's coverage was kept pulled every kind of that time, as whoever it was then.
    const covered = stateJson<SyncEntity[]>('cursorKinds') ?? KINDS_OF_UNNAMED_PULLS;
    const before = stateJson<PulledAs>('cursorViewer');
    const now = JSON.stringify({ userId: viewer.userId, role: viewer.role, unitId: viewer.unitId });
    // Only kinds this version syncs can be asked for (a PC put back to an older version keeps the rest for later).
    let queue = (stateJson<CatchUp[]>('catchUps') ?? []).map((c) => ({ ...c, kinds: c.kinds.filter((k) => kinds.includes(k)) })).filter((c) => c.kinds.length > 0);
    if (cursor !== '0') {
      const added = kinds.filter((k) => !covered.includes(k));
      if (added.length > 0) queue.push({ kinds: added, restrictedOnly: false, after: '0', until: cursor });
      // Which role or unit sees which document is the server's rule: any change of them asks it again. The new
      // catch-up covers whatever an earlier one for restricted documents had left, as the user is now. The PC holds
      // all the user saw as before up to the cursor, unless such a catch-up was left unfinished: then nothing is
      // left out (what comes again is written over itself).
      if (JSON.stringify(before) !== now) {
        const unfinished = queue.some((c) => c.restrictedOnly);
        const seenAs = before && before.userId === viewer.userId && !unfinished ? { seenAs: { role: before.role, unitId: before.unitId } } : {};
        queue = [...queue.filter((c) => !c.restrictedOnly), { kinds: [...kinds], restrictedOnly: true, after: '0', until: cursor, ...seenAs }];
      }
    }
    keepState('cursorKinds', JSON.stringify(kinds));
    keepState('cursorViewer', now);
    saveCatchUps(queue);
  });

  const applyCatchUpPage = db.transaction((page: PullResponse) => {
    const [current, ...rest] = stateJson<CatchUp[]>('catchUps') ?? [];
    if (!current) throw new Error('a catch-up page without a catch-up under way');
    const result = writePage(page);
    saveCatchUps(page.more ? [{ ...current, after: page.cursor }, ...rest] : rest);
    return result;
  });

  const prepareIds = (entity: SyncEntity) =>
    db.prepare<[number], { seq: number; id: string }>(`SELECT seq, id FROM ${ENTITY_SPECS[entity].table} WHERE seq > ? ORDER BY seq LIMIT ${UPLOAD_PAGE}`);
  const selectIds = Object.fromEntries(SyncEntity.options.map((e) => [e, prepareIds(e)])) as Record<SyncEntity, ReturnType<typeof prepareIds>>;
  const selectEvents = db.prepare<[string, string], EventRow>('SELECT * FROM events WHERE entity = ? AND entity_id = ? ORDER BY at, rowid');

  /**
   * Before the first push, the outbox holds changes no server has seen, some of them to documents older than the
   * outbox itself (made before migration 0007). Sending each document once as a create of its current fields, then
   * each of its events as a mutation that sets nothing, gives the server the same documents and the whole history
   * in a sequence starting at 1.
   */
  const uploadAll = db.transaction((at: string) => {
    db.prepare('DELETE FROM outbox').run();
    db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'outbox'`).run();
    let count = 0;
    for (const entity of SyncEntity.options) {
      for (let ids = selectIds[entity].all(0); ids.length > 0; ids = selectIds[entity].all(ids[ids.length - 1]!.seq)) {
        for (const { id } of ids) {
          const set = fields.read(entity, id)!;
          set[SEARCH_KEY] = fields.searchText(entity, set);
          const events = selectEvents.all(entity, id).map(toWireEvent);
          const [first, ...rest] = events.length ? events : [writeEvent(entity, id, { actor: { id: null, name: '' }, at, kind: 'sync.uploaded', data: {} })];
          const number = numberOf(entity, set);
          enqueue({ entity, entityId: id, create: true, expect: {}, set, event: first!, blobs: pushedHashes(set), numbers: number ? [number] : [] }, at);
          for (const event of rest) enqueue({ entity, entityId: id, create: false, expect: {}, set: {}, event, blobs: [], numbers: [] }, at);
          count++;
        }
      }
    }
    setState('uploadedAll', at);
    return count;
  });

  /**
   * A number the server refused is never sent again: an incoming registration takes this computer's next number, or
   * becomes a provisional entry when another computer holds the lease (the holder numbers it); an issued outgoing
   * document carries its number inside the sealed file, so it must be issued again by the lease holder.
   */
  function renumber(m: Omit<Mutation, 'id' | 'seq'>, mine: Fields) {
    const spec = ENTITY_SPECS[m.entity];
    const taken = numberOf(m.entity, mine);
    if (!taken || spec.numberKey === undefined) return;
    if (m.entity === 'outgoing') throw new AppError('WRONG_STATE', msg('sync.reapply.sealedNumber'));
    const number = counters.takeUnlessLeased(taken.register, taken.year);
    mine[spec.numberKey] = number;
    m.set = { ...m.set, [spec.numberKey]: number };
    m.numbers = number === null ? [] : [{ ...taken, number }];
  }

  const reapply = db.transaction((id: string, actor: Actor, at: string): string | null => {
    const row = selectRow.get(id);
    if (!row || row.state !== 'rejected') return null;
    const { id: _id, seq: _seq, ...m } = toMutation(row);
    const current = row.current === null ? null : (JSON.parse(row.current) as Fields);
    // A change to a document the server no longer has cannot be applied to it.
    if (!current && !m.create) return null;
    const local = fields.read(m.entity, m.entityId) ?? {};
    const mine: Fields = { ...local, ...m.set };
    for (const [key, value] of Object.entries(mine)) if (value === null) delete mine[key];
    const reason = JSON.parse(row.reason!) as RejectReason;
    if (reason.code === 'NUMBER_TAKEN' || reason.code === 'NOT_LEASE_HOLDER') renumber(m, mine);
    fields.write(m.entity, m.entityId, mine);
    const expect: Fields = {};
    if (current) for (const key of Object.keys(m.set)) if (key !== SEARCH_KEY) expect[key] = current[key] ?? null;
    const event = writeEvent(m.entity, m.entityId, { actor, at, kind: m.event.kind, data: m.event.data });
    const newId = enqueue({ ...m, create: !current, expect, event }, at);
    // The new mutation carries the change on; the refusal stays in the history as the first event's reason.
    db.prepare('DELETE FROM outbox WHERE id = ?').run(id);
    return newId;
  });

  // Named index, as the lists name theirs (run without the name while a first sync has it deferred).
  const selectProvisional = () => indexes.prepare(
    `SELECT d.id, d.register_id, d.year FROM incoming_documents d INDEXED BY incoming_by_seq_provisional
     JOIN sync_leases l ON l.register_id = d.register_id AND l.year = d.year
     WHERE d.arrival_number IS NULL AND l.holder_client = (SELECT value FROM sync_state WHERE key = 'clientId')
     ORDER BY d.arrival_date, d.created_at, d.seq`,
  );
  const setArrivalNumber = db.prepare('UPDATE incoming_documents SET arrival_number = ? WHERE id = ?');
  const numberProvisional = db.transaction((actor: Actor, at: string) => {
    const entries = selectProvisional().all() as { id: string; register_id: string; year: number }[];
    for (const e of entries) {
      const change = changes.begin('incoming', e.id);
      const number = counters.take(e.register_id, e.year);
      setArrivalNumber.run(number, e.id);
      change.record({ actor, at, kind: 'incoming.numbered', data: { arrivalNumber: number } });
    }
    return entries.map((e) => e.id);
  });

  return {
    clientId: async () => clientId.immediate(),
    state: async (key) => selectState.get(key) ?? null,
    setState: async (key, value) => setState(key, value),
    cursor: async () => selectState.get('cursor') ?? '0',
    pendingBatch: async (limit) => selectPending.all(limit).map(toMutation),
    markDeferred: async (ids) => void markDeferred.run(JSON.stringify(ids)),
    resumeDeferred: async (serverKinds) => resumeDeferred.run(JSON.stringify(serverKinds)).changes,
    outbox: async (states = ['pending', 'rejected']) =>
      (db.prepare(`SELECT * FROM outbox WHERE state IN (SELECT value FROM json_each(?)) ORDER BY seq`).all(JSON.stringify(states)) as OutboxRow[]).map(toEntry),
    markApplied: async (ids) => void deleteApplied.run(JSON.stringify(ids)),
    applyRejection: async (id, reason, current) => applyRejection.immediate(id, reason, current),
    // Every round asks; only one before its first pull takes the write lock to find out.
    deferIndexesIfEmpty: async () => (selectState.get('cursor') ?? '0') === '0' && deferIfEmpty.immediate(),
    buildDeferredIndexes: async () => db.transaction(() => buildDeferredIndexes(db)).immediate(),
    indexesDeferred: async () => indexes.deferred(),
    applyPull: async (page) => applyPull.immediate(page),
    planCatchUps: async (kinds, viewer) => planCatchUps.immediate(kinds, viewer),
    catchUp: async () => stateJson<CatchUp[]>('catchUps')?.[0] ?? null,
    applyCatchUpPage: async (page) => applyCatchUpPage.immediate(page),
    uploadAll: async (at) => uploadAll.immediate(at),
    pending: async () => selectPendingSummary.get()!,
    saveLeases: async (leases) => saveLeases.immediate(leases),
    leases: async () =>
      selectLeases.all().map(toLease),
    pendingNumbers: async (register, year) => selectPendingNumbers.get(register, year)!,
    hasDocuments: async () => selectAnyDocument.get() === 1,
    downloads: async (limit) => selectDownloads.all(limit),
    downloaded: async (hash) => void db.prepare('DELETE FROM sync_downloads WHERE hash = ?').run(hash),
    withdraw: async (id) => db.prepare(`UPDATE outbox SET state = 'withdrawn' WHERE id = ? AND state = 'rejected'`).run(id).changes > 0,
    reapply: async (id, actor, at) => reapply.immediate(id, actor, at),
    numberProvisional: async (actor, at) => numberProvisional.immediate(actor, at),
  };
}

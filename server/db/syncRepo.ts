/**
 * The SQL of sync: one push batch is one transaction that holds the client's row and the organisation's version
 * counter, so mutations are applied in sequence, exactly once, and versions commit in the order they are given.
 */
import type { Pool, PoolClient } from 'pg';
import type { Fields, PulledDocument, PulledEvent, RejectReason, SyncEntity, TakenNumber, WireEvent } from '../../shared/contract/syncWire';
import type { PackageRoute } from '../exchange/packageRoutes';
import type { Audience, Viewer } from '../sync/audience';
import { routePackages } from './exchangeRepo';

/** What one push batch writes at its end: every event and answer, the numbers taken, each document as it ends up. */
export interface PushWrites {
  /** By document: the fields, the version and the files of its last applied change in the batch. */
  documents: Map<string, { entity: SyncEntity; id: string; fields: Fields; version: bigint; blobs: string[]; audience: Audience }>;
  numbers: (TakenNumber & { entity: SyncEntity; entityId: string })[];
  /**
   * The event's actor is what the client says; the pusher (the transaction's user) is who vouched for it. Its audience
   * is its document's, as the batch leaves it.
   */
  events: { event: WireEvent; version: bigint; rejected: RejectReason | null; audience: Audience }[];
  mutations: { id: string; seq: number; version: bigint; rejected: RejectReason | null }[];
  /** edXML packages the applied changes send (server/exchange/packageRoutes.ts), routed with them or not at all. */
  packages: PackageRoute[];
}

export interface PushTransaction {
  /** The last sequence applied for this client: null when the client has never pushed. */
  lastSeq: number | null;
  /** What the server answered each of these mutation ids the first time (absent: never seen). */
  knownMutations(ids: string[]): Promise<Map<string, { outcome: 'applied' | 'deferred' } | { outcome: 'rejected'; reason: RejectReason }>>;
  /** Records mutations of kinds this server does not sync: their sequence is passed, nothing of them applied. */
  defer(mutations: { id: string; seq: number }[]): Promise<void>;
  /**
   * Takes the next `count` versions of the organisation's change log and returns the first. Its row lock is held to the
   * commit: later pushes of the organisation wait, so versions commit in order and what is read after it stays true.
   */
  takeVersions(count: number): Promise<bigint>;
  /** The documents with these keys, and maybe others (the reads match each column to any of the given values). */
  documents(keys: { entity: SyncEntity; id: string }[]): Promise<{ entity: SyncEntity; id: string; fields: Fields }[]>;
  /** Every one of the numbers already taken, and maybe other taken numbers (as above). */
  takenNumbers(numbers: TakenNumber[]): Promise<TakenNumber[]>;
  /** Returns the hosted organisations a routed package reached, to be told once the push commits. */
  write(writes: PushWrites): Promise<string[]>;
  /**
   * Gives every event of the document its new audience; with `announce`, also new versions after every version taken
   * so far, in their old order, so that readers who could not see the document before pull its whole history.
   */
  setHistoryAudience(document: { entity: SyncEntity; id: string }, audience: Audience, announce: boolean): Promise<void>;
  setLastSeq(seq: number): Promise<void>;
  /** The client holding the register's numbering for the year; a free lease is given to this client. */
  leaseHolder(register: string, year: number): Promise<string>;
}

export interface Lease {
  register: string;
  year: number;
  clientId: string | null;
  holder: string | null;
  /** The highest number the server has taken in the register's year. */
  lastNumber: number;
}

export interface PullPage {
  /** Each document's fields as the JSON text PostgreSQL writes: sent as it is (see pullPageJson), never parsed here. */
  documents: (Omit<PulledDocument, 'fields'> & { fields: string })[];
  events: PulledEvent[];
  cursor: string;
  more: boolean;
  head: string;
}

export interface PullRange {
  after: bigint;
  limit: number;
  kinds: SyncEntity[];
  /** A catch-up's end: the page stops there instead of at the organisation's newest version. */
  until?: bigint;
  /** Only the records of restricted documents: what a new unit or role may have let the viewer see. */
  restrictedOnly: boolean;
  /** Leaves out what the viewer could see before (their former role and unit): their PC holds it already. */
  seenAs?: Viewer;
}

export interface SyncRepo {
  /** Null when the client id belongs to another user (a client id is one installation of one person). */
  /** `userId` pushes: the events it writes record it as the one who vouched for them. */
  push<T>(scope: { orgId: string; userId: string; clientId: string }, work: (tx: PushTransaction) => Promise<T>): Promise<T | null>;
  /** What changed after version `after` (up to `until` when given) among the kinds that the viewer may see. */
  pull(orgId: string, viewer: Viewer, query: PullRange): Promise<PullPage>;
  leases(orgId: string): Promise<Lease[]>;
  /** Gives the lease to the client when it is free or already its own; the lease as it stands after (null: the
   * client id is another user's). */
  acquireLease(scope: { orgId: string; userId: string; clientId: string }, register: string, year: number): Promise<Lease | null>;
  /** Frees the lease if this client holds it; returns the lease as it stands after. */
  releaseLease(scope: { orgId: string; userId: string; clientId: string }, register: string, year: number): Promise<Lease | null>;
  /** True when the document is the organisation's, the viewer may see it, and it references the file. */
  documentHasBlob(orgId: string, viewer: Viewer, entity: string, id: string, hash: string): Promise<boolean>;
  /** Tells every server process on this database that the organisation has new changes. */
  notify(orgId: string): Promise<void>;
  /** Calls back with the organisation's id on every change made by any server process on this database. */
  listen(onChange: (orgId: string) => void): Promise<() => Promise<void>>;
}

const CHANNEL = 'vanthu_sync';

/**
 * `maySee` (server/sync/audience.ts) over a row's audience columns, the viewer's values bound from parameter `$first`
 * on (see `viewerParams`). A viewer without a unit compares NULL, which matches no unit.
 */
function visibleTo(first: number, table = ''): string {
  const t = table ? `${table}.` : '';
  return `($${first}::boolean OR NOT ${t}restricted OR $${first + 1}::text = ANY(${t}audience_users) OR $${first + 2}::text = ANY(${t}audience_units))`;
}
const viewerParams = (v: Viewer) => [v.seesAll, v.userId, v.unitId];

export function createSyncRepo(pool: Pool): SyncRepo {
  async function inTransaction<T>(isolation: string, work: (c: PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query(`BEGIN ISOLATION LEVEL ${isolation}`);
      const result = await work(c);
      await c.query('COMMIT');
      return result;
    } catch (error) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      c.release();
    }
  }

  function pushTransaction(c: PoolClient, orgId: string, userId: string, clientId: string, lastSeq: number | null): PushTransaction {
    let versionLocked = false;
    async function takeVersions(count: number): Promise<bigint> {
      versionLocked = true;
      const r = await c.query<{ version: string }>('UPDATE orgs SET version = version + $2 WHERE id = $1 RETURNING version', [orgId, count]);
      return BigInt(r.rows[0]!.version) - BigInt(count) + 1n;
    }
    // Rows go in as one JSON array each: one query per table for the whole batch, whatever its size.
    const rows = (values: unknown[]) => JSON.stringify(values);
    const holders = new Map<string, Promise<string>>();
    return {
      lastSeq,
      async knownMutations(ids) {
        const r = await c.query<{ id: string; outcome: 'applied' | 'rejected' | 'deferred'; reason: RejectReason | null }>(
          'SELECT id, outcome, reason FROM sync_mutations WHERE client_id = $1 AND id = ANY($2::text[])',
          [clientId, ids],
        );
        return new Map(r.rows.map((row) => [row.id, row.outcome === 'rejected' ? { outcome: 'rejected', reason: row.reason! } : { outcome: row.outcome }] as const));
      },
      async defer(mutations) {
        await c.query(
          `INSERT INTO sync_mutations (id, client_id, seq, outcome) SELECT m.id, $1, m.seq, 'deferred' FROM jsonb_to_recordset($2::jsonb) AS m(id text, seq bigint)`,
          [clientId, rows(mutations.map(({ id, seq }) => ({ id, seq })))],
        );
      },
      leaseHolder(register, year) {
        // Claimed once per batch: the claim locks the lease's row to the commit, so its holder cannot change meanwhile,
        // and a batch of 500 registrations asked it 500 times (two queries each, most of a push's round trips).
        const key = `${register}\u0000${year}`;
        let holder = holders.get(key);
        if (!holder) holders.set(key, (holder = claimLease(c, { orgId, userId, clientId }, register, year)));
        return holder;
      },
      takeVersions,
      // Both reads probe the primary key with arrays: a join on a JSON record set is planned blind and can scan the
      // whole table.
      async documents(keys) {
        if (!versionLocked) throw new Error('documents read before takeVersions: another push could change them');
        const r = await c.query<{ entity: SyncEntity; id: string; fields: Fields }>(
          'SELECT entity, id, fields FROM documents WHERE org_id = $1 AND entity = ANY($2::text[]) AND id = ANY($3::text[])',
          [orgId, [...new Set(keys.map((k) => k.entity))], [...new Set(keys.map((k) => k.id))]],
        );
        return r.rows;
      },
      async takenNumbers(numbers) {
        if (numbers.length === 0) return [];
        const distinct = <T>(pick: (n: TakenNumber) => T) => [...new Set(numbers.map(pick))];
        const r = await c.query<TakenNumber>(
          `SELECT register, year, number FROM taken_numbers
           WHERE org_id = $1 AND register = ANY($2::text[]) AND year = ANY($3::integer[]) AND number = ANY($4::integer[])`,
          [orgId, distinct((n) => n.register), distinct((n) => n.year), distinct((n) => n.number)],
        );
        return r.rows;
      },
      async write({ documents, numbers, events, mutations, packages }) {
        if (!versionLocked) throw new Error('write before takeVersions');
        await c.query(
          `INSERT INTO document_events (id, org_id, entity, entity_id, at, actor_id, actor, kind, data, version, rejected, pushed_by,
             restricted, audience_users, audience_units)
           SELECT e.id, $1, e.entity, e.entity_id, e.at, e.actor_id, e.actor, e.kind, e.data, e.version, e.rejected, $2,
             e.restricted, e.audience_users, e.audience_units
           FROM jsonb_to_recordset($3::jsonb) AS e(id text, entity text, entity_id text, at text, actor_id text, actor text, kind text,
             data jsonb, version bigint, rejected jsonb, restricted boolean, audience_users text[], audience_units text[])
           ON CONFLICT (id) DO NOTHING`,
          [orgId, userId, rows(events.map(({ event: e, version, rejected, audience }) => ({
            id: e.id, entity: e.entity, entity_id: e.entityId, at: e.at, actor_id: e.actorId, actor: e.actor, kind: e.kind, data: e.data, version: version.toString(), rejected,
            ...audienceColumns(audience),
          })))],
        );
        await c.query(
          `INSERT INTO sync_mutations (id, client_id, seq, outcome, reason, version)
           SELECT m.id, $1, m.seq, CASE WHEN m.reason IS NULL THEN 'applied' ELSE 'rejected' END, m.reason, m.version
           FROM jsonb_to_recordset($2::jsonb) AS m(id text, seq bigint, reason jsonb, version bigint)
           ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason, version = excluded.version
             WHERE sync_mutations.outcome = 'deferred'`,
          [clientId, rows(mutations.map((m) => ({ id: m.id, seq: m.seq, reason: m.rejected, version: m.version.toString() })))],
        );
        // Checked against the table and the batch beforehand, under the version lock: a conflict here is a bug, and fails the push.
        if (numbers.length > 0) {
          await c.query(
            `INSERT INTO taken_numbers (org_id, register, year, number, entity, entity_id)
             SELECT $1, n.register, n.year, n.number, n.entity, n.entity_id
             FROM jsonb_to_recordset($2::jsonb) AS n(register text, year integer, number integer, entity text, entity_id text)`,
            [orgId, rows(numbers.map((n) => ({ register: n.register, year: n.year, number: n.number, entity: n.entity, entity_id: n.entityId })))],
          );
        }
        const routed = await routePackages(c, orgId, orgId, packages);
        const docs = [...documents.values()];
        if (docs.length === 0) return routed;
        await c.query(
          `INSERT INTO documents (org_id, entity, id, fields, version, restricted, audience_users, audience_units)
           SELECT $1, d.entity, d.id, d.fields, d.version, d.restricted, d.audience_users, d.audience_units
           FROM jsonb_to_recordset($2::jsonb) AS d(entity text, id text, fields jsonb, version bigint, restricted boolean, audience_users text[], audience_units text[])
           ON CONFLICT (org_id, entity, id) DO UPDATE SET fields = excluded.fields, version = excluded.version, restricted = excluded.restricted,
             audience_users = excluded.audience_users, audience_units = excluded.audience_units`,
          [orgId, rows(docs.map((d) => ({ entity: d.entity, id: d.id, fields: d.fields, version: d.version.toString(), ...audienceColumns(d.audience) })))],
        );
        const blobs = docs.flatMap((d) => d.blobs.map((hash) => ({ entity: d.entity, entity_id: d.id, hash })));
        if (blobs.length > 0) {
          await c.query(
            `INSERT INTO document_blobs (org_id, entity, entity_id, hash)
             SELECT $1, b.entity, b.entity_id, b.hash FROM jsonb_to_recordset($2::jsonb) AS b(entity text, entity_id text, hash text)
             ON CONFLICT DO NOTHING`,
            [orgId, rows(blobs)],
          );
        }
        return routed;
      },
      async setHistoryAudience({ entity, id }, audience, announce) {
        if (!versionLocked) throw new Error('setHistoryAudience before takeVersions');
        const { restricted, audience_users, audience_units } = audienceColumns(audience);
        const ofDocument = 'org_id = $1 AND entity = $2 AND entity_id = $3';
        const history = `SELECT id, row_number() OVER (ORDER BY version) AS n FROM document_events WHERE ${ofDocument}`;
        const key = [orgId, entity, id];
        // The change that let readers in is renumbered with the rest, so they receive the history in the order it happened.
        let first: bigint | null = null;
        if (announce) {
          const count = Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM document_events WHERE ${ofDocument}`, key)).rows[0]!.n);
          if (count > 0) first = await takeVersions(count);
        }
        await c.query(
          `UPDATE document_events e SET restricted = $4, audience_users = $5, audience_units = $6,
             version = CASE WHEN $7::bigint IS NULL THEN e.version ELSE $7::bigint + h.n - 1 END
           FROM (${history}) h WHERE e.id = h.id`,
          [...key, restricted, audience_users, audience_units, first?.toString() ?? null],
        );
      },
      async setLastSeq(seq) {
        await c.query('UPDATE sync_clients SET last_seq = $2 WHERE id = $1', [clientId, seq]);
      },
    };
  }

  return {
    push(scope, work) {
      return inTransaction('READ COMMITTED', async (c) => {
        const r = await c.query<{ user_id: string; org_id: string; last_seq: string }>(
          'SELECT user_id, org_id, last_seq FROM sync_clients WHERE id = $1 FOR UPDATE',
          [scope.clientId],
        );
        const row = r.rows[0];
        if (row && (row.user_id !== scope.userId || row.org_id !== scope.orgId)) return null;
        if (!row) {
          // Two first pushes of one client at once: the second waits on the key and then sees the first's row.
          await c.query('INSERT INTO sync_clients (id, org_id, user_id, last_seq) VALUES ($1, $2, $3, -1) ON CONFLICT DO NOTHING', [
            scope.clientId,
            scope.orgId,
            scope.userId,
          ]);
          const again = await c.query<{ user_id: string; last_seq: string }>('SELECT user_id, last_seq FROM sync_clients WHERE id = $1 FOR UPDATE', [scope.clientId]);
          if (again.rows[0]!.user_id !== scope.userId) return null;
          const last = Number(again.rows[0]!.last_seq);
          return work(pushTransaction(c, scope.orgId, scope.userId, scope.clientId, last < 0 ? null : last));
        }
        const last = Number(row.last_seq);
        return work(pushTransaction(c, scope.orgId, scope.userId, scope.clientId, last < 0 ? null : last));
      });
    },

    pull(orgId, viewer, { after, limit, kinds, until, restrictedOnly, seenAs }) {
      // One snapshot for the head and both lists: the page is consistent with the version it reports.
      return inTransaction('REPEATABLE READ', async (c) => {
        // The lists below must walk their version index in order and stop at the limit. Statistics lag behind a log
        // that grows at its end, so the planner took the versions after the cursor for a few rows and chose to gather
        // them all and sort them: in a first sync, every page sorted the whole rest of the log, on disk. Without bitmap
        // scans the ordered index scan is its only cheap plan; set_config(…, true) lasts until this transaction ends.
        const newest = BigInt(
          (await c.query<{ version: string }>(`SELECT version, set_config('enable_bitmapscan', 'off', true) FROM orgs WHERE id = $1`, [orgId])).rows[0]!.version,
        );
        const head = until !== undefined && until < newest ? until : newest;
        // Rows of other kinds (and, for a restricted catch-up, of open documents and of those the viewer saw before) are
        // stepped over like hidden ones. A former viewer without a unit compares NULL: coalesced, or NOT would hide all.
        const wanted = `entity = ANY($8::text[]) AND (NOT $9::boolean OR restricted)${seenAs ? ` AND NOT coalesce(${visibleTo(10)}, false)` : ''}`;
        const wantedParams = [kinds, restrictedOnly, ...(seenAs ? viewerParams(seenAs) : [])];
        // Each list holds the first `limit` rows the viewer may see after `after`; a full list stops the page at its
        // last version and the other list is cut there too, so nothing the viewer may see is skipped. The documents are
        // read only up to where the events stop: a scan over rows hidden from the viewer never runs past the page.
        const evs = await c.query<EventRow>(
          `SELECT id, entity, entity_id, at, actor_id, actor, kind, data, version, rejected FROM document_events
           WHERE org_id = $1 AND version > $2 AND version <= $3 AND ${visibleTo(5)} AND ${wanted} ORDER BY version LIMIT $4`,
          [orgId, after.toString(), head.toString(), limit, ...viewerParams(viewer), ...wantedParams],
        );
        let cursor = evs.rows.length === limit ? BigInt(evs.rows[evs.rows.length - 1]!.version) : head;
        const docs = await c.query<{ version: string; entity: SyncEntity; id: string; fields: string }>(
          `SELECT version, entity, id, fields::text AS fields FROM documents
           WHERE org_id = $1 AND version > $2 AND version <= $3 AND ${visibleTo(5)} AND ${wanted} ORDER BY version LIMIT $4`,
          [orgId, after.toString(), cursor.toString(), limit, ...viewerParams(viewer), ...wantedParams],
        );
        if (docs.rows.length === limit) cursor = BigInt(docs.rows[docs.rows.length - 1]!.version);
        return {
          documents: docs.rows.map((d) => ({ version: d.version, entity: d.entity, id: d.id, fields: d.fields })),
          events: evs.rows.filter((e) => BigInt(e.version) <= cursor).map(toPulledEvent),
          cursor: cursor.toString(),
          more: cursor < head,
          head: head.toString(),
        };
      });
    },

    async leases(orgId) {
      const r = await pool.query<LeaseRow>(`${LEASES_SELECT} WHERE l.org_id = $1 ORDER BY l.register, l.year`, [orgId]);
      return r.rows.map(toLease);
    },

    acquireLease(scope, register, year) {
      return inTransaction('READ COMMITTED', async (c) => {
        if (!(await ensureClient(c, scope))) return null;
        await claimLease(c, scope, register, year);
        return readLease(c, scope.orgId, register, year);
      });
    },

    releaseLease(scope, register, year) {
      return inTransaction('READ COMMITTED', async (c) => {
        if (!(await ensureClient(c, scope))) return null;
        await c.query(
          `UPDATE register_leases SET client_id = NULL, user_id = NULL, changed_at = now()
           WHERE org_id = $1 AND register = $2 AND year = $3 AND client_id = $4`,
          [scope.orgId, register, year, scope.clientId],
        );
        return readLease(c, scope.orgId, register, year);
      });
    },

    async documentHasBlob(orgId, viewer, entity, id, hash) {
      const r = await pool.query(
        `SELECT 1 FROM document_blobs b JOIN documents d ON d.org_id = b.org_id AND d.entity = b.entity AND d.id = b.entity_id
         WHERE b.org_id = $1 AND b.entity = $2 AND b.entity_id = $3 AND b.hash = $4 AND ${visibleTo(5, 'd')}`,
        [orgId, entity, id, hash, ...viewerParams(viewer)],
      );
      return (r.rowCount ?? 0) > 0;
    },

    async notify(orgId) {
      await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, orgId]);
    },

    async listen(onChange) {
      const c = await pool.connect();
      c.on('notification', (n) => {
        if (n.channel === CHANNEL && n.payload) onChange(n.payload);
      });
      await c.query(`LISTEN ${CHANNEL}`);
      return async () => {
        await c.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined);
        c.release();
      };
    },
  };
}

/** The lease's holder after claiming it for the client if nobody holds it (row lock: two claims never both win). */
async function claimLease(c: PoolClient, scope: { orgId: string; userId: string; clientId: string }, register: string, year: number): Promise<string> {
  await c.query('INSERT INTO register_leases (org_id, register, year) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [scope.orgId, register, year]);
  const r = await c.query<{ client_id: string | null }>(
    'SELECT client_id FROM register_leases WHERE org_id = $1 AND register = $2 AND year = $3 FOR UPDATE',
    [scope.orgId, register, year],
  );
  const holder = r.rows[0]!.client_id;
  if (holder) return holder;
  await c.query('UPDATE register_leases SET client_id = $4, user_id = $5, changed_at = now() WHERE org_id = $1 AND register = $2 AND year = $3', [
    scope.orgId,
    register,
    year,
    scope.clientId,
    scope.userId,
  ]);
  return scope.clientId;
}

/** False when the client id is another user's. */
async function ensureClient(c: PoolClient, scope: { orgId: string; userId: string; clientId: string }): Promise<boolean> {
  await c.query('INSERT INTO sync_clients (id, org_id, user_id, last_seq) VALUES ($1, $2, $3, -1) ON CONFLICT DO NOTHING', [scope.clientId, scope.orgId, scope.userId]);
  const r = await c.query<{ user_id: string }>('SELECT user_id FROM sync_clients WHERE id = $1', [scope.clientId]);
  return r.rows[0]!.user_id === scope.userId;
}

const LEASES_SELECT = `SELECT l.register, l.year, l.client_id, u.full_name AS holder,
    (SELECT coalesce(max(number), 0) FROM taken_numbers t WHERE t.org_id = l.org_id AND t.register = l.register AND t.year = l.year) AS last_number
  FROM register_leases l LEFT JOIN users u ON u.id = l.user_id`;

interface LeaseRow {
  register: string;
  year: number;
  client_id: string | null;
  holder: string | null;
  last_number: number;
}

const toLease = (r: LeaseRow): Lease => ({ register: r.register, year: r.year, clientId: r.client_id, holder: r.holder, lastNumber: Number(r.last_number) });

async function readLease(c: PoolClient, orgId: string, register: string, year: number): Promise<Lease> {
  const r = await c.query<LeaseRow>(`${LEASES_SELECT} WHERE l.org_id = $1 AND l.register = $2 AND l.year = $3`, [orgId, register, year]);
  return toLease(r.rows[0]!);
}

const audienceColumns = (a: Audience) => ({ restricted: a.restricted, audience_users: a.users, audience_units: a.units });

interface EventRow {
  id: string;
  entity: SyncEntity;
  entity_id: string;
  at: string;
  actor_id: string | null;
  actor: string;
  kind: string;
  data: PulledEvent['data'];
  version: string;
  rejected: RejectReason | null;
}

function toPulledEvent(e: EventRow): PulledEvent {
  return { id: e.id, entity: e.entity, entityId: e.entity_id, at: e.at, actorId: e.actor_id, actor: e.actor, kind: e.kind, data: e.data, version: e.version, rejected: e.rejected };
}

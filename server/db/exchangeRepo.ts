/** The SQL of packages between organisations (server migration 6): routing, an organisation's inbox, the outcome. */
import { inTransaction, type Pool, type PoolClient } from './pool';
import type { InboxOutcome } from '../../shared/contract/exchangeWire';
import type { PackageRoute } from '../exchange/packageRoutes';

/** A PC that took a package and went silent this long lets another of its organisation's PCs take it. */
const TAKEN_FOR = '1 hour';

export interface StoredMessage {
  id: string;
  kind: 'document' | 'status';
  hash: string;
  fromOrganId: string;
  toOrganId: string;
  documentId: string;
  blobOrgId: string;
}

const COLUMNS = `id::text, kind, hash, from_organ_id AS "fromOrganId", to_organ_id AS "toOrganId", document_id AS "documentId", blob_org_id AS "blobOrgId"`;

/**
 * Routes packages sent from organisation `fromOrgId` (whose blob folder holds them), each once per recipient: to the
 * inbox of a hosted organisation, otherwise to the axis. Returns the hosted organisations that got something.
 */
export async function routePackages(c: PoolClient | Pool, fromOrgId: string, blobOrgId: string, routes: PackageRoute[]): Promise<string[]> {
  const rows = routes.flatMap((r) => r.to.map((to) => ({ kind: r.kind, to, hash: r.hash, document_id: r.documentId, code: r.code })));
  if (rows.length === 0) return [];
  const inserted = await c.query<{ to_org_id: string | null }>(
    `INSERT INTO exchange_messages (kind, from_organ_id, to_organ_id, to_org_id, blob_org_id, hash, document_id, code)
     SELECT r.kind, f.organ_id, r.to, t.id, $2, r.hash, r.document_id, r.code
     FROM jsonb_to_recordset($3::jsonb) AS r(kind text, "to" text, hash text, document_id text, code text)
     JOIN orgs f ON f.id = $1
     LEFT JOIN orgs t ON t.organ_id = r.to
     ON CONFLICT DO NOTHING
     RETURNING to_org_id`,
    [fromOrgId, blobOrgId, JSON.stringify(rows)],
  );
  return [...new Set(inserted.rows.map((r) => r.to_org_id).filter((id): id is string => id !== null))];
}

/** The OrganId of a hosted organisation. */
export async function organIdOf(pool: Pool, orgId: string): Promise<string> {
  const r = await pool.query<{ organ_id: string }>('SELECT organ_id FROM orgs WHERE id = $1', [orgId]);
  return r.rows[0]!.organ_id;
}

export interface ExchangeRepo {
  /** Up to `limit` packages waiting for the organisation, now held for `clientId` (its own held ones first). */
  take(orgId: string, clientId: string, limit: number): Promise<StoredMessage[]>;
  /** A package of the organisation's inbox held by `clientId`; null otherwise. */
  held(orgId: string, clientId: string, id: string): Promise<StoredMessage | null>;
  /** Records what the recipient did, and routes its reply (status 02) in the same transaction. False: not held. */
  done(orgId: string, clientId: string, id: string, outcome: InboxOutcome, reason: string, reply: PackageRoute | null): Promise<{ held: boolean; notify: string[] }>;
}

export function createExchangeRepo(pool: Pool): ExchangeRepo {
  return {
    async take(orgId, clientId, limit) {
      const r = await pool.query<StoredMessage>(
        `UPDATE exchange_messages SET taken_by = $2, taken_at = now()
         WHERE id IN (
           SELECT id FROM exchange_messages
           WHERE to_org_id = $1 AND done_at IS NULL AND (taken_by IS NULL OR taken_by = $2 OR taken_at < now() - interval '${TAKEN_FOR}')
           ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING ${COLUMNS}`,
        [orgId, clientId, limit],
      );
      return r.rows.sort((a, b) => Number(a.id) - Number(b.id));
    },
    async held(orgId, clientId, id) {
      const r = await pool.query<StoredMessage>(`SELECT ${COLUMNS} FROM exchange_messages WHERE id = $1 AND to_org_id = $2 AND taken_by = $3`, [id, orgId, clientId]);
      return r.rows[0] ?? null;
    },
    done(orgId, clientId, id, outcome, reason, reply) {
      return inTransaction(pool, async (c) => {
        const r = await c.query(
          `UPDATE exchange_messages SET done_at = coalesce(done_at, now()), outcome = coalesce(outcome, $4), reason = coalesce(reason, $5)
           WHERE id = $1 AND to_org_id = $2 AND taken_by = $3`,
          [id, orgId, clientId, outcome, reason],
        );
        const notify = r.rowCount && reply ? await routePackages(c, orgId, orgId, [reply]) : [];
        return { held: r.rowCount === 1, notify };
      });
    },
  };
}

/** The axis adapter's side: what waits for organisations this server does not host, and what arrives for those it does. */
export interface AxisRepo {
  outbox(limit: number): Promise<(StoredMessage & { code: string })[]>;
  /** A package still waiting for the axis; null otherwise. */
  waiting(id: string): Promise<StoredMessage | null>;
  /** Marks it handed to the axis; false when there is no such package waiting. */
  ack(id: string): Promise<boolean>;
  /** The hosted organisation with this OrganId, if any. */
  hostedOrg(organId: string): Promise<string | null>;
  /** Puts a package from the axis into the inbox of hosted organisation `orgId` (whose blob folder holds it). */
  deliver(orgId: string, d: { from: string; to: string; kind: 'document' | 'status'; documentId: string; code: string; hash: string }): Promise<{ id: string; duplicate: boolean }>;
}

export function createAxisRepo(pool: Pool): AxisRepo {
  const waitingForAxis = 'to_org_id IS NULL AND done_at IS NULL';
  return {
    async outbox(limit) {
      const r = await pool.query<StoredMessage & { code: string }>(`SELECT ${COLUMNS}, code FROM exchange_messages WHERE ${waitingForAxis} ORDER BY id LIMIT $1`, [limit]);
      return r.rows;
    },
    async waiting(id) {
      const r = await pool.query<StoredMessage>(`SELECT ${COLUMNS} FROM exchange_messages WHERE id = $1 AND ${waitingForAxis}`, [id]);
      return r.rows[0] ?? null;
    },
    async ack(id) {
      const r = await pool.query(`UPDATE exchange_messages SET done_at = now(), outcome = 'axis' WHERE id = $1 AND ${waitingForAxis}`, [id]);
      return r.rowCount === 1;
    },
    async hostedOrg(organId) {
      const r = await pool.query<{ id: string }>('SELECT id FROM orgs WHERE organ_id = $1', [organId]);
      return r.rows[0]?.id ?? null;
    },
    async deliver(orgId, d) {
      const inserted = await pool.query<{ id: string }>(
        `INSERT INTO exchange_messages (kind, from_organ_id, to_organ_id, to_org_id, blob_org_id, hash, document_id, code)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id::text`,
        [d.kind, d.from, d.to, orgId, d.hash, d.documentId, d.code],
      );
      if (inserted.rows[0]) return { id: inserted.rows[0].id, duplicate: false };
      const known = await pool.query<{ id: string }>(
        'SELECT id::text FROM exchange_messages WHERE to_organ_id = $1 AND kind = $2 AND document_id = $3 AND code = $4',
        [d.to, d.kind, d.documentId, d.code],
      );
      return { id: known.rows[0]!.id, duplicate: true };
    },
  };
}

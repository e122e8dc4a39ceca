/** Refresh tokens, stored only as SHA-256 hashes: a copy of the table lets nobody log in. */
import type { PoolClient } from './pool';

export interface RefreshTokenRow {
  id: string;
  userId: string;
  expired: boolean;
  /** Revoked, or already exchanged for a newer token. */
  used: boolean;
  /** The token this one was exchanged for, if that happened within the last minute. */
  recentlyReplacedBy: string | null;
}

export async function insertRefreshToken(db: PoolClient, userId: string, tokenHash: string, days: number): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO refresh_tokens (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3)) RETURNING id`,
    [userId, tokenHash, days],
  );
  return rows[0]!.id;
}

/** The token row, locked until the transaction ends so two refreshes with one token cannot both succeed. */
export async function lockRefreshToken(db: PoolClient, tokenHash: string): Promise<RefreshTokenRow | null> {
  const { rows } = await db.query<RefreshTokenRow>(
    `${SELECT_TOKEN} WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** As lockRefreshToken, by the row's id. */
export async function lockRefreshTokenById(db: PoolClient, id: string): Promise<RefreshTokenRow | null> {
  const { rows } = await db.query<RefreshTokenRow>(`${SELECT_TOKEN} WHERE id = $1 FOR UPDATE`, [id]);
  return rows[0] ?? null;
}

const SELECT_TOKEN = `SELECT id, user_id AS "userId", expires_at <= now() AS expired,
    (revoked_at IS NOT NULL OR replaced_by IS NOT NULL) AS used,
    CASE WHEN replaced_by IS NOT NULL AND revoked_at > now() - interval '60 seconds' THEN replaced_by END AS "recentlyReplacedBy"
  FROM refresh_tokens`;

export async function markReplaced(db: PoolClient, id: string, replacedBy: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET replaced_by = $2, revoked_at = now() WHERE id = $1', [id, replacedBy]);
}

/** Revokes every token issued from `id` onwards: whoever holds a copy of a rotated token loses the whole chain. */
export async function revokeChain(db: PoolClient, id: string): Promise<void> {
  await db.query(
    `WITH RECURSIVE chain(id) AS (
       SELECT id FROM refresh_tokens WHERE id = $1
       UNION SELECT t.replaced_by FROM refresh_tokens t JOIN chain c ON t.id = c.id WHERE t.replaced_by IS NOT NULL
     )
     UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id IN (SELECT id FROM chain)`,
    [id],
  );
}

/** Revokes every live token of a user: a disabled account or a reset password ends the sessions already open. */
export async function revokeUserTokens(db: PoolClient, userId: string): Promise<void> {
  await db.query('UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [userId]);
}

/**
 * Logging in and staying logged in: a password buys a short access token and a refresh token; each refresh spends
 * the refresh token and hands out a new pair, and a spent token shown again revokes the chain (it was copied).
 *
 * One exception keeps commune offices logged in over links that drop answers: a token shown again within a minute of
 * its exchange, while the token it was exchanged for has never been used, is the same client that never received its
 * answer. It gets a new pair in place of the one lost on the way, which is spent instead.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../shared/contract/syncWire';
import { findUserById, findUserByUsername, type UserRow } from '../db/accountsRepo';
import { inTransaction, type Pool, type PoolClient } from '../db/pool';
import { insertRefreshToken, lockRefreshToken, lockRefreshTokenById, markReplaced, revokeChain, type RefreshTokenRow } from '../db/refreshTokensRepo';
import { ACCESS_TOKEN_SECONDS, issueAccessToken } from './accessToken';
import { hashForUnknownUser, verifyPassword } from './password';

const REFRESH_DAYS = 30;

export type LoginResult = { ok: true; session: Session } | { ok: false; reason: 'bad-credentials' | 'disabled' };

/** Usernames are compared without case: people type them on phones and keyboards that capitalise. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export async function login(pool: Pool, accessKey: Buffer, username: string, password: string): Promise<LoginResult> {
  const user = await findUserByUsername(pool, normaliseUsername(username));
  const matches = await verifyPassword(password, user?.passwordHash ?? (await hashForUnknownUser()));
  if (!user || !matches) return { ok: false, reason: 'bad-credentials' };
  if (user.disabled) return { ok: false, reason: 'disabled' };
  const { session } = await inTransaction(pool, (client) => openSession(client, user, accessKey));
  return { ok: true, session };
}

/** A new session for the holder of a live refresh token; null when the token is unknown, expired, spent or its user disabled. */
export async function refresh(pool: Pool, accessKey: Buffer, refreshToken: string): Promise<Session | null> {
  return inTransaction(pool, async (client) => {
    const shown = await lockRefreshToken(client, hashToken(refreshToken));
    if (!shown || shown.expired) return null;
    const token = shown.used ? await lostAnswer(client, shown) : shown;
    if (!token) {
      await revokeChain(client, shown.id);
      return null;
    }
    const user = await findUserById(client, token.userId);
    if (!user || user.disabled) return null;
    const { session, refreshTokenId } = await openSession(client, user, accessKey);
    await markReplaced(client, token.id, refreshTokenId);
    return session;
  });
}

/** The never-used token a spent one was exchanged for within the last minute: the pair whose answer was lost. */
async function lostAnswer(client: PoolClient, spent: RefreshTokenRow): Promise<RefreshTokenRow | null> {
  if (!spent.recentlyReplacedBy) return null;
  const next = await lockRefreshTokenById(client, spent.recentlyReplacedBy);
  return next && !next.used && !next.expired ? next : null;
}

async function openSession(client: PoolClient, user: UserRow, accessKey: Buffer): Promise<{ session: Session; refreshTokenId: string }> {
  const refreshToken = randomBytes(32).toString('base64url');
  const refreshTokenId = await insertRefreshToken(client, user.id, hashToken(refreshToken), REFRESH_DAYS);
  const session: Session = {
    accessToken: issueAccessToken({ userId: user.id, orgId: user.orgId }, accessKey),
    expiresIn: ACCESS_TOKEN_SECONDS,
    refreshToken,
    user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId },
  };
  return { session, refreshTokenId };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

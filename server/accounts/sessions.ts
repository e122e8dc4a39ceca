/**
 * Logging in and staying logged in: a password buys a short access token and a refresh token; each refresh spends
 * the refresh token and hands out a new pair, and a spent token shown again revokes the chain (it was copied).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Session } from '../../shared/contract/syncWire';
import { findUserById, findUserByUsername, type UserRow } from '../db/accountsRepo';
import { inTransaction, type Pool, type PoolClient } from '../db/pool';
import { insertRefreshToken, lockRefreshToken, markReplaced, revokeChain } from '../db/refreshTokensRepo';
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
    const token = await lockRefreshToken(client, hashToken(refreshToken));
    if (!token || token.expired) return null;
    if (token.used) {
      await revokeChain(client, token.id);
      return null;
    }
    const user = await findUserById(client, token.userId);
    if (!user || user.disabled) return null;
    const { session, refreshTokenId } = await openSession(client, user, accessKey);
    await markReplaced(client, token.id, refreshTokenId);
    return session;
  });
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

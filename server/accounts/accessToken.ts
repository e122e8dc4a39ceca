/**
 * Access tokens: `<payload>.<signature>`, both base64url, the payload `<user id> <org id> <expiry in unix seconds>`
 * and the signature its HMAC-SHA256 under the key every server process reads from the database. Short-lived on
 * purpose: a disabled user is refused at once anyway (authenticate reads the user), and refresh tokens can be revoked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const ACCESS_TOKEN_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  orgId: string;
  /** Unix seconds. */
  expiresAt: number;
}

function sign(payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function issueAccessToken(claims: Omit<AccessClaims, 'expiresAt'>, key: Buffer, now = Date.now()): string {
  const expiresAt = Math.floor(now / 1000) + ACCESS_TOKEN_SECONDS;
  const payload = Buffer.from(`${claims.userId} ${claims.orgId} ${expiresAt}`).toString('base64url');
  return `${payload}.${sign(payload, key).toString('base64url')}`;
}

/** The claims of a well-signed, unexpired token; null for anything else. */
export function readAccessToken(token: string, key: Buffer, now = Date.now()): AccessClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = sign(payload, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const [userId, orgId, expiry] = Buffer.from(payload, 'base64url').toString().split(' ');
  const expiresAt = Number(expiry);
  if (!userId || !orgId || !Number.isInteger(expiresAt) || expiresAt * 1000 <= now) return null;
  return { userId, orgId, expiresAt };
}

/** Who is calling: the bearer access token, checked against its signature, its expiry and the user's current state. */
import type { IncomingMessage } from 'node:http';
import { readAccessToken } from '../accounts/accessToken';
import { findUserById, type Role } from '../db/accountsRepo';
import type { Pool } from '../db/pool';

export interface AuthUser {
  id: string;
  orgId: string;
  unitId: string | null;
  role: Role;
  fullName: string;
  username: string;
  /** May manage the organisation's accounts and units (the admin routes). */
  isAdmin: boolean;
}

export type Authenticate = (req: IncomingMessage) => Promise<AuthUser | null>;

/** A user disabled after their token was issued is refused at once, not when the token runs out. */
export function createAuthenticator(pool: Pool, accessKey: Buffer): Authenticate {
  return async (req) => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
    const claims = match?.[1] ? readAccessToken(match[1], accessKey) : null;
    if (!claims) return null;
    const user = await findUserById(pool, claims.userId);
    if (!user || user.disabled || user.orgId !== claims.orgId) return null;
    const { id, orgId, unitId, role, fullName, username, isAdmin } = user;
    return { id, orgId, unitId, role, fullName, username, isAdmin };
  };
}

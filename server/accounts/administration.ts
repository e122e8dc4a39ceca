/**
 * What an organisation's administrator does from the admin page, always inside their own organisation: an account or
 * unit id of another organisation is treated as unknown, never touched. Adding a user is `addUserToOrg` (setup.ts).
 */
import type { AdminAccounts, UserPlaceInput } from '../../shared/contract/adminWire';
import { msg } from '../../shared/messages';
import { findUnitByAbbrev, insertUnit, listUsers, lockActiveAdmins, orgSnapshot, setPasswordHash, setUserDisabled, setUserPlace } from '../db/accountsRepo';
import { inTransaction, type Pool } from '../db/pool';
import { revokeUserTokens } from '../db/refreshTokensRepo';
import { hashPassword } from './password';
import { checkPassword, SetupRefused } from './setup';

export async function listAccounts(pool: Pool, orgId: string): Promise<AdminAccounts | null> {
  const snapshot = await orgSnapshot(pool, orgId);
  if (!snapshot) return null;
  return { organId: snapshot.organId, name: snapshot.name, units: snapshot.units, users: await listUsers(pool, orgId) };
}

export async function addUnit(pool: Pool, orgId: string, unit: { name: string; abbrev: string }): Promise<string> {
  const id = await insertUnit(pool, { orgId, ...unit });
  if (!id) throw new SetupRefused(msg('admin.unitExists', { abbrev: unit.abbrev }));
  return id;
}

/**
 * False when the organisation has no such user. Disabling also revokes the user's refresh tokens: otherwise enabling
 * the account again would bring back every session it had, on computers that may since have changed hands.
 */
export function setAccountDisabled(pool: Pool, orgId: string, userId: string, disabled: boolean): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const found = await setUserDisabled(client, orgId, userId, disabled);
    if (found && disabled) await revokeUserTokens(client, userId);
    return found;
  });
}

/** False when the organisation has no such user. The sessions opened with the old password end with it. */
export async function resetPassword(pool: Pool, orgId: string, userId: string, password: string): Promise<boolean> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return inTransaction(pool, async (client) => {
    const found = await setPasswordHash(client, orgId, userId, passwordHash);
    if (found) await revokeUserTokens(client, userId);
    return found;
  });
}

/**
 * Moves a user to another role or unit, or gives or takes their administrator right; false when the organisation has
 * no such user. The unit is checked as `user add` checks it. The organisation always keeps an active administrator,
 * whoever asks: otherwise nobody could add, unlock or move anyone again.
 *
 * Nothing else changes here: the server reads the user at every request, and each PC of the user compares the role
 * and unit of its profile with those its cursor was pulled as, and catches up on what the new ones let it see.
 */
export function changeUserPlace(pool: Pool, orgId: string, change: UserPlaceInput): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const unitId = await findUnitByAbbrev(client, orgId, change.unitAbbrev);
    if (!unitId) throw new SetupRefused(msg('serverCli.unitUnknown', { abbrev: change.unitAbbrev }));
    const admins = await lockActiveAdmins(client, orgId);
    if (!change.isAdmin && admins.length === 1 && admins[0] === change.userId) throw new SetupRefused(msg('admin.lastAdmin'));
    return setUserPlace(client, orgId, change.userId, { role: change.role, unitId, isAdmin: change.isAdmin });
  });
}

/** Setting up an organisation and its accounts: what `vanthu-server init` and `user add` do, refusals in Vietnamese. */
import { isValidOrganId } from '../../shared/domain/organId';
import { msg } from '../../shared/messages';
import { findUnitByAbbrev, insertOrg, insertUnit, insertUser, listOrgs, type Role } from '../db/accountsRepo';
import { inTransaction, type Pool, type PoolClient } from '../db/pool';
import { hashPassword } from './password';
import { normaliseUsername } from './sessions';

export const ROLES: readonly Role[] = ['van_thu', 'lanh_dao', 'chuyen_vien'];
export const MIN_PASSWORD_LENGTH = 8;

/** A refusal whose message is ready to show. */
export class SetupRefused extends Error {
  override name = 'SetupRefused';
}

export interface NewOrg {
  organId: string;
  name: string;
  abbrev: string;
  units: { name: string; abbrev: string }[];
  admin: { username: string; fullName: string; password: string };
}

/** The organisation, its units and its first user (a văn thư, the administrator), all or nothing. */
export async function initOrg(pool: Pool, org: NewOrg): Promise<void> {
  if (!isValidOrganId(org.organId)) throw new SetupRefused(msg('error.organIdInvalid'));
  const abbrevs = org.units.map((unit) => unit.abbrev);
  const repeated = abbrevs.find((abbrev, i) => abbrevs.indexOf(abbrev) !== i);
  if (repeated) throw new SetupRefused(msg('serverCli.duplicateUnit', { abbrev: repeated }));
  checkPassword(org.admin.password);
  const passwordHash = await hashPassword(org.admin.password);
  await inTransaction(pool, async (client) => {
    const orgId = await insertOrg(client, org);
    if (!orgId) throw new SetupRefused(msg('serverCli.orgExists', { organId: org.organId }));
    for (const unit of org.units) await insertUnit(client, { orgId, ...unit });
    const username = normaliseUsername(org.admin.username);
    const userId = await insertUser(client, { orgId, unitId: null, username, fullName: org.admin.fullName, position: '', role: 'van_thu', isAdmin: true, passwordHash });
    if (!userId) throw new SetupRefused(msg('serverCli.userExists', { username }));
  });
}

export interface NewUserRequest {
  /** The organisation's OrganId; may be left out while the server holds a single organisation. */
  organId?: string | undefined;
  username: string;
  fullName: string;
  role: Role;
  position: string;
  unitAbbrev: string;
  password: string;
}

/** `user add`: into the organisation named by its OrganId, or the only one. */
export function addUser(pool: Pool, user: NewUserRequest): Promise<{ id: string; username: string }> {
  return insertNewUser(pool, (client) => chooseOrg(client, user.organId), user);
}

/** An administrator's addition: into their own organisation, whatever others the server holds. */
export function addUserToOrg(pool: Pool, orgId: string, user: Omit<NewUserRequest, 'organId'>): Promise<{ id: string; username: string }> {
  return insertNewUser(pool, async () => orgId, user);
}

async function insertNewUser(pool: Pool, orgOf: (client: PoolClient) => Promise<string>, user: Omit<NewUserRequest, 'organId'>): Promise<{ id: string; username: string }> {
  checkPassword(user.password);
  const passwordHash = await hashPassword(user.password);
  return inTransaction(pool, async (client) => {
    const orgId = await orgOf(client);
    const unitId = await findUnitByAbbrev(client, orgId, user.unitAbbrev);
    if (!unitId) throw new SetupRefused(msg('serverCli.unitUnknown', { abbrev: user.unitAbbrev }));
    const username = normaliseUsername(user.username);
    const id = await insertUser(client, { orgId, unitId, username, fullName: user.fullName, position: user.position, role: user.role, isAdmin: false, passwordHash });
    if (!id) throw new SetupRefused(msg('serverCli.userExists', { username }));
    return { id, username };
  });
}

async function chooseOrg(client: PoolClient, organId: string | undefined): Promise<string> {
  const orgs = await listOrgs(client);
  if (organId !== undefined) {
    const org = orgs.find((o) => o.organId === organId);
    if (!org) throw new SetupRefused(msg('serverCli.orgUnknown', { organId }));
    return org.id;
  }
  if (orgs.length === 0) throw new SetupRefused(msg('serverCli.noOrg'));
  if (orgs.length > 1) throw new SetupRefused(msg('serverCli.orgAmbiguous'));
  return orgs[0]!.id;
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new SetupRefused(msg('serverCli.passwordTooShort', { min: MIN_PASSWORD_LENGTH }));
}

/** Organisations, units and users: the SQL and the row ↔ object mapping, nothing else. */
import type { AdminUser } from '../../shared/contract/adminWire';
import type { OrgSnapshot } from '../../shared/contract/syncWire';
import type { OrgSettings } from '../../shared/contract/orgSettings';
import type { Pool, PoolClient } from './pool';

export type Role = 'van_thu' | 'lanh_dao' | 'chuyen_vien';
type Db = Pool | PoolClient;

export interface NewUser {
  orgId: string;
  unitId: string | null;
  username: string;
  fullName: string;
  position: string;
  role: Role;
  isAdmin: boolean;
  passwordHash: string;
}

export interface UserRow extends NewUser {
  id: string;
  disabled: boolean;
}

const USER_COLUMNS = `id, org_id AS "orgId", unit_id AS "unitId", username, full_name AS "fullName", position, role,
  is_admin AS "isAdmin", password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled`;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0] ?? null;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** The new user's id, or null when the username is taken. */
export async function insertUser(db: Db, user: NewUser): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (org_id, unit_id, username, full_name, position, role, is_admin, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [user.orgId, user.unitId, user.username, user.fullName, user.position, user.role, user.isAdmin, user.passwordHash],
  );
  return rows[0]?.id ?? null;
}

/** False when the organisation has no such user. */
export async function setUserDisabled(db: Db, orgId: string, id: string, disabled: boolean): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE users SET disabled_at = CASE WHEN $3 THEN coalesce(disabled_at, now()) END WHERE id = $1 AND org_id = $2`, [
    id,
    orgId,
    disabled,
  ]);
  return rowCount === 1;
}

/** False when the organisation has no such user. */
export async function setPasswordHash(db: Db, orgId: string, id: string, passwordHash: string): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND org_id = $2', [id, orgId, passwordHash]);
  return rowCount === 1;
}

/** False when the organisation has no such user. */
export async function setUserPlace(db: Db, orgId: string, id: string, place: { role: Role; unitId: string; isAdmin: boolean }): Promise<boolean> {
  const { rowCount } = await db.query('UPDATE users SET role = $3, unit_id = $4, is_admin = $5 WHERE id = $1 AND org_id = $2', [
    id,
    orgId,
    place.role,
    place.unitId,
    place.isAdmin,
  ]);
  return rowCount === 1;
}

/**
 * The organisation's active administrators, their rows locked until the transaction ends: two administrators taking
 * each other's right at once are served one after the other, and the second sees the first's change.
 */
export async function lockActiveAdmins(db: Db, orgId: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM users WHERE org_id = $1 AND is_admin AND disabled_at IS NULL FOR UPDATE', [orgId]);
  return rows.map((row) => row.id);
}

/** The organisation's accounts as its administrator sees them: never the password hashes. */
export async function listUsers(db: Db, orgId: string): Promise<AdminUser[]> {
  const { rows } = await db.query<AdminUser>(
    `SELECT id, username, full_name AS "fullName", position, role, unit_id AS "unitId", is_admin AS "isAdmin", disabled_at IS NOT NULL AS disabled
     FROM users WHERE org_id = $1 ORDER BY full_name, username`,
    [orgId],
  );
  return rows;
}

/** The new organisation's id, or null when its OrganId is already on this server. */
export async function insertOrg(db: Db, org: { organId: string; name: string; abbrev: string }): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO orgs (organ_id, name, abbrev) VALUES ($1, $2, $3) ON CONFLICT (organ_id) DO NOTHING RETURNING id',
    [org.organId, org.name, org.abbrev],
  );
  return rows[0]?.id ?? null;
}

/** The new unit's id, or null when the organisation already has a unit with that abbreviation. */
export async function insertUnit(db: Db, unit: { orgId: string; name: string; abbrev: string }): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO units (org_id, name, abbrev) VALUES ($1, $2, $3) ON CONFLICT (org_id, abbrev) DO NOTHING RETURNING id',
    [unit.orgId, unit.name, unit.abbrev],
  );
  return rows[0]?.id ?? null;
}

export async function listOrgs(db: Db): Promise<{ id: string; organId: string }[]> {
  const { rows } = await db.query<{ id: string; organId: string }>('SELECT id, organ_id AS "organId" FROM orgs ORDER BY organ_id');
  return rows;
}

export async function findUnitByAbbrev(db: Db, orgId: string, abbrev: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM units WHERE org_id = $1 AND abbrev = $2', [orgId, abbrev]);
  return rows[0]?.id ?? null;
}

/** The organisation as a client takes it at login: its units and all its people, disabled ones included (their names
 * stay on the documents they handled). */
export async function orgSnapshot(db: Db, orgId: string): Promise<OrgSnapshot | null> {
  const org = await db.query<{ organId: string; name: string; abbrev: string; settings: OrgSnapshot['settings'] }>(
    'SELECT organ_id AS "organId", name, abbrev, settings FROM orgs WHERE id = $1',
    [orgId],
  );
  if (!org.rows[0]) return null;
  const units = await db.query<OrgSnapshot['units'][number]>('SELECT id, name, abbrev FROM units WHERE org_id = $1 ORDER BY abbrev', [orgId]);
  const staff = await db.query<OrgSnapshot['staff'][number]>(
    `SELECT id, full_name AS "fullName", position, unit_id AS "unitId", role FROM users WHERE org_id = $1 ORDER BY full_name, id`,
    [orgId],
  );
  return { ...org.rows[0], units: units.rows, staff: staff.rows };
}

/** Merges the given keys into the organisation's settings; the others stay as they are. */
export async function saveOrgSettings(db: Db, orgId: string, settings: OrgSettings): Promise<void> {
  await db.query('UPDATE orgs SET settings = settings || $2::jsonb WHERE id = $1', [orgId, JSON.stringify(settings)]);
}

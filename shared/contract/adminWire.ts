/**
 * The admin wire: what an organisation's administrator (the admin page, or any client with an admin's access token)
 * and the central server say about the organisation's accounts and units. Every route works inside the caller's own
 * organisation; an id from another one is answered as unknown.
 */
import { z } from 'zod';
import { OrgSnapshot, StaffRoleWire } from './syncWire';

const Name = z.string().trim().min(1).max(200);
const Abbrev = z.string().trim().min(1).max(20);
/** Length rules are the server's (a refusal in Vietnamese); the schema only bounds what it will read. */
const Password = z.string().min(1).max(1000);

export const NewUserInput = z.object({
  username: z.string().trim().min(1).max(100),
  fullName: Name,
  role: StaffRoleWire,
  position: z.string().trim().max(200).default(''),
  unitAbbrev: Abbrev,
  password: Password,
});
export type NewUserInput = z.infer<typeof NewUserInput>;

export const UserStateInput = z.object({ userId: z.uuid(), disabled: z.boolean() });
export const PasswordResetInput = z.object({ userId: z.uuid(), password: Password });
export const NewUnitInput = z.object({ name: Name, abbrev: Abbrev });
/** A user's place in the organisation: role, unit (by abbreviation, as `user add` takes it) and administrator right. */
export const UserPlaceInput = z.object({ userId: z.uuid(), role: StaffRoleWire, unitAbbrev: Abbrev, isAdmin: z.boolean() });
export type UserPlaceInput = z.infer<typeof UserPlaceInput>;

export const AdminUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  position: z.string(),
  role: StaffRoleWire,
  unitId: z.string().nullable(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
});
export type AdminUser = z.infer<typeof AdminUser>;

/** The organisation as its administrator manages it: units, and every account, disabled ones included. */
export const AdminAccounts = OrgSnapshot.pick({ organId: true, name: true, units: true }).extend({ users: z.array(AdminUser) });
export type AdminAccounts = z.infer<typeof AdminAccounts>;

export const ADMIN_PATHS = {
  /** GET: the organisation's units and accounts. */
  accounts: '/v1/admin/accounts',
  addUser: '/v1/admin/users',
  userState: '/v1/admin/users/state',
  resetPassword: '/v1/admin/users/password',
  userPlace: '/v1/admin/users/place',
  addUnit: '/v1/admin/units',
} as const;

/**
 * Who may see a document, decided on the server from the document's own fields, so that no client can widen its view.
 *
 * An unrestricted document is seen by everyone in its organisation. A restricted one ("Hạn chế phạm vi xem") is seen
 * by the clerks and leaders, by whoever registered it, by the staff it was handed to and by everyone in a unit it was
 * handed to, and by those its handling names: the lead unit or person, the co-operating units, the assigned officer.
 *
 * The audience is stored with the document row and with each of its events when they are written (server/db/syncRepo.ts
 * filters pulls and downloads on it), so `maySee` below and the SQL predicate there are one rule written twice: change
 * both together.
 */
import type { Fields, Json, SyncEntity } from '../../shared/contract/syncWire';
import type { Role } from '../db/accountsRepo';

export interface Audience {
  restricted: boolean;
  /** Users (server user ids, which are the clients' staff ids) who see the document besides the roles that see all. */
  users: string[];
  /** Units whose members see it. */
  units: string[];
}

/** The reader of documents, as the pull and download filters take them. */
export interface Viewer {
  userId: string;
  unitId: string | null;
  /** Clerks and leaders see every document of their organisation. */
  seesAll: boolean;
}

const ROLES_SEEING_ALL: readonly Role[] = ['van_thu', 'lanh_dao'];
const EVERYONE: Audience = { restricted: false, users: [], units: [] };

export function viewerOf(user: { id: string; unitId: string | null; role: Role }): Viewer {
  return { userId: user.id, unitId: user.unitId, seesAll: ROLES_SEEING_ALL.includes(user.role) };
}

/** The client's columns travel as SQLite holds them: the flag arrives as 0 or 1. */
const isSet = (v: Json | undefined) => v === true || v === 1;

export function documentAudience(entity: SyncEntity, fields: Fields): Audience {
  // Outgoing documents stay visible to the whole organisation for now: drafts circulate for review and the issued
  // ones reach their internal recipients as incoming copies, which can be restricted on their own. Leaders'
  // directives are the organisation's follow-up list: every unit sees them, as the tracking KPI is published.
  if (entity !== 'incoming' || !isSet(fields.restricted)) return EVERYONE;
  const users = new Set<string>();
  const units = new Set<string>();
  // The registrant is the staff member the client recorded; after login that is the server user's id.
  if (typeof fields.createdBy === 'string') users.add(fields.createdBy);
  for (const key of ['leadStaffId', 'assigneeId'] as const) if (typeof fields[key] === 'string') users.add(fields[key]);
  if (typeof fields.leadUnitId === 'string') units.add(fields.leadUnitId);
  // The co-operating units travel as the JSON text SQLite keeps them in.
  if (typeof fields.cooperating === 'string') for (const unit of JSON.parse(fields.cooperating) as string[]) units.add(unit);
  for (const [key, value] of Object.entries(fields)) {
    if (!key.startsWith('handover:') || value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    if (typeof value.recipientId !== 'string') continue;
    if (value.recipientKind === 'staff') users.add(value.recipientId);
    else if (value.recipientKind === 'unit') units.add(value.recipientId);
  }
  return { restricted: true, users: [...users].sort(), units: [...units].sort() };
}

export function maySee(viewer: Viewer, audience: Audience): boolean {
  return (
    viewer.seesAll ||
    !audience.restricted ||
    audience.users.includes(viewer.userId) ||
    (viewer.unitId !== null && audience.units.includes(viewer.unitId))
  );
}

/** True when someone outside `before` is inside `after`: they must be sent the document's whole history. */
export function audienceGrew(before: Audience, after: Audience): boolean {
  if (!before.restricted) return false;
  if (!after.restricted) return true;
  return after.users.some((u) => !before.users.includes(u)) || after.units.some((u) => !before.units.includes(u));
}

export function sameAudience(a: Audience, b: Audience): boolean {
  return !audienceGrew(a, b) && !audienceGrew(b, a);
}

/**
 * The sync wire: what a client and the central server say to each other, written once for both sides.
 *
 * A synced document is a flat map of fields (`Fields`): its own columns under plain keys and each child row under a
 * key of its own (`attachment:0`, `handover:<id>`), so that two people adding different children never touch the same
 * key. A local change travels as a mutation: the domain event it records, the fields it set, and the values those
 * fields had when the change was made (`expect`). The server applies it only if every expected value still holds —
 * the per-field comparison that turns two offline actions on one document into one applied and one refused, both kept
 * in the history.
 */
import { z } from 'zod';
import { OrgSettings } from './orgSettings';

/** JSON values as they travel; a field set to null is removed from the document. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * The same values a zod union of the six kinds accepts, checked by a plain walk: a pulled page carries some 100,000
 * field values, and the union's machinery per value cost a first sync more CPU than reading the page.
 */
function isJson(v: unknown): v is Json {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(v);
    case 'object':
      return v === null || (Array.isArray(v) ? v.every(isJson) : isJsonObject(v));
    default:
      return false;
  }
}

function isJsonObject(v: unknown, keyMax = Infinity): v is { [key: string]: Json } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.entries(v).every(([k, x]) => k.length <= keyMax && isJson(x));
}

const JsonObject = z.custom<{ [key: string]: Json }>((v) => isJsonObject(v), 'not a JSON object');

export const Id = z.string().min(1).max(64);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** Documents, and the records that sync like them: directives, the year's file plan entries and the work files (hồ sơ). */
export const SyncEntity = z.enum(['incoming', 'outgoing', 'directive', 'filePlanEntry', 'workFile']);
export type SyncEntity = z.infer<typeof SyncEntity>;

/** Field names are at most 200 characters. */
export const Fields = z.custom<{ [key: string]: Json }>((v) => isJsonObject(v, 200), 'not a map of fields');
export type Fields = z.infer<typeof Fields>;

export const WireEvent = z.object({
  id: Id,
  entity: SyncEntity,
  entityId: Id,
  at: z.string().max(40),
  actorId: Id.nullable(),
  actor: z.string().max(300),
  kind: z.string().max(100),
  data: JsonObject,
});
export type WireEvent = z.infer<typeof WireEvent>;

/** A number taken from a register: the server keeps each (register, year, number) once per organisation. */
export const TakenNumber = z.object({ register: z.string().max(100), year: z.number().int(), number: z.number().int().positive() });
export type TakenNumber = z.infer<typeof TakenNumber>;

/** The field holding each kind of document's register number (absent on a provisional entry and on a draft); entities
 * that take no number from a register have none. */
export const NUMBER_FIELD: Partial<Record<SyncEntity, string>> = { incoming: 'arrivalNumber', outgoing: 'number' };

/** The register number a document's fields hold, if any: never to be given twice. */
export function takenNumber(entity: SyncEntity, f: Fields): TakenNumber | null {
  const field = NUMBER_FIELD[entity];
  const number = field === undefined ? undefined : f[field];
  return typeof number === 'number' && typeof f.registerId === 'string' && typeof f.year === 'number' ? { register: f.registerId, year: f.year, number } : null;
}

export const Mutation = z.object({
  id: Id,
  /** Per-client sequence from 1 with no gaps: the server applies seq n only after n − 1. */
  seq: z.number().int().positive(),
  entity: SyncEntity,
  entityId: Id,
  /** True when the change creates the document: the server requires that it does not exist yet. */
  create: z.boolean(),
  /** The value each changed field had before the change (null: absent). */
  expect: Fields,
  set: Fields,
  event: WireEvent,
  /** Files the changed fields reference: pushed only once the server holds each of them. */
  blobs: z.array(Sha256),
  numbers: z.array(TakenNumber),
});
export type Mutation = z.infer<typeof Mutation>;

/** A kind's name as a pull or a push names it: a server of another version may not know it. */
export const KindName = z.string().regex(/^[A-Za-z]{1,40}$/);

/**
 * A mutation as a server reads it from a push: one of a kind the server does not sync (a newer PC's) is read too, and
 * answered `deferred` on its own instead of failing the whole push.
 */
export const PushedMutation = Mutation.extend({ entity: KindName, event: WireEvent.extend({ entity: KindName }) });
export type PushedMutation = z.infer<typeof PushedMutation>;

export const PushRequest = z.object({ clientId: Id, mutations: z.array(PushedMutation).max(500) });
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectReason = z.object({
  code: z.enum(['CONFLICT', 'EXISTS', 'NOT_FOUND', 'NUMBER_TAKEN', 'NOT_LEASE_HOLDER', 'FORBIDDEN', 'BLOB_MISSING']),
  message: z.string(),
  /** The fields whose values had changed on the server since the client read them. */
  fields: z.array(z.string()).optional(),
});
export type RejectReason = z.infer<typeof RejectReason>;

export const PushOutcome = z.discriminatedUnion('outcome', [
  z.object({ id: Id, seq: z.number().int(), outcome: z.literal('applied'), version: z.string() }),
  z.object({ id: Id, seq: z.number().int(), outcome: z.literal('duplicate') }),
  /** The server's current document comes with a refusal, so the client can show what won and start again from it. */
  z.object({ id: Id, seq: z.number().int(), outcome: z.literal('rejected'), reason: RejectReason, current: Fields.nullable() }),
  /**
   * Of a kind this server does not sync yet: nothing is applied, the sequence goes on past it, and the client keeps it
   * and sends it again once the server names its kind (`OrgSnapshot.kinds`). The server's answer to it then is the
   * one it would have had.
   */
  z.object({ id: Id, seq: z.number().int(), outcome: z.literal('deferred') }),
  /** Sequences before this one are missing: the client resends from `expected`. */
  z.object({ id: Id, seq: z.number().int(), outcome: z.literal('gap'), expected: z.number().int() }),
]);
export type PushOutcome = z.infer<typeof PushOutcome>;
export const PushResponse = z.object({ results: z.array(PushOutcome) });
export type PushResponse = z.infer<typeof PushResponse>;

/** Versions are decimal strings: PostgreSQL's bigint does not fit a JSON number. */
export const Cursor = z.string().regex(/^\d{1,19}$/);

export const PulledDocument = z.object({ version: Cursor, entity: SyncEntity, id: Id, fields: Fields });
export type PulledDocument = z.infer<typeof PulledDocument>;
export const PulledEvent = WireEvent.extend({ version: Cursor, rejected: RejectReason.nullable() });
export type PulledEvent = z.infer<typeof PulledEvent>;

/**
 * The kinds a pull that names none is answered with: every kind a client knew before pulls named their kinds. Such a
 * client fails on a page holding a kind it does not know, so a kind added later reaches only clients that ask for it;
 * a PC that pulled before keeping the kinds its cursor covers (`cursorKinds`) covers exactly these.
 */
export const KINDS_OF_UNNAMED_PULLS: readonly SyncEntity[] = ['incoming', 'outgoing', 'directive', 'filePlanEntry', 'workFile'];


/** A user's role and unit, as the server decides what they see. */
export interface SeenAs {
  role: z.infer<typeof StaffRoleWire>;
  unitId: string | null;
}

/**
 * What a pull asks for: the records of `kinds` after version `after`, at most `limit` of each list. A catch-up ends
 * at `until` instead of the organisation's newest version, and may ask only for restricted records (those a change
 * of the user's unit or role may have let them see), leaving out those the user saw already as `seenAs`.
 */
export interface PullQuery {
  after: string;
  limit: number;
  kinds: readonly SyncEntity[];
  until?: string;
  restrictedOnly?: boolean;
  seenAs?: SeenAs;
}

/** Every value but a unit's id is digits or names: nothing else to escape. */
export function pullPath(q: PullQuery): string {
  const until = q.until === undefined ? '' : `&until=${q.until}`;
  const restricted = q.restrictedOnly ? '&restricted=only' : '';
  const seenAs = q.seenAs ? `&seenAsRole=${q.seenAs.role}${q.seenAs.unitId === null ? '' : `&seenAsUnit=${encodeURIComponent(q.seenAs.unitId)}`}` : '';
  return `${SYNC_PATHS.pull}?after=${q.after}&limit=${q.limit}&kinds=${q.kinds.join(',')}${until}${restricted}${seenAs}`;
}

export const PullResponse = z.object({
  documents: z.array(PulledDocument),
  events: z.array(PulledEvent),
  /** Everything up to this version is in this page or an earlier one. */
  cursor: Cursor,
  more: z.boolean(),
  /** The newest version the pull reaches (the organisation's, or a catch-up's `until`): with `cursor`, its progress. */
  head: Cursor,
});
export type PullResponse = z.infer<typeof PullResponse>;

export const StaffRoleWire = z.enum(['van_thu', 'lanh_dao', 'chuyen_vien']);

/** What a client takes from the server at login: the organisation, its units, its people. */
export const OrgSnapshot = z.object({
  organId: z.string(),
  name: z.string(),
  abbrev: z.string(),
  units: z.array(z.object({ id: Id, name: z.string(), abbrev: z.string() })),
  staff: z.array(z.object({ id: Id, fullName: z.string(), position: z.string(), unitId: Id.nullable(), role: StaffRoleWire })),
  /** The organisation's settings as last saved on any PC (a server before them sends none). */
  settings: OrgSettings.default({}),
  /**
   * The kinds of records this server syncs: a PC sends again the changes it deferred once their kind is here. A server
   * before this field sends none; it syncs KINDS_OF_UNNAMED_PULLS and refuses a push holding another kind whole.
   */
  kinds: z.array(KindName).max(50).optional(),
});
export type OrgSnapshot = z.infer<typeof OrgSnapshot>;

export const LoginRequest = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(200) });
export const Session = z.object({
  accessToken: z.string(),
  /** Seconds the access token lives. */
  expiresIn: z.number().int(),
  refreshToken: z.string(),
  user: z.object({ id: Id, username: z.string(), fullName: z.string(), role: StaffRoleWire, unitId: Id.nullable() }),
});
export type Session = z.infer<typeof Session>;

/** A register's numbering for a year and the client that holds it (null: free, the next client to number takes it). */
export const Lease = z.object({
  register: z.string(),
  year: z.number().int(),
  clientId: Id.nullable(),
  /** The full name of the person logged in on the holding client. */
  holder: z.string().nullable(),
  lastNumber: z.number().int(),
});
export type Lease = z.infer<typeof Lease>;
export const LeaseRequest = z.object({ clientId: Id, register: z.string().min(1).max(100), year: z.number().int().min(2000).max(2100) });

/** Blob upload: the offset the server holds for a hash, asked after every reconnect. */
export const UploadState = z.object({ hash: Sha256, size: z.number().int().nonnegative(), received: z.number().int().nonnegative(), complete: z.boolean() });
export type UploadState = z.infer<typeof UploadState>;

/** The HTTP paths, one place for both sides. */
export const SYNC_PATHS = {
  login: '/v1/auth/login',
  refresh: '/v1/auth/refresh',
  org: '/v1/org',
  /** POST: the organisation's settings a clerk or leader changed (shared/contract/orgSettings.ts); answers the profile. */
  orgSettings: '/v1/org/settings',
  push: '/v1/sync/push',
  pull: '/v1/sync/pull',
  poke: '/v1/sync/poke',
  /** GET: every lease of the organisation. */
  leases: '/v1/sync/leases',
  acquireLease: '/v1/sync/leases/acquire',
  releaseLease: '/v1/sync/leases/release',
  /** `/v1/blobs/<hash>`: HEAD/GET state, PATCH a chunk at `Upload-Offset`; download through a document (below). */
  blob: '/v1/blobs/',
  /** `/v1/documents/<entity>/<id>/blobs/<hash>`: a file, only through a document the user may see; Range honoured. */
  documentBlob: '/v1/documents/',
} as const;

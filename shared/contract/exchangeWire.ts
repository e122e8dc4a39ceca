/**
 * edXML packages through the central server, written once for both sides. A package leaves with the change that sends
 * it (the outgoing document's dispatch sets `exchangePackage`, a status sent back sets `exchangeStatusPackage`); the
 * server routes it by its recipients' OrganIds. A recipient's clerk PC takes what waits in its organisation's inbox,
 * downloads each package, registers it through the usual checks and says what it did.
 */
import { z } from 'zod';
import { Id } from './syncWire';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** bigserial ids travel as decimal strings. */
export const MessageId = z.string().regex(/^\d{1,19}$/);

export const ExchangeKind = z.enum(['document', 'status']);

export const InboxItem = z.object({
  id: MessageId,
  kind: ExchangeKind,
  hash: Sha256,
  size: z.number().int().nonnegative(),
  fromOrganId: z.string(),
  documentId: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const TakeRequest = z.object({ clientId: Id });
export const TakeResponse = z.object({ items: z.array(InboxItem) });

export const InboxOutcome = z.enum(['registered', 'duplicate', 'status', 'recalled', 'updated', 'refused']);
export type InboxOutcome = z.infer<typeof InboxOutcome>;
/** What the recipient did; a refused document may carry status 02 back to its sender (a blob the PC uploaded first). */
export const DoneRequest = z.object({
  clientId: Id,
  outcome: InboxOutcome,
  reason: z.string().max(4000).default(''),
  reply: z.object({ hash: Sha256, to: z.string().min(1).max(40) }).nullable().default(null),
});
export type DoneRequest = z.infer<typeof DoneRequest>;
export const DoneResponse = z.object({});

export const EXCHANGE_PATHS = {
  /** POST TakeRequest → TakeResponse: the packages waiting for this organisation, now held for the asking PC. */
  take: '/v1/exchange/inbox/take',
  /** `/v1/exchange/inbox/<id>/package` (GET, the bytes) and `/v1/exchange/inbox/<id>/done` (POST DoneRequest). */
  inbox: '/v1/exchange/inbox/',
} as const;

/** A package waiting for the national axis: an organisation this server does not host is its recipient. */
export const AxisItem = InboxItem.extend({ toOrganId: z.string(), code: z.string() });
export type AxisItem = z.infer<typeof AxisItem>;
export const AxisOutbox = z.object({ items: z.array(AxisItem) });

/** A package from the axis, its bytes the request's body; what the axis envelope says of it, in the query. */
export const AxisDelivery = z.object({
  from: z.string().min(1).max(40),
  to: z.string().min(1).max(40),
  kind: ExchangeKind,
  documentId: z.string().min(1).max(300),
  /** A status code, or a document's business type (an update's with its package: `2:` and 16 hex digits). */
  code: z.string().max(20).default(''),
});
export type AxisDelivery = z.infer<typeof AxisDelivery>;
export const AxisDelivered = z.object({ id: MessageId, duplicate: z.boolean() });

/** The adapter's side, with its own bearer token (`vanthu-server axis token`); see docs/axis-adapter.md. */
export const AXIS_PATHS = {
  /** GET → AxisOutbox: what waits for the axis, oldest first. */
  outbox: '/v1/axis/outbox',
  /** `/v1/axis/outbox/<id>/package` (GET, the bytes) and `/v1/axis/outbox/<id>/ack` (POST, handed to the axis). */
  outboxItem: '/v1/axis/outbox/',
  /** POST `?from=&to=&kind=&documentId=[&code=]`, body the package → AxisDelivered. */
  inbox: '/v1/axis/inbox',
} as const;

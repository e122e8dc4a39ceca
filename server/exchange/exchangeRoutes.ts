/**
 * The inbox of packages sent to an organisation this server hosts (shared/contract/exchangeWire.ts): its clerks' PCs
 * take what waits, download each package, register it through the usual checks on the PC and say what they did.
 *
 *   POST /v1/exchange/inbox/take {clientId}              → {items}: held for that PC (again after a cut)
 *   GET  /v1/exchange/inbox/<id>/package                  → the package's bytes (only the PC holding it); 206 to Range
 *   POST /v1/exchange/inbox/<id>/done {clientId, outcome, reason, reply}
 *                                                         → {}; a reply (status 02) is routed to the sender with it
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DoneRequest, EXCHANGE_PATHS, TakeRequest, type InboxItem } from '../../shared/contract/exchangeWire';
import { msg } from '../../shared/messages';
import { sendBlob } from '../blobs/blobRoutes';
import type { BlobStore } from '../blobs/blobStore';
import type { ExchangeRepo, StoredMessage } from '../db/exchangeRepo';
import type { SyncRepo } from '../db/syncRepo';
import type { AuthUser } from '../http/auth';
import { readJson } from '../http/readJson';
import { HttpError, sendJson } from '../http/respond';
import type { Router } from '../http/router';

/** Packages handed out per take: a PC registers them one by one before it asks again. */
const TAKE_LIMIT = 20;
const ITEM_PATH = new RegExp(`^${EXCHANGE_PATHS.inbox}(\\d{1,19})/(package|done)$`);

export interface ExchangeRoutesDeps {
  exchange: ExchangeRepo;
  sync: Pick<SyncRepo, 'notify'>;
  storeOf(orgId: string): BlobStore;
}

/**
 * Sends a stored package from the blob folder of the organisation that holds them: whole, or from where a cut download
 * stopped (Range, as a document's files).
 */
export async function sendPackage(req: IncomingMessage, res: ServerResponse, store: BlobStore, hash: string): Promise<void> {
  if (!(await sendBlob(req, res, store, hash, { 'Content-Type': 'application/xml', 'Cache-Control': 'no-store' }))) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHeld'));
}

export async function itemOf(m: StoredMessage, store: BlobStore): Promise<InboxItem> {
  return { id: m.id, kind: m.kind, hash: m.hash, size: (await store.state(m.hash)).size, fromOrganId: m.fromOrganId, documentId: m.documentId };
}

export function registerExchangeRoutes(router: Router, deps: ExchangeRoutesDeps): void {
  const clerk = (user: AuthUser) => {
    // Decree 30 Art. 20-21: the clerk receives and registers what arrives.
    if (user.role !== 'van_thu') throw new HttpError(403, 'FORBIDDEN', msg('exchangeServer.clerksOnly'));
  };

  router.add('POST', EXCHANGE_PATHS.take, async (req, res, { user }) => {
    clerk(user);
    const { clientId } = await readJson(req, TakeRequest);
    const taken = await deps.exchange.take(user.orgId, clientId, TAKE_LIMIT);
    sendJson(res, 200, { items: await Promise.all(taken.map((m) => itemOf(m, deps.storeOf(m.blobOrgId)))) });
  });

  router.add('GET', EXCHANGE_PATHS.inbox, async (req, res, { user }) => {
    clerk(user);
    const url = new URL(req.url ?? '/', 'http://server');
    const match = ITEM_PATH.exec(url.pathname);
    const clientId = url.searchParams.get('clientId') ?? '';
    const held = match?.[2] === 'package' ? await deps.exchange.held(user.orgId, clientId, match[1]!) : null;
    if (!held) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHeld'));
    await sendPackage(req, res, deps.storeOf(held.blobOrgId), held.hash);
  });

  router.add('POST', EXCHANGE_PATHS.inbox, async (req, res, { user }) => {
    clerk(user);
    const match = ITEM_PATH.exec(new URL(req.url ?? '/', 'http://server').pathname);
    if (match?.[2] !== 'done') throw new HttpError(404, 'NOT_FOUND', msg('server.notFound'));
    const body = await readJson(req, DoneRequest);
    const held = await deps.exchange.held(user.orgId, body.clientId, match[1]!);
    if (!held) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHeld'));
    if (body.reply && !(await deps.storeOf(user.orgId).state(body.reply.hash)).complete) throw new HttpError(409, 'BLOB_MISSING', msg('exchangeServer.replyMissing'));
    const reply = body.reply ? { kind: 'status' as const, hash: body.reply.hash, documentId: held.documentId, code: '02', to: [body.reply.to] } : null;
    const { notify } = await deps.exchange.done(user.orgId, body.clientId, held.id, body.outcome, body.reason, reply);
    for (const orgId of notify) await deps.sync.notify(orgId);
    sendJson(res, 200, {});
  });
}

/**
 * The national document axis adapter's endpoints (docs/axis-adapter.md). The adapter is a separate program between
 * this server and the axis: it takes the packages for organisations this server does not host and hands them to the
 * axis, and posts what the axis brings for the organisations it does host, which are then routed like packages
 * between them. It authenticates with its own bearer token (`vanthu-server axis token`), never a user's: without a
 * valid one every path here answers 401.
 */
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { AXIS_PATHS, AxisDelivery } from '../../shared/contract/exchangeWire';
import { msg } from '../../shared/messages';
import type { BlobStore } from '../blobs/blobStore';
import { axisAdapterKnown } from '../db/axisAdaptersRepo';
import type { AxisRepo } from '../db/exchangeRepo';
import type { SyncRepo } from '../db/syncRepo';
import type { Pool } from '../db/pool';
import { HttpError, sendJson, unauthorized } from '../http/respond';
import type { Router } from '../http/router';
import { itemOf, sendPackage } from './exchangeRoutes';
import { storeBody } from './storeBody';

/** Packages listed per request: the adapter asks again after acknowledging them. */
const OUTBOX_LIMIT = 100;
/** The largest package the axis may post: a 1 GB scan in base64 and its envelope. */
const PACKAGE_LIMIT = 1400 * 1024 * 1024;
const ITEM_PATH = new RegExp(`^${AXIS_PATHS.outboxItem}(\\d{1,19})/(package|ack)$`);

export interface AxisRoutesDeps {
  axis: AxisRepo;
  sync: Pick<SyncRepo, 'notify'>;
  storeOf(orgId: string): BlobStore;
  dataDir: string;
}

export function registerAxisRoutes(router: Router, deps: AxisRoutesDeps): void {
  async function adapter(req: IncomingMessage, pool: Pool) {
    const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !(await axisAdapterKnown(pool, token))) throw unauthorized();
  }
  const item = (req: IncomingMessage, action: 'package' | 'ack') => {
    const match = ITEM_PATH.exec(new URL(req.url ?? '/', 'http://server').pathname);
    if (match?.[2] !== action) throw new HttpError(404, 'NOT_FOUND', msg('server.notFound'));
    return match[1]!;
  };

  router.addPublic('GET', AXIS_PATHS.outbox, async (req, res, { pool }) => {
    await adapter(req, pool);
    const waiting = await deps.axis.outbox(OUTBOX_LIMIT);
    const items = await Promise.all(waiting.map(async (m) => ({ ...(await itemOf(m, deps.storeOf(m.blobOrgId))), toOrganId: m.toOrganId, code: m.code })));
    sendJson(res, 200, { items });
  });

  router.addPublic('GET', AXIS_PATHS.outboxItem, async (req, res, { pool }) => {
    await adapter(req, pool);
    const waiting = await deps.axis.waiting(item(req, 'package'));
    if (!waiting) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHeld'));
    await sendPackage(req, res, deps.storeOf(waiting.blobOrgId), waiting.hash);
  });

  router.addPublic('POST', AXIS_PATHS.outboxItem, async (req, res, { pool }) => {
    await adapter(req, pool);
    if (!(await deps.axis.ack(item(req, 'ack')))) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHeld'));
    sendJson(res, 200, {});
  });

  router.addPublic('POST', AXIS_PATHS.inbox, async (req, res, { pool }) => {
    await adapter(req, pool);
    const query = AxisDelivery.safeParse(Object.fromEntries(new URL(req.url ?? '/', 'http://server').searchParams));
    if (!query.success) throw new HttpError(400, 'BAD_INPUT', msg('server.badInput', { fields: [...new Set(query.error.issues.map((i) => i.path.join('.')))].join(', ') }));
    const orgId = await deps.axis.hostedOrg(query.data.to);
    if (!orgId) throw new HttpError(404, 'NOT_FOUND', msg('exchangeServer.notHosted', { organId: query.data.to }));
    const hash = await storeBody(req, deps.storeOf(orgId), path.join(deps.dataDir, 'axis-incoming'), PACKAGE_LIMIT);
    const delivered = await deps.axis.deliver(orgId, { ...query.data, hash });
    if (!delivered.duplicate) await deps.sync.notify(orgId);
    sendJson(res, delivered.duplicate ? 200 : 201, delivered);
  });
}

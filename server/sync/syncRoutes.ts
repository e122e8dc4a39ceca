/**
 * Push, pull and poke. A poke is a hint on a long-lived event stream that the organisation has changed; the client
 * then pulls. A poke lost with a dropped connection costs nothing: the client pulls on its timer and on reconnect.
 */
import type { ServerResponse } from 'node:http';
import { OrgSettings } from '../../shared/contract/orgSettings';
import { z } from 'zod';
import { Cursor, Id, KindName, KINDS_OF_UNNAMED_PULLS, LeaseRequest, PushRequest, StaffRoleWire, SYNC_PATHS, type SyncEntity } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import { orgSnapshot, saveOrgSettings } from '../db/accountsRepo';
import type { SyncRepo } from '../db/syncRepo';
import { readJson } from '../http/readJson';
import { HttpError, sendJson, sendJsonText } from '../http/respond';
import type { Router } from '../http/router';
import { organIdOf } from '../db/exchangeRepo';
import type { PackageHeader } from '../exchange/packageHeader';
import { sendsPackage } from '../exchange/packageRoutes';
import { applyPush } from './applyPush';
import { pullPageJson } from './pullPageJson';
import { viewerOf } from './audience';

const PULL_LIMIT_MAX = 2000;
const KINDS_MAX = 50;
const HEARTBEAT_MS = 25_000;

/**
 * A pull's query. Kinds this server does not know are left out rather than refused: it holds no record of them (a
 * push of one is refused), and a client of a newer version must go on pulling the kinds both know.
 */
const PullParams = z
  .object({
    after: Cursor.default('0').transform(BigInt),
    limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(500),
    kinds: z
      .string()
      .transform((text) => text.split(','))
      .pipe(z.array(KindName).min(1).max(KINDS_MAX))
      .default([...KINDS_OF_UNNAMED_PULLS]),
    until: Cursor.transform(BigInt).optional(),
    restricted: z.literal('only').optional(),
    seenAsRole: StaffRoleWire.optional(),
    seenAsUnit: Id.optional(),
  })
  .refine((p) => p.until === undefined || p.until >= p.after, { path: ['until'] })
  .refine((p) => p.seenAsUnit === undefined || p.seenAsRole !== undefined, { path: ['seenAsRole'] });

export interface SyncRoutesDeps {
  repo: SyncRepo;
  /** The kinds of records this server syncs (all this version knows; tests stand in for an older server with fewer). */
  kinds: readonly SyncEntity[];
  /** True when the organisation's blob store holds the whole file. */
  hasBlob(orgId: string, hash: string): Promise<boolean>;
  /** What an edXML package of the organisation's blob store says of itself; null when unreadable. */
  packageHeader(orgId: string, hash: string): Promise<PackageHeader | null>;
}

/** Registers the routes; the returned function stops listening for changes (server shutdown). */
export async function registerSyncRoutes(router: Router, deps: SyncRoutesDeps): Promise<() => Promise<void>> {
  router.add('POST', SYNC_PATHS.push, async (req, res, { pool, user }) => {
    const request = await readJson(req, PushRequest);
    const organId = request.mutations.some(sendsPackage) ? await organIdOf(pool, user.orgId) : undefined;
    const results = await applyPush(deps, { ...user, organId }, request);
    if (!results) throw new HttpError(403, 'FORBIDDEN', msg('server.clientOfAnotherUser'));
    sendJson(res, 200, { results });
  });

  router.add('GET', SYNC_PATHS.pull, async (req, res, { user }) => {
    const query = new URL(req.url ?? '/', 'http://server').searchParams;
    const params = PullParams.safeParse(Object.fromEntries(query));
    if (!params.success) {
      const fields = [...new Set(params.error.issues.map((issue) => issue.path.join('.')))].join(', ');
      throw new HttpError(400, 'BAD_INPUT', msg('server.badInput', { fields }));
    }
    const { after, limit, until, restricted, seenAsRole, seenAsUnit } = params.data;
    const kinds = deps.kinds.filter((kind) => params.data.kinds.includes(kind));
    // The user as they were can only take records out of the page: what they may see now is still the limit.
    const seenAs = seenAsRole === undefined ? undefined : viewerOf({ id: user.id, role: seenAsRole, unitId: seenAsUnit ?? null });
    sendJsonText(res, 200, pullPageJson(await deps.repo.pull(user.orgId, viewerOf(user), { after, limit, kinds, until, restrictedOnly: restricted === 'only', seenAs })));
  });

  router.add('GET', SYNC_PATHS.leases, async (_req, res, { user }) => {
    sendJson(res, 200, { leases: await deps.repo.leases(user.orgId) });
  });
  for (const [path, change] of [
    [SYNC_PATHS.acquireLease, deps.repo.acquireLease],
    [SYNC_PATHS.releaseLease, deps.repo.releaseLease],
  ] as const) {
    router.add('POST', path, async (req, res, { user }) => {
      const { clientId, register, year } = await readJson(req, LeaseRequest);
      const lease = await change({ orgId: user.orgId, userId: user.id, clientId }, register, year);
      if (!lease) throw new HttpError(403, 'FORBIDDEN', msg('server.clientOfAnotherUser'));
      sendJson(res, 200, lease);
    });
  }

  // The organisation's rules are its clerks' and leaders' to set, as on every PC; the others take them with the profile,
  // which each PC reads at every round, and the poke starts that round now.
  router.add('POST', SYNC_PATHS.orgSettings, async (req, res, { pool, user }) => {
    if (user.role === 'chuyen_vien') throw new HttpError(403, 'FORBIDDEN', msg('server.settingsForbidden'));
    await saveOrgSettings(pool, user.orgId, await readJson(req, OrgSettings));
    await deps.repo.notify(user.orgId);
    sendJson(res, 200, { ...(await orgSnapshot(pool, user.orgId)), kinds: deps.kinds });
  });

  const streams = new Map<ServerResponse, string>();
  router.add('GET', SYNC_PATHS.poke, async (req, res, { user }) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': vanthu\n\n');
    streams.set(res, user.orgId);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  });
  return deps.repo.listen((orgId) => {
    for (const [res, streamOrg] of streams) if (streamOrg === orgId) res.write('event: poke\ndata: {}\n\n');
  });
}

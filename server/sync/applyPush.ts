/**
 * Applying a client's pushed mutations: in sequence, each exactly once, each checked against the document as the
 * server holds it now. A refusal is an answer, not an error: the mutation and its event are kept with the reason, so
 * the history shows both actions and a resent mutation gets the same answer.
 *
 * A mutation of a kind this server does not sync (a PC of a newer version) is deferred: its sequence is passed and
 * recorded, the client's changes behind it go on applying, and the client sends it again once the server syncs its
 * kind; it is applied then, as it would have been. The changes that depend on it are its own document's, which are of
 * its kind and so deferred with it, and sent again with it in their order.
 */
import {
  NUMBER_FIELD,
  takenNumber,
  type Fields,
  type Mutation,
  type PushedMutation,
  type PushOutcome,
  type PushRequest,
  type RejectReason,
  type SyncEntity,
  type TakenNumber,
} from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import type { Role } from '../db/accountsRepo';
import type { PushTransaction, PushWrites, SyncRepo } from '../db/syncRepo';
import { audienceGrew, documentAudience, maySee, sameAudience, viewerOf, type Viewer } from './audience';
import type { PackageHeader } from '../exchange/packageHeader';
import { packageRefusal, packageRoute, sentPackage } from '../exchange/packageRoutes';
import { sameJson } from './sameJson';

export interface Pusher {
  id: string;
  orgId: string;
  unitId: string | null;
  role: Role;
  /** The organisation's OrganId, when the push sends an edXML package. */
  organId?: string;
}

export interface PushDeps {
  repo: SyncRepo;
  /** The kinds of records this server syncs. */
  kinds: readonly SyncEntity[];
  /** True when the organisation's blob store holds the whole file. */
  hasBlob(orgId: string, hash: string): Promise<boolean>;
  /** What an edXML package of the organisation's blob store says of itself; null when unreadable. */
  packageHeader(orgId: string, hash: string): Promise<PackageHeader | null>;
}

/** Null when the client id is another user's. */
export async function applyPush(deps: PushDeps, user: Pusher, request: PushRequest): Promise<PushOutcome[] | null> {
  const synced = (m: PushedMutation): m is Mutation => deps.kinds.some((kind) => kind === m.entity) && deps.kinds.some((kind) => kind === m.event.entity);
  const missing = await missingBlobs(deps, user.orgId, request.mutations.filter(synced));
  // Read before the transaction: a package of 100 MB takes seconds to read through, and the lock waits for no one.
  const headers = await packageHeaders(deps, user.orgId, request.mutations.filter(synced), missing);
  // Organisations a package sent by this push reached: told after the commit, like this one.
  const reached: string[] = [];
  const results = await deps.repo.push({ orgId: user.orgId, userId: user.id, clientId: request.clientId }, async (tx) => {
    // Which mutations are next in the sequence, resent or early follows from the sequence numbers alone.
    // A client's first push starts its sequence wherever its outbox stands.
    let last = tx.lastSeq ?? (request.mutations[0] ? request.mutations[0].seq - 1 : 0);
    const plan: { m: PushedMutation; next: boolean; expected: number }[] = [];
    for (const m of request.mutations) {
      const next = m.seq === last + 1;
      plan.push({ m, next, expected: last + 1 });
      if (next) last = m.seq;
    }
    const resent = plan.filter((p) => p.m.seq < p.expected).map((p) => p.m);
    const known = resent.length > 0 ? await tx.knownMutations(resent.map((m) => m.id)) : new Map();
    // A deferred mutation comes back in its own place in the sequence, among the client's later ones.
    const due = plan.filter((p) => p.next || known.get(p.m.id)?.outcome === 'deferred').map((p) => p.m);
    const applied = await applyInOrder(tx, viewerOf(user), request.clientId, due.filter(synced), { missing, headers }, reached, user.organId ?? '');
    const deferred = new Set(due.filter((m) => !synced(m)).map((m) => m.id));
    const newlyDeferred = plan.filter((p) => p.next && deferred.has(p.m.id)).map(({ m }) => ({ id: m.id, seq: m.seq }));
    if (newlyDeferred.length > 0) await tx.defer(newlyDeferred);
    await tx.setLastSeq(last);
    // A resend whose first answer was lost gets the same answer: a refusal answered as a mere duplicate would be
    // dropped from the client's outbox, and the user would never see it was refused.
    const refusedAgain = resent.filter(synced).filter((m) => known.get(m.id)?.outcome === 'rejected');
    // The documents are read under the organisation's lock (taking no version) like every other read of a push.
    if (refusedAgain.length > 0 && applied.size === 0) await tx.takeVersions(0);
    const viewer = viewerOf(user);
    const currentOf = new Map(
      refusedAgain.length === 0
        ? []
        : (await tx.documents(refusedAgain.map((m) => ({ entity: m.entity, id: m.entityId }))))
            .filter((d) => maySee(viewer, documentAudience(d.entity, d.fields)))
            .map((d) => [documentKey(d.entity, d.id), d.fields]),
    );
    return plan.map(({ m, expected }): PushOutcome => {
      const answer = applied.get(m.id);
      if (answer) return answer;
      if (deferred.has(m.id)) return { id: m.id, seq: m.seq, outcome: 'deferred' };
      const first = known.get(m.id);
      if (!first) return { id: m.id, seq: m.seq, outcome: 'gap', expected };
      if (first.outcome !== 'rejected') return { id: m.id, seq: m.seq, outcome: 'duplicate' };
      return { id: m.id, seq: m.seq, outcome: 'rejected', reason: first.reason, current: currentOf.get(documentKey(m.entity, m.entityId)) ?? null };
    });
  });
  if (results?.some((r) => r.outcome === 'applied' || r.outcome === 'rejected')) await deps.repo.notify(user.orgId);
  for (const orgId of new Set(reached)) await deps.repo.notify(orgId);
  return results;
}

/** The headers of the packages the mutations send, by hash (those the server holds whole). */
async function packageHeaders(deps: PushDeps, orgId: string, mutations: Mutation[], missing: Set<string>): Promise<Map<string, PackageHeader | null>> {
  const hashes = [...new Set(mutations.map((m) => sentPackage(m)?.hash).filter((h): h is string => h !== undefined && !missing.has(h)))];
  return new Map(await Promise.all(hashes.map(async (h) => [h, await deps.packageHeader(orgId, h)] as const)));
}

async function missingBlobs(deps: PushDeps, orgId: string, mutations: Mutation[]): Promise<Set<string>> {
  const hashes = [...new Set(mutations.flatMap((m) => m.blobs))];
  const present = await Promise.all(hashes.map((h) => deps.hasBlob(orgId, h)));
  return new Set(hashes.filter((_, i) => !present[i]));
}

const documentKey = (entity: string, id: string) => `${entity}\u0000${id}`;
const numberKey = (n: TakenNumber) => `${n.register}\u0000${n.year}\u0000${n.number}`;

/**
 * Applies consecutive mutations one after the other against the documents as they stand after the ones before: the
 * server's rows are read once for the batch and written once at its end (a handful of queries, not several per
 * mutation), inside the push transaction that holds the version lock from the first read to the commit.
 */
async function applyInOrder(
  tx: PushTransaction,
  viewer: Viewer,
  clientId: string,
  mutations: Mutation[],
  { missing: missingBlobs, headers }: { missing: Set<string>; headers: Map<string, PackageHeader | null> },
  reached: string[],
  organId: string,
): Promise<Map<string, PushOutcome>> {
  const outcomes = new Map<string, PushOutcome>();
  if (mutations.length === 0) return outcomes;
  let version = await tx.takeVersions(mutations.length);
  const documents = await tx.documents(mutations.map((m) => ({ entity: m.entity, id: m.entityId })));
  const current = new Map(documents.map((d) => [documentKey(d.entity, d.id), d.fields]));
  // The audience each stored document's history carries, to be changed with the document's.
  const audienceBefore = new Map(documents.map((d) => [documentKey(d.entity, d.id), documentAudience(d.entity, d.fields)]));
  const taken = new Set((await tx.takenNumbers(mutations.flatMap((m) => m.numbers))).map(numberKey));
  const writes: PushWrites = { documents: new Map(), numbers: [], events: [], mutations: [], packages: [] };
  const events: { m: Mutation; version: bigint; rejected: RejectReason | null }[] = [];
  for (const m of mutations) {
    const key = documentKey(m.entity, m.entityId);
    const stored = current.get(key) ?? null;
    // A document the pusher may not see is answered as one that does not exist: neither its fields nor whether it
    // exists are shown. The refused event joins the document's history, hidden from the pusher like the rest of it.
    const hidden = stored !== null && !maySee(viewer, documentAudience(m.entity, stored));
    const before = hidden ? null : stored;
    const reason = hidden
      ? { code: 'NOT_FOUND' as const, message: msg('sync.rejected.notFound') }
      : (refusal(m, before, missingBlobs) ??
        undeclaredNumber(m, before) ??
        packageRefusal(m, merged(before ?? {}, m.set), headers.get(sentPackage(m)?.hash ?? '') ?? null, organId) ??
        (await numberRefusal(tx, clientId, m, taken)));
    events.push({ m, version, rejected: reason });
    writes.mutations.push({ id: m.id, seq: m.seq, version, rejected: reason });
    if (reason) {
      outcomes.set(m.id, { id: m.id, seq: m.seq, outcome: 'rejected', reason, current: before });
    } else {
      for (const n of m.numbers) {
        taken.add(numberKey(n));
        writes.numbers.push({ ...n, entity: m.entity, entityId: m.entityId });
      }
      const fields = merged(before ?? {}, m.set);
      current.set(key, fields);
      // A document changed twice in the batch is written once, as the last change left it, at that change's version.
      const blobs = [...(writes.documents.get(key)?.blobs ?? []), ...m.blobs];
      writes.documents.set(key, { entity: m.entity, id: m.entityId, fields, version, blobs, audience: documentAudience(m.entity, fields) });
      const route = packageRoute(m, headers.get(sentPackage(m)?.hash ?? '') ?? null);
      if (route) writes.packages.push(route);
      outcomes.set(m.id, { id: m.id, seq: m.seq, outcome: 'applied', version: version.toString() });
    }
    version++;
  }
  // A refused creation has no stored document: its event is seen as the document it would have made.
  writes.events = events.map(({ m, version, rejected }) => ({
    event: m.event,
    version,
    rejected,
    audience: documentAudience(m.entity, current.get(documentKey(m.entity, m.entityId)) ?? m.set),
  }));
  reached.push(...(await tx.write(writes)));
  // Whoever the change lets see the document gets its whole history, although its earlier events have versions below
  // their cursor. Someone it no longer lets in keeps what their PC already holds (a PC cannot unsee) and gets nothing new.
  for (const [key, d] of writes.documents) {
    const before = audienceBefore.get(key);
    if (before && !sameAudience(before, d.audience)) await tx.setHistoryAudience(d, d.audience, audienceGrew(before, d.audience));
  }
  return outcomes;
}

function refusal(m: Mutation, current: Fields | null, missingBlobs: Set<string>): RejectReason | null {
  if (m.event.entity !== m.entity || m.event.entityId !== m.entityId) return { code: 'FORBIDDEN', message: msg('sync.rejected.forbidden') };
  const missing = m.blobs.filter((h) => missingBlobs.has(h));
  if (missing.length > 0) return { code: 'BLOB_MISSING', message: msg('sync.rejected.blobMissing', { count: missing.length }) };
  if (m.create && current) return { code: 'EXISTS', message: msg('sync.rejected.exists') };
  if (!m.create && !current) return { code: 'NOT_FOUND', message: msg('sync.rejected.notFound') };
  const changed = Object.keys(m.expect).filter((k) => !sameJson(current?.[k], m.expect[k]));
  if (changed.length > 0) return { code: 'CONFLICT', message: msg('sync.rejected.conflict'), fields: changed };
  return null;
}

/**
 * A change that writes a register number must say so in `numbers`, where the lease and uniqueness checks see it: a
 * number slipped into the fields alone would bypass both.
 */
function undeclaredNumber(m: Mutation, current: Fields | null): RejectReason | null {
  const field = NUMBER_FIELD[m.entity];
  const value = field === undefined ? undefined : m.set[field];
  if (value === undefined || value === null) return null;
  const n = takenNumber(m.entity, merged(current ?? {}, m.set));
  if (n && m.numbers.some((t) => numberKey(t) === numberKey(n))) return null;
  return { code: 'NOT_LEASE_HOLDER', message: msg('sync.rejected.undeclaredNumber', { number: String(value) }) };
}

/** A number counts only from the client holding its register's lease (a free lease goes to the first to number). */
async function numberRefusal(tx: PushTransaction, clientId: string, m: Mutation, taken: Set<string>): Promise<RejectReason | null> {
  if (m.numbers.length === 0) return null;
  const n = m.numbers.map((t) => `${t.number}/${t.year}`).join(', ');
  for (const t of m.numbers) {
    if ((await tx.leaseHolder(t.register, t.year)) !== clientId) return { code: 'NOT_LEASE_HOLDER', message: msg('sync.rejected.notLeaseHolder', { number: n }) };
  }
  if (m.numbers.some((t) => taken.has(numberKey(t)))) return { code: 'NUMBER_TAKEN', message: msg('sync.rejected.numberTaken', { number: n }) };
  return null;
}

function merged(current: Fields, set: Fields): Fields {
  const next: Fields = { ...current };
  for (const [k, v] of Object.entries(set)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

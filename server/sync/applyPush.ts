/**
 * Applying a client's pushed mutations: in sequence, each exactly once, each checked against the document as the
 * server holds it now. A refusal is an answer, not an error: the mutation and its event are kept with the reason, so
 * the history shows both actions and a resent mutation gets the same answer.
 */
import type { Fields, Mutation, PushOutcome, PushRequest, RejectReason } from '../../shared/contract/syncWire';
import { msg } from '../../shared/messages';
import type { PushTransaction, SyncRepo } from '../db/syncRepo';
import { sameJson } from './sameJson';

export interface Pusher {
  id: string;
  orgId: string;
}

export interface PushDeps {
  repo: SyncRepo;
  /** True when the organisation's blob store holds the whole file. */
  hasBlob(orgId: string, hash: string): Promise<boolean>;
}

/** Null when the client id is another user's. */
export async function applyPush(deps: PushDeps, user: Pusher, request: PushRequest): Promise<PushOutcome[] | null> {
  const missing = await missingBlobs(deps, user.orgId, request.mutations);
  const results = await deps.repo.push({ orgId: user.orgId, userId: user.id, clientId: request.clientId }, async (tx) => {
    const outcomes: PushOutcome[] = [];
    // A client's first push starts its sequence wherever its outbox stands.
    let last = tx.lastSeq ?? (request.mutations[0] ? request.mutations[0].seq - 1 : 0);
    for (const m of request.mutations) {
      if (m.seq <= last) {
        // A resend whose first answer was lost gets the same answer: a refusal answered as a mere duplicate would be
        // dropped from the client's outbox, and the user would never see it was refused.
        const known = await tx.knownOutcome(m.id);
        if (!known) outcomes.push({ id: m.id, seq: m.seq, outcome: 'gap', expected: last + 1 });
        else if (known.outcome === 'rejected') outcomes.push({ id: m.id, seq: m.seq, outcome: 'rejected', reason: known.reason, current: await tx.document(m.entity, m.entityId) });
        else outcomes.push({ id: m.id, seq: m.seq, outcome: 'duplicate' });
        continue;
      }
      if (m.seq > last + 1) {
        outcomes.push({ id: m.id, seq: m.seq, outcome: 'gap', expected: last + 1 });
        continue;
      }
      outcomes.push(await applyOne(tx, user, request.clientId, m, missing));
      last = m.seq;
    }
    await tx.setLastSeq(last);
    return outcomes;
  });
  if (results?.some((r) => r.outcome === 'applied' || r.outcome === 'rejected')) await deps.repo.notify(user.orgId);
  return results;
}

async function missingBlobs(deps: PushDeps, orgId: string, mutations: Mutation[]): Promise<Set<string>> {
  const hashes = [...new Set(mutations.flatMap((m) => m.blobs))];
  const present = await Promise.all(hashes.map((h) => deps.hasBlob(orgId, h)));
  return new Set(hashes.filter((_, i) => !present[i]));
}

async function applyOne(tx: PushTransaction, user: Pusher, clientId: string, m: Mutation, missingBlobs: Set<string>): Promise<PushOutcome> {
  const version = await tx.nextVersion();
  const current = await tx.document(m.entity, m.entityId);
  const reason = refusal(m, current, missingBlobs) ?? (await numberRefusal(tx, clientId, m));
  await tx.recordEvent(m.event, user.id, version, reason);
  await tx.recordMutation(m.id, m.seq, version, reason);
  if (reason) return { id: m.id, seq: m.seq, outcome: 'rejected', reason, current };
  await tx.saveDocument(m.entity, m.entityId, merged(current ?? {}, m.set), version, m.blobs);
  return { id: m.id, seq: m.seq, outcome: 'applied', version: version.toString() };
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

/** A number counts only from the client holding its register's lease (a free lease goes to the first to number). */
async function numberRefusal(tx: PushTransaction, clientId: string, m: Mutation): Promise<RejectReason | null> {
  if (m.numbers.length === 0) return null;
  const n = m.numbers.map((t) => `${t.number}/${t.year}`).join(', ');
  for (const t of m.numbers) {
    if ((await tx.leaseHolder(t.register, t.year)) !== clientId) return { code: 'NOT_LEASE_HOLDER', message: msg('sync.rejected.notLeaseHolder', { number: n }) };
  }
  if (!(await tx.takeNumbers(m.entity, m.entityId, m.numbers))) return { code: 'NUMBER_TAKEN', message: msg('sync.rejected.numberTaken', { number: n }) };
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

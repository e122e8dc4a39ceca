/**
 * The server's push applies a batch in one pass (rows read once, written once): within one batch each mutation still
 * sees the ones before it, numbers and expected values are checked in order, each gets its own version, and a resent
 * batch gets the same answers without applying anything twice.
 */
import { describe, expect, it } from 'vitest';
import { PullResponse, PushResponse, SYNC_PATHS, type Fields, type Mutation } from '../../shared/contract/syncWire';
import { useTestPostgres } from '../support/testPostgres';
import { logIn, seedOrg, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

const CLIENT = 'client-push-test';
const NUMBER_1 = { register: 'incoming', year: 2026, number: 1 };
const IN_REGISTER = { registerId: 'incoming', year: 2026 };

function mutation(seq: number, entityId: string, change: { create?: boolean; expect?: Fields; set: Fields; numbers?: Mutation['numbers'] }): Mutation {
  return {
    id: `m${seq}`,
    seq,
    entity: 'incoming',
    entityId,
    create: change.create ?? false,
    expect: change.expect ?? {},
    set: change.set,
    event: { id: `e${seq}`, entity: 'incoming', entityId, at: '2026-11-21T03:00:00.000Z', actorId: null, actor: 'Lan', kind: 'incoming.changed', data: { seq } },
    blobs: [],
    numbers: change.numbers ?? [],
  };
}

describe('a push batch', () => {
  it('applies in order within the batch, refuses what an earlier mutation made stale, and answers a resent batch the same', async () => {
    const { url, pool } = await servers.start();
    await seedOrg(pool, '000.00.00.H43');
    const { accessToken } = await logIn(url, 'admin');
    const post = async (mutations: Mutation[]) => {
      const res = await fetch(url + SYNC_PATHS.push, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ clientId: CLIENT, mutations }),
      });
      expect(res.status).toBe(200);
      return PushResponse.parse(await res.json()).results;
    };
    const batch = [
      mutation(1, 'x', { create: true, set: { subject: 'Công văn', ...IN_REGISTER, arrivalNumber: 1 }, numbers: [NUMBER_1] }),
      mutation(2, 'x', { expect: { subject: 'Công văn' }, set: { subject: 'Công văn số 1' } }),
      mutation(3, 'y', { create: true, set: { subject: 'Giấy mời', ...IN_REGISTER, arrivalNumber: 1 }, numbers: [NUMBER_1] }),
      mutation(4, 'x', { expect: { subject: 'Công văn' }, set: { subject: 'Công văn sửa lại' } }),
      mutation(5, 'x', { create: true, set: { subject: 'Trùng' } }),
      // A number written into the fields without being declared would escape the lease and uniqueness checks.
      mutation(6, 'z', { create: true, set: { subject: 'Số tự đặt', ...IN_REGISTER, arrivalNumber: 7 } }),
      mutation(8, 'x', { set: { note: 'sớm' } }),
    ];
    const first = await post(batch);
    expect(first.map((r) => [r.id, r.outcome, 'version' in r ? r.version : 'reason' in r ? r.reason.code : 'expected' in r ? r.expected : null])).toEqual([
      ['m1', 'applied', '1'],
      ['m2', 'applied', '2'],
      ['m3', 'rejected', 'NUMBER_TAKEN'],
      ['m4', 'rejected', 'CONFLICT'],
      ['m5', 'rejected', 'EXISTS'],
      ['m6', 'rejected', 'NOT_LEASE_HOLDER'],
      ['m8', 'gap', 7],
    ]);
    // A refusal shows the document as the mutations before it in the batch left it.
    expect(first[3]).toMatchObject({ current: { subject: 'Công văn số 1', ...IN_REGISTER, arrivalNumber: 1 }, reason: { fields: ['subject'] } });

    // Resent (its answer lost), the batch gets the same answers: applied ones as duplicates, refusals as refusals.
    const again = await post(batch);
    expect(again.map((r) => [r.outcome, 'reason' in r ? r.reason.code : null])).toEqual([
      ['duplicate', null],
      ['duplicate', null],
      ['rejected', 'NUMBER_TAKEN'],
      ['rejected', 'CONFLICT'],
      ['rejected', 'EXISTS'],
      ['rejected', 'NOT_LEASE_HOLDER'],
      ['gap', null],
    ]);

    const pulled = await fetch(`${url}${SYNC_PATHS.pull}?after=0&limit=100`, { headers: { authorization: `Bearer ${accessToken}` } });
    const page = PullResponse.parse(await pulled.json());
    expect(page.documents).toEqual([{ version: '2', entity: 'incoming', id: 'x', fields: { subject: 'Công văn số 1', ...IN_REGISTER, arrivalNumber: 1 } }]);
    expect(page.events.map((e) => [e.id, e.version, e.rejected?.code ?? null])).toEqual([
      ['e1', '1', null],
      ['e2', '2', null],
      ['e3', '3', 'NUMBER_TAKEN'],
      ['e4', '4', 'CONFLICT'],
      ['e5', '5', 'EXISTS'],
      ['e6', '6', 'NOT_LEASE_HOLDER'],
    ]);
    expect(page.head).toBe('6');
  });
});

/**
 * Two organisations on two different servers, joined by a loopback stand-in for the national document axis: a small
 * relay in the test that speaks only the adapter endpoints (docs/axis-adapter.md), taking what waits in one server's
 * axis outbox, posting it into the other server, and acknowledging it. The commune's decision reaches the province's
 * register, and the province's 01 comes back to the commune's outgoing document the same way. The adapter endpoints
 * answer 401 to anyone without an adapter token, a user's included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIS_PATHS, AxisDelivered, AxisOutbox } from '../../shared/contract/exchangeWire';
import { createAxisAdapter } from '../../server/db/axisAdaptersRepo';
import { call } from '../support/coreFixture';
import { cleanupFixtures } from '../support/documentFixtures';
import { PROVINCE } from '../support/edxmlPackages';
import { entriesOf, issueDecision, seedExchangeOrg, statusCodes } from '../support/exchangeServers';
import { TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, logIn, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

interface Side {
  url: string;
  token: string;
}

let pki: TestPki;
let communeSide: Side;
let provinceSide: Side;
let commune: Awaited<ReturnType<typeof loggedInCore>>;
let province: Awaited<ReturnType<typeof loggedInCore>>;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** One pass of the axis from `from` to `to`: every package waiting for it is carried over and acknowledged. */
async function relay(from: Side, to: Side): Promise<{ carried: number; duplicates: number }> {
  const listed = await fetch(from.url + AXIS_PATHS.outbox, { headers: bearer(from.token) });
  expect(listed.status).toBe(200);
  const { items } = AxisOutbox.parse(await listed.json());
  let duplicates = 0;
  for (const item of items) {
    const bytes = Buffer.from(await (await fetch(`${from.url}${AXIS_PATHS.outboxItem}${item.id}/package`, { headers: bearer(from.token) })).arrayBuffer());
    const query = new URLSearchParams({ from: item.fromOrganId, to: item.toOrganId, kind: item.kind, documentId: item.documentId, code: item.code });
    const posted = await fetch(`${to.url}${AXIS_PATHS.inbox}?${query}`, { method: 'POST', headers: bearer(to.token), body: bytes });
    expect([200, 201]).toContain(posted.status);
    if (AxisDelivered.parse(await posted.json()).duplicate) duplicates++;
    expect((await fetch(`${from.url}${AXIS_PATHS.outboxItem}${item.id}/ack`, { method: 'POST', headers: bearer(from.token) })).status).toBe(200);
  }
  return { carried: items.length, duplicates };
}

beforeAll(async () => {
  pki = createTestPki();
  const a = await servers.start();
  const b = await servers.start();
  await seedExchangeOrg(a.pool, TAN_LAP.organId, 'xa');
  await seedExchangeOrg(b.pool, PROVINCE.organId, 'tinh');
  communeSide = { url: a.url, token: await createAxisAdapter(a.pool, 'Trục liên thông (thử)') };
  provinceSide = { url: b.url, token: await createAxisAdapter(b.pool, 'Trục liên thông (thử)') };
  commune = await loggedInCore(a.url, 'xaadmin');
  province = await loggedInCore(b.url, 'tinhadmin');
}, 120_000);

afterAll(() => {
  commune?.dispose();
  province?.dispose();
  pki?.cleanup();
  cleanupFixtures();
});

describe('the national axis adapter', () => {
  it('answers 401 without an adapter token, even to a logged-in user', async () => {
    const user = await logIn(communeSide.url, 'xaadmin');
    for (const headers of [{}, bearer(user.accessToken), bearer('khong-phai-ma-cua-bo-ket-noi-truc')]) {
      expect((await fetch(communeSide.url + AXIS_PATHS.outbox, { headers })).status).toBe(401);
      expect((await fetch(`${communeSide.url}${AXIS_PATHS.inbox}?from=a&to=b&kind=document&documentId=x`, { method: 'POST', headers, body: 'x' })).status).toBe(401);
    }
  });

  it('carries a decision from one server to the other and its 01 back', async () => {
    const issued = await issueDecision(commune.core, pki, 'Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình');
    await call(commune.core, 'outgoing.dispatch', { id: issued.id });
    await call(commune.core, 'sync.now', {});
    // The province is not on the commune's server: its package waits for the axis.
    expect(await relay(provinceSide, communeSide)).toEqual({ carried: 0, duplicates: 0 });
    expect(await relay(communeSide, provinceSide)).toEqual({ carried: 1, duplicates: 0 });

    await call(province.core, 'sync.now', {});
    const [entry] = await entriesOf(province.core, issued.documentId);
    expect(entry).toMatchObject({ subject: issued.subject, channel: 'electronic', codeNumber: issued.codeNumber, codeNotation: issued.codeNotation });

    expect(await relay(provinceSide, communeSide)).toEqual({ carried: 1, duplicates: 0 });
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(commune.core, issued.id)).toEqual(['01']);
    expect((await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangeStatuses).toEqual([expect.objectContaining({ organId: PROVINCE.organId, code: '01' })]);
    // Acknowledged packages are gone from both outboxes.
    expect(await relay(communeSide, provinceSide)).toEqual({ carried: 0, duplicates: 0 });
    expect(await relay(provinceSide, communeSide)).toEqual({ carried: 0, duplicates: 0 });
  }, 180_000);
});

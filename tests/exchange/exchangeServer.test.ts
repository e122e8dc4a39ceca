/**
 * edXML through the central server between two organisations it hosts: the commune's clerk dispatches an issued
 * decision to the province, the dispatch's change carries the package, the server routes it to the province's inbox,
 * and the province clerk's next round registers it through the import checks and sends 01 back by itself; as the
 * province presents, instructs and closes, 03, 04 and 06 follow, each once, and the commune's outgoing document shows
 * them. A commune offline keeps the package in its outbox until the line is back; a package altered on the way is
 * refused with its reason (02 back to the commune), and nothing is registered; one claiming another organisation's
 * DocumentId is not forwarded at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import { call } from '../support/coreFixture';
import { cleanupFixtures } from '../support/documentFixtures';
import { PROVINCE } from '../support/edxmlPackages';
import { entriesOf, issueDecision, seedExchangeOrg, statusCodes, swapQueuedPackage } from '../support/exchangeServers';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

type Pc = Awaited<ReturnType<typeof loggedInCore>>;
let pki: TestPki;
let link: FaultProxy;
/** The commune's clerk (through a link the test can cut), the province's clerk and its chairman. */
let commune: Pc;
let province: Pc;
let chairman: Pc;

const statusesAtCommune = (id: string) => statusCodes(commune.core, id);
const received = (documentId: string) => entriesOf(province.core, documentId);
const issue = (subject: string) => issueDecision(commune.core, pki, subject);

beforeAll(async () => {
  pki = createTestPki();
  const { url, pool } = await servers.start({ closeConnections: true });
  await seedExchangeOrg(pool, TAN_LAP.organId, 'xa');
  await seedExchangeOrg(pool, PROVINCE.organId, 'tinh');
  link = await startFaultProxy({ targetPort: Number(new URL(url).port), seed: 1 });
  commune = await loggedInCore(link.url, 'xaadmin');
  province = await loggedInCore(url, 'tinhadmin');
  chairman = await loggedInCore(url, 'tinhhung');
}, 120_000);

afterAll(async () => {
  for (const pc of [commune, province, chairman]) pc?.dispose();
  await link?.close();
  pki?.cleanup();
  cleanupFixtures();
});

describe('edXML through the server', () => {
  it('delivers a dispatched decision to the province, and brings 01, 03, 04 and 06 back to the commune, each once', async () => {
    const issued = await issue('Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình');
    const dispatched = await call(commune.core, 'outgoing.dispatch', { id: issued.id });
    expect(dispatched.exchangePackage).toBe('waiting');
    expect(await call(commune.core, 'sync.now', {})).toMatchObject({ rejected: [] });
    expect((await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangePackage).toBe('sent');

    await call(province.core, 'sync.now', {});
    const [entry] = await received(issued.documentId);
    expect(entry).toMatchObject({ subject: issued.subject, organName: `Cơ quan ${TAN_LAP.organId}`, channel: 'electronic' });
    const detail = await call(province.core, 'incoming.get', { id: entry!.id });
    const sentMain = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    expect(readFileSync(province.core.content.pathOf(detail.document.attachments[0]!.hash))).toEqual(sentMain);
    expect(detail.events.map((e) => [e.kind, e.data.code ?? null])).toEqual([
      ['incoming.registered', null],
      ['incoming.exchangeStatusSent', '01'],
    ]);

    await call(commune.core, 'sync.now', {});
    expect(await statusesAtCommune(issued.id)).toEqual(['01']);

    // The clerk presents it to the chairman (03), who has the Văn phòng lead it (04) and then closes it (06).
    const staff = (await call(province.core, 'org.get', {}))!;
    const khanh = staff.staff.find((s) => s.role === 'lanh_dao')!;
    await call(province.core, 'incoming.handOver', { id: entry!.id, action: 'present', recipient: { kind: 'staff', id: khanh.id }, note: '' });
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    expect(await statusesAtCommune(issued.id)).toEqual(['01', '03']);

    await call(chairman.core, 'sync.now', {});
    const vp = staff.units.find((u) => u.abbrev === 'VP')!;
    await call(chairman.core, 'handling.instruct', { id: entry!.id, lead: { kind: 'unit', id: vp.id }, dueDate: '2026-12-04' });
    await call(chairman.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    // A round with nothing new sends nothing again.
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    expect(await statusesAtCommune(issued.id)).toEqual(['01', '03', '04']);

    await call(chairman.core, 'handling.close', { id: entry!.id, note: 'Đã giao Văn phòng theo dõi' });
    await call(chairman.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    const outgoing = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(await statusesAtCommune(issued.id)).toEqual(['01', '03', '04', '06']);
    expect(outgoing.document.exchangeStatuses).toEqual([expect.objectContaining({ organId: PROVINCE.organId, code: '06' })]);
  }, 180_000);

  it('keeps the package in the outbox while the commune is offline, and sends it once the line is back', async () => {
    const issued = await issue('Về việc cử cán bộ dự tập huấn chuyển đổi số');
    link.setOffline(true);
    try {
      await call(commune.core, 'outgoing.dispatch', { id: issued.id });
      expect((await commune.core.dispatch('sync.now', {})).ok).toBe(false);
      expect((await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangePackage).toBe('waiting');
      await call(province.core, 'sync.now', {});
      expect(await received(issued.documentId)).toEqual([]);
    } finally {
      link.setOffline(false);
    }
    await call(commune.core, 'sync.now', {});
    expect((await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangePackage).toBe('sent');
    await call(province.core, 'sync.now', {});
    expect((await received(issued.documentId)).map((r) => r.subject)).toEqual([issued.subject]);
    await call(commune.core, 'sync.now', {});
    expect(await statusesAtCommune(issued.id)).toEqual(['01']);
  }, 180_000);

  it('refuses a package altered on the way with its reason, registers nothing, and tells the commune (02)', async () => {
    const issued = await issue('Về việc phê duyệt kế hoạch sử dụng đất năm 2027');
    await call(commune.core, 'outgoing.dispatch', { id: issued.id });
    // The queued change is made to carry another package: the commune's own, with one byte of the signed PDF changed.
    await swapQueuedPackage(commune, 'exchangePackage', (xml) =>
      xml.replace(/<ContentTransferEncoded>([^<]*)<\/ContentTransferEncoded>/, (_, b64: string) => {
        const bytes = Buffer.from(b64, 'base64');
        bytes[11]! ^= 0x01;
        return `<ContentTransferEncoded>${bytes.toString('base64')}</ContentTransferEncoded>`;
      }),
    );
    await call(commune.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    expect(await received(issued.documentId)).toEqual([]);
    await call(commune.core, 'sync.now', {});
    const outgoing = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(outgoing.document.exchangeStatuses).toEqual([
      expect.objectContaining({ organId: PROVINCE.organId, code: '02', description: expect.stringMatching(/^Chữ ký số trên tệp ".*" không hợp lệ/) }),
    ]);
  }, 180_000);

  it('refuses to forward a package whose DocumentId names another organisation', async () => {
    const issued = await issue('Về việc kiểm tra công tác văn thư năm 2026');
    await call(commune.core, 'outgoing.dispatch', { id: issued.id });
    // The issue, still queued, is made to claim the Government Office's DocumentId.
    const forged = issued.documentId.replace(TAN_LAP.organId, '000.00.00.G22');
    const db = new Database(path.join(commune.dir, 'vanthu.db'));
    try {
      const row = db.prepare("SELECT id, payload FROM outbox WHERE json_extract(payload, '$.set.documentId') = ?").get(issued.documentId) as { id: string; payload: string };
      db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(row.payload.replace(issued.documentId, forged), row.id);
    } finally {
      db.close();
    }
    const report = await call(commune.core, 'sync.now', {});
    expect(report.rejected.map((r) => r.message)).toEqual([msg('exchangeServer.notOurPackage')]);
    await call(province.core, 'sync.now', {});
    expect(await received(forged)).toEqual([]);
  }, 180_000);
});

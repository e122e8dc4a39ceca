/**
 * edXML through the central server between two organisations it hosts: the commune's clerk dispatches an issued
 * decision to the province, the dispatch's change carries the package, the server routes it to the province's inbox,
 * and the province clerk's next round registers it through the import checks and sends 01 back by itself; as the
 * province presents, instructs and closes, 03, 04 and 06 follow, each once, and the commune's outgoing document shows
 * them. A commune offline keeps the package in its outbox until the line is back; a package altered on the way is
 * refused with its reason (02 back to the commune), and nothing is registered.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { addUser } from '../../server/accounts/setup';
import { call } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { PROVINCE } from '../support/edxmlPackages';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy';
import { DRAFT_DECISION, TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, PASSWORD, seedOrg, useTestServer } from '../support/testServer';
import { sealPng } from '../signing/fixtures';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

type Pc = Awaited<ReturnType<typeof loggedInCore>>;
let pki: TestPki;
let link: FaultProxy;
/** The commune's clerk (through a link the test can cut), the province's clerk and its chairman. */
let commune: Pc;
let province: Pc;
let chairman: Pc;

const keyFile = async (core: Core, file: string) => (await core.keyFiles.put(readFileSync(file), path.basename(file))).handle;

/** A decision drafted and signed by the commune's chairman and issued by its clerk, on the clerk's PC. */
async function issueDecision(subject: string) {
  const core = commune.core;
  const profile = await call(core, 'org.get', {});
  const clerkId = profile!.currentStaffId!;
  const leader = profile!.staff.find((s) => s.role === 'lanh_dao')!;
  await call(core, 'org.actAs', { staffId: leader.id });
  const main = await core.stage(readFileSync(await makeDocumentPdf('quyetDinh', DRAFT_DECISION)), 'du-thao.pdf');
  const draft = await call(core, 'outgoing.create', {
    fields: {
      typeName: 'Quyết định',
      subject,
      signerId: leader.id,
      signerAuthority: 'TM.',
      signerPosition: 'CHỦ TỊCH',
      recipients: [{ kind: 'external', organId: PROVINCE.organId, name: PROVINCE.name }],
    },
    main: { hash: main.hash, name: main.name },
  });
  await call(core, 'outgoing.sign', { id: draft.id, source: { kind: 'p12', handle: await keyFile(core, pki.leaf.p12Path!) }, secret: pki.password, jobId: randomUUID() });
  await call(core, 'org.actAs', { staffId: clerkId });
  const seal = (await core.stage(sealPng(), 'con-dau.png')).hash;
  const { document } = await call(core, 'outgoing.issue', { id: draft.id, source: { kind: 'p12', handle: await keyFile(core, pki.orgLeaf.p12Path!) }, secret: pki.password, seal, jobId: randomUUID() });
  return document;
}

const statusCodes = async (id: string) => (await call(commune.core, 'outgoing.get', { id })).events.filter((e) => e.kind === 'outgoing.exchangeStatus').map((e) => e.data.code);
/** The province's entries of a document: found by its DocumentId, as the register's duplicate check finds it. */
async function received(documentId: string) {
  const rows = (await call(province.core, 'incoming.list', {})).rows;
  const details = await Promise.all(rows.map((r) => call(province.core, 'incoming.get', { id: r.id })));
  return details.filter((d) => d.document.documentId === documentId).map((d) => d.document);
}

beforeAll(async () => {
  pki = createTestPki();
  const { url, pool } = await servers.start({ closeConnections: true });
  await seedOrg(pool, TAN_LAP.organId, 'xa');
  await seedOrg(pool, PROVINCE.organId, 'tinh');
  for (const [organId, username] of [[TAN_LAP.organId, 'xahung'], [PROVINCE.organId, 'tinhkhanh']]) {
    await addUser(pool, { organId: organId!, username: username!, fullName: 'Trần Văn Hùng', role: 'lanh_dao', position: 'Chủ tịch', unitAbbrev: 'VP', password: PASSWORD });
  }
  link = await startFaultProxy({ targetPort: Number(new URL(url).port), seed: 1 });
  commune = await loggedInCore(link.url, 'xaadmin');
  province = await loggedInCore(url, 'tinhadmin');
  chairman = await loggedInCore(url, 'tinhkhanh');
}, 120_000);

afterAll(async () => {
  for (const pc of [commune, province, chairman]) pc?.dispose();
  await link?.close();
  pki?.cleanup();
  cleanupFixtures();
});

describe('edXML through the server', () => {
  it('delivers a dispatched decision to the province, and brings 01, 03, 04 and 06 back to the commune, each once', async () => {
    const issued = await issueDecision('Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình');
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
    expect(await statusCodes(issued.id)).toEqual(['01']);

    // The clerk presents it to the chairman (03), who has the Văn phòng lead it (04) and then closes it (06).
    const staff = (await call(province.core, 'org.get', {}))!;
    const khanh = staff.staff.find((s) => s.role === 'lanh_dao')!;
    await call(province.core, 'incoming.handOver', { id: entry!.id, action: 'present', recipient: { kind: 'staff', id: khanh.id }, note: '' });
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(issued.id)).toEqual(['01', '03']);

    await call(chairman.core, 'sync.now', {});
    const vp = staff.units.find((u) => u.abbrev === 'VP')!;
    await call(chairman.core, 'handling.instruct', { id: entry!.id, lead: { kind: 'unit', id: vp.id }, dueDate: '2026-12-04' });
    await call(chairman.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    // A round with nothing new sends nothing again.
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(issued.id)).toEqual(['01', '03', '04']);

    await call(chairman.core, 'handling.close', { id: entry!.id, note: 'Đã giao Văn phòng theo dõi' });
    await call(chairman.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    const outgoing = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(await statusCodes(issued.id)).toEqual(['01', '03', '04', '06']);
    expect(outgoing.document.exchangeStatuses).toEqual([expect.objectContaining({ organId: PROVINCE.organId, code: '06' })]);
  }, 180_000);

  it('keeps the package in the outbox while the commune is offline, and sends it once the line is back', async () => {
    const issued = await issueDecision('Về việc cử cán bộ dự tập huấn chuyển đổi số');
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
    expect(await statusCodes(issued.id)).toEqual(['01']);
  }, 180_000);

  it('refuses a package altered on the way with its reason, registers nothing, and tells the commune (02)', async () => {
    const issued = await issueDecision('Về việc phê duyệt kế hoạch sử dụng đất năm 2027');
    await call(commune.core, 'outgoing.dispatch', { id: issued.id });
    // The queued change is made to carry another package: the commune's own, with one byte of the signed PDF changed.
    const db = new Database(path.join(commune.dir, 'vanthu.db'));
    try {
      const row = db.prepare("SELECT id, payload FROM outbox WHERE json_extract(payload, '$.set.exchangePackage') IS NOT NULL AND state = 'pending'").get() as { id: string; payload: string };
      const mutation = JSON.parse(row.payload) as { set: { exchangePackage: string }; blobs: string[] };
      const xml = readFileSync(commune.core.content.pathOf(mutation.set.exchangePackage), 'utf8').replace(/<ContentTransferEncoded>([^<]*)<\/ContentTransferEncoded>/, (_, b64: string) => {
        const bytes = Buffer.from(b64, 'base64');
        bytes[11]! ^= 0x01;
        return `<ContentTransferEncoded>${bytes.toString('base64')}</ContentTransferEncoded>`;
      });
      const tampered = await commune.core.stage(Buffer.from(xml), 'goi-tin.edxml');
      mutation.blobs = mutation.blobs.map((h) => (h === mutation.set.exchangePackage ? tampered.hash : h));
      mutation.set.exchangePackage = tampered.hash;
      db.prepare('UPDATE outbox SET payload = ? WHERE id = ?').run(JSON.stringify(mutation), row.id);
    } finally {
      db.close();
    }
    await call(commune.core, 'sync.now', {});
    await call(province.core, 'sync.now', {});
    expect(await received(issued.documentId)).toEqual([]);
    await call(commune.core, 'sync.now', {});
    const outgoing = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(outgoing.document.exchangeStatuses).toEqual([
      expect.objectContaining({ organId: PROVINCE.organId, code: '02', description: expect.stringMatching(/^Chữ ký số trên tệp ".*" không hợp lệ/) }),
    ]);
  }, 180_000);
});

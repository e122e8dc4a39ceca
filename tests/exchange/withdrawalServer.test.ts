/**
 * Recall (business type 1) and replacement (type 3) through the central server between two organisations it hosts: the
 * commune's clerk recalls or replaces a decision she dispatched through the server, the change carries the package,
 * the province clerk's next round withdraws its entry, and the province's answer (15 agreed, 16 refused with a reason)
 * goes back the same way and shows on the commune's outgoing document. The server reads the header of what it routes:
 * a recall or a status whose From is not the organisation pushing it is refused with the reason, and goes nowhere.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../shared/messages';
import { call } from '../support/coreFixture';
import { cleanupFixtures } from '../support/documentFixtures';
import { PROVINCE } from '../support/edxmlPackages';
import { entriesOf, issueDecision, seedExchangeOrg, statusCodes, swapQueuedPackage } from '../support/exchangeServers';
import { TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { useTestPostgres } from '../support/testPostgres';
import { loggedInCore, useTestServer } from '../support/testServer';

const postgres = useTestPostgres();
const servers = useTestServer(postgres);

type Pc = Awaited<ReturnType<typeof loggedInCore>>;
let pki: TestPki;
let commune: Pc;
let province: Pc;

/** A decision issued and dispatched by the commune, and registered by the province's round. */
async function delivered(subject: string) {
  const issued = await issueDecision(commune.core, pki, subject);
  await call(commune.core, 'outgoing.dispatch', { id: issued.id });
  await call(commune.core, 'sync.now', {});
  await call(province.core, 'sync.now', {});
  const [entry] = await entriesOf(province.core, issued.documentId);
  expect(entry).toMatchObject({ subject, recalledAt: null });
  return { issued, entry: entry! };
}

/** Both rounds, in the order a package and its answer travel. */
async function rounds() {
  await call(commune.core, 'sync.now', {});
  await call(province.core, 'sync.now', {});
}

beforeAll(async () => {
  pki = createTestPki();
  const { url, pool } = await servers.start({});
  await seedExchangeOrg(pool, TAN_LAP.organId, 'xa');
  await seedExchangeOrg(pool, PROVINCE.organId, 'tinh');
  commune = await loggedInCore(url, 'xaadmin');
  province = await loggedInCore(url, 'tinhadmin');
}, 120_000);

afterAll(async () => {
  for (const pc of [commune, province]) pc?.dispose();
  pki?.cleanup();
  cleanupFixtures();
});

describe('recall and replacement through the server', () => {
  it('sends a recall with its own change, withdraws the province entry, and brings the 15 back', async () => {
    const { issued, entry } = await delivered('Về việc giao đất ở cho hộ gia đình ông Lê Văn Tám');
    const reason = 'Sai diện tích thửa đất';
    const recalled = await call(commune.core, 'outgoing.recall', { id: issued.id, reason });
    expect(recalled).toMatchObject({ status: 'recalled', exchangePackage: 'waiting' });
    await rounds();
    expect((await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangePackage).toBe('sent');

    const [withdrawn] = await entriesOf(province.core, issued.documentId);
    expect(withdrawn).toMatchObject({ id: entry.id, recallReason: reason });
    expect(withdrawn!.recalledAt).not.toBeNull();
    // Agreeing is the clerk's answer, never sent by the round itself.
    await rounds();
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(commune.core, issued.id)).toEqual(['01']);

    const answer = await call(province.core, 'exchange.statusPackage', { id: entry.id });
    expect(answer).toMatchObject({ code: '15', queued: true });
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(commune.core, issued.id)).toEqual(['01', '15']);
    const [latest] = (await call(commune.core, 'outgoing.get', { id: issued.id })).document.exchangeStatuses;
    expect(latest).toMatchObject({ organId: PROVINCE.organId, code: '15', description: expect.stringContaining(reason) });
    // The answer is sent once: the next rounds send nothing more.
    await rounds();
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(commune.core, issued.id)).toEqual(['01', '15']);
  }, 240_000);

  it('sends a replacement of a decision both sent before, and brings back the province refusal (16) with its reason', async () => {
    const old = await delivered('Về việc phê duyệt phương án bồi thường đợt 1');
    const fresh = await delivered('Về việc phê duyệt phương án bồi thường đợt 1 (thay thế)');
    const replaced = await call(commune.core, 'outgoing.replace', { id: old.issued.id, by: fresh.issued.id, reason: 'Bổ sung hộ bị ảnh hưởng' });
    expect(replaced).toMatchObject({ status: 'replaced', exchangePackage: 'waiting' });
    await rounds();

    const [withdrawn] = await entriesOf(province.core, old.issued.documentId);
    expect(withdrawn).toMatchObject({ id: old.entry.id, replacedBy: fresh.entry.id });
    expect(withdrawn!.recalledAt).not.toBeNull();
    // The replacement was already in the register: it is not registered twice.
    expect((await entriesOf(province.core, fresh.issued.documentId)).map((e) => e.id)).toEqual([fresh.entry.id]);

    const refusal = 'Phương án cũ đã được niêm yết';
    const answer = await call(province.core, 'exchange.statusPackage', { id: old.entry.id, refuseWithdrawal: refusal });
    expect(answer).toMatchObject({ code: '16', queued: true });
    const restored = await call(province.core, 'incoming.get', { id: old.entry.id });
    expect(restored.document).toMatchObject({ recalledAt: null, replacedBy: null });
    expect(restored.events.at(-1)).toMatchObject({ kind: 'incoming.withdrawalRefused', data: { reason: refusal, code: '16' } });
    await call(province.core, 'sync.now', {});
    await call(commune.core, 'sync.now', {});
    const statuses = (await call(commune.core, 'outgoing.get', { id: old.issued.id })).document.exchangeStatuses;
    expect(statuses).toEqual([expect.objectContaining({ organId: PROVINCE.organId, code: '16', description: expect.stringContaining(refusal) })]);
  }, 240_000);

  /** The queued package of `field` made to name another sender in its From. */
  const forgeFrom = (pc: Pc, field: 'exchangePackage' | 'exchangeStatusPackage', organId: string) =>
    swapQueuedPackage(pc, field, (xml) => xml.replace(`<edXML:From><edXML:OrganId>${organId}<`, `<edXML:From><edXML:OrganId>${GOVERNMENT_OFFICE}<`));
  const GOVERNMENT_OFFICE = '000.00.00.G22';

  it('refuses a recall whose package names another organisation as its sender, and withdraws nothing', async () => {
    const { issued, entry } = await delivered('Về việc điều chỉnh kế hoạch tiếp công dân quý IV');
    await call(commune.core, 'outgoing.recall', { id: issued.id, reason: 'Lịch chưa thống nhất' });
    await forgeFrom(commune, 'exchangePackage', TAN_LAP.organId);
    const report = await call(commune.core, 'sync.now', {});
    expect(report.rejected.map((r) => r.message)).toEqual([msg('exchangeServer.notFromSender', { from: GOVERNMENT_OFFICE, organId: TAN_LAP.organId })]);
    await call(province.core, 'sync.now', {});
    expect((await call(province.core, 'incoming.get', { id: entry.id })).document.recalledAt).toBeNull();
  }, 240_000);

  it('refuses a status whose From is not the organisation sending it, and the commune hears nothing', async () => {
    const { issued, entry } = await delivered('Về việc rà soát hộ nghèo cuối năm');
    await call(commune.core, 'outgoing.recall', { id: issued.id, reason: 'Thay đổi tiêu chí rà soát' });
    await rounds();
    expect((await call(province.core, 'exchange.statusPackage', { id: entry.id })).queued).toBe(true);
    await forgeFrom(province, 'exchangeStatusPackage', PROVINCE.organId);
    const report = await call(province.core, 'sync.now', {});
    expect(report.rejected.map((r) => r.message)).toEqual([msg('exchangeServer.notFromSender', { from: GOVERNMENT_OFFICE, organId: PROVINCE.organId })]);
    await call(commune.core, 'sync.now', {});
    expect(await statusCodes(commune.core, issued.id)).toEqual(['01']);
  }, 240_000);

  it('sends each correction of a dispatched decision as an update package, and the province entry takes it as one event', async () => {
    const { issued, entry } = await delivered('Về việc tổ chức hội nghị tổng kết năm 2026');
    // An officer may not correct an issued document (Decree 30 Art. 18): the clerk or a leader does.
    const profile = (await call(commune.core, 'org.get', {}))!;
    await call(commune.core, 'org.actAs', { staffId: profile.staff.find((s) => s.role === 'chuyen_vien')!.id });
    const refused = await commune.core.dispatch('outgoing.correct', { id: issued.id, fields: { priority: 3 }, reason: 'Thử' });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'FORBIDDEN', message: msg('outgoing.forbidden.correct') });
    await call(commune.core, 'org.actAs', { staffId: profile.currentStaffId! });
    const corrected = await call(commune.core, 'outgoing.correct', { id: issued.id, fields: { subject: 'Về việc tổ chức hội nghị tổng kết công tác năm 2026', dueDate: '2026-12-28' }, reason: 'Sai trích yếu' });
    expect(corrected).toMatchObject({ subject: 'Về việc tổ chức hội nghị tổng kết công tác năm 2026', exchangePackage: 'waiting' });
    // The update the change carries: the standard's schema accepts it, and it names what it changes (2.2.3).
    const db = new Database(path.join(commune.dir, 'vanthu.db'), { readonly: true });
    const sent = commune.core.content.pathOf((db.prepare('SELECT exchange_package FROM outgoing_documents WHERE id = ?').pluck().get(issued.id) as string));
    db.close();
    execFileSync('xmllint', ['--noout', '--schema', path.join(import.meta.dirname, '../../resources/xml/edxml.xsd'), sent], { stdio: 'pipe' });
    expect(readFileSync(sent, 'utf8')).toMatch(/<edXML:BussinessDocType>2<\/edXML:BussinessDocType>.*<edXML:BussinessDocumentInfo><edXML:DocumentInfo>1<\/edXML:DocumentInfo>/s);
    const history = (await call(commune.core, 'outgoing.get', { id: issued.id })).events.filter((e) => e.kind === 'outgoing.corrected');
    expect(history.map((e) => e.data)).toEqual([{ reason: 'Sai trích yếu', changes: [{ field: 'subject', from: issued.subject, to: corrected.subject }, { field: 'dueDate', from: null, to: '2026-12-28' }] }]);
    await rounds();
    const updated = await call(province.core, 'incoming.get', { id: entry.id });
    expect(updated.document).toMatchObject({ subject: corrected.subject, dueDate: '2026-12-28' });
    expect(updated.events.filter((e) => e.kind === 'incoming.updatedBySender').map((e) => e.data.reason)).toEqual(['Sai trích yếu']);

    // A second correction of the same document is a package of its own.
    await call(commune.core, 'outgoing.correct', { id: issued.id, fields: { priority: 1 }, reason: 'Cần xử lý khẩn' });
    await rounds();
    const again = await call(province.core, 'incoming.get', { id: entry.id });
    expect(again.document.priority).toBe(1);
    expect(again.events.filter((e) => e.kind === 'incoming.updatedBySender').map((e) => e.data.reason)).toEqual(['Sai trích yếu', 'Cần xử lý khẩn']);
  }, 240_000);
});


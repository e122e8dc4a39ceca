/**
 * The outgoing workflow through the contract, as the UI calls it: a specialist drafts, the unit head approves, the
 * chairman signs, the clerk issues with the seal and dispatches; each step refused to the wrong person or at the wrong
 * moment; a failed seal leaves no gap. Issued files are checked with poppler's pdfsig and pdftotext.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgProfile, Output } from '../../shared/contract';
import type { IssuePlaces } from '../../shared/domain/issuePlaces';
import type { Result } from '../../shared/errors';
import { longVietnameseDate, todayInVietnam } from '../../shared/domain/dates';
import type { Core } from '../../electron/core/app';
import { proposeIssuePlacesOf } from '../../electron/core/signing/appearance/signaturePlaces';
import { call, fields, openTestCore } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { DRAFT_DECISION, TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { sealPng, signaturePng } from '../signing/fixtures';
import { pdfsig, pdfWords as pageWords, qpdfCheck } from '../signing/pdfTools';
import { pdfWords } from '../register-book/pdfWords';
import { OUTGOING_LAYOUT, readRegister } from '../register-book/readRegister';

const ORG = TAN_LAP;

let pki: TestPki;
let env: Awaited<ReturnType<typeof openTestCore>>;
let core: Core;
let profile: OrgProfile;
let draftPdf: string;
let seal: string;
let signature: string;

const staff = (name: string) => profile.staff.find((s) => s.fullName === name)!;
const unit = (abbrev: string) => profile.units.find((u) => u.abbrev === abbrev)!;
const actAs = (name: string) => call(core, 'org.actAs', { staffId: staff(name).id });
const keyFile = async (file: string) => (await core.keyFiles.put(readFileSync(file), path.basename(file))).handle;

beforeAll(async () => {
  pki = createTestPki();
  // A decision waiting for its number and date: the template's blanks after "Số:" and in "ngày … tháng …".
  draftPdf = await makeDocumentPdf('quyetDinh', DRAFT_DECISION);

  // Real clock: signing checks the certificates' validity now.
  env = await openTestCore({}, false);
  core = env.core;
  profile = await call(core, 'org.setup', ORG);
  seal = (await core.stage(sealPng(), 'con-dau.png')).hash;
  signature = (await core.stage(signaturePng(), 'chu-ky.png')).hash;
}, 120_000);

afterAll(() => {
  env?.dispose();
  pki?.cleanup();
  cleanupFixtures();
});

async function draft(typeName = 'Quyết định', subject = 'Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình', copyKind: 'none' | 'SY' = 'none', replyTo: string | null = null) {
  await actAs('Lê Minh Đức');
  const main = await core.stage(readFileSync(draftPdf), 'du-thao.pdf');
  return call(core, 'outgoing.create', {
    fields: {
      typeName,
      subject,
      copyKind,
      signerId: staff('Trần Văn Hùng').id,
      signerAuthority: 'TM.',
      signerPosition: 'CHỦ TỊCH',
      recipients: [
        { kind: 'unit', id: unit('VP').id },
        { kind: 'external', organId: '000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
      ],
      issuedAmount: 4,
      replyTo,
    },
    main: { hash: main.hash, name: main.name },
  });
}

/** Drafted, approved by the unit head, signed by the chairman: ready for the clerk. */
async function approved(typeName?: string, subject?: string, copyKind?: 'none' | 'SY', replyTo?: string) {
  const doc = await draft(typeName, subject, copyKind, replyTo);
  await call(core, 'outgoing.submit', { id: doc.id, to: staff('Phạm Thu Hà').id, comment: 'Kính trình chị xem' });
  await actAs('Phạm Thu Hà');
  await call(core, 'outgoing.approve', { id: doc.id, comment: 'Đồng ý' });
  await actAs('Trần Văn Hùng');
  const signed = await call(core, 'outgoing.sign', {
    id: doc.id,
    source: { kind: 'p12', handle: await keyFile(pki.leaf.p12Path!) },
    secret: pki.password,
    image: signature,
    jobId: randomUUID(),
  });
  expect(signed.document.status).toBe('approved');
  return signed.document;
}

async function issue(id: string, secret = pki.password, places: Partial<IssuePlaces> & { template?: string } = {}): Promise<Result<Output<'outgoing.issue'>>> {
  await actAs('Nguyễn Thị Lan');
  const result = await core.dispatch('outgoing.issue', {
    id,
    source: { kind: 'p12', handle: await keyFile(pki.orgLeaf.p12Path!) },
    secret,
    seal,
    ...places,
    jobId: randomUUID(),
  });
  return result as Result<Output<'outgoing.issue'>>;
}

/** Revisions of a PDF: each ends with its own %%EOF. */
const revisions = (bytes: Buffer) => bytes.toString('latin1').split('%%EOF').length - 1;

function counters(): { register_id: string; year: number; last_number: number }[] {
  const db = new Database(path.join(env.dir, 'vanthu.db'), { readonly: true });
  try {
    return db.prepare("SELECT register_id, year, last_number FROM register_counters WHERE register_id LIKE 'outgoing%'").all() as never;
  } finally {
    db.close();
  }
}

describe('outgoing workflow', () => {
  it('drafts, reviews, signs, issues with number, date and seal, and dispatches to internal and external recipients', async () => {
    const doc = await approved();
    const file = doc.files.find((f) => f.role === 'main')!;
    expect(file.origin).toBe('approval');
    expect(doc.versions.filter((v) => v.role === 'main')).toHaveLength(2);
    // The approval records where page 1 takes the number and date, as found in the draft's blanks, for the issue.
    const signedEvent = (await call(core, 'outgoing.get', { id: doc.id })).events.find((e) => e.kind === 'outgoing.signed')!;
    const { numberAt, dateAt } = await proposeIssuePlacesOf(core.content.pathOf(doc.versions[0]!.hash));
    expect(signedEvent.data.issuePlaces).toEqual({ numberAt, dateAt });
    expect(numberAt.blank).toBe(true);

    const issued = await issue(doc.id);
    if (!issued.ok) throw new Error(issued.error.message);
    const d = issued.value.document;
    const year = Number(todayInVietnam().slice(0, 4));
    expect(d).toMatchObject({ status: 'issued', number: 1, codeNumber: '01', codeNotation: 'QĐ-UBND', year, issuedDate: todayInVietnam() });
    expect(d.documentId).toBe(`000.12.34.H41,${todayInVietnam().replaceAll('-', '/')},01/QĐ-UBND`);

    const issuedFile = core.content.pathOf(d.files.find((f) => f.role === 'main')!.hash);
    const sigs = pdfsig(issuedFile);
    expect(sigs).toHaveLength(2);
    expect(sigs.every((s) => s.valid)).toBe(true);
    expect(sigs.map((s) => s.commonName)).toEqual(['Nguyễn Văn An', expect.any(String)]);
    expect(qpdfCheck(issuedFile).ok).toBe(true);
    // Number, date and seal in one revision appended to the approved file, whose bytes (the approval's byte range) stay.
    const approvedBytes = readFileSync(core.content.pathOf(file.hash));
    const issuedBytes = readFileSync(issuedFile);
    expect(issuedBytes.subarray(0, approvedBytes.length).equals(approvedBytes)).toBe(true);
    expect(revisions(issuedBytes)).toBe(revisions(approvedBytes) + 1);
    const text = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', issuedFile, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/g, ' ');
    expect(text).toMatch(/Số: ?01 ?\/QĐ-UBND/);
    // Day and month go into the template's blanks, so pdftotext may or may not see a space beside them.
    const [, day, month, y] = /ngày (\d+) tháng (\d+) năm (\d+)/.exec(longVietnameseDate(todayInVietnam()))!;
    expect(text).toMatch(new RegExp(`ngày ?${day} ?tháng ?${month} ?năm ${y}`));
    expect(issued.value.verification.verdict).not.toBe('invalid');
    // The file's own words stay searchable once the issued document replaces the draft's index entry.
    await actAs('Nguyễn Thị Lan');
    const byBody = await call(core, 'outgoing.list', { filter: { query: 'chinh quyen dia phuong', status: 'issued' } });
    expect(byBody.rows.map((r) => r.id)).toContain(d.id);

    const sent = await call(core, 'outgoing.dispatch', { id: d.id });
    expect(sent).toMatchObject({ status: 'dispatched', dispatchedAt: todayInVietnam() });
    const detail = await call(core, 'outgoing.get', { id: d.id });
    const dispatched = detail.events.find((e) => e.kind === 'outgoing.dispatched')!;
    expect(dispatched.data).toMatchObject({ internal: ['Văn phòng'], external: [{ organId: '000.00.00.H41', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' }] });
    const copy = await call(core, 'incoming.get', { id: dispatched.data.incomingId as string });
    expect(copy.document).toMatchObject({ outgoingId: d.id, codeNumber: '01', codeNotation: 'QĐ-UBND', channel: 'electronic', status: 'forwarded', toPlaces: 'Văn phòng' });
    expect(copy.document.attachments[0]!.hash).toBe(d.files.find((f) => f.role === 'main')!.hash);

    const recalled = await call(core, 'outgoing.recall', { id: d.id, reason: 'Sai tên hộ gia đình được giao đất' });
    expect(recalled).toMatchObject({ status: 'recalled', closedReason: 'Sai tên hộ gia đình được giao đất' });
    const copyAfter = await call(core, 'incoming.get', { id: copy.document.id });
    expect(copyAfter.document.recalledAt).not.toBeNull();
    expect(copyAfter.document.recallReason).toBe('Sai tên hộ gia đình được giao đất');
    const listed = await call(core, 'incoming.list', { filter: { query: 'giao dat' } });
    expect(listed.rows.find((r) => r.id === copy.document.id)?.recalledAt).not.toBeNull();
  });

  it('numbers a công văn in the shared sequence with the drafting unit, and leaves no gap when sealing fails', async () => {
    const doc = await approved('Công văn', 'V/v rà soát hiện trạng sử dụng đất công ích');
    // As approved before the places were recorded: the issue finds them in the file instead.
    const db = new Database(path.join(env.dir, 'vanthu.db'));
    try {
      const stripped = db.prepare("UPDATE events SET data = json_remove(data, '$.issuePlaces') WHERE entity_id = ? AND kind = 'outgoing.signed'").run(doc.id);
      expect(stripped.changes).toBe(1);
    } finally {
      db.close();
    }
    const before = counters();
    const wrong = await issue(doc.id, 'không đúng');
    expect(wrong).toMatchObject({ ok: false });
    expect(counters()).toEqual(before);
    expect((await call(core, 'outgoing.get', { id: doc.id })).document.status).toBe('approved');

    const ok = await issue(doc.id);
    if (!ok.ok) throw new Error(ok.error.message);
    expect(ok.value.document).toMatchObject({ number: 2, codeNumber: '02', codeNotation: 'UBND-ĐCXD' });
    const okFile = core.content.pathOf(ok.value.document.files.find((f) => f.role === 'main')!.hash);
    const page1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', okFile, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/g, ' ');
    // In the template's blank, before the notation it prints: found in the file as the approval would have found it.
    expect(page1).toMatch(/Số: ?02 ?\/QĐ-UBND/);
  });

  it('issues an electronic copy in the copies sequence with its heading, numbers per type when chosen, and replaces', async () => {
    const copy = await approved('Quyết định', 'Về việc giao đất ở (bản sao y)', 'SY');
    const issuedCopy = await issue(copy.id);
    if (!issuedCopy.ok) throw new Error(issuedCopy.error.message);
    expect(issuedCopy.value.document).toMatchObject({ number: 1, codeNumber: '01', codeNotation: 'SY-UBND' });
    const copyFile = core.content.pathOf(issuedCopy.value.document.files.find((f) => f.role === 'main')!.hash);
    expect(pdfsig(copyFile).map((s) => s.valid)).toEqual([true, true]);
    const copyText = execFileSync('pdftotext', ['-f', '1', '-l', '1', copyFile, '-'], { encoding: 'utf8' });
    expect(copyText).toContain('SAO Y');
    expect(copyText).toContain('01/SY-UBND');

    await actAs('Nguyễn Thị Lan');
    expect(await call(core, 'outgoing.saveSettings', { numbering: 'perType' })).toEqual({ numbering: 'perType' });
    const report = await approved('Tờ trình', 'Về việc đề nghị phê duyệt dự toán sửa chữa trụ sở');
    const issuedReport = await issue(report.id);
    if (!issuedReport.ok) throw new Error(issuedReport.error.message);
    expect(issuedReport.value.document).toMatchObject({ number: 1, codeNotation: 'TTr-UBND' });

    const replaced = await call(core, 'outgoing.replace', { id: copy.id, by: report.id, reason: 'Thay bằng tờ trình đúng nội dung' });
    expect(replaced).toMatchObject({ status: 'replaced', replacedBy: report.id, closedReason: 'Thay bằng tờ trình đúng nội dung' });
    await actAs('Lê Minh Đức');
    expect(await core.dispatch('outgoing.saveSettings', { numbering: 'shared' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses each step to the wrong person and at the wrong moment, and keeps every comment', async () => {
    const doc = await draft();
    await actAs('Nguyễn Thị Lan');
    expect(await core.dispatch('outgoing.submit', { id: doc.id, to: staff('Trần Văn Hùng').id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await core.dispatch('outgoing.dispatch', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });

    await actAs('Lê Minh Đức');
    // A colleague without a head's position is no reviewer.
    expect(await core.dispatch('outgoing.submit', { id: doc.id, to: staff('Nguyễn Thị Lan').id })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await call(core, 'outgoing.submit', { id: doc.id, to: staff('Trần Văn Hùng').id });
    expect(await core.dispatch('outgoing.addVersion', { id: doc.id, role: 'main', file: { hash: doc.files[0]!.hash, name: 'x.pdf' } })).toMatchObject({ ok: false, error: { code: 'WRONG_STATE' } });

    await actAs('Trần Văn Hùng');
    const returned = await call(core, 'outgoing.return', { id: doc.id, comment: 'Bổ sung căn cứ pháp lý' });
    expect(returned).toMatchObject({ status: 'returned', reviewerId: null });
    expect(returned.actions).toEqual([]);

    await actAs('Lê Minh Đức');
    const fresh = await core.stage(readFileSync(draftPdf), 'du-thao-2.pdf');
    const edited = await call(core, 'outgoing.addVersion', { id: doc.id, role: 'main', file: { hash: fresh.hash, name: 'du-thao-2.pdf' } });
    expect(edited.files.find((f) => f.role === 'main')).toMatchObject({ version: 2, name: 'du-thao-2.pdf' });
    expect(edited.actions).toEqual(['edit', 'submit']);
    await call(core, 'outgoing.comment', { id: doc.id, comment: 'Đã bổ sung căn cứ' });

    const history = (await call(core, 'outgoing.get', { id: doc.id })).events.map((e) => [e.kind, e.actor, e.data.comment ?? null]);
    expect(history).toEqual([
      ['outgoing.created', 'Lê Minh Đức', null],
      ['outgoing.submitted', 'Lê Minh Đức', ''],
      ['outgoing.returned', 'Trần Văn Hùng', 'Bổ sung căn cứ pháp lý'],
      ['outgoing.versionAdded', 'Lê Minh Đức', null],
      ['outgoing.commented', 'Lê Minh Đức', 'Đã bổ sung căn cứ'],
    ]);
  });

  it('lists what waits for each person and finds issued documents by folded words and filters', async () => {
    await actAs('Nguyễn Thị Lan');
    const all = await call(core, 'outgoing.list', {});
    expect(all.total).toBeGreaterThanOrEqual(3);
    const found = await call(core, 'outgoing.list', { filter: { query: 'cong ich' } });
    expect(found.rows.map((r) => r.codeNotation)).toEqual(['UBND-ĐCXD']);
    const issued = await call(core, 'outgoing.list', { filter: { status: 'issued' }, sort: { by: 'codeNumber', dir: 'asc' } });
    expect(issued.rows.map((r) => `${r.codeNumber}/${r.codeNotation}`)).toEqual(['01/TTr-UBND', '02/UBND-ĐCXD']);
    await actAs('Lê Minh Đức');
    const mine = await call(core, 'outgoing.list', { filter: { mine: true } });
    expect(mine.rows.every((r) => r.status === 'returned' || r.status === 'draft')).toBe(true);
    expect(mine.total).toBeGreaterThanOrEqual(1);
  });

  it('shows the clerk the number an issue would take, and writes the number where she moved it, remembered for the template', async () => {
    const doc = await approved('Quyết định', 'Về việc công nhận tổ dân phố văn hóa');
    expect(await core.dispatch('outgoing.issuePreview', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await actAs('Nguyễn Thị Lan');
    const { numberNotation } = await call(core, 'outgoing.issuePreview', { id: doc.id });

    const recorded = (await call(core, 'outgoing.get', { id: doc.id })).events.find((e) => e.kind === 'outgoing.signed')!.data.issuePlaces as IssuePlaces;
    // Dragged 30 points down, under the line of "Số:", where the page has no words.
    const numberAt = { ...recorded.numberAt, y: recorded.numberAt.y - 30 };
    const template = 'test|quyet-dinh|moved';
    const issued = await issue(doc.id, pki.password, { numberAt, dateAt: recorded.dateAt, template });
    if (!issued.ok) throw new Error(issued.error.message);
    const d = issued.value.document;
    expect(`${d.codeNumber}/${d.codeNotation}`).toBe(numberNotation);

    const words = pageWords(core.content.pathOf(d.files.find((f) => f.role === 'main')!.hash));
    const number = words.filter((w) => w.text === d.codeNumber);
    expect(number).toHaveLength(1);
    // Centred on the chosen x, its baseline at the chosen y (the box's bottom is the font's descent below it).
    expect(Math.abs((number[0]!.x0 + number[0]!.x1) / 2 - numberAt.x)).toBeLessThan(2);
    expect(numberAt.y - number[0]!.y0).toBeGreaterThanOrEqual(0);
    expect(numberAt.y - number[0]!.y0).toBeLessThan(numberAt.size * 0.4);
    expect(await call(core, 'signing.issuePlaces', { template })).toEqual({ numberAt, dateAt: recorded.dateAt });
  });
});

describe('the outgoing register book of issued documents', () => {
  it('prints 01/QĐ-UBND with its signer block, places, the drafting unit as file-copy holder, copies, dispatch and recall', async () => {
    const today = todayInVietnam();
    const ref = await call(core, 'registerBook.export', { kind: 'outgoing', from: today, to: today, format: 'pdf' });
    expect(ref.name).toBe(`so-van-ban-di_${today}_${today}.pdf`);
    const { rows, headers } = readRegister(pdfWords(core.content.pathOf(ref.hash)), OUTGOING_LAYOUT);
    expect(headers[0]).toEqual(OUTGOING_LAYOUT.headers);
    const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
    const first = rows.find((r) => r.cells[0] === '01/QĐ-UBND');
    expect(first?.cells.map(squash)).toEqual([
      '01/QĐ-UBND',
      today.split('-').reverse().join('/'),
      'Quyết định Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình',
      'TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Trần Văn Hùng',
      'Văn phòng; Ủy ban nhân dân tỉnh Hà Tĩnh',
      'Địa chính - Xây dựng',
      '4',
      today.split('-').reverse().join('/'),
      '',
      'Đã thu hồi: Sai tên hộ gia đình được giao đất',
    ]);
    // Issued, never dispatched: no Ngày chuyển, no note.
    const second = rows.find((r) => r.cells[0] === '02/UBND-ĐCXD');
    expect([second?.cells[7], second?.cells[9]]).toEqual(['', '']);
  });

  it('prints one number sequence alone, named in its title with its number range', async () => {
    const today = todayInVietnam();
    const period = { from: today, to: today };
    expect(await call(core, 'registerBook.sequences', period)).toEqual([
      { id: 'outgoing', name: 'Văn bản hành chính (dãy số chung)' },
      { id: 'outgoing:copies', name: 'Bản sao (Sao y, Trích sao, Sao lục)' },
      { id: 'outgoing:type:Quyết định', name: 'Quyết định' },
      { id: 'outgoing:type:Tờ trình', name: 'Tờ trình' },
    ]);
    const book = async (sequence: string) => {
      const ref = await call(core, 'registerBook.export', { kind: 'outgoing', ...period, format: 'pdf', sequence });
      const file = core.content.pathOf(ref.hash);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[\s\u00a0]+/g, ' ');
      return { numbers: readRegister(pdfWords(file), OUTGOING_LAYOUT).rows.map((r) => r.cells[0]), text };
    };
    const shared = await book('outgoing');
    expect(shared.numbers).toEqual(['01/QĐ-UBND', '02/UBND-ĐCXD']);
    expect(shared.text).toContain('Từ số 1 đến số 2');
    expect(shared.text).toContain('Dãy số: Văn bản hành chính (dãy số chung)');
    const copies = await book('outgoing:copies');
    expect(copies.numbers).toEqual(['01/SY-UBND']);
    expect(copies.text).toContain('Dãy số: Bản sao (Sao y, Trích sao, Sao lục)');
    // The whole book still has every sequence, and no sequence line.
    const all = await call(core, 'registerBook.export', { kind: 'outgoing', ...period, format: 'pdf' });
    expect(readRegister(pdfWords(core.content.pathOf(all.hash)), OUTGOING_LAYOUT).rows.length).toBeGreaterThanOrEqual(5);

    expect(await core.dispatch('registerBook.export', { kind: 'incoming', ...period, format: 'pdf', sequence: 'outgoing' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', fields: { sequence: 'Chỉ sổ văn bản đi mới chọn được dãy số.' } },
    });
    expect(await core.dispatch('registerBook.export', { kind: 'outgoing', ...period, format: 'pdf', sequence: 'incoming' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('closes the handling of the incoming document a reply answers when the reply is issued, with its number', async () => {
    await actAs('Nguyễn Thị Lan');
    const received = await call(core, 'incoming.register', { fields: fields({ subject: 'V/v đề nghị giao đất ở', codeNumber: '88' }), attachments: [] });
    if (received.kind !== 'registered') throw new Error('not registered');
    const id = received.document.id;
    await actAs('Trần Văn Hùng');
    await call(core, 'handling.instruct', { id, lead: { kind: 'staff', id: staff('Lê Minh Đức').id } });
    const dangling = await core.dispatch('outgoing.create', { fields: { typeName: 'Công văn', subject: 'Trả lời', signerId: staff('Trần Văn Hùng').id, replyTo: randomUUID() }, main: { hash: seal, name: 'x.pdf' } });
    expect(dangling).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    const reply = await approved('Quyết định', 'Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình (trả lời)', 'none', id);
    expect(reply.replyTo).toBe(id);
    expect((await call(core, 'incoming.get', { id })).handling.state).toBe('handling');
    // The document's view lists the drafts that answer it, and nothing else.
    expect((await call(core, 'handling.replies', { id })).map((r) => [r.id, r.status])).toEqual([[reply.id, 'approved']]);
    const issued = await issue(reply.id);
    if (!issued.ok) throw new Error(issued.error.message);
    const code = `${issued.value.document.codeNumber}/${issued.value.document.codeNotation}`;
    const closed = await call(core, 'incoming.get', { id });
    expect(closed.handling).toMatchObject({ state: 'closed', replyOutgoingId: reply.id, replyCode: code });
    expect((await call(core, 'handling.replies', { id })).map((r) => `${r.codeNumber}/${r.codeNotation}`)).toEqual([code]);
    expect(closed.events.at(-1)).toMatchObject({ kind: 'handling.closed', actor: 'Nguyễn Thị Lan', data: { reply: { id: reply.id, code } } });
  });
});

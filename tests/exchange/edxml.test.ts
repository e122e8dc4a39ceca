/**
 * edXML between two organisations, each with its own data folder: the commune issues a decision to the province, the
 * package it writes passes xmllint against resources/xml/edxml.xsd, and the province registers it with the signatures
 * checked (pdfsig) and the same bytes. Packages written by hand from the standard's layout import too; broken XML, a
 * schema breach, a package for someone else, a tampered or unsigned file and a duplicate each get their own refusal,
 * and none leaves a file behind.
 */
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import type { OrgProfile, Output } from '../../shared/contract';
import { todayInVietnam } from '../../shared/domain/dates';
import { joinCode } from '../../shared/domain/documentCode';
import { describeImportOutcome } from '../../shared/domain/edxmlImportOutcome';
import { storeContents } from '../support/contentStoreFiles';
import { call, openTestCore, tempDir } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { handWrittenPackage, PROVINCE, replacement, revocation, update } from '../support/edxmlPackages';
import { issueDecision } from '../support/exchangeServers';
import { TAN_LAP } from '../support/outgoingOffice';
import { createTestPki, type TestPki } from '../support/testPki';
import { pdfsig } from '../signing/pdfTools';

const SCHEMA = path.join(import.meta.dirname, '../../resources/xml/edxml.xsd');

let pki: TestPki;
let work: ReturnType<typeof tempDir>;
let commune: Awaited<ReturnType<typeof openTestCore>>;
let province: Awaited<ReturnType<typeof openTestCore>>;
let communeProfile: OrgProfile;
let issued: Output<'outgoing.issue'>['document'];
let packageFile: string;
let provinceProfile: OrgProfile;
/** The province's entry for the commune's decision, once imported. */
let received: string;

const staff = (name: string) => communeProfile.staff.find((s) => s.fullName === name)!;

/** The hashes in a data folder's content store, to see that a refusal leaves nothing. */
const storedFiles = (env: { dir: string }) => storeContents(env.dir).files;

async function importFile(core: Core, file: string, answerRefusal = false) {
  const staged = await core.stage(readFileSync(file), path.basename(file));
  return core.dispatch('exchange.import', { hash: staged.hash, answerRefusal });
}

/** Writes a package from a core's store beside the others, checked by xmllint against the standard's schema. */
function savedPackage(core: Core, ref: { hash: string; name: string }): string {
  const file = path.join(work.dir, ref.name);
  writeFileSync(file, readFileSync(core.content.pathOf(ref.hash)));
  execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe' });
  return file;
}

/** Imports a package that must be refused: the message, and proof that the store holds only the package itself. */
async function refusal(file: string): Promise<string> {
  const before = storedFiles(province);
  const staged = await province.core.stage(readFileSync(file), path.basename(file));
  const result = await province.core.dispatch('exchange.import', { hash: staged.hash });
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.value).slice(0, 300)}`);
  expect(storedFiles(province)).toEqual([...new Set([...before, staged.hash])].sort());
  return result.error.message;
}

beforeAll(async () => {
  pki = createTestPki();
  work = tempDir('vanthu-edxml-');
  commune = await openTestCore({}, false);
  province = await openTestCore({}, false);
  communeProfile = await call(commune.core, 'org.setup', TAN_LAP);
  provinceProfile = await call(province.core, 'org.setup', PROVINCE);
  await call(province.core, 'org.actAs', { staffId: provinceProfile.staff[0]!.id });

  issued = await issueDecision(commune.core, pki, 'Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình', { appendixSubject: 'Danh sách hộ được giao đất', priority: 1, issuedAmount: 3 });
  const exported = await call(commune.core, 'exchange.export', { id: issued.id });
  packageFile = path.join(work.dir, exported.name);
  writeFileSync(packageFile, readFileSync(commune.core.content.pathOf(exported.hash)));
}, 180_000);

afterAll(() => {
  commune?.dispose();
  province?.dispose();
  work?.remove();
  pki?.cleanup();
  cleanupFixtures();
});

/** The package's text with one edit, written beside it. */
function variant(name: string, edit: (xml: string) => string): string {
  const file = path.join(work.dir, name);
  writeFileSync(file, edit(readFileSync(packageFile, 'utf8')));
  return file;
}

describe('edXML export', () => {
  it('writes a package the standard schema accepts, with the issued files byte for byte', () => {
    expect(path.basename(packageFile)).toBe('01-QĐ-UBND.edxml');
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, packageFile], { stdio: 'pipe' });
    const xml = readFileSync(packageFile, 'utf8');
    const today = todayInVietnam().replaceAll('-', '/');
    expect(xml).toContain(`<edXML:DocumentId>000.12.34.H41,${today},01/QĐ-UBND</edXML:DocumentId>`);
    expect(xml).toContain('<edXML:To><edXML:OrganId>000.00.00.H41</edXML:OrganId><edXML:OrganName>Ủy ban nhân dân tỉnh Hà Tĩnh</edXML:OrganName></edXML:To>');
    expect(xml).toContain('<edXML:Priority>1</edXML:Priority><edXML:PromulgationAmount>3</edXML:PromulgationAmount>');
    const encoded = [...xml.matchAll(/<ContentTransferEncoded>([^<]*)<\/ContentTransferEncoded>/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    const files = [issued.files.find((f) => f.role === 'main')!, issued.files.find((f) => f.role === 'attachment')!];
    expect(encoded).toEqual(files.map((f) => readFileSync(commune.core.content.pathOf(f.hash))));
  });

  it('refuses a document not issued yet', async () => {
    const chairman = staff('Trần Văn Hùng');
    await call(commune.core, 'org.actAs', { staffId: chairman.id });
    const main = await commune.core.stage(readFileSync(await makeDocumentPdf('congVan', {})), 'cv.pdf');
    const draft = await call(commune.core, 'outgoing.create', {
      fields: { typeName: 'Công văn', subject: 'V/v chưa ban hành', signerId: chairman.id, recipients: [{ kind: 'external', organId: PROVINCE.organId, name: PROVINCE.name }] },
      main: { hash: main.hash, name: main.name },
    });
    const result = await commune.core.dispatch('exchange.export', { id: draft.id });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'WRONG_STATE', message: expect.stringContaining('chưa ban hành') });
  });
});

function writeHandWritten(name: string, pdf: Buffer, code?: { number: string; notation: string }): string {
  const file = path.join(work.dir, name);
  writeFileSync(file, handWrittenPackage(pdf, code));
  return file;
}

describe('edXML import', () => {
  it('registers the package in the recipient’s incoming register with the signed files', async () => {
    const result = await importFile(province.core, packageFile);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'registered') throw new Error('not registered');
    expect(value.senderOrganId).toBe('000.12.34.H41');
    expect(value.verdict).toBe('untrusted'); // the test CA is not among the province's roots
    expect(value.document).toMatchObject({
      arrivalNumber: 1,
      arrivalDate: todayInVietnam(),
      organName: 'Ủy ban nhân dân xã Tân Lập',
      codeNumber: '01',
      codeNotation: 'QĐ-UBND',
      issuedDate: issued.issuedDate,
      typeName: 'Quyết định',
      subject: 'Về việc giao đất ở cho hộ gia đình ông Nguyễn Văn Bình',
      signerName: 'Trần Văn Hùng',
      signerPosition: 'TM. CHỦ TỊCH',
      priority: 1,
      documentId: issued.documentId,
      channel: 'electronic',
    });
    const detail = await call(province.core, 'incoming.get', { id: value.document.id });
    const mainFile = issued.files.find((f) => f.role === 'main')!;
    expect(detail.document.attachments.map((a) => a.hash)).toEqual([mainFile.hash, issued.files.find((f) => f.role === 'attachment')!.hash]);
    const signatures = pdfsig(province.core.content.pathOf(mainFile.hash));
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => s.valid)).toBe(true);
    received = value.document.id;
  });

  it('tells the sender what became of it, each status kept in the outgoing document’s history and the latest shown', async () => {
    const sendStatus = async (expected: string) => {
      const ref = await call(province.core, 'exchange.statusPackage', { id: received });
      expect(ref.code).toBe(expected);
      const file = savedPackage(province.core, ref);
      const result = await importFile(commune.core, file);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toEqual({ kind: 'status', outgoingId: issued.id, organId: '000.00.00.H41', code: expected });
      return file;
    };
    await sendStatus('01');
    let detail = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(detail.document.exchangeStatuses).toMatchObject([{ organId: '000.00.00.H41', organName: PROVINCE.name, code: '01', description: 'Đã đến', staff: 'Võ Thị Hoa' }]);

    const chairman = provinceProfile.staff.find((s) => s.role === 'lanh_dao')!;
    await call(province.core, 'incoming.handOver', { id: received, action: 'present', recipient: { kind: 'staff', id: chairman.id }, note: '' });
    await sendStatus('03');
    await call(province.core, 'org.actAs', { staffId: chairman.id });
    await call(province.core, 'handling.instruct', { id: received, lead: { kind: 'unit', id: provinceProfile.units[0]!.id }, note: 'Văn phòng tham mưu' });
    const assigned = await sendStatus('04');
    // The same message twice is recorded once.
    expect((await importFile(commune.core, assigned)).ok).toBe(true);

    detail = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(detail.document.exchangeStatuses.map((s) => s.code)).toEqual(['04']);
    expect(detail.events.filter((e) => e.kind === 'outgoing.exchangeStatus').map((e) => e.data.code)).toEqual(['01', '03', '04']);
    await call(province.core, 'org.actAs', { staffId: provinceProfile.staff[0]!.id });
  });

  it('refuses a status from an organisation the document was not sent to, and one about no document of ours', async () => {
    const ref = await call(province.core, 'exchange.statusPackage', { id: received });
    const xml = readFileSync(province.core.content.pathOf(ref.hash), 'utf8');
    const stranger = path.join(work.dir, 'stranger.edxml');
    writeFileSync(stranger, xml.replace('<edXML:From><edXML:OrganId>000.00.00.H41', '<edXML:From><edXML:OrganId>000.00.00.H42'));
    const notOurs = await importFile(commune.core, stranger);
    expect(notOurs.ok ? null : notOurs.error.message).toContain('Cơ quan 000.00.00.H42 không có trong nơi nhận');
    const unknown = path.join(work.dir, 'unknown.edxml');
    writeFileSync(unknown, xml.replaceAll(',01/QĐ-UBND<', ',99/QĐ-UBND<'));
    const none = await importFile(commune.core, unknown);
    expect(none.ok ? null : none.error.message).toContain('không phải văn bản đi nào của cơ quan này');
  });

  it('registers a package written by hand from the standard’s layout', async () => {
    const signed = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    const file = writeHandWritten('hand.edxml', signed);
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], { stdio: 'pipe' });
    const result = await importFile(province.core, file);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'registered') throw new Error('not registered');
    expect(value.document).toMatchObject({
      arrivalNumber: 2,
      organName: 'Ủy ban nhân dân xã Tân Lập',
      codeNumber: '27',
      codeNotation: 'UBND-VP',
      issuedDate: '2026-11-30',
      typeName: 'Công văn',
      subject: 'V/v báo cáo tình hình & kết quả cải cách hành chính năm 2026',
      signerName: 'Hoàng Văn Nam',
      signerPosition: 'KT. CHỦ TỊCH PHÓ CHỦ TỊCH',
      priority: 2,
      dueDate: '2026-12-15',
      pageAmount: 2,
      documentId: '000.12.34.H41,2026/11/30,27/UBND-VP',
    });
    const detail = await call(province.core, 'incoming.get', { id: value.document.id });
    expect(detail.document).toMatchObject({ place: 'Tân Lập', toPlaces: 'Ủy ban nhân dân tỉnh Hà Tĩnh; Sở Nội vụ tỉnh Hà Tĩnh; Lưu: VT' });
    expect(detail.document.attachments).toMatchObject([{ name: '27-UBND-VP.pdf', hash: issued.files.find((f) => f.role === 'main')!.hash }]);
  });

  it('refuses a package whose main file is not signed', async () => {
    const file = writeHandWritten('unsigned.edxml', readFileSync(await makeDocumentPdf('congVan', {})), { number: '28', notation: 'UBND-VP' });
    expect(await refusal(file)).toMatch(/^Văn bản chính "27-UBND-VP.pdf" không có chữ ký số/);
  });

  it('streams a 100 MB annex into the store without holding it, and finds a bad character deep inside one', async () => {
    const signed = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    const annexBytes = 100 * 2 ** 20;
    const seed = randomBytes(3 * 2 ** 20);
    const hash = createHash('sha256');
    /** The package in three parts, the annex's base64 written piece by piece as a large scan would be. */
    const write = async (name: string, corruptAt: number | null) => {
      const [head, tail] = handWrittenPackage(signed, { number: '29', notation: 'UBND-VP' }, '\n    <Attachment><ContentType>image/tiff</ContentType><ContentId>b9d2</ContentId><ContentTransferEncoded>SPLIT</ContentTransferEncoded><AttachmentName>ban-do-dia-chinh.tif</AttachmentName></Attachment>').split('SPLIT') as [string, string];
      const file = path.join(work.dir, name);
      const out = createWriteStream(file);
      out.write(head);
      for (let written = 0; written < annexBytes; written += seed.length) {
        const piece = seed.subarray(0, Math.min(seed.length, annexBytes - written));
        if (corruptAt === null) hash.update(piece);
        let text = piece.toString('base64').replace(/.{76}/g, '$&\r\n');
        if (corruptAt !== null && written <= corruptAt && corruptAt < written + piece.length) text = `${text.slice(0, 1000)}*${text.slice(1001)}`;
        if (!out.write(text)) await once(out, 'drain');
      }
      out.end(tail);
      await once(out, 'finish');
      return file;
    };
    const big = await write('annex.edxml', null);
    const result = await importFile(province.core, big);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'registered') throw new Error('not registered');
    const detail = await call(province.core, 'incoming.get', { id: value.document.id });
    expect(detail.document.attachments.map((a) => [a.name, a.size])).toEqual([['27-UBND-VP.pdf', signed.length], ['ban-do-dia-chinh.tif', annexBytes]]);
    expect(detail.document.attachments[1]!.hash).toBe(hash.digest('hex'));

    const broken = await write('annex-broken.edxml', 60 * 2 ** 20);
    const message = await refusal(broken);
    const line = Number(/dòng (\d+)/.exec(message)?.[1]);
    // 76 characters and CRLF per line: the 60 MB mark is some 1.1 million lines down.
    expect(line).toBeGreaterThan(1_000_000);
    expect(message).toContain('nội dung tệp đính kèm không phải base64');
  }, 120_000);

  it('refuses the same package twice, naming the entry already registered', async () => {
    const before = storedFiles(province);
    const result = await importFile(province.core, packageFile);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    expect(value.kind).toBe('duplicate');
    if (value.kind === 'duplicate') expect(value.matches.map((m) => m.arrivalNumber)).toEqual([1]);
    // The same bytes as the first time: the package and its files, which the registered entry still needs, stay.
    expect(storedFiles(province)).toEqual(before);
    for (const f of issued.files.filter((f) => f.role !== 'work')) expect(await province.core.content.has(f.hash)).toBe(true);
  });

  it('refuses XML cut short', async () => {
    const file = variant('cut.edxml', (xml) => xml.slice(0, Math.floor(xml.length / 2)));
    expect(await refusal(file)).toMatch(/^Gói tin không đọc được \(dòng \d+\): không phải XML hợp lệ/);
  });

  it('refuses a DOCTYPE, which could expand entities', async () => {
    const file = variant('doctype.edxml', (xml) => xml.replace('?>\n', '?>\n<!DOCTYPE edXML [<!ENTITY a "aaaa">]>\n'));
    expect(await refusal(file)).toContain('không được có khai báo DOCTYPE');
  });

  it('refuses a package the schema rejects, quoting the schema', async () => {
    const file = variant('no-subject.edxml', (xml) => xml.replace(/<edXML:Subject>[^<]*<\/edXML:Subject>/, ''));
    const message = await refusal(file);
    expect(message).toContain('Gói tin không đúng cấu trúc edXML (QCVN 102:2016)');
    expect(message).toMatch(/SignerInfo.*Subject|Subject/);
  });

  it('refuses a package addressed to another organisation', async () => {
    const file = variant('other.edxml', (xml) => xml.replaceAll('<edXML:OrganId>000.00.00.H41</edXML:OrganId>', '<edXML:OrganId>000.00.00.H42</edXML:OrganId>'));
    expect(await refusal(file)).toContain('không phải cơ quan này (000.00.00.H41)');
  });

  it('refuses a DocumentId that is not the sender’s', async () => {
    const file = variant('sender.edxml', (xml) => xml.replace('<edXML:DocumentId>000.12.34.H41,', '<edXML:DocumentId>000.12.34.H42,'));
    expect(await refusal(file)).toContain('không thuộc cơ quan gửi 000.12.34.H41');
  });

  it('refuses a main file altered after signing', async () => {
    const file = variant('tampered.edxml', (xml) =>
      xml.replace(/<ContentTransferEncoded>([^<]*)<\/ContentTransferEncoded>/, (_, b64: string) => {
        // One byte of the header's binary comment: the file still opens, but every signature's digest changes.
        const bytes = Buffer.from(b64, 'base64');
        bytes[11]! ^= 0x01;
        return `<ContentTransferEncoded>${bytes.toString('base64')}</ContentTransferEncoded>`;
      }),
    );
    expect(await refusal(file)).toMatch(/^Chữ ký số trên tệp ".*" không hợp lệ/);
  });

  it('refuses attachment content that is not base64', async () => {
    const file = variant('base64.edxml', (xml) => xml.replace('<ContentTransferEncoded>', '<ContentTransferEncoded>%%'));
    expect(await refusal(file)).toContain('nội dung tệp đính kèm không phải base64');
  });

  it('refuses a manifest that names a file the package lacks', async () => {
    const file = variant('missing.edxml', (xml) => xml.replace(/<Attachment>(?:(?!<Attachment>)[\s\S])*?<AttachmentName>phu-luc\.pdf<\/AttachmentName><\/Attachment>/, ''));
    expect(await refusal(file)).toContain('nêu tệp "phu-luc.pdf" nhưng gói tin không có tệp đó');
  });
});

describe('edXML refusal answered with 02 (từ chối tiếp nhận)', () => {
  const tampered = () =>
    variant('tampered-02.edxml', (xml) =>
      xml.replace(/<ContentTransferEncoded>([^<]*)<\/ContentTransferEncoded>/, (_, b64: string) => {
        const bytes = Buffer.from(b64, 'base64');
        bytes[11]! ^= 0x01;
        return `<ContentTransferEncoded>${bytes.toString('base64')}</ContentTransferEncoded>`;
      }),
    );

  it('answers a tampered package with a 02 status naming the reason, registering nothing', async () => {
    const before = storedFiles(province);
    const listed = (await call(province.core, 'incoming.list', {})).total;
    const result = await importFile(province.core, tampered(), true);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'refused') throw new Error(`not refused: ${value.kind}`);
    expect(value.reason).toMatch(/^Chữ ký số trên tệp ".*" không hợp lệ/);
    expect((await call(province.core, 'incoming.list', {})).total).toBe(listed);
    // The package and the answer; none of the package's files.
    const packageHash = createHash('sha256').update(readFileSync(path.join(work.dir, 'tampered-02.edxml'))).digest('hex');
    expect(storedFiles(province)).toEqual([...new Set([...before, packageHash, value.status.hash])].sort());

    const file = savedPackage(province.core, value.status);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<edXML:StatusCode>02</edXML:StatusCode>');
    expect(xml).toContain(`<edXML:DocumentId>${issued.documentId}</edXML:DocumentId>`);

    const recorded = await importFile(commune.core, file);
    if (!recorded.ok) throw new Error(recorded.error.message);
    expect(recorded.value).toEqual({ kind: 'status', outgoingId: issued.id, organId: PROVINCE.organId, code: '02' });
    const detail = await call(commune.core, 'outgoing.get', { id: issued.id });
    const status = detail.document.exchangeStatuses.find((s) => s.organId === PROVINCE.organId)!;
    expect(status.code).toBe('02');
    expect(status.description).toBe(value.reason);
  });

  it('answers a package for another organisation, but not one whose sender cannot be read', async () => {
    const other = variant('other-02.edxml', (xml) => xml.replace('<edXML:To><edXML:OrganId>000.00.00.H41</edXML:OrganId>', '<edXML:To><edXML:OrganId>000.00.00.H42</edXML:OrganId>'));
    const answered = await importFile(province.core, other, true);
    expect(answered.ok && (answered.value as Output<'exchange.import'>).kind).toBe('refused');
    const cut = variant('cut-02.edxml', (xml) => xml.slice(0, 2000));
    const refused = await importFile(province.core, cut, true);
    expect(refused.ok ? null : refused.error.message).toMatch(/^Gói tin không đọc được/);
  });
});

describe('edXML recall and replacement', () => {
  const clerk = () => call(commune.core, 'org.actAs', { staffId: staff('Nguyễn Thị Lan').id });
  const provinceClerk = () => call(province.core, 'org.actAs', { staffId: provinceProfile.staff[0]!.id });
  /** The province answers an entry (15, or 16 with a reason) and the commune records the answer. */
  async function answer(id: string, refuseWithdrawal?: string) {
    const ref = await call(province.core, 'exchange.statusPackage', { id, ...(refuseWithdrawal ? { refuseWithdrawal } : {}) });
    const result = await importFile(commune.core, savedPackage(province.core, ref));
    if (!result.ok) throw new Error(result.error.message);
    return ref.code;
  }

  it('recalls an exported document: a revocation package the province takes in, stopping the entry’s handling, and answers 15', async () => {
    await call(commune.core, 'org.actAs', { staffId: staff('Lê Minh Đức').id });
    expect((await commune.core.dispatch('outgoing.recall', { id: issued.id, reason: 'Sai đối tượng giao đất' })).ok).toBe(false);
    await clerk();
    await call(commune.core, 'outgoing.recall', { id: issued.id, reason: 'Sai đối tượng giao đất' });
    // Only the clerk or a leader sends the revocation.
    await call(commune.core, 'org.actAs', { staffId: staff('Lê Minh Đức').id });
    const forbidden = await commune.core.dispatch('exchange.export', { id: issued.id });
    expect(forbidden.ok ? null : forbidden.error.code).toBe('FORBIDDEN');
    await clerk();
    const ref = await call(commune.core, 'exchange.export', { id: issued.id });
    const file = savedPackage(commune.core, ref);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('<edXML:BussinessDocType>1</edXML:BussinessDocType><edXML:BussinessDocReason>Sai đối tượng giao đất</edXML:BussinessDocReason>');
    expect(xml).toContain(`<edXML:DocumentId>${issued.documentId}</edXML:DocumentId><edXML:StaffInfo>`);
    expect(xml).not.toContain('<Attachment>');

    const before = storedFiles(province);
    const result = await importFile(province.core, file);
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'recalled') throw new Error(`not recalled: ${value.kind}`);
    expect(value.reason).toBe('Sai đối tượng giao đất');
    expect(value.documents.map((d) => d.id)).toEqual([received]);
    expect(value.documents[0]!.recalledAt).not.toBeNull();
    // Only the package itself was added.
    expect(storedFiles(province).length).toBe(before.length + 1);
    const detail = await call(province.core, 'incoming.get', { id: received });
    expect(detail.document.recallReason).toBe('Sai đối tượng giao đất');
    expect(detail.handlingActions).toEqual([]);
    expect(detail.events.at(-1)).toMatchObject({ kind: 'incoming.recalled', data: { documentId: issued.documentId, reason: 'Sai đối tượng giao đất' } });
    const listed = (await call(province.core, 'incoming.list', {})).rows.find((r) => r.id === received)!;
    expect(listed.recalledAt).not.toBeNull();
    // The change waits in the outbox for the server like any other.
    const db = new Database(path.join(province.dir, 'vanthu.db'), { readonly: true });
    try {
      const outbox = db.prepare("SELECT count(*) AS n FROM outbox o JOIN events e ON e.id = o.event_id WHERE o.entity_id = ? AND e.kind = 'incoming.recalled'").get(received) as { n: number };
      expect(outbox.n).toBe(1);
    } finally {
      db.close();
    }

    expect(await answer(received)).toBe('15');
    const sender = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(sender.document.exchangeStatuses.find((s) => s.organId === PROVINCE.organId)).toMatchObject({ code: '15', description: 'Đồng ý thu hồi văn bản: Sai đối tượng giao đất' });
  });

  it('refuses a recall with 16 and a reason: the entry goes back into handling and the sender sees why', async () => {
    expect(await answer(received, 'Văn bản đã được thực hiện xong')).toBe('16');
    const detail = await call(province.core, 'incoming.get', { id: received });
    expect(detail.document.recalledAt).toBeNull();
    expect(detail.events.at(-1)).toMatchObject({ kind: 'incoming.withdrawalRefused', data: { reason: 'Văn bản đã được thực hiện xong' } });
    const sender = await call(commune.core, 'outgoing.get', { id: issued.id });
    expect(sender.document.exchangeStatuses.find((s) => s.organId === PROVINCE.organId)).toMatchObject({ code: '16', description: 'Từ chối thu hồi, thay thế: Văn bản đã được thực hiện xong' });
    // Nothing is withdrawn any more: a second refusal has nothing to refuse.
    const again = await province.core.dispatch('exchange.statusPackage', { id: received, refuseWithdrawal: 'lần nữa' });
    expect(again.ok ? null : again.error.code).toBe('WRONG_STATE');
  });

  it('replaces a document: the new one’s package names the old, the province registers it and marks the old replaced', async () => {
    const old = await issueDecision(commune.core, pki, 'Về việc cấp giấy phép xây dựng nhà ở riêng lẻ');
    const oldPackage = await call(commune.core, 'exchange.export', { id: old.id });
    const oldImport = await importFile(province.core, savedPackage(commune.core, oldPackage));
    if (!oldImport.ok) throw new Error(oldImport.error.message);
    const oldEntry = (oldImport.value as Extract<Output<'exchange.import'>, { kind: 'registered' }>).document.id;

    const next = await issueDecision(commune.core, pki, 'Về việc cấp giấy phép xây dựng nhà ở riêng lẻ (thay thế)');
    await clerk();
    await call(commune.core, 'outgoing.replace', { id: old.id, by: next.id, reason: 'Sai diện tích xây dựng' });
    // The replaced one is not sent again; the replacing one's package tells the province.
    const stale = await commune.core.dispatch('exchange.export', { id: old.id });
    expect(stale.ok ? null : stale.error.message).toContain('gửi gói tin của văn bản thay thế');
    const ref = await call(commune.core, 'exchange.export', { id: next.id });
    const xml = readFileSync(savedPackage(commune.core, ref), 'utf8');
    expect(xml).toContain('<edXML:BussinessDocType>3</edXML:BussinessDocType>');
    expect(xml).toContain(`<edXML:ReplacementInfo><edXML:DocumentId>${old.documentId}</edXML:DocumentId><edXML:OrganIdList><edXML:OrganId>${PROVINCE.organId}</edXML:OrganId></edXML:OrganIdList></edXML:ReplacementInfo>`);

    const result = await importFile(province.core, path.join(work.dir, ref.name));
    if (!result.ok) throw new Error(result.error.message);
    const value = result.value as Output<'exchange.import'>;
    if (value.kind !== 'registered') throw new Error(`not registered: ${value.kind}`);
    expect(value.replaced.map((r) => [r.id, r.replacedBy])).toEqual([[oldEntry, value.document.id]]);
    const oldDetail = await call(province.core, 'incoming.get', { id: oldEntry });
    expect(oldDetail.document).toMatchObject({ replacedBy: value.document.id, recallReason: `Bị thay thế bởi văn bản ${joinCode(next.codeNumber, next.codeNotation)}: Sai diện tích xây dựng` });
    expect(oldDetail.handlingActions).toEqual([]);
    expect((await call(province.core, 'incoming.get', { id: value.document.id })).document.replaces.map((r) => r.id)).toEqual([oldEntry]);

    expect(await answer(oldEntry)).toBe('15');
    const sender = await call(commune.core, 'outgoing.get', { id: old.id });
    expect(sender.document.exchangeStatuses[0]).toMatchObject({ code: '15', description: expect.stringContaining('Đồng ý thay thế văn bản') });
  }, 120_000);

  it('takes in a revocation and a replacement written by hand from the standard’s layout', async () => {
    await provinceClerk();
    const signed = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    const hand = '000.12.34.H41,2026/11/30,27/UBND-VP';
    const replacing = path.join(work.dir, 'hand-replacement.edxml');
    writeFileSync(replacing, handWrittenPackage(signed, { number: '31', notation: 'UBND-VP' }, '', replacement(hand, [PROVINCE.organId], 'Bổ sung số liệu')));
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, replacing], { stdio: 'pipe' });
    const replaced = await importFile(province.core, replacing);
    if (!replaced.ok) throw new Error(replaced.error.message);
    const value = replaced.value as Output<'exchange.import'>;
    if (value.kind !== 'registered') throw new Error(`not registered: ${value.kind}`);
    expect(value.replaced.map((r) => [r.codeNumber, r.codeNotation])).toEqual([['27', 'UBND-VP']]);

    const revoking = path.join(work.dir, 'hand-revocation.edxml');
    writeFileSync(revoking, handWrittenPackage(null, { number: '31', notation: 'UBND-VP' }, '', revocation('000.12.34.H41,2026/11/30,31/UBND-VP', 'Ban hành sai thẩm quyền')));
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, revoking], { stdio: 'pipe' });
    const revoked = await importFile(province.core, revoking);
    if (!revoked.ok) throw new Error(revoked.error.message);
    expect(revoked.value).toMatchObject({ kind: 'recalled', reason: 'Ban hành sai thẩm quyền', documents: [{ id: value.document.id }] });
  });

  it('refuses a revocation of a document not in the register, or another sender’s, leaving nothing, and answers it with 02', async () => {
    const unknown = path.join(work.dir, 'revoke-unknown.edxml');
    writeFileSync(unknown, handWrittenPackage(null, { number: '99', notation: 'UBND-VP' }, '', revocation('000.12.34.H41,2026/11/30,99/UBND-VP', 'Nhầm')));
    expect(await refusal(unknown)).toContain('Gói tin thu hồi văn bản 000.12.34.H41,2026/11/30,99/UBND-VP, nhưng sổ văn bản đến không có văn bản đó');
    const foreign = path.join(work.dir, 'revoke-foreign.edxml');
    writeFileSync(foreign, handWrittenPackage(null, { number: '27', notation: 'UBND-VP' }, '', revocation('000.00.12.H41,2026/11/30,27/UBND-VP', 'Nhầm')));
    expect(await refusal(foreign)).toContain('không thuộc cơ quan gửi 000.12.34.H41');
    const answered = await importFile(province.core, unknown, true);
    expect(answered.ok && (answered.value as Output<'exchange.import'>).kind).toBe('refused');
  });
});

describe('edXML update (cập nhật, business type 2)', () => {
  it('takes a hand-written update in: the entry’s corrected fields as one event, its history kept, the search index anew', async () => {
    await call(province.core, 'org.actAs', { staffId: (await call(province.core, 'org.get', {}))!.staff[0]!.id });
    const signed = readFileSync(commune.core.content.pathOf(issued.files.find((f) => f.role === 'main')!.hash));
    const code = { number: '41', notation: 'UBND-VP' };
    const registered = await importFile(province.core, writeHandWritten('hand-41.edxml', signed, code));
    const outcome = registered.ok ? (registered.value as Output<'exchange.import'>) : null;
    if (outcome?.kind !== 'registered') throw new Error('not registered');
    const entry = outcome.document;

    const updating = path.join(work.dir, 'hand-update.edxml');
    const documentId = '000.12.34.H41,2026/11/30,41/UBND-VP';
    writeFileSync(
      updating,
      handWrittenPackage(null, code, '', update(documentId, 'Sửa trích yếu và hạn trả lời'))
        .replace('V/v báo cáo tình hình &amp; kết quả cải cách hành chính năm 2026', 'V/v báo cáo kết quả chuyển đổi số năm 2026')
        .replace('<DueDate>2026/12/15</DueDate>', '<DueDate>2026/12/22</DueDate>'),
    );
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, updating], { stdio: 'pipe' });
    const before = (await call(province.core, 'incoming.get', { id: entry.id })).events.length;
    const result = await importFile(province.core, updating);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({
      kind: 'updated',
      reason: 'Sửa trích yếu và hạn trả lời',
      documents: [{ id: entry.id }],
      changes: [
        { field: 'subject', from: 'V/v báo cáo tình hình & kết quả cải cách hành chính năm 2026', to: 'V/v báo cáo kết quả chuyển đổi số năm 2026' },
        { field: 'dueDate', from: '2026-12-15', to: '2026-12-22' },
      ],
    });
    expect(describeImportOutcome(result.value as Output<'exchange.import'>)).toMatchObject({ text: 'Văn bản được cập nhật', detail: expect.stringContaining('Hạn giải quyết: “2026-12-15” → “2026-12-22”') });
    const detail = await call(province.core, 'incoming.get', { id: entry.id });
    expect(detail.document).toMatchObject({ subject: 'V/v báo cáo kết quả chuyển đổi số năm 2026', dueDate: '2026-12-22', codeNumber: '41' });
    expect(detail.events.slice(before).map((e) => e.kind)).toEqual(['incoming.updatedBySender']);
    const found = async (query: string) => (await call(province.core, 'incoming.list', { filter: { query } })).rows.map((r) => r.id);
    expect(await found('chuyen doi so')).toContain(entry.id);
    expect(await found('cai cach hanh chinh')).not.toContain(entry.id);

    // The same update again changes nothing and records nothing.
    const again = await importFile(province.core, updating);
    expect(again.ok && again.value).toMatchObject({ kind: 'updated', changes: [] });
    expect((await call(province.core, 'incoming.get', { id: entry.id })).events).toHaveLength(detail.events.length);
  });
});


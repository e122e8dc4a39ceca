/**
 * PDFs encrypted with an owner password only (they open without asking, but carry restrictions): signed as
 * incremental updates whose new objects are encrypted like the rest of the file, checked with pdfsig, qpdf and
 * openssl. Files that need a password to open, and files whose author forbade adding signatures, are refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificates } from '../../electron/core/signing/pki/certificates';
import { appendDss, readDssFromPath } from '../../electron/core/signing/pki/dss';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { PdfFile } from '../../electron/core/signing/pdf/pdfFile';
import { PdfDict, PdfName, PdfRef, PdfStream } from '../../electron/core/signing/pdf/pdfObjects';
import { pdfDate, signPdf } from '../../electron/core/signing/pdfSigner';
import { appendUpdate } from './appendUpdate';
import type { Signer } from '../../electron/core/signing/signers/signer';
import { verifyPdf } from '../../electron/core/signing/verify/verifyPdf';
import { call, openTestCore } from '../support/coreFixture';
import { createTestPki, type TestPki } from '../support/testPki';
import { LAYOUT, makeChromiumPdf, signaturePng } from './fixtures';
import { opensslVerify, pdfsig, qpdfCheck, signaturesByQpdf } from './pdfTools';
import { signedByPdfsig } from './pdfsigSigned';

let pki: TestPki;
let official: Signer;
let organisation: Signer;
let trustedRoots: Uint8Array[];
let work: string;
let plain: string;

beforeAll(() => {
  pki = createTestPki();
  work = path.join(pki.dir, 'encrypted');
  plain = makeChromiumPdf(work);
  official = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
  organisation = openP12Signer(readFileSync(pki.orgLeaf.p12Path!), pki.password);
  trustedRoots = readCertificates(readFileSync(pki.rootPemPath));
});
afterAll(() => pki.cleanup());

/** Encrypts the test document with qpdf; `options` go after the key length (e.g. --use-aes=y, --annotate=n). */
function encrypted(label: string, userPassword: string, bits: '40' | '128' | '256', options: string[] = [], before: string[] = []): string {
  const output = path.join(work, `${label}.pdf`);
  // qpdf writes RC4 only when told that weak crypto is intended: such files are what offices still receive.
  execFileSync('qpdf', ['--allow-weak-crypto', ...before, '--encrypt', userPassword, 'chu-so-huu', bits, ...options, '--', plain, output]);
  return output;
}

/** qpdf's view of a file's encryption (it opens with the empty password): "R = 4", "P = -4", methods... */
function encryptionByQpdf(file: string): { r: number; p: number; method: string } {
  const text = execFileSync('qpdf', ['--show-encryption', file], { encoding: 'utf8' });
  return {
    r: Number(/^R = (\d+)/m.exec(text)?.[1]),
    p: Number(/^P = (-?\d+)/m.exec(text)?.[1]),
    method: /^stream encryption method: (\S+)/m.exec(text)?.[1] ?? 'RC4',
  };
}

/** An object as qpdf reads it (decrypted): its JSON value, or a stream's dictionary. */
function qpdfObject(file: string, ref: number): Record<string, unknown> {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', `--json-object=${ref}`, file], { encoding: 'utf8' })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown> } }>];
  };
  const entry = json.qpdf[1][`obj:${ref} 0 R`]!;
  return entry.value ?? entry.stream!.dict;
}

function qpdfStreamData(file: string, ref: number): Buffer {
  return execFileSync('qpdf', [`--show-object=${ref}`, '--filtered-stream-data', file]);
}

/** Dark pixels of page 1 rendered by poppler in grey at 50 dpi: appearances that render add to the count. */
function darkPixels(file: string): number {
  const pgm = execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', file]);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (const v of pixels) if (v < 160) dark++;
  return dark;
}

/** The signing times pdfsig prints (from each /M, which it decrypts), in UTC. */
function pdfsigSigningTimes(file: string): string[] {
  const text = execFileSync('pdfsig', ['-nocert', '-no-ocsp', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  return [...text.matchAll(/Signing Time: (.*)/g)].map((m) => m[1]!.trim());
}

/** "Nov 02 2026 07:04:05", as pdfsig writes a time. */
function pdfsigTime(date: Date): string {
  const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  return `${month} ${date.toISOString().slice(8, 10)} ${date.getUTCFullYear()} ${date.toISOString().slice(11, 19)}`;
}

/** The signature dictionaries' object numbers, in file order (qpdf reads them with its own decryption). */
function signatureObjects(file: string): number[] {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  return Object.entries(json.qpdf[1])
    .filter(([, o]) => o.value?.['/Type'] === '/Sig')
    .map(([key]) => Number(/^obj:(\d+) /.exec(key)![1]))
    .sort((a, b) => a - b);
}

const variants: { label: string; bits: '40' | '128' | '256'; options?: string[]; before?: string[]; r: number; method: string }[] = [
  { label: 'rc4-40', bits: '40', r: 2, method: 'RC4' },
  { label: 'rc4-128', bits: '128', options: ['--use-aes=n'], r: 3, method: 'RC4' },
  { label: 'aes-128', bits: '128', options: ['--use-aes=y'], r: 4, method: 'AESv2' },
  // Metadata left in clear text changes how the file key is derived (Algorithm 2, step f).
  { label: 'aes-128-clear-metadata', bits: '128', options: ['--use-aes=y', '--cleartext-metadata'], r: 4, method: 'AESv2' },
  { label: 'aes-256', bits: '256', r: 6, method: 'AESv3' },
  // Adobe's deprecated extension level 3 (R5), still found in files from around 2008.
  { label: 'aes-256-r5', bits: '256', options: ['--force-R5'], r: 5, method: 'AESv3' },
  { label: 'aes-256-object-streams', bits: '256', before: ['--object-streams=generate'], r: 6, method: 'AESv3' },
];

// Whole seconds, as /M records them; now, because the test certificates are only valid from yesterday.
const SIGNING_TIME = new Date(Math.floor(Date.now() / 1000) * 1000);

describe('signing PDFs that only an owner password protects', () => {
  for (const variant of variants) {
    it(`${variant.label}: signs twice as encrypted updates; pdfsig, qpdf, openssl and our verifier agree`, async () => {
      const input = encrypted(variant.label, '', variant.bits, variant.options, variant.before);
      const before = encryptionByQpdf(input);
      expect([before.r, before.method]).toEqual([variant.r, variant.method]);

      const first = path.join(work, `${variant.label}-approval.pdf`);
      const second = path.join(work, `${variant.label}-attachment.pdf`);
      await signPdf({ input, output: first, signer: official, signingTime: SIGNING_TIME, appearance: { kind: 'approval', image: signaturePng(), rect: LAYOUT.signatureArea } });
      await signPdf({ input: first, output: second, signer: organisation, signingTime: SIGNING_TIME, reason: 'Đóng dấu phụ lục số 2', appearance: { kind: 'attachment', numberNotation: '125/QĐ-UBND' } });

      for (const [from, to, count] of [[input, first, 1], [first, second, 2]] as const) {
        const original = readFileSync(from);
        expect(readFileSync(to).subarray(0, original.length).equals(original), `${to} starts with the bytes of ${from}`).toBe(true);
        const sigs = pdfsig(to);
        expect(sigs.map((s) => s.valid), `pdfsig on ${to}`).toEqual(Array<boolean>(count).fill(true));
        expect(sigs[count - 1]!.totalDocumentSigned).toBe(true);
      }
      expect(pdfsigSigningTimes(second)).toEqual([pdfsigTime(SIGNING_TIME), pdfsigTime(SIGNING_TIME)]);
      const check = qpdfCheck(second);
      expect(check.ok, check.output).toBe(true);
      expect(encryptionByQpdf(second)).toEqual(before);

      // /Contents stays a plain hex string (outside the byte ranges), so openssl verifies what qpdf reads there.
      for (const sig of signaturesByQpdf(second)) {
        const result = opensslVerify(second, sig.byteRange, sig.contents, pki.rootPemPath, work);
        expect(result.ok, result.output).toBe(true);
      }
      // The other strings of the signature dictionary are encrypted; qpdf decrypts them back to what was written.
      const sigDicts = signatureObjects(second).map((num) => qpdfObject(second, num));
      expect(sigDicts.map((d) => [d['/M'], d['/Reason']])).toEqual([
        [`u:${pdfDate(SIGNING_TIME)}`, 'u:Ký duyệt văn bản'],
        [`u:${pdfDate(SIGNING_TIME)}`, 'u:Đóng dấu phụ lục số 2'],
      ]);

      const report = await verifyPdf(second, { trustedRoots });
      expect(report.signatures.map((s) => [s.fieldName, s.intact, s.coversRevision, s.trusted, s.changesAfter, s.signingTime])).toEqual([
        ['Signature1', true, true, true, 'allowed', SIGNING_TIME.toISOString()],
        ['Signature2', true, true, true, 'none', SIGNING_TIME.toISOString()],
      ]);
      expect(report.valid).toBe(true);

      // Both appearances render: each revision darkens more of page 1 (the signature image, then the text).
      const dark = [input, first, second].map(darkPixels);
      expect(dark[1]! - dark[0]!).toBeGreaterThan(100);
      expect(dark[2]! - dark[1]!).toBeGreaterThan(50);
    });
  }

  it('reports a page content change appended after a signature on an encrypted file as disallowed', async () => {
    const input = encrypted('tamper-base', '', '128', ['--use-aes=y']);
    const signed = path.join(work, 'tamper-signed.pdf');
    await signPdf({ input, output: signed, signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: LAYOUT.signatureArea } });
    const tampered = path.join(work, 'tamper-changed.pdf');
    const drawing = '0 0 1 rg 60 60 200 80 re f';
    let added: PdfRef | null = null;
    await appendUpdate(signed, tampered, (file, update) => {
      const pageRef = file.pageRefs()[0]!;
      const page = file.dict(pageRef)!.clone();
      const old = page.get('Contents')!;
      added = update.add(new PdfStream(new PdfDict(), Buffer.from(drawing, 'latin1')));
      page.set('Contents', [...(Array.isArray(old) ? old : [old]), added]);
      update.set(pageRef, page);
    });
    expect(qpdfCheck(tampered).ok).toBe(true);
    // The new stream was written encrypted under its object's key: qpdf decrypts it back to the drawing.
    expect(qpdfStreamData(tampered, added!.num).toString('latin1')).toBe(drawing);
    expect(pdfsig(tampered).map((s) => s.valid)).toEqual([true]);
    const report = await verifyPdf(tampered, { trustedRoots });
    expect(report.signatures[0]!.intact).toBe(true);
    expect(report.signatures[0]!.changesAfter).toBe('disallowed');
    expect(report.signatures[0]!.changeDetails.join('\n')).toMatch(/page 1: content streams replaced/);
    expect(report.valid).toBe(false);
  });

  it('adds a DSS to a signed encrypted file; qpdf decrypts the stored certificates to their DER bytes', async () => {
    const input = encrypted('dss-base', '', '256');
    const signed = path.join(work, 'dss-signed.pdf');
    await signPdf({ input, output: signed, signer: official, appearance: { kind: 'attachment', numberNotation: '07/UBND-VP' } });
    const withDss = path.join(work, 'dss-added.pdf');
    const certs = [pki.leaf.certDer, pki.intermediate.certDer];
    await appendDss(signed, withDss, { certs, ocsps: [], crls: [] });
    expect(qpdfCheck(withDss).ok).toBe(true);
    expect(readDssFromPath(withDss).certs.map((c) => Buffer.from(c).toString('hex'))).toEqual(certs.map((c) => Buffer.from(c).toString('hex')));
    const file = PdfFile.open(withDss);
    let stored: PdfRef[];
    try {
      const dss = file.dict(file.catalog().get('DSS'))!;
      stored = file.resolve(dss.get('Certs')) as PdfRef[];
    } finally {
      file.close();
    }
    expect(stored.map((ref) => qpdfStreamData(withDss, ref.num).toString('hex'))).toEqual(certs.map((c) => Buffer.from(c).toString('hex')));
    expect(pdfsig(withDss).map((s) => s.valid)).toEqual([true]);
    const report = await verifyPdf(withDss, { trustedRoots });
    expect(report.signatures.map((s) => [s.intact, s.changesAfter])).toEqual([[true, 'allowed']]);
  });
});

describe('signatures by other programs', () => {
  it("keeps poppler's signature on an encrypted file valid when we sign after it", async () => {
    const input = encrypted('pdfsig-first', '', '128', ['--use-aes=y']);
    const dir = path.join(work, 'pdfsig-first');
    mkdirSync(dir, { recursive: true });
    const byPoppler = signedByPdfsig(input, pki, dir);
    const ours = path.join(work, 'pdfsig-first-then-ours.pdf');
    await signPdf({ input: byPoppler, output: ours, signer: organisation, appearance: { kind: 'attachment', numberNotation: '15/UBND-VP' } });
    expect(pdfsig(ours).map((s) => [s.commonName, s.valid])).toEqual([
      ['Phạm Văn Lạ', true],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true],
    ]);
    expect(qpdfCheck(ours).ok).toBe(true);
    const report = await verifyPdf(ours, { trustedRoots });
    expect(report.signatures.map((s) => [s.signer, s.intact, s.coversRevision, s.changesAfter])).toEqual([
      ['Phạm Văn Lạ', true, true, 'allowed'],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, 'none'],
    ]);
  });
});

describe('per-stream crypt filters (ISO 32000-1 §7.6.6)', () => {
  it('leaves an /Identity stream as written and decrypts one that names the document filter', () => {
    const file = PdfFile.open(encrypted('crypt-filters', '', '128', ['--use-aes=y']));
    try {
      const security = file.security!;
      const data = Buffer.from('0 0 1 rg 10 10 50 50 re f', 'latin1');
      const written = security.encryptValue(new PdfStream(new PdfDict(), data), 40, 0) as PdfStream;
      expect(Buffer.from(written.data!).equals(data)).toBe(false);
      const crypt = (name: string) =>
        new PdfDict([
          ['Filter', [new PdfName('Crypt')]],
          ['DecodeParms', [new PdfDict([['Name', new PdfName(name)]])]],
        ]);
      const identity = security.decryptStream(crypt('Identity'), data, 40, 0);
      expect([Buffer.from(identity.data).equals(data), identity.dict.has('Filter'), identity.dict.has('DecodeParms')]).toEqual([true, false, false]);
      expect(Buffer.from(security.decryptStream(crypt('StdCF'), written.data!, 40, 0).data).equals(data)).toBe(true);
      expect(() => security.decryptStream(crypt('Unknown'), data, 40, 0)).toThrow('/CF /Unknown');
    } finally {
      file.close();
    }
  });
});

describe('changes to the encryption after a signature', () => {
  it('reports a rewritten /Encrypt dictionary as a disallowed change', async () => {
    const input = encrypted('rekey-base', '', '256', ['--print=none']);
    const signed = path.join(work, 'rekey-signed.pdf');
    await signPdf({ input, output: signed, signer: official, appearance: { kind: 'attachment', numberNotation: '09/UBND' } });
    const loosened = path.join(work, 'rekey-loosened.pdf');
    await appendUpdate(signed, loosened, (file, update) => {
      const ref = file.trailer.get('Encrypt') as PdfRef;
      update.set(ref, file.dict(ref)!.clone().set('P', -4));
    });
    // The rewritten dictionary is stored as is (its /O and /U are not encrypted): poppler still opens the file, and
    // the signed bytes are untouched.
    expect(pdfsig(loosened).map((s) => s.valid)).toEqual([true]);
    const report = await verifyPdf(loosened, { trustedRoots });
    expect(report.signatures[0]!.intact).toBe(true);
    expect(report.signatures[0]!.changesAfter).toBe('disallowed');
    expect(report.signatures[0]!.changeDetails).toContain('the encryption dictionary was replaced');
  });
});

describe('received encrypted PDFs at analyze time', () => {
  it('reads the pages and reports the signatures of an owner-password PDF', async () => {
    const input = encrypted('received-base', '', '128', ['--use-aes=y']);
    const signed = path.join(work, 'received-signed.pdf');
    await signPdf({ input, output: signed, signer: official, appearance: { kind: 'attachment', numberNotation: '31/UBND-VP' } });
    const env = await openTestCore();
    try {
      const root = await env.core.stage(readFileSync(pki.rootPemPath), 'root.pem');
      await call(env.core, 'signing.trustAdd', { hash: root.hash });
      const staged = await env.core.stage(readFileSync(signed), 'cong-van-den.pdf');
      const analyzed = await call(env.core, 'incoming.analyze', { hash: staged.hash, name: staged.name });
      expect([analyzed.pageCount, analyzed.problem]).toEqual([2, null]);
      expect(analyzed.signatures).toEqual({ verdict: 'valid', count: 1, problems: [] });
    } finally {
      env.dispose();
    }
  }, 20_000);
});

describe('refusals and restrictions', () => {
  it('refuses a file that needs a user password, for signing and for verifying', async () => {
    const input = encrypted('user-password', 'nguoi-dung', '256');
    const output = path.join(work, 'user-password-signed.pdf');
    const attempt = signPdf({ input, output, signer: official, appearance: { kind: 'attachment', numberNotation: '01/UBND' } });
    await expect(attempt).rejects.toThrow(/cần mật khẩu mới mở được.*Không có gì được ký/);
    expect(existsSync(output)).toBe(false);
    await expect(verifyPdf(input, { trustedRoots })).rejects.toThrow(/cần mật khẩu mới mở được/);
  });

  const restricted: { label: string; bits: '40' | '128' | '256'; options: string[] }[] = [
    { label: 'rc4-40-no-annotations', bits: '40', options: ['--annotate=n'] },
    { label: 'aes-128-no-annotations', bits: '128', options: ['--use-aes=y', '--annotate=n'] },
    { label: 'aes-256-modify-none', bits: '256', options: ['--modify=none'] },
  ];
  for (const { label, bits, options } of restricted) {
    it(`refuses to sign when the author forbade annotations and forms (${label}), writing nothing`, async () => {
      const input = encrypted(label, '', bits, options);
      expect(encryptionByQpdf(input).p & 32).toBe(0);
      const output = path.join(work, `${label}-signed.pdf`);
      await expect(signPdf({ input, output, signer: official, appearance: { kind: 'attachment', numberNotation: '02/UBND' } })).rejects.toThrow(
        /không cho phép thêm chú thích, điền biểu mẫu hay ký.*Không có gì được ký/,
      );
      expect(existsSync(output)).toBe(false);
    });
  }

  it('refuses an encryption it does not implement, naming the entry (a public-key handler)', async () => {
    const input = encrypted('pubsec-base', '', '128', ['--use-aes=y']);
    const pubsec = path.join(work, 'pubsec.pdf');
    await appendUpdate(input, pubsec, (file, update) => {
      const ref = file.trailer.get('Encrypt') as PdfRef;
      update.set(ref, file.dict(ref)!.clone().set('Filter', new PdfName('Adobe.PubSec')));
    });
    const output = path.join(work, 'pubsec-signed.pdf');
    await expect(signPdf({ input: pubsec, output, signer: official, appearance: { kind: 'attachment', numberNotation: '04/UBND' } })).rejects.toThrow(
      'Tệp PDF được mã hóa theo cách Vanthu chưa hỗ trợ (/Filter /Adobe.PubSec)',
    );
    await expect(verifyPdf(pubsec, { trustedRoots })).rejects.toThrow(/chưa hỗ trợ \(\/Filter \/Adobe.PubSec\)/);
  });

  it('keeps to the encrypted copy of the permissions (/Perms) when /P alone was loosened (AES-256)', async () => {
    const input = encrypted('perms-base', '', '256', ['--annotate=n']);
    const loosened = path.join(work, 'perms-loosened.pdf');
    await appendUpdate(input, loosened, (file, update) => {
      const ref = file.trailer.get('Encrypt') as PdfRef;
      update.set(ref, file.dict(ref)!.clone().set('P', -4));
    });
    const output = path.join(work, 'perms-loosened-signed.pdf');
    await expect(signPdf({ input: loosened, output, signer: official, appearance: { kind: 'attachment', numberNotation: '03/UBND' } })).rejects.toThrow(/không cho phép thêm chú thích/);
    expect(existsSync(output)).toBe(false);
  });

  it('still verifies a restricted file that another program signed (poppler writes its own encrypted update)', async () => {
    const input = encrypted('restricted-for-pdfsig', '', '256', ['--annotate=n']);
    const dir = path.join(work, 'pdfsig-signer');
    mkdirSync(dir, { recursive: true });
    const signed = signedByPdfsig(input, pki, dir);
    expect(pdfsig(signed).map((s) => s.valid)).toEqual([true]);
    const report = await verifyPdf(signed, { trustedRoots });
    expect(report.signatures.map((s) => [s.signer, s.intact, s.coversRevision, s.changesAfter])).toEqual([['Phạm Văn Lạ', true, true, 'none']]);
    expect(qpdfCheck(signed).ok).toBe(true);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCertificates } from '../../electron/core/signing/pki/certificates';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { PdfDict, PdfName } from '../../electron/core/signing/pdf/pdfObjects';
import { signPdf, type SignPdfRequest } from '../../electron/core/signing/pdfSigner';
import { appendUpdate } from './appendUpdate';
import type { Signer } from '../../electron/core/signing/signers/signer';
import { verifyPdf } from '../../electron/core/signing/verify/verifyPdf';
import { createTestPki, type TestPki } from '../support/testPki';
import { LAYOUT, makeHybridPdf, makeTestPdfs, sealPng, signaturePng, type TestPdfs } from './fixtures';
import { opensslVerify, pdfsig, qpdfCheck, signaturesByQpdf } from './pdfTools';
import { paintOverPage } from './verifySetup';

let pki: TestPki;
let pdfs: TestPdfs;
let official: Signer;
let organisation: Signer;
let clerk: Signer;
let trustedRoots: Uint8Array[];
let work: string;

beforeAll(async () => {
  pki = createTestPki();
  work = pki.dir;
  pdfs = await makeTestPdfs(path.join(work, 'pdfs'));
  official = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
  organisation = openP12Signer(readFileSync(pki.orgLeaf.p12Path!), pki.password);
  clerk = openP12Signer(readFileSync(pki.untrustedLeaf.p12Path!), pki.password);
  trustedRoots = readCertificates(readFileSync(pki.rootPemPath));
});
afterAll(() => pki.cleanup());

const { signatureArea } = LAYOUT;

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function steps(): [string, Omit<SignPdfRequest, 'input' | 'output'>][] {
  return [
    ['approval', { signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: signatureArea } }],
    [
      'issue',
      {
        signer: organisation,
        appearance: {
          kind: 'issue',
          image: sealPng(),
          rect: signatureArea,
          numberNotation: '125/QĐ-UBND',
          date: '2026-11-15',
          numberAt: LAYOUT.numberAt,
          dateAt: LAYOUT.dateAt,
        },
      },
    ],
    ['receipt', { signer: organisation, appearance: { kind: 'receipt', rect: { page: 1, x: 72, y: 120, width: 150, height: 100 }, receipt: { number: '1234', date: '2026-11-16', forwardTo: 'Phòng Hành chính' } } }],
  ];
}

/** Signs `input` three times (approval, issue, receipt), checking each revision with pdfsig; returns the last file. */
async function signThreeTimes(label: string, input: string): Promise<string> {
  let current = input;
  let before = pdfsig(input).length;
  for (const [kind, step] of steps()) {
    const output = path.join(work, `${label}-${kind}.pdf`);
    await signPdf({ ...step, input: current, output });
    const original = readFileSync(current);
    const signed = readFileSync(output);
    expect(signed.subarray(0, original.length).equals(original), `${label}/${kind}: output starts with the input's bytes`).toBe(true);
    const sigs = pdfsig(output);
    expect(sigs, `${label}/${kind}: pdfsig sees every signature`).toHaveLength(before + 1);
    expect(sigs.every((s) => s.valid), `${label}/${kind}: pdfsig says every signature is valid`).toBe(true);
    expect(sigs[sigs.length - 1]!.totalDocumentSigned).toBe(true);
    before += 1;
    current = output;
  }
  return current;
}

describe('signing as incremental updates', () => {
  const inputs: (keyof TestPdfs)[] = ['chromium', 'ghostscript', 'pdfa', 'xrefStream', 'linearized', 'pdfLib', 'cairo'];
  for (const key of inputs) {
    it(`signs a ${key} PDF three times; pdfsig, qpdf, openssl and our verifier agree`, async () => {
      const last = await signThreeTimes(key, pdfs[key]);
      expect(qpdfCheck(last).ok).toBe(true);
      const byQpdf = signaturesByQpdf(last);
      expect(byQpdf).toHaveLength(3);
      for (const sig of byQpdf) {
        const result = opensslVerify(last, sig.byteRange, sig.contents, pki.rootPemPath, work);
        expect(result.ok, result.output).toBe(true);
      }
      const report = await verifyPdf(last, { trustedRoots });
      expect(report.valid).toBe(true);
      expect(report.signatures.map((s) => [s.signer, s.intact, s.trusted, s.coversRevision, s.changesAfter])).toEqual([
        ['Nguyễn Văn An', true, true, true, 'allowed'],
        ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, true, 'allowed'],
        ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, true, 'none'],
      ]);
    });
  }

  it('signs with an ECDSA P-256 key (as many tokens hold); pdfsig, openssl and our verifier accept it', async () => {
    const ecLeaf = pki.issue({
      name: 'ec-leaf',
      subject: '/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Hoàng Thị Elliptic',
      issuer: pki.intermediate,
      extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature,nonRepudiation'],
      keyType: 'ec',
    });
    const { execFileSync } = await import('node:child_process');
    const ecSigner: Signer = {
      certificate: ecLeaf.certDer,
      chain: [pki.intermediate.certDer],
      keyAlgorithm: 'ecdsa',
      // openssl pkeyutl signs the given digest as is, like a token's CKM_ECDSA: a DER ECDSA-Sig-Value comes back.
      signDigest: async (digest) => {
        const digestPath = path.join(work, 'ec-digest.bin');
        writeFileSync(digestPath, digest);
        return new Uint8Array(execFileSync('openssl', ['pkeyutl', '-sign', '-inkey', ecLeaf.keyPath, '-in', digestPath]));
      },
    };
    const out = path.join(work, 'ecdsa.pdf');
    await signPdf({ input: pdfs.xrefStream, output: out, signer: ecSigner, appearance: { kind: 'attachment', numberNotation: '11/TB-UBND' } });
    expect(pdfsig(out).map((x) => x.valid)).toEqual([true]);
    const [sig] = signaturesByQpdf(out);
    expect(opensslVerify(out, sig!.byteRange, sig!.contents, pki.rootPemPath, work).ok).toBe(true);
    const report = await verifyPdf(out, { trustedRoots });
    expect(report.signatures[0]).toMatchObject({ signer: 'Hoàng Thị Elliptic', intact: true, trusted: true });
  });

  it('signs a hybrid-reference file, reading the catalog that only its cross-reference stream locates', async () => {
    const hybrid = path.join(work, 'hybrid.pdf');
    makeHybridPdf(pdfs.chromium, hybrid);
    const last = await signThreeTimes('hybrid', hybrid);
    expect(qpdfCheck(last).ok).toBe(true);
    const { execFileSync } = await import('node:child_process');
    const trailer = execFileSync('qpdf', ['--show-object=trailer', last], { encoding: 'utf8' });
    const root = /\/Root (\d+) 0 R/.exec(trailer)![1]!;
    const catalog = execFileSync('qpdf', [`--show-object=${root}`, last], { encoding: 'utf8' });
    expect(catalog).toContain('/PageLayout /OneColumn');
    expect(catalog).toMatch(/\/AcroForm \d+ 0 R/);
    expect((await verifyPdf(last, { trustedRoots })).valid).toBe(true);
  });

  it('signs a file first signed by pdfsig (NSS) and keeps that signature valid', async () => {
    const { signedByPdfsig } = await import('./pdfsigSigned');
    const input = signedByPdfsig(pdfs.chromium, pki, work);
    const last = await signThreeTimes('pdfsig', input);
    expect(qpdfCheck(last).ok).toBe(true);
    const report = await verifyPdf(last, { trustedRoots });
    expect(report.signatures.map((s) => [s.signer, s.intact, s.trusted, s.changesAfter])).toEqual([
      ['Phạm Văn Lạ', true, false, 'allowed'],
      ['Nguyễn Văn An', true, true, 'allowed'],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, 'allowed'],
      ['Ủy ban nhân dân tỉnh Thử Nghiệm', true, true, 'none'],
    ]);
  });
});

describe('verification catches tampering', () => {
  let signed: string;
  beforeAll(async () => {
    signed = path.join(work, 'tamper-base.pdf');
    await signPdf({ input: pdfs.chromium, output: signed, signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: signatureArea } });
  });

  it('reports a one-byte flip inside the signed bytes as not intact (and pdfsig agrees)', async () => {
    const bytes = readFileSync(signed);
    const at = bytes.indexOf('stream\n') + 20;
    bytes[at] = bytes[at]! ^ 0x01;
    const flipped = path.join(work, 'flipped.pdf');
    writeFileSync(flipped, bytes);
    const report = await verifyPdf(flipped, { trustedRoots });
    expect(report.valid).toBe(false);
    expect(report.signatures[0]!.intact).toBe(false);
    expect(pdfsig(flipped)[0]!.valid).toBe(false);
  });

  it('reports a page-content change appended after the signature as disallowed', async () => {
    const changed = path.join(work, 'content-changed.pdf');
    await appendUpdate(signed, changed, (file, update) => paintOverPage(file, update));
    expect(readFileSync(changed).subarray(0, readFileSync(signed).length).equals(readFileSync(signed))).toBe(true);

    const report = await verifyPdf(changed, { trustedRoots });
    expect(report.signatures[0]!.intact).toBe(true);
    expect(report.signatures[0]!.changesAfter).toBe('disallowed');
    expect(report.valid).toBe(false);
  });

  it('reports a signer chaining to an untrusted root as not trusted', async () => {
    const out = path.join(work, 'untrusted.pdf');
    await signPdf({ input: pdfs.chromium, output: out, signer: clerk, appearance: { kind: 'attachment', numberNotation: '07/BC-UBND' } });
    const report = await verifyPdf(out, { trustedRoots });
    expect(report.signatures[0]!).toMatchObject({ signer: 'Phạm Văn Lạ', intact: true, trusted: false });
    expect(report.valid).toBe(false);
    const trustingIt = await verifyPdf(out, { trustedRoots: [pki.untrustedRoot.certDer] });
    expect(trustingIt.valid).toBe(true);
  });

  it('reports its phases and the bytes read', async () => {
    const seen: string[] = [];
    let lastRead = 0;
    await signPdf({
      input: pdfs.pdfa,
      output: path.join(work, 'progress.pdf'),
      signer: official,
      appearance: { kind: 'attachment', numberNotation: '9/TB' },
      onProgress: (p) => {
        if (seen[seen.length - 1] !== p.phase) seen.push(p.phase);
        if (p.phase === 'reading') lastRead = p.done;
      },
    });
    expect(seen).toEqual(['preparing', 'reading', 'signing', 'storing']);
    expect(lastRead).toBe(readFileSync(pdfs.pdfa).length);
  });

  it('uses configured intermediates when the CMS lacks them', async () => {
    const leafOnly: Signer = { ...official, chain: [] };
    const out = path.join(work, 'leaf-only.pdf');
    await signPdf({ input: pdfs.ghostscript, output: out, signer: leafOnly, appearance: { kind: 'attachment', numberNotation: '08/BC-UBND' } });
    expect((await verifyPdf(out, { trustedRoots })).signatures[0]!.trusted).toBe(false);
    const withIntermediate = await verifyPdf(out, { trustedRoots, extraCertificates: [pki.intermediate.certDer] });
    expect(withIntermediate.signatures[0]!.trusted).toBe(true);
  });
});

describe('refusing bad input', () => {
  async function expectRefusal(input: string, signer: Signer | (() => Signer), message: RegExp): Promise<void> {
    const before = existsSync(input) ? sha256(input) : null;
    const output = path.join(work, `refused-${path.basename(input)}`);
    const run = async () => signPdf({ input, output, signer: typeof signer === 'function' ? signer() : signer, appearance: { kind: 'attachment', numberNotation: '1/TB' } });
    await expect(run()).rejects.toThrow(message);
    expect(existsSync(output), 'no output file').toBe(false);
    expect(readdirSync(work).filter((f) => f.endsWith('.part')), 'no temp file left behind').toEqual([]);
    if (before) expect(sha256(input), 'input untouched').toBe(before);
  }

  it('refuses a truncated file', async () => {
    const bytes = readFileSync(pdfs.chromium);
    const truncated = path.join(work, 'truncated.pdf');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRefusal(truncated, official, /bị cắt cụt/);
  });

  it('refuses a file that is not a PDF', async () => {
    const notPdf = path.join(work, 'not-a.pdf');
    writeFileSync(notPdf, 'Đây không phải PDF\n');
    await expectRefusal(notPdf, official, /không phải PDF/);
  });

  it('refuses a file whose cross-reference table is broken, saying it does not repair', async () => {
    const bytes = readFileSync(pdfs.ghostscript);
    const header = bytes.indexOf('\n') + 1;
    const broken = path.join(work, 'broken-xref.pdf');
    writeFileSync(broken, Buffer.concat([bytes.subarray(0, header), Buffer.from('% shifted by this comment\n'), bytes.subarray(header)]));
    await expectRefusal(broken, official, /xref\) của tệp PDF bị hỏng.*không tự sửa/);
  });

  it('refuses a password-protected file', async () => {
    const encrypted = path.join(work, 'encrypted.pdf');
    const { execFileSync } = await import('node:child_process');
    execFileSync('qpdf', ['--encrypt', 'nguoidung', 'chusohuu', '256', '--', pdfs.chromium, encrypted]);
    await expectRefusal(encrypted, official, /mật khẩu/);
  });

  it('refuses a wrong .p12 password before touching anything', async () => {
    await expectRefusal(pdfs.chromium, () => openP12Signer(readFileSync(pki.leaf.p12Path!), 'sai'), /Mật khẩu .* không đúng/);
  });

  it('refuses an expired certificate and one without a signing key usage', async () => {
    await expectRefusal(pdfs.chromium, openP12Signer(readFileSync(pki.expiredLeaf.p12Path!), pki.password), /đã hết hạn/);
    await expectRefusal(pdfs.chromium, openP12Signer(readFileSync(pki.wrongUsageLeaf.p12Path!), pki.password), /không được phép dùng để ký số/);
  });

  it('refuses to sign a document certified with "no changes" (DocMDP P=1)', async () => {
    const certified = path.join(work, 'certified.pdf');
    await appendUpdate(pdfs.chromium, certified, (file, update) => {
      const transform = new PdfDict([
        ['Type', new PdfName('SigRef')],
        ['TransformMethod', new PdfName('DocMDP')],
        ['TransformParams', new PdfDict([['P', 1], ['V', new PdfName('1.2')]])],
      ]);
      const sig = update.add(new PdfDict([['Type', new PdfName('Sig')], ['Reference', [transform]]]));
      update.set(file.catalogRef(), file.catalog().clone().set('Perms', new PdfDict([['DocMDP', sig]])));
    });
    await expectRefusal(certified, official, /đã được chứng thực \(DocMDP, P=1\)/);
  });

  it('refuses an output folder that does not exist, with the reason', async () => {
    const output = path.join(work, 'no-such-folder', 'out.pdf');
    await expect(signPdf({ input: pdfs.chromium, output, signer: official, appearance: { kind: 'attachment', numberNotation: '1/TB' } })).rejects.toThrow(
      /Không ghi được tệp kết quả .*ENOENT.*Không có gì được ký/,
    );
  });

  it('refuses a page that does not exist', async () => {
    const output = path.join(work, 'no-page.pdf');
    await expect(
      signPdf({ input: pdfs.chromium, output, signer: official, appearance: { kind: 'approval', image: signaturePng(), rect: { ...signatureArea, page: 9 } } }),
    ).rejects.toThrow(/Trang 9 không có trong văn bản \(văn bản có 2 trang\)/);
    expect(existsSync(output)).toBe(false);
  });
});

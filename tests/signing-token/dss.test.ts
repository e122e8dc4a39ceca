import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ltvReport } from '../../electron/cli/commands/signFile';
import { addLtv, addLtvToSignedPdf, appendDss, cmsAtByteRange, dssRevocationChecker, readDssFromPath } from '../../electron/core/signing/pki/dss';
import { readOcspResponse } from '../../electron/core/signing/pki/ocsp';
import { signPdfWithLtv } from '../../electron/core/signing/ltvSigning';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { fetchRevocation } from '../../electron/core/signing/pki/revocation';
import { signatureTimestampAttribute } from '../../electron/core/signing/pki/timestamp';
import { verifyPdf } from '../../electron/core/signing/verify/verifyPdf';
import { msg } from '../../shared/messages';
import { pdfsig, qpdfCheck } from '../signing/pdfTools';
import { createTestPki, type TestCert, type TestPki } from '../support/testPki';
import { freePort, issueOcspResponderCertificate, revocationExtensions, revoke, startCrlServer, startOcspResponder, type TestService } from './testRevocation';
import { issueTsaCertificate, startTestTsa, type TestTsa } from './testTsa';

let pki: TestPki;
let work: string;
let tsa: TestTsa;
let ocsp: TestService;
let crl: TestService;
let signerCert: TestCert;
let revokedCert: TestCert;
const pdfs: { classic: string; xrefStream: string } = { classic: '', xrefStream: '' };

async function makePdf(file: string, objectStreams: boolean): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595.28, 841.89]).drawText('Quyet dinh so 15/QD-UBND', { x: 72, y: 760, size: 16, font });
  writeFileSync(file, await doc.save({ useObjectStreams: objectStreams }));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-dss-'));
  pki = createTestPki();
  const ocspPort = await freePort();
  const crlPort = await freePort();
  const issue = (name: string, cn: string) =>
    pki.issue({ name, subject: `/C=VN/O=UBND tỉnh Thử Nghiệm/CN=${cn}`, issuer: pki.intermediate, extensions: revocationExtensions(ocspPort, crlPort), p12: true });
  signerCert = issue('ltv-signer', 'Hoàng Văn Dài Hạn');
  revokedCert = issue('ltv-revoked', 'Đỗ Thị Bị Thu Hồi');
  revoke(pki, revokedCert);
  tsa = await startTestTsa(pki, issueTsaCertificate(pki));
  ocsp = await startOcspResponder(pki, issueOcspResponderCertificate(pki), ocspPort);
  crl = await startCrlServer(pki, crlPort, signerCert);
  pdfs.classic = join(work, 'classic.pdf');
  pdfs.xrefStream = join(work, 'xref-stream.pdf');
  await makePdf(pdfs.classic, false);
  await makePdf(pdfs.xrefStream, true);
});

afterAll(async () => {
  await Promise.all([tsa?.close(), ocsp?.close(), crl?.close()]);
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function signTimestamped(input: string, output: string, cert: TestCert): Promise<Uint8Array> {
  const signer = openP12Signer(readFileSync(cert.p12Path!), pki.password);
  const result = await signPdf({
    input,
    output,
    signer,
    appearance: { kind: 'attachment', numberNotation: '15/QĐ-UBND' },
    unsignedAttributesFor: signatureTimestampAttribute({ url: tsa.url }),
  });
  return cmsAtByteRange(output, result.byteRange);
}

/** The /DSS dictionary as qpdf (an independent parser) sees it: how many entries each array holds. */
function dssByQpdf(file: string): Record<string, number> {
  const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as {
    qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
  };
  const dss = Object.values(json.qpdf[1]).find((o) => o.value?.['/Type'] === '/DSS')?.value ?? {};
  return Object.fromEntries(['/Certs', '/OCSPs', '/CRLs'].map((k) => [k, Array.isArray(dss[k]) ? (dss[k] as unknown[]).length : 0]));
}

describe('B-LT: DSS as a further incremental update', () => {
  for (const kind of ['classic', 'xrefStream'] as const) {
    it(`stores chain and OCSP answer after a timestamped signature, which stays valid (${kind} cross-references)`, async () => {
      const signed = join(work, `${kind}-signed.pdf`);
      const cms = await signTimestamped(pdfs[kind], signed, signerCert);
      const ltv = join(work, `${kind}-ltv.pdf`);
      const result = await addLtv({ input: signed, output: ltv, signatures: [cms], trustedRoots: [pki.root.certDer] });
      // leaf, intermediate, root and the TSA's certificate; one OCSP answer for the leaf (the CAs name no source).
      expect(result).toMatchObject({ certificates: 4, ocsps: 1, crls: 0 });
      expect(result.withoutRevocationSource).toEqual(expect.arrayContaining(['CA phục vụ thử nghiệm G2', 'Máy chủ cấp dấu thời gian thử nghiệm']));

      const before = readFileSync(signed);
      expect(readFileSync(ltv).subarray(0, before.length).equals(before)).toBe(true);
      const sigs = pdfsig(ltv);
      expect(sigs).toHaveLength(1);
      expect(sigs[0]).toMatchObject({ valid: true, totalDocumentSigned: false, commonName: 'Hoàng Văn Dài Hạn' });
      expect(qpdfCheck(ltv).ok).toBe(true);
      expect(dssByQpdf(ltv)).toEqual({ '/Certs': 4, '/OCSPs': 1, '/CRLs': 0 });

      const stored = readDssFromPath(ltv);
      expect(stored.certs.some((c) => Buffer.from(c).equals(Buffer.from(signerCert.certDer)))).toBe(true);
      expect(readOcspResponse(stored.ocsps[0]!, signerCert.certDer, pki.intermediate.certDer)).toMatchObject({ status: 'good', signatureValid: true });

      const report = await verifyPdf(ltv, { trustedRoots: [pki.root.certDer], checkRevocation: dssRevocationChecker() });
      expect(report.signatures[0]).toMatchObject({ intact: true, trusted: true, revocation: 'good', changesAfter: 'allowed', signingTimeSource: 'timestamp' });
      expect(report.valid).toBe(true);

      // The stored answer (valid for a day, as the responder is set up) says nothing about a moment after its window.
      const chain = [signerCert.certDer, pki.intermediate.certDer, pki.root.certDer];
      expect(await dssRevocationChecker()(chain, new Date(), ltv)).toBe('good');
      expect(await dssRevocationChecker()(chain, new Date(Date.now() + 3 * 86_400_000), ltv)).toBe('unknown');

      // A second round adds a fresh answer but never stores the same certificate twice.
      const again = join(work, `${kind}-ltv2.pdf`);
      await addLtv({ input: ltv, output: again, signatures: [cms], trustedRoots: [pki.root.certDer] });
      expect(dssByQpdf(again)['/Certs']).toBe(4);
      expect(pdfsig(again)[0]!.valid).toBe(true);
      expect(qpdfCheck(again).ok).toBe(true);
    });
  }

  it('refuses to add long-term data for a revoked signer, and reads a stored revoked answer back as revoked', async () => {
    const signed = join(work, 'revoked-signed.pdf');
    const cms = await signTimestamped(pdfs.classic, signed, revokedCert);
    const refused = join(work, 'revoked-ltv.pdf');
    await expect(addLtv({ input: signed, output: refused, signatures: [cms], trustedRoots: [pki.root.certDer] })).rejects.toThrow(/Đỗ Thị Bị Thu Hồi.*đã bị thu hồi/);
    expect(existsSync(refused)).toBe(false);

    const answer = await fetchRevocation(revokedCert.certDer, pki.intermediate.certDer);
    const withAnswer = join(work, 'revoked-dss.pdf');
    await appendDss(signed, withAnswer, { certs: [], ocsps: [answer.der], crls: [] });
    const report = await verifyPdf(withAnswer, { trustedRoots: [pki.root.certDer], checkRevocation: dssRevocationChecker() });
    expect(report.signatures[0]!.revocation).toBe('revoked');
    expect(report.valid).toBe(false);
    expect(report.signatures[0]!.problems).toContain(msg('verify.revoked'));
  });

  it('adds the data in place right after signing, ending the chain at the root the .p12 carries', async () => {
    const signed = join(work, 'in-place.pdf');
    const signer = openP12Signer(readFileSync(signerCert.p12Path!), pki.password);
    const result = await signPdf({ input: pdfs.classic, output: signed, signer, appearance: { kind: 'attachment', numberNotation: '16/QĐ-UBND' } });
    const before = readFileSync(signed);
    expect(await addLtvToSignedPdf(signed, result.byteRange)).toMatchObject({ certificates: 3, ocsps: 1 });
    const after = readFileSync(signed);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(pdfsig(signed)[0]!.valid).toBe(true);
    const report = await verifyPdf(signed, { trustedRoots: [pki.root.certDer], checkRevocation: dssRevocationChecker() });
    expect(report.signatures[0]).toMatchObject({ revocation: 'good', valid: true });
  });

  it('runs the DSS step of signing only when asked, and reports what it stored', async () => {
    const signer = openP12Signer(readFileSync(signerCert.p12Path!), pki.password);
    const request = (output: string) => ({ input: pdfs.xrefStream, output, signer, appearance: { kind: 'attachment' as const, numberNotation: '17/QĐ-UBND' } });
    const plain = join(work, 'no-ltv.pdf');
    expect((await signPdfWithLtv(request(plain), null)).ltv).toBeNull();
    expect(dssByQpdf(plain)).toEqual({ '/Certs': 0, '/OCSPs': 0, '/CRLs': 0 });

    const signed = join(work, 'cli-ltv.pdf');
    const { ltv } = await signPdfWithLtv(request(signed), { chainCandidates: [] });
    const warnings: string[] = [];
    expect(ltvReport(ltv!, (line) => warnings.push(line))).toBe(msg('ltv.added', { certs: 3, ocsps: 1, crls: 0 }));
    // The test intermediate names no revocation source: only its chain can be stored, and the report says so.
    expect(warnings).toEqual([msg('signingPolish.ltvNoSource', { subjects: '"CA phục vụ thử nghiệm G2"' })]);
    expect(dssByQpdf(signed)).toEqual({ '/Certs': 3, '/OCSPs': 1, '/CRLs': 0 });
  });

  it('says unknown without stored data unless asked to go online', async () => {
    const signed = join(work, 'plain-signed.pdf');
    await signTimestamped(pdfs.xrefStream, signed, signerCert);
    const offline = await verifyPdf(signed, { trustedRoots: [pki.root.certDer], checkRevocation: dssRevocationChecker() });
    expect(offline.signatures[0]!.revocation).toBe('unknown');
    const online = await verifyPdf(signed, { trustedRoots: [pki.root.certDer], checkRevocation: dssRevocationChecker({ online: true }) });
    expect(online.signatures[0]!.revocation).toBe('good');
  });
});

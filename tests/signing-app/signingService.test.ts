/**
 * Signing and verification through the contract, as the UI calls them: a registered document's PDF signed with a
 * test .p12 becomes a new version with its event and outbox row, checked by our verifier and by poppler's pdfsig; a
 * wrong password changes nothing; a received PDF with an untrusted or damaged signature is flagged at analyze time.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { SigningProgress } from '../../shared/contract';
import type { Core } from '../../electron/core/app';
import { describeCertificate } from '../../electron/core/signing/pki/certificates';
import { parseSignedData } from '../../electron/core/signing/cms/cms';
import { readDssFromPath } from '../../electron/core/signing/pki/dss';
import { readOcspResponse } from '../../electron/core/signing/pki/ocsp';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { call, fields, openTestCore } from '../support/coreFixture';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';
import { filesHolding } from '../support/secretScan';
import { createTestPki, type TestPki } from '../support/testPki';
import { signaturePng } from '../signing/fixtures';
import { addPastTheEndSignature } from '../signing/verifySetup';
import { pdfsig, qpdfCheck, signaturesByQpdf } from '../signing/pdfTools';
import { freePort, issueOcspResponderCertificate, revocationExtensions, startOcspResponder } from '../signing-token/testRevocation';
import { issueTsaCertificate, startTestTsa } from '../signing-token/testTsa';
import { msg } from '../../shared/messages';
import type { TestCert } from '../support/testPki';

let pki: TestPki;
let pdf: string;
let env: Awaited<ReturnType<typeof openTestCore>>;
let core: Core;

beforeAll(async () => {
  pki = createTestPki();
  pdf = await makeDocumentPdf('congVan');
  // The real clock, not the fixed one of the register tests: signing checks the certificate's validity now.
  env = await openTestCore();
  core = env.core;
}, 60_000);

afterAll(() => {
  env?.dispose();
  pki?.cleanup();
  cleanupFixtures();
});

async function stageFile(file: string, name = path.basename(file)) {
  return core.stage(readFileSync(file), name);
}

/** A .p12 as the UI hands it over: into the core's memory, never the content store. */
async function keyFile(file: string) {
  return core.keyFiles.put(readFileSync(file), path.basename(file));
}

async function registerWithPdf() {
  const ref = await stageFile(pdf, 'cong-van.pdf');
  const out = await call(core, 'incoming.register', {
    fields: fields({ arrivalDate: '2026-11-20', codeNumber: String(Math.floor(Math.random() * 100000)) }),
    attachments: [{ hash: ref.hash, name: ref.name }],
  });
  if (out.kind !== 'registered') throw new Error('not registered');
  return { document: out.document, hash: ref.hash };
}

function countRows(table: string): number {
  const db = new Database(path.join(env.dir, 'vanthu.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('trusted certificates', () => {
  it('adds a root from PEM and an intermediate from DER, and refuses a signer certificate', async () => {
    const root = await stageFile(pki.root.certPath, 'root.pem');
    let list = await call(core, 'signing.trustAdd', { hash: root.hash });
    expect(list.map((c) => [c.subjectCommonName, c.role])).toContainEqual([expect.stringContaining('Root'), 'root']);

    const der = await core.stage(pki.intermediate.certDer, 'intermediate.cer');
    list = await call(core, 'signing.trustAdd', { hash: der.hash });
    expect(list.filter((c) => c.role === 'intermediate')).toHaveLength(1);

    const leaf = await stageFile(pki.leaf.certPath, 'leaf.pem');
    const refused = await core.dispatch('signing.trustAdd', { hash: leaf.hash });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('không phải chứng thư của tổ chức') } });

    const intermediate = list.find((c) => c.role === 'intermediate')!;
    list = await call(core, 'signing.trustRemove', { fingerprint: intermediate.fingerprint });
    expect(list.map((c) => c.role)).toEqual(['root']);
  });
});

describe('certificates to sign with', () => {
  it('lists a .p12 certificate with subject, issuer, validity and key usage, and says why an unusable one may not sign', async () => {
    const good = await keyFile(pki.leaf.p12Path!);
    const [cert] = await call(core, 'signing.certificates', { kind: 'p12', handle: good.handle, password: pki.password });
    expect(cert).toMatchObject({ subjectCommonName: 'Nguyễn Văn An', refusal: null, source: { kind: 'p12', handle: good.handle } });
    expect(cert!.issuerCommonName).not.toBe('');
    expect(cert!.keyUsage).toEqual(expect.arrayContaining(['digitalSignature', 'nonRepudiation']));
    expect(new Date(cert!.validTo).getTime()).toBeGreaterThan(Date.now());

    const expired = await keyFile(pki.expiredLeaf.p12Path!);
    const [old] = await call(core, 'signing.certificates', { kind: 'p12', handle: expired.handle, password: pki.password });
    expect(old!.refusal).toMatch(/đã hết hạn/);
    const wrong = await keyFile(pki.wrongUsageLeaf.p12Path!);
    const [usage] = await call(core, 'signing.certificates', { kind: 'p12', handle: wrong.handle, password: pki.password });
    expect(usage!.refusal).toMatch(/không được phép dùng để ký số/);

    const bad = await core.dispatch('signing.certificates', { kind: 'p12', handle: good.handle, password: 'sai mật khẩu' });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Mật khẩu .* không đúng/) } });
  });

  it('asks for the token library when none is configured', async () => {
    const out = await core.dispatch('signing.certificates', { kind: 'pkcs11' });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('PKCS#11') } });
  });
});

describe('signing an attachment of a registered document', () => {
  it('verifies an unsigned PDF as having no signature', async () => {
    const { hash } = await registerWithPdf();
    expect(await call(core, 'signing.verify', { hash })).toEqual({ verdict: 'unsigned', signatures: [] });
  });

  it('a wrong password refuses in Vietnamese and changes nothing', async () => {
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(pki.leaf.p12Path!);
    const before = { events: countRows('events'), outbox: countRows('outbox'), versions: countRows('attachment_versions') };
    const out = await core.dispatch('signing.sign', {
      documentId: document.id,
      hash,
      source: { kind: 'p12', handle: p12.handle },
      secret: 'không đúng',
      kind: 'receipt',
      jobId: randomUUID(),
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Mật khẩu của tệp chứng thư số .p12/.pfx không đúng. Không có gì được ký.' } });
    expect({ events: countRows('events'), outbox: countRows('outbox'), versions: countRows('attachment_versions') }).toEqual(before);
    expect(await call(core, 'signing.versions', { documentId: document.id })).toEqual([]);
    // A failed signing keeps the key file for the next try; a forgotten one asks for the file again.
    expect(await call(core, 'signing.certificates', { kind: 'p12', handle: p12.handle, password: pki.password })).toHaveLength(1);
    await call(core, 'keyFiles.release', { handle: p12.handle });
    const forgotten = await core.dispatch('signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'receipt', jobId: randomUUID(),
    });
    expect(forgotten).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('chọn lại tệp chứng thư') } });
  });

  it('an expired certificate is refused with its reason before any file is touched', async () => {
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(pki.expiredLeaf.p12Path!);
    const out = await core.dispatch('signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'receipt', jobId: randomUUID(),
    });
    expect(out).toMatchObject({ ok: false, error: { message: expect.stringMatching(/đã hết hạn .* Không thể ký/) } });
    expect(await call(core, 'signing.versions', { documentId: document.id })).toEqual([]);
  });

  it('a receipt signature becomes version 2 with event and outbox row; the original stays; pdfsig agrees', async () => {
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(pki.leaf.p12Path!);
    const jobId = randomUUID();
    const seen: SigningProgress[] = [];
    const stop = core.events.subscribe((event, payload) => {
      if (event === 'signing.progress' && (payload as SigningProgress).jobId === jobId) seen.push(payload as SigningProgress);
    });
    const outboxBefore = countRows('outbox');
    const out = await call(core, 'signing.sign', {
      documentId: document.id,
      hash,
      source: { kind: 'p12', handle: p12.handle },
      secret: pki.password,
      kind: 'receipt',
      placement: { page: 1, x: 40, y: 620, width: 160, height: 110 },
      jobId,
    });
    stop();

    expect(out.version).toMatchObject({ position: 0, version: 2, name: 'cong-van.pdf', actor: 'Nguyễn Thị Lan' });
    expect(out.version.hash).not.toBe(hash);
    expect(out.verification.verdict).toBe('valid');
    expect(out.verification.signatures[0]).toMatchObject({ signer: 'Nguyễn Văn An', intact: true, coversRevision: true, trusted: true, changesAfter: 'none' });
    expect(seen.map((p) => p.phase)).toEqual(expect.arrayContaining(['preparing', 'signing', 'storing', 'verifying', 'done']));

    // The received bytes stay; the new version begins with them (an incremental update).
    const original = readFileSync(core.content.pathOf(hash));
    const signed = readFileSync(core.content.pathOf(out.version.hash));
    expect(signed.subarray(0, original.length).equals(original)).toBe(true);
    // Recorded as the document's version, it is no longer a staged file that a sweep could take.
    expect(existsSync(path.join(env.dir, 'content', 'staged', out.version.hash))).toBe(false);

    const detail = await call(core, 'incoming.get', { id: document.id });
    expect(detail.document.attachments[0]!.hash).toBe(hash);
    const event = detail.events.find((e) => e.kind === 'signing.signed')!;
    expect(event).toMatchObject({ actor: 'Nguyễn Thị Lan', data: { version: 2, hash: out.version.hash, signedHash: hash, signatureKind: 'receipt' } });
    expect((event.data.certificate as { subject: string }).subject).toBe('Nguyễn Văn An');
    expect(countRows('outbox')).toBe(outboxBefore + 1);
    expect(await call(core, 'signing.versions', { documentId: document.id })).toEqual([out.version]);

    const [byPoppler] = pdfsig(core.content.pathOf(out.version.hash));
    expect(byPoppler).toMatchObject({ valid: true, totalDocumentSigned: true, commonName: 'Nguyễn Văn An' });
    expect(await call(core, 'signing.verify', { hash: out.version.hash })).toEqual(out.verification);

    // The key file never reached the data folder, and left memory with the signing it was chosen for.
    expect(filesHolding(env.dir, readFileSync(pki.leaf.p12Path!))).toEqual([]);
    const usedUp = await core.dispatch('signing.certificates', { kind: 'p12', handle: p12.handle, password: pki.password });
    expect(usedUp).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringContaining('chọn lại tệp chứng thư') } });
    const again = await keyFile(pki.leaf.p12Path!);

    // The old version is no longer the one to sign: a second signing must start from version 2.
    const stale = await core.dispatch('signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: again.handle }, secret: pki.password, kind: 'receipt', jobId: randomUUID(),
    });
    expect(stale).toMatchObject({ ok: false, error: { message: expect.stringContaining('không phải phiên bản mới nhất') } });

    // Approval on top of the receipt: version 3, both signatures valid, the first with allowed changes after it.
    const image = await core.stage(signaturePng(), 'chu-ky.png');
    const second = await call(core, 'signing.sign', {
      documentId: document.id,
      hash: out.version.hash,
      source: { kind: 'p12', handle: again.handle },
      secret: pki.password,
      kind: 'approval',
      image: image.hash,
      placement: { page: 1, x: 330, y: 120, width: 180, height: 72 },
      jobId: randomUUID(),
    });
    expect(second.version.version).toBe(3);
    expect(second.verification.verdict).toBe('valid');
    expect(second.verification.signatures.map((s) => s.changesAfter)).toEqual(['allowed', 'none']);
    const both = pdfsig(core.content.pathOf(second.version.hash));
    expect(both.map((s) => s.valid)).toEqual([true, true]);
  }, 30_000);

  it('approval without a placement is refused with the reason', async () => {
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(pki.leaf.p12Path!);
    const image = await core.stage(signaturePng(), 'chu-ky.png');
    const out = await core.dispatch('signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'approval', image: image.hash, jobId: randomUUID(),
    });
    expect(out).toMatchObject({ ok: false, error: { message: 'Hãy kéo chuột trên trang văn bản để chọn vị trí đặt chữ ký.' } });
  });

  it('embeds the trusted intermediate that chains a leaf-only .p12, and no other trusted certificate', async () => {
    const leafOnly = path.join(pki.dir, 'leaf-only-app.p12');
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.leaf.keyPath, '-in', pki.leaf.certPath, '-out', leafOnly, '-passout', 'env:VANTHU_TEST_P12_PASSWORD']);
    const trusted = await Promise.all([pki.intermediate, pki.untrustedRoot].map((c) => core.stage(c.certDer, `${c.name}.cer`)));
    for (const ref of trusted) await call(core, 'signing.trustAdd', { hash: ref.hash });
    // The later tests expect this store without them, whatever happens here.
    onTestFinished(async () => {
      for (const c of [pki.intermediate, pki.untrustedRoot]) await call(core, 'signing.trustRemove', { fingerprint: describeCertificate(c.certDer).sha256Fingerprint });
    });
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(leafOnly);
    const out = await call(core, 'signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'attachment', numberNotation: '12/UBND-VP', jobId: randomUUID(),
    });
    const [signature] = signaturesByQpdf(core.content.pathOf(out.version.hash));
    const embedded = parseSignedData(signature!.contents).certificates.map((c) => describeCertificate(c).subjectCommonName);
    expect(embedded.sort()).toEqual([describeCertificate(pki.intermediate.certDer).subjectCommonName, 'Nguyễn Văn An'].sort());
  });
});

describe('signing with a timestamp authority', () => {
  it('a configured TSA timestamps every signature; the time shown is the timestamp\'s; a bad address is refused', async () => {
    const tsa = await startTestTsa(pki, issueTsaCertificate(pki));
    try {
      const bad = await core.dispatch('signing.saveSettings', { pkcs11Module: null, tsaUrl: 'tsa.example.vn' });
      expect(bad).toMatchObject({ ok: false, error: { message: expect.stringContaining('http://') } });
      expect(await call(core, 'signing.saveSettings', { pkcs11Module: null, tsaUrl: tsa.url })).toEqual({ pkcs11Module: null, tsaUrl: tsa.url });
      // The TSA's certificate is issued by the intermediate, which its token does not carry.
      const intermediate = await core.stage(pki.intermediate.certDer, 'intermediate.cer');
      await call(core, 'signing.trustAdd', { hash: intermediate.hash });

      const { document, hash } = await registerWithPdf();
      const p12 = await keyFile(pki.leaf.p12Path!);
      const out = await call(core, 'signing.sign', {
        documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'attachment', numberNotation: '9/UBND', jobId: randomUUID(),
      });
      expect(tsa.requests).toBe(1);
      expect(out.verification.verdict).toBe('valid');
      expect(out.verification.signatures[0]).toMatchObject({ signingTimeSource: 'timestamp', timestamp: { valid: true, tsa: expect.stringContaining('dấu thời gian') } });
    } finally {
      await call(core, 'signing.saveSettings', { pkcs11Module: null, tsaUrl: null });
      await tsa.close();
    }
  }, 30_000);
});

describe('signing with long-term validation data (PAdES B-LT)', () => {
  /** A signer whose certificate names an OCSP responder on `port`, in a .p12 without its chain: the trust store has to
   * complete it. */
  function leafOnlyP12(name: string, port: number): TestCert & { p12Path: string } {
    const cert = pki.issue({ name, subject: `/C=VN/O=UBND tỉnh Thử Nghiệm/CN=Trần Thị Dài Hạn ${name}`, issuer: pki.intermediate, extensions: revocationExtensions(port, null) });
    const p12Path = path.join(pki.dir, `${name}.p12`);
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', cert.keyPath, '-in', cert.certPath, '-out', p12Path, '-passout', 'env:VANTHU_TEST_P12_PASSWORD']);
    return { ...cert, p12Path };
  }

  async function trustRootAndIntermediate() {
    for (const c of [pki.root, pki.intermediate]) await call(core, 'signing.trustAdd', { hash: (await core.stage(c.certDer, `${c.name}.cer`)).hash });
    onTestFinished(async () => {
      await call(core, 'signing.trustRemove', { fingerprint: describeCertificate(pki.intermediate.certDer).sha256Fingerprint });
    });
  }

  const counts = () => ({ events: countRows('events'), outbox: countRows('outbox'), versions: countRows('attachment_versions') });

  it('stores the chain from the trust store and the OCSP answer in a DSS of the new version; pdfsig still calls it valid', async () => {
    const port = await freePort();
    const signer = leafOnlyP12('ltv-app', port);
    const responder = await startOcspResponder(pki, issueOcspResponderCertificate(pki), port);
    onTestFinished(() => responder.close());
    await trustRootAndIntermediate();
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(signer.p12Path);
    const before = counts();
    const jobId = randomUUID();
    const phases: SigningProgress['phase'][] = [];
    const stop = core.events.subscribe((event, payload) => {
      const p = payload as SigningProgress;
      if (event === 'signing.progress' && p.jobId === jobId && phases.at(-1) !== p.phase) phases.push(p.phase);
    });
    const out = await call(core, 'signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'attachment', numberNotation: '20/UBND-VP', ltv: true, jobId,
    });
    stop();
    expect(counts()).toEqual({ events: before.events + 1, outbox: before.outbox + 1, versions: before.versions + 1 });
    // Waiting on the OCSP responder is a phase of its own, after the signed file is written and before it is stored.
    expect(phases.slice(phases.indexOf('signing'), phases.indexOf('verifying'))).toEqual(['signing', 'storing', 'revocation', 'storing']);
    const file = core.content.pathOf(out.version.hash);
    const dss = readDssFromPath(file);
    // The signer's certificate, then the trusted intermediate and root the .p12 lacked; one answer, about the signer.
    expect(dss.certs.map((c) => describeCertificate(c).sha256Fingerprint).sort()).toEqual(
      [signer.certDer, pki.intermediate.certDer, pki.root.certDer].map((c) => describeCertificate(c).sha256Fingerprint).sort(),
    );
    expect(dss.ocsps).toHaveLength(1);
    expect(readOcspResponse(dss.ocsps[0]!, signer.certDer, pki.intermediate.certDer)).toMatchObject({ status: 'good', signatureValid: true });
    expect(qpdfCheck(file).ok).toBe(true);
    expect(pdfsig(file).map((s) => s.valid)).toEqual([true]);
    // Verified offline, from the DSS alone: the revocation status is known.
    expect(out.verification.signatures[0]).toMatchObject({ intact: true, trusted: true, revocation: 'good', changesAfter: 'allowed' });
  }, 30_000);

  it('an unreachable responder refuses in Vietnamese and stores nothing', async () => {
    const port = await freePort();
    const signer = leafOnlyP12('ltv-app-down', port);
    await trustRootAndIntermediate();
    const { document, hash } = await registerWithPdf();
    const p12 = await keyFile(signer.p12Path);
    const before = counts();
    const out = await core.dispatch('signing.sign', {
      documentId: document.id, hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'attachment', numberNotation: '21/UBND-VP', ltv: true, jobId: randomUUID(),
    });
    const reason = msg('revocation.unreachable', { url: `http://127.0.0.1:${port}/` });
    expect(out).toMatchObject({ ok: false, error: { message: msg('signingUi.ltvFailed', { reason }) } });
    expect(counts()).toEqual(before);
    expect(await call(core, 'signing.versions', { documentId: document.id })).toEqual([]);
    expect((await call(core, 'incoming.get', { id: document.id })).document.attachments[0]!.hash).toBe(hash);
  }, 30_000);
});

describe('signing a large file', () => {
  it('reports progress by bytes and leaves the event loop free while reading, storing and verifying', async () => {
    // 30 MB of incompressible data in one stream: the size of a scanned dossier.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc.addPage([595.28, 841.89]).drawText('Ho so quet', { x: 72, y: 760, size: 16, font });
    doc.catalog.set(PDFName.of('ScannedData'), doc.context.register(doc.context.stream(randomBytes(30 * 1024 * 1024))));
    const big = path.join(env.dir, 'big.pdf');
    writeFileSync(big, await doc.save({ useObjectStreams: false }));
    const ref = await stageFile(big);
    const registered = await call(core, 'incoming.register', { fields: fields({ codeNumber: '30' }), attachments: [{ hash: ref.hash, name: ref.name }] });
    if (registered.kind !== 'registered') throw new Error('not registered');
    const p12 = await keyFile(pki.leaf.p12Path!);

    const jobId = randomUUID();
    const seen: SigningProgress[] = [];
    let phase = 'none';
    let last = performance.now();
    const gaps: { phase: string; ms: number }[] = [];
    const ticker = setInterval(() => {
      const t = performance.now();
      gaps.push({ phase, ms: t - last });
      last = t;
    }, 5);
    const stop = core.events.subscribe((event, payload) => {
      const p = payload as SigningProgress;
      if (event !== 'signing.progress' || p.jobId !== jobId) return;
      seen.push(p);
      phase = p.phase;
    });
    try {
      const out = await call(core, 'signing.sign', {
        documentId: registered.document.id, hash: ref.hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'receipt', jobId,
      });
      expect(out.verification.signatures[0]).toMatchObject({ intact: true, coversWholeFile: true });
    } finally {
      clearInterval(ticker);
      stop();
    }
    const total = await core.content.size(ref.hash);
    const reading = seen.filter((p) => p.phase === 'reading');
    expect(reading.at(-1)).toMatchObject({ done: total, total });
    expect(seen.filter((p) => p.phase === 'storing').length).toBeGreaterThan(1);
    // Opening the key (PKCS#12 decoding) is the one synchronous step, whatever the file's size; the file work is not.
    const fileWork = gaps.filter((g) => ['reading', 'storing', 'verifying'].includes(g.phase));
    expect(fileWork.length).toBeGreaterThan(0);
    expect(Math.max(...fileWork.map((g) => g.ms))).toBeLessThan(250);
  }, 40_000);
});

describe('received PDFs are flagged at analyze time', () => {
  async function signedBy(p12Path: string, name: string): Promise<string> {
    const output = path.join(env.dir, name);
    const signer = openP12Signer(readFileSync(p12Path), pki.password);
    await signPdf({ input: pdf, output, signer, appearance: { kind: 'attachment', numberNotation: '12/UBND' } });
    return output;
  }

  it('a file carrying a bogus signature that sorts last signs all the same, and reports our new signature', async () => {
    const bogus = path.join(env.dir, 'bogus-signature.pdf');
    await addPastTheEndSignature(await signedBy(pki.leaf.p12Path!, 'before-bogus.pdf'), bogus);
    const ref = await stageFile(bogus, 'bogus.pdf');
    const registered = await call(core, 'incoming.register', {
      fields: fields({ arrivalDate: '2026-11-20', codeNumber: String(Math.floor(Math.random() * 100000)) }),
      attachments: [{ hash: ref.hash, name: ref.name }],
    });
    if (registered.kind !== 'registered') throw new Error('not registered');
    const p12 = await keyFile(pki.leaf.p12Path!);
    const out = await call(core, 'signing.sign', {
      documentId: registered.document.id, hash: ref.hash, source: { kind: 'p12', handle: p12.handle }, secret: pki.password, kind: 'receipt', jobId: randomUUID(),
    });
    const signedSize = await core.content.size(out.version.hash);
    expect(out.verification.signatures.map((s) => [s.intact, s.coversWholeFile])).toEqual([[true, false], [true, true], [false, false]]);
    const own = out.verification.signatures.find((s) => s.coversWholeFile)!;
    expect(own.byteRange[2]! + own.byteRange[3]!).toBe(signedSize);
    expect(pdfsig(core.content.pathOf(out.version.hash)).filter((s) => s.valid)).toHaveLength(2);
  }, 30_000);

  it('an untrusted signer: verdict untrusted with the reason; a damaged file: invalid; unsigned: no warning', async () => {
    const untrusted = await stageFile(await signedBy(pki.untrustedLeaf.p12Path!, 'untrusted.pdf'));
    const a = await call(core, 'incoming.analyze', { hash: untrusted.hash, name: untrusted.name });
    expect(a.signatures).toMatchObject({ verdict: 'untrusted', count: 1 });
    expect(a.signatures!.problems[0]).toMatch(/^Phạm Văn Lạ: .*gốc tin cậy/);
    expect(a.proposal.codeNumber).toBeTruthy();

    // One byte of the signed page content changed: the digest no longer matches.
    const good = readFileSync(await signedBy(pki.leaf.p12Path!, 'good.pdf'));
    const at = good.indexOf('stream', 1000, 'latin1') + 20;
    good[at] = good[at]! ^ 0x01;
    const tamperedPath = path.join(env.dir, 'tampered.pdf');
    writeFileSync(tamperedPath, good);
    const tampered = await stageFile(tamperedPath);
    const b = await call(core, 'incoming.analyze', { hash: tampered.hash, name: tampered.name });
    expect(b.signatures).toMatchObject({ verdict: 'invalid', count: 1 });
    expect(b.signatures!.problems[0]).toMatch(/NỘI DUNG ĐÃ BỊ THAY ĐỔI/);

    const plain = await stageFile(pdf);
    const c = await call(core, 'incoming.analyze', { hash: plain.hash, name: plain.name });
    expect(c.signatures).toEqual({ verdict: 'unsigned', count: 0, problems: [] });
  }, 30_000);
});

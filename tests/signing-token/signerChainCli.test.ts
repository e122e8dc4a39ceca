/**
 * The command line embeds the signer's chain (intermediates the token or .p12 lacks come from --ca, unrelated
 * certificates on the token stay out), so `openssl cms -verify -CAfile root.pem` succeeds with no -untrusted; a wrong
 * --pkcs11 path is bad input (exit 2); the data folder's trust store (`vanthu trust`) serves as --trust and --ca do.
 * (--ltv outcomes are in tests/signing/cli.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { describeCertificate } from '../../electron/core/signing/pki/certificates';
import { parseSignedData } from '../../electron/core/signing/cms/cms';
import { msg } from '../../shared/messages';
import { opensslVerify, pdfsig, signaturesByQpdf } from '../signing/pdfTools';
import { createTestPki, type TestPki } from '../support/testPki';
import { createSoftToken, SOFTHSM_MODULE } from './softToken';

const PIN = '246810';
let pki: TestPki;
let work: string;
let input: string;
let workFile: string;
/** A .p12 holding the key and its certificate only, as some CAs hand them out. */
let leafOnlyP12: string;

/** Runs in `data` (default: a folder without a store, so the machine's own trust store never takes part). */
async function cli(args: string[], data = join(work, 'no-store')): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data', data, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

const embeddedSubjects = (cms: Uint8Array) => parseSignedData(cms).certificates.map((c) => describeCertificate(c).subjectCommonName);

function pdfCms(file: string): Buffer {
  const [sig] = signaturesByQpdf(file);
  return sig!.contents;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-chain-'));
  pki = createTestPki();
  // The token holds the signer's key and certificate plus an unrelated CA certificate, but not the intermediate.
  const token = createSoftToken(join(work, 'hsm'), 'Token chuoi', PIN, [{ label: 'Ky so', id: '0b', type: 'rsa:2048', commonName: 'Trần Văn Chuỗi' }], {
    certPath: pki.intermediate.certPath,
    keyPath: pki.intermediate.keyPath,
    chainOnToken: [pki.untrustedRoot.certPath],
  });
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  process.env.VANTHU_CHAIN_PIN = PIN;
  leafOnlyP12 = join(work, 'leaf-only.p12');
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.leaf.keyPath, '-in', pki.leaf.certPath, '-out', leafOnlyP12, '-passout', 'env:VANTHU_TEST_P12_PASSWORD']);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595.28, 841.89]).drawText('Cong van so 7/UBND-VP', { x: 72, y: 760, size: 16, font });
  input = join(work, 'in.pdf');
  writeFileSync(input, await doc.save());
  workFile = join(work, 'Báo cáo.docx');
  writeFileSync(workFile, Buffer.from('PK\u0003\u0004 báo cáo quý IV'));
});

afterAll(() => {
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

const token = ['--pkcs11', SOFTHSM_MODULE, '--pin-env', 'VANTHU_CHAIN_PIN'];
const p12 = (file: string) => ['--p12', file, '--password-env', 'VANTHU_TEST_P12_PASSWORD'];
const attachment = ['--kind', 'attachment', '--number', '7', '--notation', 'UBND-VP'];

describe.skipIf(!SOFTHSM_MODULE)('the signer chain in the CMS (SoftHSM2 token, .p12)', () => {
  it('a token signature carries the intermediate from --ca, not the unrelated certificate; openssl needs only the root', async () => {
    const bare = join(work, 'bare.pdf');
    expect((await cli(['sign', input, '-o', bare, ...token, ...attachment])).code).toBe(0);
    // Without the intermediate openssl cannot build the chain: the situation --ca fixes.
    const without = opensslVerify(bare, signaturesByQpdf(bare)[0]!.byteRange, pdfCms(bare), pki.rootPemPath, work);
    expect(without.ok).toBe(false);
    expect(without.output).toContain('unable to get local issuer certificate');

    const signed = join(work, 'chained.pdf');
    const result = await cli(['sign', input, '-o', signed, ...token, ...attachment, '--ca', pki.intermediate.certPath, '--ca', pki.untrustedLeaf.certPath]);
    expect(result).toMatchObject({ code: 0, err: [] });
    const [sig] = signaturesByQpdf(signed);
    expect(opensslVerify(signed, sig!.byteRange, sig!.contents, pki.rootPemPath, work)).toMatchObject({ ok: true });
    expect(embeddedSubjects(sig!.contents).sort()).toEqual([describeCertificate(pki.intermediate.certDer).subjectCommonName, 'Trần Văn Chuỗi'].sort());
    expect(pdfsig(signed)).toMatchObject([{ valid: true }]);
  });

  it('a detached .p7s from the token or from a leaf-only .p12 verifies with -CAfile root.pem and no -untrusted', async () => {
    const verify = (p7s: string) =>
      spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-content', workFile, '-in', p7s, '-CAfile', pki.rootPemPath, '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    for (const [name, source] of [
      ['token', token],
      ['p12', p12(leafOnlyP12)],
    ] as const) {
      const p7s = join(work, `${name}.p7s`);
      expect((await cli(['sign-file', workFile, '-o', p7s, ...source, '--ca', pki.intermediate.certPath])).code).toBe(0);
      const r = verify(p7s);
      expect(r.stderr).toContain('Verification successful');
      expect(embeddedSubjects(readFileSync(p7s))).toHaveLength(2);
    }
  });

  it('a --pkcs11 path that does not exist, or a file that is no PKCS#11 library, is bad input (exit 2)', async () => {
    const missing = await cli(['sign', input, '-o', join(work, 'x.pdf'), '--pkcs11', join(work, 'no-such-lib.so'), '--pin-env', 'VANTHU_CHAIN_PIN', ...attachment]);
    expect(missing).toMatchObject({ code: 2, err: [msg('signingPolish.moduleMissing', { path: join(work, 'no-such-lib.so') })] });
    const notLibrary = await cli(['sign-file', workFile, '--pkcs11', input, '--pin-env', 'VANTHU_CHAIN_PIN']);
    expect(notLibrary).toMatchObject({ code: 2, err: [msg('token.moduleUnloadable', { path: input })] });
    expect(existsSync(join(work, 'x.pdf'))).toBe(false);
  });
});

describe("the data folder's trust store (vanthu trust) on the command line", () => {
  it('verify and verify-file trust its root through its intermediate; sign embeds the intermediate; --ltv ends the chain at its root', async () => {
    const store = join(work, 'store');
    expect((await cli(['trust', 'add', pki.rootPemPath], store)).code).toBe(0);
    expect((await cli(['trust', 'add', pki.intermediate.certPath], store)).code).toBe(0);

    // Signed without a store: the CMS carries the leaf only, so verifying needs the stored intermediate as well.
    const leafOnlyPdf = join(work, 'leaf-only.pdf');
    expect((await cli(['sign', input, '-o', leafOnlyPdf, ...p12(leafOnlyP12), ...attachment])).code).toBe(0);
    expect(embeddedSubjects(pdfCms(leafOnlyPdf))).toEqual(['Nguyễn Văn An']);
    expect((await cli(['verify', leafOnlyPdf])).code).toBe(1);
    const verified = await cli(['verify', leafOnlyPdf, '--json'], store);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.out.join('\n'))).toMatchObject({ valid: true, signatures: [{ trusted: true }] });

    const p7s = join(work, 'leaf-only.p7s');
    expect((await cli(['sign-file', workFile, '-o', p7s, ...p12(leafOnlyP12)])).code).toBe(0);
    expect(embeddedSubjects(readFileSync(p7s))).toHaveLength(1);
    const fileVerified = await cli(['verify-file', workFile, p7s], store);
    expect(fileVerified).toMatchObject({ code: 0, out: expect.arrayContaining([msg('fileSig.valid')]) });

    const inStore = join(work, 'store-signed.pdf');
    expect(await cli(['sign', input, '-o', inStore, ...p12(leafOnlyP12), ...attachment], store)).toMatchObject({ code: 0, err: [] });
    expect(embeddedSubjects(pdfCms(inStore)).sort()).toEqual([describeCertificate(pki.intermediate.certDer).subjectCommonName, 'Nguyễn Văn An'].sort());

    // Neither the CMS nor --ca holds the root: without the store the chain has no end and nothing is written.
    const ltv = join(work, 'store-ltv.pdf');
    expect((await cli(['sign', input, '-o', join(work, 'no-store-ltv.pdf'), ...p12(leafOnlyP12), ...attachment, '--ltv'])).code).toBe(1);
    const withStore = await cli(['sign', input, '-o', ltv, ...p12(leafOnlyP12), ...attachment, '--ltv'], store);
    expect(withStore.code).toBe(0);
    expect(withStore.out.join('\n')).toContain(msg('ltv.added', { certs: 3, ocsps: 0, crls: 0 }));
    expect(pdfsig(ltv)).toMatchObject([{ valid: true }]);
  });
});

/**
 * The command line embeds the signer's chain (intermediates the token or .p12 lacks come from --ca, unrelated
 * certificates on the token stay out), so `openssl cms -verify -CAfile root.pem` succeeds with no -untrusted; a wrong
 * --pkcs11 path is bad input (exit 2). (--ltv outcomes are in tests/signing/cli.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import { describeCertificate } from '../../electron/core/signing/certificates';
import { parseSignedData } from '../../electron/core/signing/cms';
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

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
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

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData } from '../../electron/core/signing/cms/cms';
import { signPdf } from '../../electron/core/signing/pdfSigner';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { opensslVerify, pdfsig, signaturesByQpdf } from '../signing/pdfTools';
import { ecdsaRawToDer, openPkcs11Module, TokenError, tokenErrorFrom, withPkcs11Signer } from '../../electron/core/signing/signers/pkcs11Signer';
import { msg } from '../../shared/messages';
import { createTestPki, type TestPki } from '../support/testPki';
import { createSoftToken, SOFTHSM_MODULE, type SoftToken } from './softToken';

const PIN = '246810';
let pki: TestPki;
let token: SoftToken;
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'vanthu-token-'));
  pki = createTestPki();
  token = createSoftToken(
    work,
    'Vanthu Token',
    PIN,
    [
      { label: 'Chu ky RSA', id: '01', type: 'rsa:2048', commonName: 'Nguyễn Thị Token' },
      { label: 'Chu ky EC', id: '02', type: 'EC:prime256v1', commonName: 'Trần Văn EC' },
    ],
    { certPath: pki.intermediate.certPath, keyPath: pki.intermediate.keyPath, chainOnToken: [pki.intermediate.certPath] },
  );
  // SoftHSM reads its configuration when the library is initialised in this process.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
});

afterAll(() => {
  pki?.cleanup();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Signs `content` as a detached CMS with the token key and lets openssl judge it against the test root. */
async function signAndVerifyWithOpenssl(keyLabel: string, content: Buffer): Promise<{ status: number; stderr: string }> {
  const cms = await withPkcs11Signer(SOFTHSM_MODULE, { token: 'Vanthu Token', keyLabel, pin: PIN }, (signer) =>
    buildSignedData({ digest: createHash('sha256').update(content).digest(), signer }),
  );
  const contentPath = join(work, `${keyLabel}.bin`);
  const sigPath = join(work, `${keyLabel}.p7s`);
  writeFileSync(contentPath, content);
  writeFileSync(sigPath, cms);
  const r = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sigPath, '-content', contentPath, '-CAfile', pki.rootPemPath, '-purpose', 'any', '-out', '/dev/null']);
  return { status: r.status ?? -1, stderr: r.stderr.toString() };
}

describe('PKCS#11 signer on a SoftHSM2 token', () => {
  it('lists the token and its certificates without the PIN', () => {
    const module = openPkcs11Module(SOFTHSM_MODULE);
    try {
      expect(module.listTokens().map((t) => t.label)).toContain('Vanthu Token');
      const certs = module.listCertificates('Vanthu Token');
      const rsa = certs.find((c) => c.label === 'Chu ky RSA');
      expect(rsa?.info.subjectCommonName).toBe('Nguyễn Thị Token');
      expect(rsa?.info.issuerCommonName).toBe('CA phục vụ thử nghiệm G2');
      expect(rsa?.info.keyUsage).toEqual({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
      expect(rsa?.info.validTo.getTime()).toBeGreaterThan(Date.now());
      expect(rsa?.hasKeyPair).toBe(true);
      expect(certs.find((c) => c.label === 'Chu ky EC')?.hasKeyPair).toBe(true);
      expect(certs.find((c) => c.label === 'CA 0')).toMatchObject({ hasKeyPair: false, info: { isCa: true } });
    } finally {
      module.close();
    }
  });

  it('signs with an RSA key that never left the token; openssl cms -verify accepts the CMS', async () => {
    const r = await signAndVerifyWithOpenssl('Chu ky RSA', Buffer.from('Quyết định số 12/QĐ-UBND — nội dung thử'));
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
  });

  it('signs with an ECDSA key (r||s converted to DER); openssl cms -verify accepts the CMS', async () => {
    const r = await signAndVerifyWithOpenssl('Chu ky EC', Buffer.from('Báo cáo tháng 11'));
    expect(r.stderr).toContain('Verification successful');
    expect(r.status).toBe(0);
  });

  it('signs a PDF through the PDF signer with the token key; pdfsig and openssl accept it', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc.addPage([595.28, 841.89]).drawText('Cong van so 88/UBND-VP', { x: 72, y: 760, size: 16, font });
    const input = join(work, 'to-sign.pdf');
    const output = join(work, 'token-signed.pdf');
    writeFileSync(input, await doc.save());
    for (const keyLabel of ['Chu ky RSA', 'Chu ky EC']) {
      await withPkcs11Signer(SOFTHSM_MODULE, { keyLabel, pin: PIN }, (signer) =>
        signPdf({ input, output, signer, appearance: { kind: 'attachment', numberNotation: '88/UBND-VP' } }),
      );
      const [sig] = pdfsig(output);
      expect(sig).toMatchObject({ valid: true, totalDocumentSigned: true, commonName: keyLabel === 'Chu ky RSA' ? 'Nguyễn Thị Token' : 'Trần Văn EC' });
      const [qpdfSig] = signaturesByQpdf(output);
      expect(opensslVerify(output, qpdfSig!.byteRange, qpdfSig!.contents, pki.rootPemPath, work).ok).toBe(true);
    }
  });

  it('asks which key when the token holds several and none was named', async () => {
    const module = openPkcs11Module(SOFTHSM_MODULE);
    try {
      await expect(module.openSigner({ pin: PIN })).rejects.toMatchObject({ reason: 'manyKeys' });
      await expect(module.openSigner({ pin: PIN, keyLabel: 'Không có' })).rejects.toMatchObject({ reason: 'keyNotFound' });
      await expect(module.openSigner({ pin: PIN, token: 'Token khác', keyLabel: 'Chu ky RSA' })).rejects.toMatchObject({ reason: 'tokenNotFound' });
    } finally {
      module.close();
    }
  });

  it('refuses a wrong PIN with a Vietnamese message that does not echo the PIN', async () => {
    const wrongPin = '999000';
    const failure = await withPkcs11Signer(SOFTHSM_MODULE, { keyLabel: 'Chu ky RSA', pin: wrongPin }, async () => 'signed').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TokenError);
    expect((failure as TokenError).reason).toBe('pinIncorrect');
    expect((failure as TokenError).message).toBe(msg('token.pinIncorrect'));
    expect(JSON.stringify(failure) + String((failure as Error).stack)).not.toContain(wrongPin);
    // The failed login left no session behind: the right PIN works at once.
    const ok = await withPkcs11Signer(SOFTHSM_MODULE, { keyLabel: 'Chu ky RSA', pin: PIN }, async (s) => s.keyAlgorithm);
    expect(ok).toBe('rsa');
  });

  it('tells a removed token apart from other failures', async () => {
    // SoftHSM2 keeps a token as a directory; moving it away while a session is logged in is what a pulled USB token
    // looks like to this library: object handles go stale and the token no longer answers C_GetTokenInfo.
    const tokenDirs = execFileSync('ls', [join(work, 'tokens')], { encoding: 'utf8' }).trim().split('\n');
    const tokenDir = join(work, 'tokens', tokenDirs[0]!);
    const module = openPkcs11Module(SOFTHSM_MODULE);
    const signer = await module.openSigner({ token: 'Vanthu Token', keyLabel: 'Chu ky RSA', pin: PIN });
    renameSync(tokenDir, `${tokenDir}.pulled`);
    try {
      const failure = await signer.signDigest(new Uint8Array(32).fill(7)).catch((e: unknown) => e);
      expect((failure as TokenError).reason).toBe('removed');
      expect((failure as TokenError).message).toBe(msg('token.removed'));
    } finally {
      await signer.close();
      module.close();
      renameSync(`${tokenDir}.pulled`, tokenDir);
    }
    // Plugged back in, the token signs again.
    const again = await withPkcs11Signer(SOFTHSM_MODULE, { keyLabel: 'Chu ky RSA', pin: PIN }, (s) => s.signDigest(new Uint8Array(32)));
    expect(again.length).toBe(256);
  });

  it('a token pulled in the middle of signPdf: the removal message, the input unchanged, no output and no temporary file', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc.addPage([595.28, 841.89]).drawText('Thong bao so 9/TB-UBND', { x: 72, y: 760, size: 16, font });
    const outDir = mkdtempSync(join(work, 'pulled-'));
    const input = join(outDir, 'thong-bao.pdf');
    const inputBytes = Buffer.from(await doc.save());
    writeFileSync(input, inputBytes);
    const tokenDir = join(work, 'tokens', readdirSync(join(work, 'tokens')).find((d) => !d.endsWith('.pulled'))!);
    const module = openPkcs11Module(SOFTHSM_MODULE);
    const signer = await module.openSigner({ token: 'Vanthu Token', keyLabel: 'Chu ky RSA', pin: PIN });
    let pulled = false;
    try {
      const failure = await signPdf({
        input,
        output: join(outDir, 'da-ky.pdf'),
        signer,
        appearance: { kind: 'attachment', numberNotation: '9/TB-UBND' },
        // The document is read and hashed, the key is about to sign: the moment the USB token is pulled.
        onProgress: (p) => {
          if (p.phase === 'signing' && !pulled) {
            pulled = true;
            renameSync(tokenDir, `${tokenDir}.pulled`);
          }
        },
      }).catch((e: unknown) => e);
      expect(pulled).toBe(true);
      expect(failure).toBeInstanceOf(TokenError);
      expect((failure as TokenError).message).toBe(msg('token.removed'));
    } finally {
      await signer.close();
      module.close();
      if (pulled) renameSync(`${tokenDir}.pulled`, tokenDir);
    }
    expect(readFileSync(input).equals(inputBytes)).toBe(true);
    expect(readdirSync(outDir)).toEqual(['thong-bao.pdf']);
  });

  it('maps the Cryptoki codes SoftHSM2 cannot produce (PIN lock, device removal) to their messages', async () => {
    // SoftHSM2 has no PIN retry counter and no hot-plug, so these codes are fed in as the pkcs11js error they arrive as.
    const { default: pkcs11js } = await import('pkcs11js');
    const error = (name: string, code: number) => new pkcs11js.Pkcs11Error(`${name}:${code}`, code, 'C_Login');
    expect(tokenErrorFrom(error('CKR_PIN_LOCKED', 0xa4)).message).toBe(msg('token.pinLocked'));
    expect(tokenErrorFrom(error('CKR_PIN_INCORRECT', 0xa0), true).message).toBe(msg('token.pinIncorrectFinalTry'));
    for (const [name, code] of [['CKR_DEVICE_REMOVED', 0x32], ['CKR_TOKEN_NOT_PRESENT', 0xe0], ['CKR_SESSION_HANDLE_INVALID', 0xb3]] as const) {
      expect(tokenErrorFrom(error(name, code)).reason).toBe('removed');
    }
    expect(tokenErrorFrom(error('CKR_FUNCTION_FAILED', 6)).message).toBe(msg('token.failed', { code: 'CKR_FUNCTION_FAILED' }));
  });

  it('reports an unloadable module path clearly', () => {
    expect(() => openPkcs11Module(join(work, 'khong-co.so'))).toThrow(msg('token.moduleUnloadable', { path: join(work, 'khong-co.so') }));
  });
});

describe('ECDSA signature conversion', () => {
  it('encodes r||s as minimal positive INTEGERs, as openssl reads them', () => {
    const raw = Buffer.concat([Buffer.from('00'.repeat(1) + '80' + '11'.repeat(30), 'hex'), Buffer.from('01'.repeat(32), 'hex')]);
    const der = Buffer.from(ecdsaRawToDer(raw));
    const parsed = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
    expect(parsed).toContain(`INTEGER           :80${'11'.repeat(30)}`);
    expect(parsed).toContain(`INTEGER           :${'01'.repeat(32)}`);
    expect(der[3]).toBe(32); // 0x80… needs a leading 0x00 after dropping the redundant one: 31 + 1 bytes
  });
});

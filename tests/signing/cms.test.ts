import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertMaySign, describeCertificate, signingRefusal } from '../../electron/core/signing/pki/certificates';
import { buildSignedData, checkSignerInfo, OID, parseSignedData } from '../../electron/core/signing/cms/cms';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { createTestPki, type TestPki } from '../support/testPki';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

const content = Buffer.from('Quyết định số 125/QĐ-UBND — nội dung được ký', 'utf8');
const digest = createHash('sha256').update(content).digest();

describe('PKCS#12 signer', () => {
  it('opens the .p12 with a Vietnamese password and finds the leaf and its chain', () => {
    const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
    expect(Buffer.from(signer.certificate).equals(Buffer.from(pki.leaf.certDer))).toBe(true);
    expect(signer.chain).toHaveLength(2);
    expect(describeCertificate(signer.certificate).subjectCommonName).toBe('Nguyễn Văn An');
  });

  it('opens every OpenSSL 3 file with a non-ASCII password, also one whose wrong first key passes forge by chance', () => {
    // forge derives PBES2 keys from a non-ASCII password wrongly, and its padding check lets a few such keys in a thousand
    // through, decrypting garbage. Export until forge alone trips over exactly that, then the signer must open it. 600
    // tries missed it in one CI run in about ten; 3,000 miss it about once in a hundred thousand.
    const exported = path.join(pki.dir, 'non-ascii.p12');
    const env = { ...process.env, VANTHU_TEST_P12_PASSWORD: pki.password };
    let garbage: Buffer | null = null;
    for (let attempt = 0; attempt < 3000 && !garbage; attempt++) {
      execFileSync('openssl', ['pkcs12', '-export', '-inkey', pki.leaf.keyPath, '-in', pki.leaf.certPath, '-out', exported, '-passout', 'env:VANTHU_TEST_P12_PASSWORD'], { env });
      const bytes = readFileSync(exported);
      try {
        forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), false, pki.password);
      } catch (error) {
        if (!/decrypt/i.test(String(error))) garbage = bytes;
      }
    }
    expect(garbage, 'no export in 3,000 made forge decrypt garbage').not.toBeNull();
    const signer = openP12Signer(garbage!, pki.password);
    expect(Buffer.from(signer.certificate).equals(Buffer.from(pki.leaf.certDer))).toBe(true);
  }, 240_000);

  it('refuses a wrong password with a Vietnamese message', () => {
    expect(() => openP12Signer(readFileSync(pki.leaf.p12Path!), 'sai mật khẩu')).toThrow(/Mật khẩu .* không đúng/);
    expect(() => openP12Signer(readFileSync(pki.leaf.p12Path!), 'wrong')).toThrow(/Mật khẩu .* không đúng/);
  });

  it('refuses a file that is not PKCS#12', () => {
    expect(() => openP12Signer(Buffer.from('not a p12 at all'), 'x')).toThrow(/không đúng định dạng PKCS#12/);
  });
});

describe('certificate checks', () => {
  it('describes subject, issuer, validity, serial and key usage', () => {
    const info = describeCertificate(pki.leaf.certDer);
    expect(info.issuerCommonName).toBe('CA phục vụ thử nghiệm G2');
    expect(info.keyUsage).toEqual({ digitalSignature: true, nonRepudiation: true, keyCertSign: false });
    expect(info.validTo.getTime()).toBeGreaterThan(Date.now());
    const openssl = execFileSync('openssl', ['x509', '-in', pki.leaf.certPath, '-noout', '-serial'], { encoding: 'utf8' });
    expect(openssl.trim()).toBe(`serial=${info.serialNumber}`);
  });

  it('refuses expired, not yet valid and wrong-usage certificates with the reason', () => {
    expect(signingRefusal(pki.leaf.certDer, new Date())).toBeNull();
    expect(signingRefusal(pki.expiredLeaf.certDer, new Date())).toMatch(/Trần Thị Hết Hạn.*đã hết hạn ngày 01\/01\/2021/);
    expect(signingRefusal(pki.leaf.certDer, new Date('2001-01-01'))).toMatch(/chưa có hiệu lực/);
    expect(() => assertMaySign(pki.wrongUsageLeaf.certDer)).toThrow(/digitalSignature hoặc nonRepudiation/);
  });
});

describe('CMS SignedData', () => {
  it('builds a detached PAdES-baseline CMS that openssl verifies against the root', async () => {
    const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
    const cms = await buildSignedData({ digest, signer });
    const cmsPath = path.join(pki.dir, 'content.p7s');
    const contentPath = path.join(pki.dir, 'content.txt');
    writeFileSync(cmsPath, cms);
    writeFileSync(contentPath, content);
    const out = execFileSync(
      'openssl',
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsPath, '-content', contentPath, '-CAfile', pki.rootPemPath, '-purpose', 'any', '-out', '/dev/null'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(out).toBe('');

    const parsed = parseSignedData(cms);
    const oids = parsed.signerInfo.signedAttributes.map((a) => a.oid);
    expect(oids).toEqual(expect.arrayContaining([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
    expect(oids).not.toContain(OID.signingTime);
    // ESSCertIDv2 carries the SHA-256 of the signer's certificate (RFC 5035), binding the signature to it.
    const essCertV2 = parsed.signerInfo.signedAttributes.find((a) => a.oid === OID.signingCertificateV2)!.values[0]!;
    const certHash = createHash('sha256').update(signer.certificate).digest();
    expect(Buffer.from(essCertV2).includes(Buffer.concat([Buffer.from([0x04, 0x20]), certHash]))).toBe(true);
    expect(checkSignerInfo(parsed, digest)).toEqual({ digestMatches: true, signatureValid: true });
    expect(checkSignerInfo(parsed, createHash('sha256').update('other').digest()).digestMatches).toBe(false);
  });

  it('adds signing time on request and unsigned attributes computed over the signature value', async () => {
    const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
    let seen: Uint8Array | null = null;
    const when = new Date('2026-11-15T03:04:05Z');
    const cms = await buildSignedData({
      digest,
      signer,
      signingTime: when,
      unsignedAttributesFor: async (signatureValue) => {
        seen = signatureValue;
        return [{ oid: OID.signatureTimeStampToken, values: [Uint8Array.of(0x05, 0x00)] }];
      },
    });
    const parsed = parseSignedData(cms);
    expect(parsed.signerInfo.signingTime?.toISOString()).toBe(when.toISOString());
    expect(Buffer.from(seen!).equals(Buffer.from(parsed.signerInfo.signature))).toBe(true);
    expect(parsed.signerInfo.unsignedAttributes).toEqual([{ oid: OID.signatureTimeStampToken, values: [Uint8Array.of(0x05, 0x00)] }]);
    expect(checkSignerInfo(parsed, digest).signatureValid).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOcspRequest, newOcspNonce, readOcspResponse } from '../../electron/core/signing/pki/ocsp';
import { fetchRevocation, revocationFromStored, revocationUrls, RevocationError } from '../../electron/core/signing/pki/revocation';
import { readCrl } from '../../electron/core/signing/pki/revocationCrl';
import { msg } from '../../shared/messages';
import { createTestPki, type TestCert, type TestPki } from '../support/testPki';
import { freePort, issueOcspResponderCertificate, revocationExtensions, revoke, startCrlServer, startOcspResponder, type TestService } from './testRevocation';

let pki: TestPki;
let ocsp: TestService;
let crl: TestService;
let good: TestCert;
let revoked: TestCert;
let crlOnly: TestCert;
let ocspPort: number;

beforeAll(async () => {
  pki = createTestPki();
  ocspPort = await freePort();
  const crlPort = await freePort();
  const issue = (name: string, cn: string, ocspAt: number | null) =>
    pki.issue({ name, subject: `/C=VN/O=UBND tỉnh Thử Nghiệm/CN=${cn}`, issuer: pki.intermediate, extensions: revocationExtensions(ocspAt, crlPort) });
  good = issue('ocsp-good', 'Còn Hiệu Lực', ocspPort);
  revoked = issue('ocsp-revoked', 'Đã Thu Hồi', ocspPort);
  crlOnly = issue('crl-only', 'Chỉ Có CRL', null);
  revoke(pki, revoked);
  ocsp = await startOcspResponder(pki, issueOcspResponderCertificate(pki), ocspPort);
  crl = await startCrlServer(pki, crlPort, good);
});

afterAll(async () => {
  await ocsp?.close();
  await crl?.close();
  pki?.cleanup();
});

const issuer = () => pki.intermediate.certDer;

describe('revocation status from openssl ocsp and a CRL', () => {
  it('reads the OCSP and CRL addresses from the certificate', () => {
    const urls = revocationUrls(good.certDer);
    expect(urls.ocsp).toEqual([ocsp.url]);
    expect(urls.crl).toEqual([crl.url]);
    expect(revocationUrls(crlOnly.certDer).ocsp).toEqual([]);
  });

  it('reports a good certificate good and a revoked one revoked, over OCSP with a delegated responder', async () => {
    const g = await fetchRevocation(good.certDer, issuer());
    expect(g).toMatchObject({ status: 'good', source: 'ocsp', revokedAt: null });
    const r = await fetchRevocation(revoked.certDer, issuer());
    expect(r).toMatchObject({ status: 'revoked', source: 'ocsp' });
    expect(Math.abs(r.revokedAt!.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    // The stored response stays checkable offline, and only for the certificate it is about.
    expect(revocationFromStored(revoked.certDer, issuer(), { ocsps: [g.der, r.der], crls: [] })?.status).toBe('revoked');
    expect(() => readOcspResponse(g.der, revoked.certDer, issuer())).toThrow();
  });

  it('falls back to the CRL when the certificate names no OCSP responder', async () => {
    const c = await fetchRevocation(crlOnly.certDer, issuer());
    expect(c).toMatchObject({ status: 'good', source: 'crl' });
    const onCrl = readCrl(c.der, revoked.certDer, issuer());
    expect(onCrl).toMatchObject({ status: 'revoked', signatureValid: true });
    // A CRL checked against another CA's key is not trusted.
    expect(readCrl(c.der, revoked.certDer, pki.untrustedRoot.certDer).signatureValid).toBe(false);
  });

  it('refuses an OCSP answer that does not echo the nonce it was asked with', async () => {
    const nonce = newOcspNonce();
    const response = new Uint8Array(
      await (
        await fetch(ocsp.url, { method: 'POST', headers: { 'Content-Type': 'application/ocsp-request' }, body: new Uint8Array(buildOcspRequest(good.certDer, issuer(), nonce)) })
      ).arrayBuffer(),
    );
    expect(readOcspResponse(response, good.certDer, issuer(), nonce)).toMatchObject({ status: 'good', signatureValid: true });
    expect(() => readOcspResponse(response, good.certDer, issuer(), newOcspNonce())).toThrow(msg('revocation.detail.ocspNonce'));
  });

  it('does not trust an OCSP response whose signed part was altered', async () => {
    const g = await fetchRevocation(good.certDer, issuer());
    const tampered = Uint8Array.from(g.der);
    const at = Buffer.from(tampered).indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    tampered[at + 3] = tampered[at + 3]! ^ 1;
    expect(readOcspResponse(tampered, good.certDer, issuer()).signatureValid).toBe(false);
    expect(revocationFromStored(good.certDer, issuer(), { ocsps: [tampered], crls: [] })).toBeNull();
  });

  it('says clearly when no revocation source answers', async () => {
    const lonely = pki.issue({
      name: 'no-sources',
      subject: '/C=VN/O=UBND/CN=Không Nguồn',
      issuer: pki.intermediate,
      extensions: ['basicConstraints = critical,CA:FALSE', 'keyUsage = critical,digitalSignature'],
    });
    await expect(fetchRevocation(lonely.certDer, issuer())).rejects.toThrow(msg('revocation.noSource', { subject: 'Không Nguồn' }));
    await ocsp.close();
    const failure = await fetchRevocation(revoked.certDer, issuer(), { timeoutMs: 2_000 }).catch((e: unknown) => e);
    // With the responder down the CRL still answers, and still says revoked.
    expect(failure).toMatchObject({ status: 'revoked', source: 'crl' });
    await crl.close();
    const none = await fetchRevocation(revoked.certDer, issuer(), { timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(RevocationError);
    expect((none as Error).message).toBe(msg('revocation.unreachable', { url: crl.url }));
  });
});

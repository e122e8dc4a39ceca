import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedData, OID, parseSignedData } from '../../electron/core/signing/cms/cms';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import {
  acceptTimeStampResp,
  buildTimeStampReq,
  readTstInfo,
  requestSignatureTimestamp,
  signatureTimestampAttribute,
  TimestampError,
} from '../../electron/core/signing/pki/timestamp';
import { verifySignatureTimestamp, verifyTimestampToken } from '../../electron/core/signing/pki/timestampVerify';
import { msg } from '../../shared/messages';
import { createTestPki, type TestPki } from '../support/testPki';
import { issueTsaCertificate, startTestTsa, type TestTsa } from './testTsa';

let pki: TestPki;
let tsa: TestTsa;
const content = Buffer.from('Công văn số 45/UBND-VP gửi các sở, ngành', 'utf8');

beforeAll(async () => {
  pki = createTestPki();
  tsa = await startTestTsa(pki, issueTsaCertificate(pki));
});
afterAll(async () => {
  await tsa?.close();
  pki?.cleanup();
});

const roots = () => [pki.root.certDer];

async function timestampedCms(): Promise<Uint8Array> {
  const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
  return buildSignedData({
    digest: createHash('sha256').update(content).digest(),
    signer,
    unsignedAttributesFor: signatureTimestampAttribute({ url: tsa.url }),
  });
}

describe('RFC 3161 timestamp (B-T)', () => {
  it('adds a token over the signature value that openssl ts -verify accepts, and the CMS still verifies', async () => {
    const cms = await timestampedCms();
    const parsed = parseSignedData(cms);
    const token = parsed.signerInfo.unsignedAttributes.find((a) => a.oid === OID.signatureTimeStampToken)?.values[0];
    expect(token).toBeDefined();

    const tokenPath = join(pki.dir, 'sig.tst');
    writeFileSync(tokenPath, token!);
    const imprint = createHash('sha256').update(parsed.signerInfo.signature).digest('hex');
    const ts = spawnSync('openssl', ['ts', '-verify', '-token_in', '-in', tokenPath, '-digest', imprint, '-CAfile', pki.rootPemPath, '-untrusted', tsa.chainPemPath]);
    expect(ts.stdout.toString()).toContain('Verification: OK');

    const cmsPath = join(pki.dir, 'ts.p7s');
    const contentPath = join(pki.dir, 'ts.txt');
    writeFileSync(cmsPath, cms);
    writeFileSync(contentPath, content);
    const cmsCheck = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsPath, '-content', contentPath, '-CAfile', pki.rootPemPath, '-purpose', 'any', '-out', '/dev/null']);
    expect(cmsCheck.stderr.toString()).toContain('Verification successful');

    const info = readTstInfo(token!);
    expect(Math.abs(info.genTime.getTime() - Date.now())).toBeLessThan(60_000);
    const verdict = verifySignatureTimestamp(parsed, roots());
    expect(verdict).toMatchObject({ imprintMatches: true, signatureValid: true, tsaPurposeOk: true, chainTrusted: true, valid: true });
    expect(verdict?.tsaName).toBe('Máy chủ cấp dấu thời gian thử nghiệm');
  });

  it('rejects a token shown with another signature value, or against roots that do not include the TSA chain', async () => {
    const parsed = parseSignedData(await timestampedCms());
    const token = parsed.signerInfo.unsignedAttributes.find((a) => a.oid === OID.signatureTimeStampToken)!.values[0]!;
    const other = Uint8Array.from(parsed.signerInfo.signature);
    other[10] = other[10]! ^ 1;
    expect(verifyTimestampToken({ token, signatureValue: other, trustedRoots: roots() })).toMatchObject({ imprintMatches: false, valid: false });
    expect(verifyTimestampToken({ token, signatureValue: parsed.signerInfo.signature, trustedRoots: [pki.untrustedRoot.certDer] })).toMatchObject({
      chainTrusted: false,
      signatureValid: true,
      valid: false,
    });
    const tampered = Uint8Array.from(token);
    const genTimeAt = Buffer.from(tampered).indexOf(Buffer.from(String(new Date().getUTCFullYear())));
    tampered[genTimeAt + 3] = tampered[genTimeAt + 3]! ^ 1; // another year inside TSTInfo
    expect(verifyTimestampToken({ token: tampered, signatureValue: parsed.signerInfo.signature, trustedRoots: roots() })).toMatchObject({ signatureValid: false, valid: false });
  });

  it('refuses an answer carrying another nonce or imprint', async () => {
    const imprint = createHash('sha256').update('chữ ký').digest();
    const nonce = Uint8Array.from([0x11, 2, 3, 4, 5, 6, 7, 8]);
    const response = new Uint8Array(
      await (await fetch(tsa.url, { method: 'POST', headers: { 'Content-Type': 'application/timestamp-query' }, body: new Uint8Array(buildTimeStampReq(imprint, nonce)) })).arrayBuffer(),
    );
    expect(readTstInfo(acceptTimeStampResp(response, imprint, nonce)).nonce).toBe('1102030405060708');
    expect(() => acceptTimeStampResp(response, imprint, Uint8Array.from([0x12, 2, 3, 4, 5, 6, 7, 8]))).toThrow(msg('tsa.mismatch'));
    expect(() => acceptTimeStampResp(response, createHash('sha256').update('khác').digest(), nonce)).toThrow(msg('tsa.mismatch'));
    expect(() => acceptTimeStampResp(Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x02]), imprint, nonce)).toThrow(TimestampError);
  });

  it('gives up on a slow TSA after the configured timeout with a clear message', async () => {
    const slow = await startTestTsa(pki, tsa.cert, { delayMs: 3_000 });
    try {
      const started = Date.now();
      const failure = await requestSignatureTimestamp(new Uint8Array(256), { url: slow.url, timeoutMs: 400 }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(failure).toBeInstanceOf(TimestampError);
      expect((failure as TimestampError).reason).toBe('timeout');
      expect((failure as Error).message).toBe(msg('tsa.timeout', { url: slow.url, seconds: '0,4' }));
    } finally {
      await slow.close();
    }
  });

  it('reports an unreachable TSA', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/tsa`;
    await expect(requestSignatureTimestamp(new Uint8Array(256), { url, timeoutMs: 5_000 })).rejects.toThrow(msg('tsa.unreachable', { url }));
  });
});

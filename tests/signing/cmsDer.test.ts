/** The signed attributes of our CMS are a DER SET OF: sorted by their encodings, as PAdES validators recompute them. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import forge from 'node-forge';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSignedData, OID } from '../../electron/core/signing/cms/cms';
import { openP12Signer } from '../../electron/core/signing/signers/p12Signer';
import { createTestPki, type TestPki } from '../support/testPki';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki.cleanup());

/** X.690 §11.6: SET OF elements in ascending order of their encodings, a shorter one as if padded with zeros. */
function derBefore(x: Buffer, y: Buffer): boolean {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const a = x[i] ?? 0;
    const b = y[i] ?? 0;
    if (a !== b) return a < b;
  }
  return true;
}

it('writes the signed attributes (with signing-time, which sorts between the others) in DER order', async () => {
  const signer = openP12Signer(readFileSync(pki.leaf.p12Path!), pki.password);
  const digest = new Uint8Array(createHash('sha256').update('Quyết định số 125/QĐ-UBND').digest());
  const cms = await buildSignedData({ digest, signer, signingTime: new Date('2026-11-15T03:00:00Z') });

  // Read with node-forge's ASN.1 parser, not ours: ContentInfo → [0] SignedData → signerInfos → SignerInfo → [0].
  const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(cms).toString('binary')));
  const signedData = (contentInfo.value as forge.asn1.Asn1[])[1]!.value[0] as forge.asn1.Asn1;
  const signerInfos = (signedData.value as forge.asn1.Asn1[]).at(-1)!;
  const signerInfo = (signerInfos.value as forge.asn1.Asn1[])[0]!;
  const signedAttrs = (signerInfo.value as forge.asn1.Asn1[]).find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0)!;
  const attributes = signedAttrs.value as forge.asn1.Asn1[];
  const encodings = attributes.map((a) => Buffer.from(forge.asn1.toDer(a).getBytes(), 'binary'));
  const oids = attributes.map((a) => forge.asn1.derToOid((a.value as forge.asn1.Asn1[])[0]!.value as string));

  expect([...oids].sort()).toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2, OID.signingTime].sort());
  // Written in the order the code lists them, these would not be sorted: the check has something to catch.
  expect(oids).not.toEqual([OID.contentType, OID.messageDigest, OID.signingCertificateV2, OID.signingTime]);
  for (let i = 1; i < encodings.length; i++) expect(derBefore(encodings[i - 1]!, encodings[i]!), `attribute ${i} follows ${i - 1} in DER order`).toBe(true);
});

/**
 * CMS SignedData for PAdES baseline and CAdES detached signatures (RFC 5652, ETSI EN 319 122-1 / 319 142-1).
 *
 * Built by hand over ./der rather than with node-forge's pkcs7 helper, because that helper: signs only with a forge
 * private key held in memory (no asynchronous Signer, so no PKCS#11 token); knows only content-type, message-digest and
 * signing-time among signed attributes (PAdES needs signing-certificate-v2); does not sort SET OF elements as DER
 * requires; and offers no place for unsigned attributes such as the RFC 3161 signature-time-stamp token.
 */
import { createHash, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import {
  child,
  children,
  concat,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  readOid,
  readTime,
  readTlv,
  sequence,
  setOf,
  TAG,
  tlv,
  type Tlv,
  utcTime,
} from './der';
import { chainToRoot } from '../pki/certificateChain';
import { issuerAndSerial } from '../pki/certificates';
import type { Signer } from '../signers/signer';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  /** RFC 3161 token over the SignerInfo signature value (RFC 3161 appendix A). */
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
} as const;

export interface CmsAttribute {
  oid: string;
  /** DER of each attribute value. */
  values: Uint8Array[];
}

export interface BuildSignedDataOptions {
  /** SHA-256 of the signed content (the PDF byte ranges, or the whole file for a detached .p7s). */
  digest: Uint8Array;
  signer: Signer;
  /** Only when asked: PAdES puts the claimed signing time in the signature dictionary's /M instead. */
  signingTime?: Date;
  /** Unsigned attributes known in advance. */
  unsignedAttributes?: CmsAttribute[];
  /**
   * Called once the signature value exists, for unsigned attributes computed over it — typically the
   * signature-time-stamp token: hash `signatureValue` with SHA-256, ask the TSA, return
   * `[{ oid: OID.signatureTimeStampToken, values: [tokenContentInfoDer] }]`.
   */
  unsignedAttributesFor?: (signatureValue: Uint8Array) => Promise<CmsAttribute[]>;
  /**
   * Certificates that may complete the signer's chain (intermediates from the trust store or given by the person);
   * only those on the path from the signer's certificate up are embedded.
   */
  extraCertificates?: Uint8Array[];
}

const algorithm = (id: string, withNull: boolean): Uint8Array => (withNull ? sequence(oid(id), nullValue()) : sequence(oid(id)));

function attribute(a: CmsAttribute): Uint8Array {
  return sequence(oid(a.oid), setOf(a.values));
}

/** ESS signing-certificate-v2 (RFC 5035): SHA-256 of the signer's certificate plus its issuer and serial. */
function signingCertificateV2(certificate: Uint8Array): Uint8Array {
  const hash = new Uint8Array(createHash('sha256').update(certificate).digest());
  const { issuerDer, serialDer } = issuerAndSerial(certificate);
  // hashAlgorithm is omitted: SHA-256 is its DEFAULT, and DER forbids encoding a default value.
  const issuerSerial = sequence(sequence(explicit(4, issuerDer)), serialDer);
  return sequence(sequence(sequence(octetString(hash), issuerSerial)));
}

/**
 * The certificates a verifier needs besides its own roots: the signer's, then each issuer found among those the signer
 * carries (a token or .p12 may hold unrelated ones too) and those the caller supplies, up to the root when one of them
 * is it. Signed files often carry only the leaf and then fail wherever the intermediate is not installed; the root
 * costs a kilobyte and lets long-term validation end the chain without configured roots, and a verifier still trusts
 * only its own copy.
 */
export function signerCertificatePath(certificate: Uint8Array, candidates: Uint8Array[]): Uint8Array[] {
  return chainToRoot(certificate, candidates, [], new Date()).chain;
}

/** Builds a detached SignedData ContentInfo (DER). */
export async function buildSignedData(options: BuildSignedDataOptions): Promise<Uint8Array> {
  const { signer, digest } = options;
  const signedAttributes: CmsAttribute[] = [
    { oid: OID.contentType, values: [oid(OID.data)] },
    { oid: OID.messageDigest, values: [octetString(digest)] },
    { oid: OID.signingCertificateV2, values: [signingCertificateV2(signer.certificate)] },
  ];
  if (options.signingTime) signedAttributes.push({ oid: OID.signingTime, values: [utcTime(options.signingTime)] });

  // The signature covers the attributes encoded as a SET (tag 0x31); inside SignerInfo the same bytes carry tag [0].
  const signedSet = setOf(signedAttributes.map(attribute));
  const signedAttrsDigest = new Uint8Array(createHash('sha256').update(signedSet).digest());
  const signatureValue = await signer.signDigest(signedAttrsDigest);

  const unsigned = [...(options.unsignedAttributes ?? []), ...(options.unsignedAttributesFor ? await options.unsignedAttributesFor(signatureValue) : [])];
  const { issuerDer, serialDer } = issuerAndSerial(signer.certificate);
  const signatureAlgorithm = signer.keyAlgorithm === 'rsa' ? algorithm(OID.rsaEncryption, true) : algorithm(OID.ecdsaWithSha256, false);
  const signerInfo = sequence(
    integer(1),
    sequence(issuerDer, serialDer),
    algorithm(OID.sha256, false),
    tlv(0xa0, signedSet.subarray(readTlv(signedSet).contentStart)),
    signatureAlgorithm,
    octetString(signatureValue),
    ...(unsigned.length ? [setOf(unsigned.map(attribute), 0xa1)] : []),
  );

  const certificates = signerCertificatePath(signer.certificate, [...signer.chain, ...(options.extraCertificates ?? [])]);
  const signedData = sequence(
    integer(1),
    setOf([algorithm(OID.sha256, false)]),
    sequence(oid(OID.data)),
    setOf(certificates, 0xa0),
    setOf([signerInfo]),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing, for verification

export interface ParsedSignerInfo {
  digestAlgorithm: string;
  signatureAlgorithm: string;
  /** The signed attributes re-tagged as SET: the exact bytes the signature covers. */
  signedAttributesDer: Uint8Array | null;
  signedAttributes: CmsAttribute[];
  unsignedAttributes: CmsAttribute[];
  messageDigest: Uint8Array | null;
  signingTime: Date | null;
  signature: Uint8Array;
  issuerDer: Uint8Array | null;
  serialDer: Uint8Array | null;
}

export interface ParsedSignedData {
  certificates: Uint8Array[];
  signerInfo: ParsedSignerInfo;
  /** The certificate matching the signer's IssuerAndSerialNumber, when embedded. */
  signerCertificate: Uint8Array | null;
}

function parseAttributes(set: Tlv): CmsAttribute[] {
  return children(set).map((a) => {
    const [type, values] = children(a);
    return { oid: readOid(type!), values: children(values!).map((v) => v.bytes) };
  });
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/** Parses a DER ContentInfo holding SignedData with one SignerInfo (as PAdES and CAdES produce). Throws on garbage. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  const contentInfo = readTlv(der);
  if (readOid(child(contentInfo, 0)) !== OID.signedData) throw new Error('not a SignedData');
  const signedData = child(child(contentInfo, 1), 0);
  const fields = children(signedData);
  const certificates = fields.filter((f) => f.tag === 0xa0).flatMap((f) => children(f).filter((c) => c.tag === TAG.sequence).map((c) => c.bytes));
  const signerInfos = fields[fields.length - 1]!;
  const si = children(child(signerInfos, 0));
  let i = 1;
  const sid = si[i++]!;
  const digestAlgorithm = readOid(child(si[i++]!, 0));
  let signedAttributesDer: Uint8Array | null = null;
  let signedAttributes: CmsAttribute[] = [];
  if (si[i]!.tag === 0xa0) {
    const tagged = si[i++]!;
    signedAttributesDer = concat([Uint8Array.of(TAG.set), tagged.bytes.subarray(1, tagged.contentStart - tagged.start), tagged.content]);
    signedAttributes = parseAttributes(tagged);
  }
  const signatureAlgorithm = readOid(child(si[i++]!, 0));
  const signature = si[i++]!.content;
  const unsignedAttributes = si[i]?.tag === 0xa1 ? parseAttributes(si[i]!) : [];

  const find = (id: string) => signedAttributes.find((a) => a.oid === id)?.values[0];
  const md = find(OID.messageDigest);
  const st = find(OID.signingTime);
  let issuerDer: Uint8Array | null = null;
  let serialDer: Uint8Array | null = null;
  if (sid.tag === TAG.sequence) {
    issuerDer = child(sid, 0).bytes;
    serialDer = child(sid, 1).bytes;
  }
  const signerCertificate =
    certificates.find((c) => {
      const ids = issuerAndSerial(c);
      return issuerDer && serialDer && equalBytes(ids.issuerDer, issuerDer) && equalBytes(ids.serialDer, serialDer);
    }) ?? null;

  return {
    certificates,
    signerCertificate,
    signerInfo: {
      digestAlgorithm,
      signatureAlgorithm,
      signedAttributesDer,
      signedAttributes,
      unsignedAttributes,
      messageDigest: md ? readTlv(md).content : null,
      signingTime: st ? readTime(readTlv(st)) : null,
      signature,
      issuerDer,
      serialDer,
    },
  };
}

const DIGEST_NAMES: Record<string, string> = {
  [OID.sha256]: 'sha256',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export function digestName(digestOid: string): string | null {
  return DIGEST_NAMES[digestOid] ?? null;
}

/**
 * Checks the cryptography of a parsed SignerInfo against the digest of the signed content:
 * message-digest equals the content digest, and the signature over the signed attributes verifies with the signer
 * certificate's public key.
 */
export function checkSignerInfo(parsed: ParsedSignedData, contentDigest: Uint8Array): { digestMatches: boolean; signatureValid: boolean } {
  const { signerInfo, signerCertificate } = parsed;
  const digestMatches = !!signerInfo.messageDigest && equalBytes(signerInfo.messageDigest, contentDigest);
  const hash = digestName(signerInfo.digestAlgorithm);
  if (!signerCertificate || !signerInfo.signedAttributesDer || !hash) return { digestMatches, signatureValid: false };
  try {
    const key = new X509Certificate(signerCertificate).publicKey;
    const signatureValid = cryptoVerify(hash, signerInfo.signedAttributesDer, key, signerInfo.signature);
    return { digestMatches, signatureValid };
  } catch {
    return { digestMatches, signatureValid: false };
  }
}

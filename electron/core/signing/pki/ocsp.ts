/**
 * OCSP (RFC 6960): asking the CA's responder whether a certificate is revoked, and reading its signed answer.
 * Built over ./der like the CMS code, for the same reason: the response is stored verbatim in the PDF's DSS and its
 * signature is checked over the exact bytes received.
 */
import { createHash, randomBytes, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { msg } from '../../../../shared/messages';
import { child, children, explicit, octetString, oid, readOid, readTime, readTlv, sequence, TAG, type Tlv } from '../cms/der';

const OID_SHA1 = '1.3.14.3.2.26';
const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
const OID_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

/** Signature algorithm OID → the hash node:crypto verifies with (RSA PKCS#1 v1.5 and ECDSA). */
export const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
const DIGESTS: Record<string, string> = { [OID_SHA1]: 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256' };

export type CertStatus = 'good' | 'revoked' | 'unknown';

export interface OcspAnswer {
  status: CertStatus;
  revokedAt: Date | null;
  producedAt: Date;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Signed by the issuing CA itself or by a responder it authorised (extendedKeyUsage OCSPSigning). */
  signatureValid: boolean;
  /** The complete OCSPResponse, as the DSS /OCSPs array stores it. */
  der: Uint8Array;
}

/** Thrown when a response cannot be used at all (not successful, unreadable, about another certificate, replayed). */
export class OcspUnusable extends Error {}

export interface CertParts {
  serial: Tlv;
  issuerName: Tlv;
  subjectName: Tlv;
  publicKeyBits: Uint8Array;
}

export function certParts(der: Uint8Array): CertParts {
  const fields = children(child(readTlv(der), 0));
  const f = fields[0]?.tag === 0xa0 ? fields.slice(1) : fields;
  const spki = f[5]!;
  return { serial: f[0]!, issuerName: f[2]!, subjectName: f[4]!, publicKeyBits: child(spki, 1).content.subarray(1) };
}

function hashWith(algorithm: string, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(algorithm).update(data).digest());
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** CertID with SHA-1, the hash every responder understands (RFC 6960 §4.1.1; RFC 5019 profiles it). */
function certId(cert: Uint8Array, issuer: Uint8Array): Uint8Array {
  const c = certParts(cert);
  const i = certParts(issuer);
  return sequence(sequence(oid(OID_SHA1)), octetString(hashWith('sha1', c.issuerName.bytes)), octetString(hashWith('sha1', i.publicKeyBits)), c.serial.bytes);
}

export function buildOcspRequest(cert: Uint8Array, issuer: Uint8Array, nonce: Uint8Array): Uint8Array {
  const nonceExtension = sequence(oid(OID_OCSP_NONCE), octetString(octetString(nonce)));
  const tbsRequest = sequence(sequence(sequence(certId(cert, issuer))), explicit(2, sequence(nonceExtension)));
  return sequence(tbsRequest);
}

export function newOcspNonce(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

function matchesCert(certIdTlv: Tlv, cert: Uint8Array, issuer: Uint8Array): boolean {
  const [algorithm, nameHash, keyHash, serial] = children(certIdTlv);
  const hash = DIGESTS[readOid(child(algorithm!, 0))];
  if (!hash) return false;
  const c = certParts(cert);
  const i = certParts(issuer);
  return (
    same(serial!.bytes, c.serial.bytes) && same(nameHash!.content, hashWith(hash, c.issuerName.bytes)) && same(keyHash!.content, hashWith(hash, i.publicKeyBits))
  );
}

function verifies(hash: string, data: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return cryptoVerify(hash, data, key, signature);
  } catch {
    return false;
  }
}

/** The issuer itself, or a certificate the issuer signed for OCSP signing, whose key verifies the response. */
function responderSignatureValid(tbs: Uint8Array, algorithmOid: string, signature: Uint8Array, embedded: Uint8Array[], issuer: Uint8Array, at: Date): boolean {
  const hash = SIGNATURE_HASHES[algorithmOid];
  if (!hash) return false;
  const issuerX509 = new X509Certificate(issuer);
  if (verifies(hash, tbs, issuerX509.publicKey, signature)) return true;
  return embedded.some((der) => {
    const responder = new X509Certificate(der);
    const delegated =
      responder.checkIssued(issuerX509) &&
      responder.verify(issuerX509.publicKey) &&
      (responder.keyUsage ?? []).includes(OID_OCSP_SIGNING) &&
      new Date(responder.validFrom) <= at &&
      at <= new Date(responder.validTo);
    return delegated && verifies(hash, tbs, responder.publicKey, signature);
  });
}

/**
 * Reads an OCSPResponse about `cert`. `nonce`, when given, must be echoed if the responder echoes nonces at all
 * (many answer from a cache without one, which RFC 5019 allows).
 */
export function readOcspResponse(der: Uint8Array, cert: Uint8Array, issuer: Uint8Array, nonce?: Uint8Array): OcspAnswer {
  let answer: OcspAnswer | null;
  try {
    answer = parse(der, cert, issuer, nonce);
  } catch (error) {
    if (error instanceof OcspUnusable) throw error;
    throw new OcspUnusable(msg('revocation.detail.ocspUnreadable'));
  }
  if (!answer) throw new OcspUnusable(msg('revocation.detail.ocspOtherCertificate'));
  return answer;
}

function parse(der: Uint8Array, cert: Uint8Array, issuer: Uint8Array, nonce?: Uint8Array): OcspAnswer | null {
  const response = readTlv(der);
  const [status, bytes] = children(response);
  if (status!.content[0] !== 0) throw new OcspUnusable(msg('revocation.detail.ocspStatus', { status: status!.content[0]! }));
  const responseBytes = child(bytes!, 0);
  if (readOid(child(responseBytes, 0)) !== OID_OCSP_BASIC) throw new OcspUnusable(msg('revocation.detail.ocspNotBasic'));
  const basic = readTlv(child(responseBytes, 1).content);
  const [tbs, signatureAlgorithm, signatureBits, certsWrapper] = children(basic);
  const embedded = certsWrapper ? children(child(certsWrapper, 0)).map((c) => c.bytes) : [];

  const fields = children(tbs!);
  const rest = fields[0]!.tag === 0xa0 ? fields.slice(1) : fields; // version [0] is optional
  const producedAt = readTime(rest[1]!);
  const singles = children(rest[2]!);
  const extensions = rest[3]?.tag === 0xa1 ? children(child(rest[3], 0)) : [];
  const echoed = extensions.find((e) => readOid(child(e, 0)) === OID_OCSP_NONCE);
  if (nonce && echoed) {
    // RFC 8954 wraps the nonce in an OCTET STRING inside extnValue; older responders put the bare bytes there.
    const extnValue = children(echoed).at(-1)!.content;
    const inner = readTlv(extnValue);
    const echoedNonce = inner.tag === TAG.octetString && inner.end === extnValue.length ? inner.content : extnValue;
    if (!same(echoedNonce, nonce)) throw new OcspUnusable(msg('revocation.detail.ocspNonce'));
  }

  const single = singles.find((s) => matchesCert(child(s, 0), cert, issuer));
  if (!single) return null;
  const parts = children(single);
  const statusTlv = parts[1]!;
  const thisUpdate = readTime(parts[2]!);
  const nextWrapper = parts.slice(3).find((p) => p.tag === 0xa0);
  const certStatus: CertStatus = statusTlv.tag === 0x80 ? 'good' : statusTlv.tag === 0xa1 ? 'revoked' : 'unknown';
  return {
    status: certStatus,
    revokedAt: certStatus === 'revoked' ? readTime(child(statusTlv, 0)) : null,
    producedAt,
    thisUpdate,
    nextUpdate: nextWrapper ? readTime(child(nextWrapper, 0)) : null,
    signatureValid: responderSignatureValid(tbs!.bytes, readOid(child(signatureAlgorithm!, 0)), signatureBits!.content.subarray(1), embedded, issuer, producedAt),
    der: new Uint8Array(der),
  };
}

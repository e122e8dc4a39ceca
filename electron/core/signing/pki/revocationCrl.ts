/** Certificate revocation lists (RFC 5280 §5): is a serial listed, and did the issuer sign the list. */
import { verify as cryptoVerify, X509Certificate } from 'node:crypto';
import { msg } from '../../../../shared/messages';
import { child, children, readOid, readTime, readTlv, TAG, type Tlv } from '../cms/der';
import { certParts, SIGNATURE_HASHES, type CertStatus } from './ocsp';

export interface CrlAnswer {
  status: Exclude<CertStatus, 'unknown'>;
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** The issuer named by the CRL signed it with the key of the certificate's issuer. */
  signatureValid: boolean;
  der: Uint8Array;
}

export class CrlUnusable extends Error {}

const isTime = (t: Tlv | undefined) => t?.tag === TAG.utcTime || t?.tag === TAG.generalizedTime;

/** Accepts DER or PEM ("X509 CRL"). */
export function crlDer(bytes: Uint8Array): Uint8Array {
  const head = Buffer.from(bytes.subarray(0, 32)).toString('latin1');
  if (!head.startsWith('-----BEGIN')) return bytes;
  return new Uint8Array(Buffer.from(Buffer.from(bytes).toString('latin1').replace(/-----[^-]+-----|\s+/g, ''), 'base64'));
}

/** Reads a CRL for `cert`; throws CrlUnusable when it is not a CRL of the certificate's issuer. */
export function readCrl(bytes: Uint8Array, cert: Uint8Array, issuer: Uint8Array): CrlAnswer {
  const der = crlDer(bytes);
  let tbs: Tlv, algorithm: Tlv, signature: Tlv;
  let fields: Tlv[];
  try {
    [tbs, algorithm, signature] = children(readTlv(der)) as [Tlv, Tlv, Tlv];
    fields = children(tbs);
  } catch {
    throw new CrlUnusable(msg('revocation.detail.crlUnreadable'));
  }
  const f = fields[0]?.tag === TAG.integer ? fields.slice(1) : fields; // version is optional
  const parts = certParts(cert);
  const serial = parts.serial.content;
  const issuerName = parts.issuerName.bytes;
  if (!Buffer.from(f[1]!.bytes).equals(Buffer.from(issuerName))) throw new CrlUnusable(msg('revocation.detail.crlOtherIssuer'));
  const thisUpdate = readTime(f[2]!);
  const nextUpdate = isTime(f[3]) ? readTime(f[3]!) : null;
  const revokedList = f.slice(nextUpdate ? 4 : 3).find((t) => t.tag === TAG.sequence);
  const entry = revokedList ? children(revokedList).find((e) => Buffer.from(child(e, 0).content).equals(Buffer.from(serial))) : undefined;

  const hash = SIGNATURE_HASHES[readOid(child(algorithm, 0))];
  let signatureValid = false;
  try {
    signatureValid = !!hash && cryptoVerify(hash, tbs.bytes, new X509Certificate(issuer).publicKey, signature.content.subarray(1));
  } catch {
    signatureValid = false;
  }
  return {
    status: entry ? 'revoked' : 'good',
    revokedAt: entry ? readTime(child(entry, 1)) : null,
    thisUpdate,
    nextUpdate,
    signatureValid,
    der: new Uint8Array(der),
  };
}

/** Reading X.509 certificates: what a person needs to see, and whether a certificate may sign at a given time. */
import { X509Certificate } from 'node:crypto';
import { shortVietnameseDate, vietnamLocalTime } from '../../../../shared/domain/dates';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { SigningRefusal } from '../signers/signingRefusal';
import { child, children, readOid, readTlv, TAG, type Tlv } from '../cms/der';

export interface KeyUsage {
  digitalSignature: boolean;
  nonRepudiation: boolean;
  keyCertSign: boolean;
}

export interface CertificateInfo {
  subjectCommonName: string;
  /** The full subject, one "KEY=value" per line as OpenSSL prints it. */
  subject: string;
  issuerCommonName: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
  /** Upper-case hex without separators. */
  serialNumber: string;
  /** null when the certificate has no keyUsage extension (any use is then permitted by RFC 5280). */
  keyUsage: KeyUsage | null;
  isCa: boolean;
  sha256Fingerprint: string;
}

/** The parts of a certificate CMS needs verbatim: issuer Name and serial INTEGER, as DER. */
export interface IssuerAndSerial {
  issuerDer: Uint8Array;
  serialDer: Uint8Array;
}

const KEY_USAGE_OID = '2.5.29.15';

function tbsParts(der: Uint8Array): { tbs: Tlv; fields: Tlv[] } {
  const tbs = child(readTlv(der), 0);
  const fields = children(tbs);
  // version is an optional [0] EXPLICIT field in front; skip it so indices mean the same thing for v1 and v3.
  return { tbs, fields: fields[0]?.tag === 0xa0 ? fields.slice(1) : fields };
}

export function issuerAndSerial(der: Uint8Array): IssuerAndSerial {
  const { fields } = tbsParts(der);
  return { serialDer: fields[0]!.bytes, issuerDer: fields[2]!.bytes };
}

function readKeyUsage(der: Uint8Array): KeyUsage | null {
  const { fields } = tbsParts(der);
  const extensionsWrapper = fields.find((f) => f.tag === 0xa3);
  if (!extensionsWrapper) return null;
  for (const ext of children(child(extensionsWrapper, 0))) {
    const parts = children(ext);
    if (readOid(parts[0]!) !== KEY_USAGE_OID) continue;
    const value = readTlv(parts[parts.length - 1]!.content); // extnValue OCTET STRING wraps a BIT STRING
    if (value.tag !== TAG.bitString) return null;
    const first = value.content[1] ?? 0; // content[0] counts unused bits
    return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0, keyCertSign: (first & 0x04) !== 0 };
  }
  return null;
}

/** One attribute of a distinguished name as Node prints it (one "KEY=value" a line, RFC 2253 escapes), unescaped. */
function nameField(dn: string, key: string): string | null {
  const line = dn.split('\n').find((l) => l.startsWith(`${key}=`));
  return line ? line.slice(key.length + 1).replace(/\\(.)/g, '$1') : null;
}

function commonName(dn: string): string {
  return nameField(dn, 'CN') ?? dn.split('\n').join(', ');
}

/** Who a signing certificate names: the person (CN) and, when the subject has one, the organisation (O). */
export function certificateHolder(der: Uint8Array): { name: string; organisation?: string } {
  const subject = toX509(der).subject;
  const organisation = nameField(subject, 'O');
  return { name: commonName(subject), ...(organisation ? { organisation } : {}) };
}

export function toX509(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new AppError('BAD_INPUT', msg('signing.certUnreadable'));
  }
}

export function describeCertificate(der: Uint8Array): CertificateInfo {
  const cert = toX509(der);
  return {
    subjectCommonName: commonName(cert.subject),
    subject: cert.subject,
    issuerCommonName: commonName(cert.issuer),
    issuer: cert.issuer,
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    serialNumber: cert.serialNumber.toUpperCase(),
    keyUsage: readKeyUsage(der),
    isCa: cert.ca,
    sha256Fingerprint: cert.fingerprint256.replace(/:/g, ''),
  };
}

/** "05/01/2026": the day an instant falls on in Vietnam, as messages show dates. */
const vietnamDate = (instant: Date): string => shortVietnameseDate(vietnamLocalTime(instant).slice(0, 10));

/** Why a certificate may not sign at `at`, as a Vietnamese message, or null when it may. */
export function signingRefusal(der: Uint8Array, at: Date): string | null {
  const info = describeCertificate(der);
  const subject = info.subjectCommonName;
  if (at.getTime() > info.validTo.getTime()) return msg('signing.certExpired', { subject, date: vietnamDate(info.validTo) });
  if (at.getTime() < info.validFrom.getTime()) return msg('signing.certNotYetValid', { subject, date: vietnamDate(info.validFrom) });
  if (info.keyUsage && !info.keyUsage.digitalSignature && !info.keyUsage.nonRepudiation) return msg('signing.certKeyUsage', { subject });
  return null;
}

/** Throws the refusal as an AppError; signing code calls this before touching any file. */
export function assertMaySign(der: Uint8Array, at: Date = new Date()): void {
  const refusal = signingRefusal(der, at);
  if (refusal) throw new SigningRefusal(refusal);
}

export function pemToDer(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)) {
    out.push(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  }
  return out;
}

/** Reads certificates from PEM (one or several) or a single DER file's bytes. */
export function readCertificates(bytes: Uint8Array): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN CERTIFICATE-----')) return pemToDer(text);
  toX509(bytes);
  return [bytes];
}

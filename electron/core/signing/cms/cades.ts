/**
 * Signatures of work files that are not PDFs (docx, xlsx, zip, …): a detached CAdES signature in a .p7s beside the
 * file. The file is hashed as a stream, so its size does not matter; the CMS is the same builder as for PDFs, with
 * the signing time as a signed attribute since a .p7s has no signature dictionary to carry it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { chainToRoot, type ChainResult } from '../pki/certificateChain';
import { assertMaySign, describeCertificate, type CertificateInfo } from '../pki/certificates';
import { buildSignedData, checkSignerInfo, digestName, parseSignedData, type ParsedSignedData } from './cms';
import type { Signer } from '../signers/signer';
import { signatureTimestampAttribute, type TsaOptions } from '../pki/timestamp';
import { verifySignatureTimestamp, type TimestampVerification } from '../pki/timestampVerify';

export async function hashFile(path: string, algorithm = 'sha256'): Promise<Uint8Array> {
  const hash = createHash(algorithm);
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    throw new AppError('UNREADABLE_FILE', msg('fileSig.fileUnreadable', { file: path }));
  }
  return new Uint8Array(hash.digest());
}

export interface SignFileOptions {
  file: string;
  signer: Signer;
  /** Adds an RFC 3161 timestamp (CAdES-T). */
  tsa?: TsaOptions;
  /** Intermediates to embed when the signer does not carry them. */
  extraCertificates?: Uint8Array[];
  signingTime?: Date;
}

/** Refuses an expired or non-signing certificate; returns the DER of the detached .p7s, which the caller writes atomically. */
export async function signFileDetached(options: SignFileOptions): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  assertMaySign(options.signer.certificate, signingTime);
  const digest = await hashFile(options.file);
  return buildSignedData({
    digest,
    signer: options.signer,
    signingTime,
    ...(options.extraCertificates ? { extraCertificates: options.extraCertificates } : {}),
    ...(options.tsa ? { unsignedAttributesFor: signatureTimestampAttribute(options.tsa) } : {}),
  });
}

export interface FileSignatureReport {
  /** The file hashes to the signed message digest: not a byte changed since signing. */
  intact: boolean;
  /** The signer's signature over the signed attributes verifies. */
  signatureValid: boolean;
  signer: CertificateInfo | null;
  /** The certificate chains to a configured root and every link was valid at `checkedAt`. */
  trusted: boolean;
  chain: ChainResult | null;
  signingTime: Date | null;
  timestamp: TimestampVerification | null;
  /** The time the chain was judged at: the timestamp's when valid, else the claimed signing time, else now. */
  checkedAt: Date;
  valid: boolean;
}

/** Accepts DER or the PEM ("PKCS7" / "CMS") that some tools write. */
function p7sDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (!text.startsWith('-----BEGIN')) return bytes;
  const body = Buffer.from(bytes).toString('latin1').replace(/-----[^-]+-----|\s+/g, '');
  return new Uint8Array(Buffer.from(body, 'base64'));
}

export interface VerifyFileOptions {
  file: string;
  p7s: Uint8Array;
  trustedRoots: Uint8Array[];
  /** Intermediates supplied by the client (signed files often embed the leaf only). */
  extraCertificates?: Uint8Array[];
}

export async function verifyFileSignature(options: VerifyFileOptions): Promise<FileSignatureReport> {
  let parsed: ParsedSignedData;
  try {
    parsed = parseSignedData(p7sDer(options.p7s));
  } catch {
    throw new AppError('UNREADABLE_FILE', msg('fileSig.p7sUnreadable'));
  }
  const algorithm = digestName(parsed.signerInfo.digestAlgorithm);
  if (!algorithm) throw new AppError('UNREADABLE_FILE', msg('fileSig.digestUnsupported', { oid: parsed.signerInfo.digestAlgorithm }));
  const { digestMatches, signatureValid } = checkSignerInfo(parsed, await hashFile(options.file, algorithm));

  const pool = [...parsed.certificates, ...(options.extraCertificates ?? [])];
  const timestamp = verifySignatureTimestamp(parsed, options.trustedRoots, options.extraCertificates);
  const signingTime = parsed.signerInfo.signingTime;
  const checkedAt = timestamp?.valid && timestamp.time ? timestamp.time : (signingTime ?? new Date());
  const chain = parsed.signerCertificate ? chainToRoot(parsed.signerCertificate, pool, options.trustedRoots, checkedAt) : null;
  const trusted = chain?.trusted ?? false;
  return {
    intact: digestMatches,
    signatureValid,
    signer: parsed.signerCertificate ? describeCertificate(parsed.signerCertificate) : null,
    trusted,
    chain,
    signingTime,
    timestamp,
    checkedAt,
    valid: digestMatches && signatureValid && trusted && (timestamp === null || timestamp.valid),
  };
}

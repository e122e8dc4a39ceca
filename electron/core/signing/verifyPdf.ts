/**
 * Verifies every signature of a PDF: integrity of its byte ranges (hashed in one streaming pass for all signatures),
 * whether those ranges cover a whole revision, the certificate path to the configured roots, validity at signing
 * time, revocation and timestamp when a checker is supplied, and what later revisions changed.
 */
import { statSync } from 'node:fs';
import { msg } from '../../../shared/messages';
import { describeCertificate, type CertificateInfo } from './certificates';
import { chainToRoot } from './cadesTrust';
import { checkSignerInfo, parseSignedData, type ParsedSignedData } from './cms';
import { hashByteRanges } from './hashRanges';
import { compareRevisions, type ChangesAfter } from './pdfChanges';
import { PdfFile } from './pdfFile';
import { PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from './pdfObjects';
import { readErrorToAppError } from './pdfOpen';
import { verifySignatureTimestamp } from './timestampVerify';

export type RevocationStatus = 'good' | 'revoked' | 'unknown' | 'notChecked';

export interface VerifyOptions {
  /** DER certificates trusted as roots. */
  trustedRoots: Uint8Array[];
  /** Intermediates to use when the signature embeds only the leaf. */
  extraCertificates?: Uint8Array[];
  /** Revocation of the signer's chain at `at` (OCSP/CRL, embedded DSS data or online). */
  checkRevocation?: (chain: Uint8Array[], at: Date, file: string) => Promise<RevocationStatus>;
}

export interface SignatureReport {
  index: number;
  fieldName: string;
  /** Subject common name of the signer certificate. */
  signer: string;
  certificate: CertificateInfo | null;
  subFilter: string;
  byteRange: number[];
  /** The time the signature is judged at: the timestamp's when present, else the claimed one. */
  signingTime: string | null;
  signingTimeSource: 'timestamp' | 'claimed' | 'none';
  /** message-digest equals the digest of the signed bytes and the signature over the attributes verifies. */
  intact: boolean;
  /** The ranges start at 0, leave out exactly /Contents, and end at the end of a revision (%%EOF). */
  coversRevision: boolean;
  coversWholeFile: boolean;
  trusted: boolean;
  chain: string[];
  certificateValidAtSigningTime: boolean;
  revocation: RevocationStatus;
  /** The RFC 3161 signature timestamp, when the CMS carries one (valid: imprint, TSA signature, purpose, chain). */
  timestamp: { time: string | null; valid: boolean; tsa: string | null } | null;
  changesAfter: ChangesAfter;
  changeDetails: string[];
  valid: boolean;
  /** Vietnamese, one line per problem. */
  problems: string[];
}

export interface VerifyReport {
  valid: boolean;
  signatures: SignatureReport[];
}

interface FoundSignature {
  fieldName: string;
  dict: PdfDict;
  byteRange: [number, number, number, number];
}

/** Signature fields with a value, walking the AcroForm field tree (FT may be inherited from a parent). */
function findSignatures(file: PdfFile): FoundSignature[] {
  const acroForm = file.dict(file.catalog().get('AcroForm'));
  const out: FoundSignature[] = [];
  const seen = new Set<number>();
  const walk = (value: PdfValue, parentName: string, parentFt: string | undefined, depth: number): void => {
    if (depth > 32) return;
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
    }
    const node = file.dict(value);
    if (!node) return;
    const t = node.get('T');
    const fieldName = t instanceof PdfString ? (parentName ? `${parentName}.${t.text}` : t.text) : parentName;
    const ft = node.name('FT') ?? parentFt;
    const kids = file.resolve(node.get('Kids'));
    if (Array.isArray(kids)) kids.forEach((k) => walk(k, fieldName, ft, depth + 1));
    const v = file.dict(node.get('V'));
    if (ft === 'Sig' && v) {
      const br = file.resolve(v.get('ByteRange'));
      if (Array.isArray(br) && br.length === 4 && br.every((n) => typeof n === 'number')) {
        out.push({ fieldName, dict: v, byteRange: br as [number, number, number, number] });
      }
    }
  };
  const fields = file.resolve(acroForm?.get('Fields'));
  if (Array.isArray(fields)) fields.forEach((f) => walk(f, '', undefined, 0));
  return out.sort((a, b) => a.byteRange[2] + a.byteRange[3] - (b.byteRange[2] + b.byteRange[3]));
}

function parsePdfDate(value: PdfValue | undefined): Date | null {
  if (!(value instanceof PdfString)) return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?/.exec(value.text);
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  return new Date(utc - sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0)) * 60_000);
}

/** True when `end` is the end of a revision: "%%EOF" followed by at most one end-of-line. */
function endsRevision(file: PdfFile, end: number): boolean {
  if (end > file.size || end < 5) return false;
  const tail = file.read(Math.max(0, end - 8), Math.min(8, end)).toString('latin1');
  return /%%EOF(\r\n|\r|\n)?$/.test(tail);
}

export async function verifyPdf(path: string, options: VerifyOptions): Promise<VerifyReport> {
  let file: PdfFile;
  try {
    file = PdfFile.open(path);
  } catch (error) {
    throw readErrorToAppError(error);
  }
  try {
    let found: FoundSignature[];
    try {
      found = findSignatures(file);
    } catch (error) {
      throw readErrorToAppError(error);
    }
    const size = statSync(path).size;
    const digests = await hashByteRanges(path, found.map((f) => f.byteRange));
    const reports: SignatureReport[] = [];
    for (const [index, sig] of found.entries()) {
      reports.push(await verifyOne(file, path, size, sig, digests[index]!, index + 1, options));
    }
    return { valid: reports.length > 0 && reports.every((r) => r.valid), signatures: reports };
  } finally {
    file.close();
  }
}

async function verifyOne(
  file: PdfFile,
  path: string,
  size: number,
  sig: FoundSignature,
  digest: Uint8Array,
  index: number,
  options: VerifyOptions,
): Promise<SignatureReport> {
  const [start, a, b, c] = sig.byteRange;
  const end = b + c;
  const problems: string[] = [];
  const contents = sig.dict.get('Contents');
  // The gap must be exactly the hex string the dictionary holds: "<" + hex + ">".
  const gap = a < b && end <= size ? file.read(a, b - a).toString('latin1') : '';
  const gapIsContents =
    contents instanceof PdfString && gap.length === b - a && /^<[0-9a-fA-F]*>$/.test(gap) && Buffer.from(gap.slice(1, -1), 'hex').equals(Buffer.from(contents.bytes));
  const coversRevision = start === 0 && gapIsContents && endsRevision(file, end);

  let parsed: ParsedSignedData | null = null;
  try {
    if (contents instanceof PdfString) parsed = parseSignedData(contents.bytes);
  } catch {
    parsed = null;
  }
  const crypto = parsed ? checkSignerInfo(parsed, digest) : { digestMatches: false, signatureValid: false };
  const intact = crypto.digestMatches && crypto.signatureValid;
  const certificate = parsed?.signerCertificate ? describeCertificate(parsed.signerCertificate) : null;

  const timestamp = parsed ? verifySignatureTimestamp(parsed, options.trustedRoots, options.extraCertificates) : null;
  const claimed = parsePdfDate(sig.dict.get('M')) ?? parsed?.signerInfo.signingTime ?? null;
  const at = timestamp?.valid && timestamp.time ? timestamp.time : claimed;
  const signingTimeSource = timestamp?.valid ? 'timestamp' : claimed ? 'claimed' : 'none';

  let trusted = false;
  let chainNames: string[] = [];
  let validAt = false;
  let revocation: RevocationStatus = 'notChecked';
  if (parsed?.signerCertificate) {
    const chain = chainToRoot(parsed.signerCertificate, [...parsed.certificates, ...(options.extraCertificates ?? [])], options.trustedRoots, at ?? new Date());
    trusted = chain.trusted;
    validAt = chain.problem !== 'expired';
    chainNames = chain.chain.map((der) => describeCertificate(der).subjectCommonName);
    if (options.checkRevocation) revocation = await options.checkRevocation(chain.chain, at ?? new Date(), path);
  }

  let changesAfter: ChangesAfter = 'none';
  let changeDetails: string[] = [];
  if (end < size && coversRevision) {
    let before: PdfFile | null = null;
    try {
      before = PdfFile.open(path, end);
      ({ changesAfter, details: changeDetails } = compareRevisions(before, file));
    } catch (error) {
      changesAfter = 'disallowed';
      changeDetails = [`the signed revision cannot be read: ${(error as Error).message}`];
    } finally {
      before?.close();
    }
  } else if (end < size) {
    changesAfter = 'disallowed';
    changeDetails = ['the signed byte ranges do not end at a revision'];
  }

  if (!intact) problems.push(msg('verify.notIntact'));
  if (!coversRevision) problems.push(msg('verify.rangeNotRevision'));
  if (!trusted) problems.push(msg('verify.untrusted'));
  if (!validAt) problems.push(msg('verify.expiredAtSigning'));
  if (revocation === 'revoked') problems.push(msg('verify.revoked'));
  if (timestamp && !timestamp.valid) problems.push(msg('verify.timestampInvalid'));
  if (changesAfter === 'disallowed') problems.push(msg('verify.changesDisallowed'));

  const subFilter = sig.dict.get('SubFilter');
  return {
    index,
    fieldName: sig.fieldName,
    signer: certificate?.subjectCommonName ?? '?',
    certificate,
    subFilter: subFilter instanceof PdfName ? subFilter.value : '',
    byteRange: sig.byteRange,
    signingTime: at ? at.toISOString() : null,
    signingTimeSource,
    intact,
    coversRevision,
    coversWholeFile: coversRevision && end === size,
    trusted,
    chain: chainNames,
    certificateValidAtSigningTime: validAt,
    revocation,
    timestamp: timestamp ? { time: timestamp.time?.toISOString() ?? null, valid: timestamp.valid, tsa: timestamp.tsaName } : null,
    changesAfter,
    changeDetails,
    valid: problems.length === 0,
    problems,
  };
}

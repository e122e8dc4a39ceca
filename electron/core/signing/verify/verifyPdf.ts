/**
 * Verifies every signature of a PDF, those of earlier revisions that a later one dropped included: integrity of its
 * byte ranges (hashed in one streaming pass for all signatures), whether those ranges cover a whole revision, the
 * certificate path to the configured roots (intermediates from the CMS, the DSS and the configured ones), validity at
 * signing time, revocation and timestamp when a checker is supplied, and what later revisions changed.
 */
import { statSync } from 'node:fs';
import { msg } from '../../../../shared/messages';
import { describeCertificate, type CertificateInfo } from '../pki/certificates';
import { chainToRoot } from '../pki/certificateChain';
import { checkSignerInfo, parseSignedData, type ParsedSignedData } from '../cms/cms';
import { readDss } from '../pki/dss';
import { hashByteRanges } from '../pdf/hashRanges';
import { compareRevisions, type ChangeReport, type ChangesAfter } from './pdfChanges';
import { PdfFile } from '../pdf/pdfFile';
import { PdfName, PdfString, type PdfValue } from '../pdf/pdfObjects';
import { readErrorToAppError } from '../pdf/pdfOpen';
import { signaturesOfEveryRevision, type FoundSignature } from './signatureFields';
import { verifySignatureTimestamp } from '../pki/timestampVerify';

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
  /** Signed in an earlier revision, then dropped from the form by a later one: a disallowed change. */
  removed: boolean;
  /** The widget's rectangle (PDF user space, page from 1); null for an invisible signature. */
  placement: { page: number; x: number; y: number; width: number; height: number } | null;
  valid: boolean;
  /** Vietnamese, one line per problem. */
  problems: string[];
}

export interface VerifyReport {
  valid: boolean;
  signatures: SignatureReport[];
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
    let dssCertificates: Uint8Array[];
    try {
      found = signaturesOfEveryRevision(path, file);
    } catch (error) {
      throw readErrorToAppError(error);
    }
    try {
      dssCertificates = readDss(file).certs;
    } catch {
      // A damaged DSS only withholds intermediates; the chain is then built from the other sources.
      dssCertificates = [];
    }
    const size = statSync(path).size;
    const hashable = found.filter((f) => rangesInFile(f.byteRange, size));
    const hashed = await hashByteRanges(path, hashable.map((f) => f.byteRange));
    const digests = new Map(hashable.map((f, i) => [f, hashed[i]!]));
    const context = { file, path, size, dssCertificates, pageNumbers: pageNumbersOf(file), options };
    const reports: SignatureReport[] = [];
    for (const [index, sig] of found.entries()) {
      reports.push(await verifyOne(context, sig, digests.get(sig) ?? null, index + 1));
    }
    return { valid: reports.length > 0 && reports.every((r) => r.valid), signatures: reports };
  } finally {
    file.close();
  }
}

/** Both ranges are non-negative whole numbers inside the file: anything else cannot be hashed as the signer did. */
function rangesInFile(byteRange: number[], size: number): boolean {
  const [start, a, b, c] = byteRange as [number, number, number, number];
  return byteRange.every((n) => Number.isSafeInteger(n) && n >= 0) && start + a <= size && b + c <= size;
}

interface VerifyContext {
  file: PdfFile;
  path: string;
  size: number;
  /** The certificates of the final revision's DSS: intermediates as much as the CMS's own. */
  dssCertificates: Uint8Array[];
  /** Page object number → page number (from 1) in the final revision. */
  pageNumbers: Map<number, number>;
  options: VerifyOptions;
}

function pageNumbersOf(file: PdfFile): Map<number, number> {
  try {
    return new Map(file.pageRefs().map((ref, i) => [ref.num, i + 1]));
  } catch {
    // A damaged page tree only hides where signatures are drawn; the signatures are judged all the same.
    return new Map();
  }
}

/** Where a signature is drawn in the final revision, in the contract's terms; null when invisible, removed or unplaced. */
function drawnAt(sig: FoundSignature, pageNumbers: Map<number, number>): SignatureReport['placement'] {
  const page = sig.widget?.page ? pageNumbers.get(sig.widget.page.num) : undefined;
  if (sig.removed || !sig.widget || page === undefined) return null;
  const [x1, y1, x2, y2] = sig.widget.rect as [number, number, number, number];
  const width = Math.abs(x2 - x1);
  const height = Math.abs(y2 - y1);
  return width > 0 && height > 0 ? { page, x: Math.min(x1, x2), y: Math.min(y1, y2), width, height } : null;
}

/** What the revisions after the signed one changed; a signed revision that cannot be read counts as changed pages. */
function changesAfterSignature(path: string, file: PdfFile, end: number, coversRevision: boolean): ChangeReport {
  const none: ChangeReport = { changesAfter: 'none', details: [], pagesChanged: false, annotationsChanged: false, catalogChanged: false };
  if (end >= file.size) return none;
  const unreadable = (detail: string): ChangeReport => ({ ...none, changesAfter: 'disallowed', details: [detail], pagesChanged: true });
  if (!coversRevision) return unreadable('the signed byte ranges do not end at a revision');
  let before: PdfFile | null = null;
  try {
    before = PdfFile.open(path, end);
    return compareRevisions(before, file);
  } catch (error) {
    return unreadable(`the signed revision cannot be read: ${(error as Error).message}`);
  } finally {
    before?.close();
  }
}

async function verifyOne(context: VerifyContext, sig: FoundSignature, digest: Uint8Array | null, index: number): Promise<SignatureReport> {
  const { file, path, size, dssCertificates, pageNumbers, options } = context;
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
  const crypto = parsed && digest ? checkSignerInfo(parsed, digest) : { digestMatches: false, signatureValid: false };
  const intact = crypto.digestMatches && crypto.signatureValid;
  const certificate = parsed?.signerCertificate ? describeCertificate(parsed.signerCertificate) : null;

  const known = [...dssCertificates, ...(options.extraCertificates ?? [])];
  const timestamp = parsed ? verifySignatureTimestamp(parsed, options.trustedRoots, known) : null;
  const claimed = parsePdfDate(sig.dict.get('M')) ?? parsed?.signerInfo.signingTime ?? null;
  const at = timestamp?.valid && timestamp.time ? timestamp.time : claimed;
  const signingTimeSource = timestamp?.valid ? 'timestamp' : claimed ? 'claimed' : 'none';

  let trusted = false;
  let chainNames: string[] = [];
  let validAt = false;
  let revocation: RevocationStatus = 'notChecked';
  if (parsed?.signerCertificate) {
    const chain = chainToRoot(parsed.signerCertificate, [...parsed.certificates, ...known], options.trustedRoots, at ?? new Date());
    trusted = chain.trusted;
    validAt = chain.problem !== 'expired';
    chainNames = chain.chain.map((der) => describeCertificate(der).subjectCommonName);
    if (options.checkRevocation) revocation = await options.checkRevocation(chain.chain, at ?? new Date(), path);
  }

  const changes = changesAfterSignature(path, file, end, coversRevision);
  let { changesAfter, details: changeDetails } = changes;

  if (!digest) problems.push(msg('signingVerify.byteRangeBad'));
  if (!intact) problems.push(msg('verify.notIntact'));
  if (!coversRevision) problems.push(msg('verify.rangeNotRevision'));
  if (!trusted) problems.push(msg('verify.untrusted'));
  if (!validAt) problems.push(msg('verify.expiredAtSigning'));
  if (revocation === 'revoked') problems.push(msg('verify.revoked'));
  if (timestamp && !timestamp.valid) problems.push(msg('verify.timestampInvalid'));
  if (changes.pagesChanged) problems.push(msg('verify.changesDisallowed'));
  if (changes.annotationsChanged) problems.push(msg('signingVerify.annotationsChanged'));
  if (changes.catalogChanged) problems.push(msg('signingVerify.catalogChanged'));
  // A removed signature is a change after it whatever the pages show: the form no longer says it was ever signed.
  if (sig.removed) {
    problems.push(msg('signingVerify.signatureRemoved'));
    changesAfter = 'disallowed';
    changeDetails = [...changeDetails, 'the signature was removed from the form by a later revision'];
  }

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
    removed: sig.removed,
    placement: drawnAt(sig, pageNumbers),
    valid: problems.length === 0,
    problems,
  };
}

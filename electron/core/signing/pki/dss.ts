/**
 * PAdES B-LT: the Document Security Store (ETSI EN 319 142-1 §5.4, ISO 32000-2 §12.8.4.3). Certificates and
 * revocation answers needed to validate the signatures later, even after the CA's services are gone, are written as a
 * further incremental update after the signature, so the signed revision's bytes stay untouched and it stays valid.
 * VRI entries are optional and left out: validators look records up in /Certs, /OCSPs and /CRLs.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { SigningRefusal } from '../signers/signingRefusal';
import { chainToRoot } from './certificateChain';
import { describeCertificate } from './certificates';
import { OID, parseSignedData } from '../cms/cms';
import { writeAt, writeFileSafely } from '../pdf/fileWrite';
import { IncrementalUpdate } from '../pdf/incrementalUpdate';
import { PdfFile } from '../pdf/pdfFile';
import { openPdfForUpdate, readErrorToAppError } from '../pdf/pdfOpen';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from '../pdf/pdfObjects';
import { fetchRevocation, revocationFromStored, revocationUrls, type RevocationInfo } from './revocation';
import type { RevocationStatus } from '../verify/verifyPdf';

export interface DssData {
  certs: Uint8Array[];
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

const KEYS = { certs: 'Certs', ocsps: 'OCSPs', crls: 'CRLs' } as const;

const fingerprint = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

/** The DSS of the file's latest revision; empty when there is none. */
export function readDss(file: PdfFile): DssData {
  const dss = file.dict(file.catalog().get('DSS'));
  const out: DssData = { certs: [], ocsps: [], crls: [] };
  if (!dss) return out;
  for (const [field, key] of Object.entries(KEYS) as [keyof DssData, string][]) {
    const list = file.resolve(dss.get(key));
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const stream = file.resolve(item);
      if (stream instanceof PdfStream) out[field].push(new Uint8Array(file.streamData(stream)));
    }
  }
  return out;
}

export function readDssFromPath(pdfPath: string): DssData {
  let file: PdfFile;
  try {
    file = PdfFile.open(pdfPath);
  } catch (error) {
    throw readErrorToAppError(error);
  }
  try {
    return readDss(file);
  } finally {
    file.close();
  }
}

/**
 * Appends `data` to the DSS (creating it when missing) as one incremental update from `input` to `output`. Entries
 * already stored are kept by reference and not stored twice. The output is written beside, fsynced and renamed.
 */
export async function appendDss(input: string, output: string, data: DssData): Promise<void> {
  const file = openPdfForUpdate(input);
  let bytes: Buffer;
  try {
    const catalogRef = file.catalogRef();
    const catalog = file.catalog();
    const oldDssValue = catalog.get('DSS');
    const oldDss = file.dict(oldDssValue);
    const update = new IncrementalUpdate(file);
    const dss = new PdfDict([['Type', new PdfName('DSS')]]);
    for (const [field, key] of Object.entries(KEYS) as [keyof DssData, string][]) {
      const kept: PdfValue[] = [];
      const seen = new Set<string>();
      const oldList = file.resolve(oldDss?.get(key));
      for (const item of Array.isArray(oldList) ? oldList : []) {
        const stream = file.resolve(item);
        if (!(stream instanceof PdfStream)) continue;
        seen.add(fingerprint(file.streamData(stream)));
        kept.push(item);
      }
      for (const entry of data[field]) {
        const id = fingerprint(entry);
        if (seen.has(id)) continue;
        seen.add(id);
        kept.push(update.add(new PdfStream(new PdfDict(), entry)));
      }
      if (kept.length) dss.set(key, kept);
    }
    if (oldDssValue instanceof PdfRef) update.set(oldDssValue, dss);
    else update.set(catalogRef, catalog.clone().set('DSS', update.add(dss)));
    bytes = update.build().bytes;
  } catch (error) {
    throw readErrorToAppError(error);
  } finally {
    file.close();
  }
  await writeAppended(input, output, file.size, bytes);
}

async function writeAppended(input: string, output: string, expectedSize: number, appended: Buffer): Promise<void> {
  await writeFileSafely(output, async (tmp) => {
    await fs.copyFile(input, tmp);
    // The file was read at expectedSize: a copy of another length would get the update at the wrong place.
    if ((await fs.stat(tmp)).size !== expectedSize) throw new AppError('BAD_INPUT', msg('signing.truncated'));
    await writeAt(tmp, appended, expectedSize);
  });
}

/** The CMS inside the /Contents gap of a signature, given its /ByteRange (the hex is zero-padded; DER says where it ends). */
export async function cmsAtByteRange(pdfPath: string, byteRange: readonly number[]): Promise<Uint8Array> {
  const [, a, b] = byteRange as [number, number, number];
  const handle = await fs.open(pdfPath, 'r');
  try {
    const gap = Buffer.alloc(b - a - 2);
    await handle.read(gap, 0, gap.length, a + 1);
    return new Uint8Array(Buffer.from(gap.toString('latin1'), 'hex'));
  } finally {
    await handle.close();
  }
}

export interface LtvOptions {
  input: string;
  output: string;
  /** CMS signatures (DER) whose validation data to store, e.g. from cmsAtByteRange after signing. */
  signatures: Uint8Array[];
  trustedRoots: Uint8Array[];
  extraCertificates?: Uint8Array[];
  timeoutMs?: number;
}

export interface LtvResult {
  certificates: number;
  ocsps: number;
  crls: number;
  /** Subjects of chain certificates that name no revocation source (typically a CA certificate of a test or private PKI). */
  withoutRevocationSource: string[];
}

/**
 * Gathers, for each signature and for its timestamp authority, the chain to a trusted root and a fresh revocation
 * answer for every certificate below the root, then stores them in the DSS. A revoked certificate stops it: the
 * signature would not be valid, and nothing is written.
 */
export async function addLtv(options: LtvOptions): Promise<LtvResult> {
  const certs: Uint8Array[] = [];
  const answers: RevocationInfo[] = [];
  const withoutSource: string[] = [];
  const now = new Date();
  for (const cms of options.signatures) {
    const parsed = parseSignedData(cms);
    const pool = [...parsed.certificates, ...(options.extraCertificates ?? [])];
    const subjects: Uint8Array[] = parsed.signerCertificate ? [parsed.signerCertificate] : [];
    const token = parsed.signerInfo.unsignedAttributes.find((a) => a.oid === OID.signatureTimeStampToken)?.values[0];
    if (token) {
      const tokenParsed = parseSignedData(token);
      pool.push(...tokenParsed.certificates);
      if (tokenParsed.signerCertificate) subjects.push(tokenParsed.signerCertificate);
    }
    if (subjects.length === 0) throw new SigningRefusal(msg('ltv.noSignature'));
    for (const subject of subjects) {
      const chain = chainToRoot(subject, pool, options.trustedRoots, now);
      if (!chain.trusted) throw new SigningRefusal(msg('ltv.untrusted', { subject: describeCertificate(subject).subjectCommonName }));
      certs.push(...chain.chain);
      for (let i = 0; i + 1 < chain.chain.length; i++) {
        const cert = chain.chain[i]!;
        const urls = revocationUrls(cert);
        if (urls.ocsp.length === 0 && urls.crl.length === 0) {
          withoutSource.push(describeCertificate(cert).subjectCommonName);
          continue;
        }
        const answer = await fetchRevocation(cert, chain.chain[i + 1]!, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {});
        if (answer.status === 'revoked') {
          const info = describeCertificate(cert);
          throw new SigningRefusal(msg('revocation.revoked', { subject: info.subjectCommonName, date: answer.revokedAt?.toISOString().slice(0, 10) ?? '?' }));
        }
        if (answer.status === 'unknown') throw new SigningRefusal(msg('revocation.unknownStatus', { subject: describeCertificate(cert).subjectCommonName }));
        answers.push(answer);
      }
    }
  }
  const data: DssData = {
    certs,
    ocsps: answers.filter((a) => a.source === 'ocsp').map((a) => a.der),
    crls: answers.filter((a) => a.source === 'crl').map((a) => a.der),
  };
  await appendDss(options.input, options.output, data);
  const unique = (list: Uint8Array[]) => new Set(list.map(fingerprint)).size;
  return { certificates: unique(data.certs), ocsps: unique(data.ocsps), crls: unique(data.crls), withoutRevocationSource: [...new Set(withoutSource)] };
}

function selfSigned(der: Uint8Array): boolean {
  const x509 = new X509Certificate(der);
  try {
    return x509.checkIssued(x509) && x509.verify(x509.publicKey);
  } catch {
    return false;
  }
}

/**
 * Right after signPdf (for `vanthu sign --ltv`): stores the new signature's validation data in the same file, as one
 * more revision. Without configured roots the self-signed certificates the CMS carries end the chains: gathering
 * data is not trusting it, and verification judges the chain against its own roots later.
 */
export async function addLtvToSignedPdf(
  file: string,
  byteRange: readonly number[],
  options: { trustedRoots?: Uint8Array[]; extraCertificates?: Uint8Array[]; timeoutMs?: number } = {},
): Promise<LtvResult> {
  const cms = await cmsAtByteRange(file, byteRange);
  const carried = [...parseSignedData(cms).certificates, ...(options.extraCertificates ?? [])];
  const trustedRoots = options.trustedRoots?.length ? options.trustedRoots : carried.filter(selfSigned);
  return addLtv({
    input: file,
    output: file,
    signatures: [cms],
    trustedRoots,
    ...(options.extraCertificates ? { extraCertificates: options.extraCertificates } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
}

/**
 * A "good" answer vouches for the signing time only if it was issued after it, or if its validity window (a CRL's
 * thisUpdate..nextUpdate) covers it: an answer older than the signature says nothing about the moment of signing.
 */
function speaksFor(info: RevocationInfo, at: Date): boolean {
  if (info.thisUpdate.getTime() >= at.getTime()) return true;
  return !!info.nextUpdate && info.nextUpdate.getTime() >= at.getTime();
}

/**
 * For verifyPdf's `checkRevocation`: the chain's status from the file's DSS, asking the CA's services only when the
 * DSS says nothing and `online` is set. A revocation dated after the signing time leaves the signature good: the key
 * was still the signer's when it signed. Revoked if any certificate was; good when the signer's certificate is known
 * good at the signing time and every CA certificate is too or names no revocation source; otherwise unknown.
 */
export function dssRevocationChecker(options: { online?: boolean; timeoutMs?: number } = {}) {
  return async (chain: Uint8Array[], at: Date, pdfPath: string): Promise<RevocationStatus> => {
    const stored = readDssFromPath(pdfPath);
    let allKnown = true;
    for (let i = 0; i + 1 < chain.length; i++) {
      const cert = chain[i]!;
      const issuer = chain[i + 1]!;
      let info = revocationFromStored(cert, issuer, stored);
      const urls = revocationUrls(cert);
      if (!info && options.online && (urls.ocsp.length || urls.crl.length)) {
        info = await fetchRevocation(cert, issuer, options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}).catch(() => null);
      }
      if (info?.status === 'revoked' && (!info.revokedAt || info.revokedAt.getTime() <= at.getTime())) return 'revoked';
      const named = urls.ocsp.length > 0 || urls.crl.length > 0;
      if (!info || info.status === 'unknown' || !speaksFor(info, at)) {
        if (i === 0 || named) allKnown = false;
      }
    }
    return chain.length > 1 && allKnown ? 'good' : 'unknown';
  };
}

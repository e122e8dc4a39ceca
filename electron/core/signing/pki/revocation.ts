/**
 * Revocation status of a certificate: online from the OCSP responder named in its Authority Information Access
 * (falling back to the CRL distribution points), or offline from data stored earlier (a PDF's DSS).
 */
import { X509Certificate } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { child, children, readOid, readTlv } from '../cms/der';
import { buildOcspRequest, newOcspNonce, OcspUnusable, readOcspResponse, type CertStatus } from './ocsp';
import { fetchBytes, HttpFailure, secondsText } from './revocationHttp';
import { CrlUnusable, readCrl } from './revocationCrl';

export const DEFAULT_REVOCATION_TIMEOUT_MS = 20_000;
const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31';

export interface RevocationInfo {
  status: CertStatus;
  source: 'ocsp' | 'crl';
  revokedAt: Date | null;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** The OCSP response or the CRL as received (DER), to keep in a DSS. */
  der: Uint8Array;
}

export class RevocationError extends AppError {
  constructor(message: string) {
    super('INTERNAL', message);
    this.name = 'RevocationError';
  }
}

export interface RevocationUrls {
  ocsp: string[];
  crl: string[];
}

export function revocationUrls(cert: Uint8Array): RevocationUrls {
  const x509 = new X509Certificate(cert);
  const ocsp = [...(x509.infoAccess ?? '').matchAll(/^OCSP - URI:(\S+)$/gm)].map((m) => m[1]!);
  return { ocsp: ocsp.filter(isHttp), crl: crlDistributionPoints(cert).filter(isHttp) };
}

const isHttp = (url: string) => /^https?:\/\//i.test(url);

/** URIs in crlDistributionPoints: DistributionPoint → [0] distributionPoint → [0] fullName → [6] uniformResourceIdentifier. */
function crlDistributionPoints(cert: Uint8Array): string[] {
  const fields = children(child(readTlv(cert), 0));
  const wrapper = fields.find((f) => f.tag === 0xa3);
  if (!wrapper) return [];
  const ext = children(child(wrapper, 0)).find((e) => readOid(child(e, 0)) === OID_CRL_DISTRIBUTION_POINTS);
  if (!ext) return [];
  const points = readTlv(children(ext).at(-1)!.content);
  const urls: string[] = [];
  for (const point of children(points)) {
    const name = children(point).find((p) => p.tag === 0xa0);
    const fullName = name ? children(name).find((n) => n.tag === 0xa0) : undefined;
    for (const general of fullName ? children(fullName) : []) {
      if (general.tag === 0x86) urls.push(Buffer.from(general.content).toString('latin1'));
    }
  }
  return urls;
}

function subjectName(cert: Uint8Array): string {
  const subject = new X509Certificate(cert).subject;
  return subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? subject;
}

function httpMessage(error: HttpFailure, url: string, timeoutMs: number): string {
  if (error.kind === 'timeout') return msg('revocation.timeout', { url, seconds: secondsText(timeoutMs) });
  if (error.kind === 'status') return msg('revocation.httpError', { url, status: error.status });
  return msg('revocation.unreachable', { url });
}

/**
 * Asks OCSP first (fresh, small), then the CRLs. A source that cannot be reached or whose answer is not signed by the
 * issuer is skipped; if none gives a usable answer, the last problem is reported.
 */
export async function fetchRevocation(cert: Uint8Array, issuer: Uint8Array, options: { timeoutMs?: number } = {}): Promise<RevocationInfo> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REVOCATION_TIMEOUT_MS;
  const urls = revocationUrls(cert);
  if (urls.ocsp.length === 0 && urls.crl.length === 0) throw new RevocationError(msg('revocation.noSource', { subject: subjectName(cert) }));
  let problem = '';
  for (const url of urls.ocsp) {
    try {
      const nonce = newOcspNonce();
      const body = buildOcspRequest(cert, issuer, nonce);
      const der = await fetchBytes(url, { body, timeoutMs, contentType: 'application/ocsp-request', accept: 'application/ocsp-response' });
      const answer = readOcspResponse(der, cert, issuer, nonce);
      if (!answer.signatureValid) {
        problem = msg('revocation.badResponse', { url, detail: msg('revocation.detail.ocspSignature') });
        continue;
      }
      return { status: answer.status, source: 'ocsp', revokedAt: answer.revokedAt, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate, der: answer.der };
    } catch (error) {
      if (error instanceof HttpFailure) problem = httpMessage(error, url, timeoutMs);
      else if (error instanceof OcspUnusable) problem = msg('revocation.badResponse', { url, detail: error.message });
      else throw error;
    }
  }
  for (const url of urls.crl) {
    try {
      const answer = readCrl(await fetchBytes(url, { timeoutMs }), cert, issuer);
      if (!answer.signatureValid) {
        problem = msg('revocation.badResponse', { url, detail: msg('revocation.detail.crlSignature') });
        continue;
      }
      return { status: answer.status, source: 'crl', revokedAt: answer.revokedAt, thisUpdate: answer.thisUpdate, nextUpdate: answer.nextUpdate, der: answer.der };
    } catch (error) {
      if (error instanceof HttpFailure) problem = httpMessage(error, url, timeoutMs);
      else if (error instanceof CrlUnusable) problem = msg('revocation.badResponse', { url, detail: error.message });
      else throw error;
    }
  }
  throw new RevocationError(problem);
}

export interface StoredRevocationData {
  ocsps: Uint8Array[];
  crls: Uint8Array[];
}

/**
 * The status of `cert` according to stored data (a DSS): the first signed OCSP response about it, else a signed CRL of
 * its issuer; null when the stored data says nothing about it.
 */
export function revocationFromStored(cert: Uint8Array, issuer: Uint8Array, stored: StoredRevocationData): RevocationInfo | null {
  for (const der of stored.ocsps) {
    try {
      const a = readOcspResponse(der, cert, issuer);
      if (a.signatureValid) return { status: a.status, source: 'ocsp', revokedAt: a.revokedAt, thisUpdate: a.thisUpdate, nextUpdate: a.nextUpdate, der: a.der };
    } catch (error) {
      if (!(error instanceof OcspUnusable)) throw error;
    }
  }
  for (const der of stored.crls) {
    try {
      const a = readCrl(der, cert, issuer);
      if (a.signatureValid) return { status: a.status, source: 'crl', revokedAt: a.revokedAt, thisUpdate: a.thisUpdate, nextUpdate: a.nextUpdate, der: a.der };
    } catch (error) {
      if (!(error instanceof CrlUnusable)) throw error;
    }
  }
  return null;
}

/**
 * RFC 3161 timestamps for PAdES B-T / CAdES-T: ask a timestamp authority (TSA) to sign the SHA-256 of the SignerInfo
 * signature value, and store its token as the unsigned attribute id-aa-signatureTimeStampToken.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { OID, type CmsAttribute } from '../cms/cms';
import { fetchBytes, HttpFailure, secondsText } from './revocationHttp';
import { child, children, integer, oid, readOid, readTime, readTlv, sequence, TAG, tlv, octetString, type Tlv } from '../cms/der';

export const TST_INFO_OID = '1.2.840.113549.1.9.16.1.4';
/** Government TSAs answer slowly at busy hours; half a minute is patient without hanging the signing forever. */
export const DEFAULT_TSA_TIMEOUT_MS = 30_000;

export type TimestampFailure = 'unreachable' | 'timeout' | 'httpError' | 'rejected' | 'badResponse' | 'mismatch';

export class TimestampError extends AppError {
  constructor(
    readonly reason: TimestampFailure,
    message: string,
  ) {
    super('INTERNAL', message);
    this.name = 'TimestampError';
  }
}

export interface TsaOptions {
  url: string;
  timeoutMs?: number;
}

export interface TstInfo {
  policy: string;
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
  serialNumber: string;
  genTime: Date;
  /** Hex of the nonce INTEGER content, when the TSA echoed one. */
  nonce: string | null;
}

/** TimeStampReq { version 1, messageImprint, nonce, certReq TRUE }: certReq makes the TSA embed its certificate. */
export function buildTimeStampReq(sha256Imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  const messageImprint = sequence(sequence(oid(OID.sha256)), octetString(sha256Imprint));
  return sequence(integer(1), messageImprint, integer(nonce), tlv(0x01, Uint8Array.of(0xff)));
}

/** A positive 64-bit nonce (high bit cleared so the INTEGER needs no sign byte). */
function newNonce(): Uint8Array {
  const bytes = new Uint8Array(randomBytes(8));
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** The TSTInfo inside a token (ContentInfo → SignedData → encapContentInfo → eContent). */
export function readTstInfo(token: Uint8Array): TstInfo {
  const contentInfo = readTlv(token);
  if (readOid(child(contentInfo, 0)) !== OID.signedData) throw new Error('token is not SignedData');
  const signedData = child(child(contentInfo, 1), 0);
  const encap = child(signedData, 2);
  if (readOid(child(encap, 0)) !== TST_INFO_OID) throw new Error('token does not hold a TSTInfo');
  const tstInfo = readTlv(child(child(encap, 1), 0).content);
  const fields = children(tstInfo);
  const imprint = fields[2]!;
  const nonceField = fields.slice(5).find((f: Tlv) => f.tag === TAG.integer);
  return {
    policy: readOid(fields[1]!),
    hashAlgorithm: readOid(child(child(imprint, 0), 0)),
    hashedMessage: child(imprint, 1).content,
    serialNumber: hex(fields[3]!.content),
    genTime: readTime(fields[4]!),
    nonce: nonceField ? hex(nonceField.content) : null,
  };
}

async function post(options: TsaOptions, body: Uint8Array): Promise<Uint8Array> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TSA_TIMEOUT_MS;
  try {
    return await fetchBytes(options.url, { body, timeoutMs, contentType: 'application/timestamp-query', accept: 'application/timestamp-reply' });
  } catch (error) {
    if (!(error instanceof HttpFailure)) throw error;
    if (error.kind === 'timeout') throw new TimestampError('timeout', msg('tsa.timeout', { url: options.url, seconds: secondsText(timeoutMs) }));
    if (error.kind === 'status') throw new TimestampError('httpError', msg('tsa.httpError', { url: options.url, status: error.status }));
    throw new TimestampError('unreachable', msg('tsa.unreachable', { url: options.url }));
  }
}

function badResponse(detail: string): TimestampError {
  return new TimestampError('badResponse', msg('tsa.badResponse', { detail }));
}

/**
 * Reads a TimeStampResp: status granted (0) or grantedWithMods (1), then the token, whose TSTInfo must carry our
 * imprint and our nonce (a replayed or misrouted answer fails here).
 */
export function acceptTimeStampResp(response: Uint8Array, sha256Imprint: Uint8Array, nonce: Uint8Array): Uint8Array {
  let token: Uint8Array;
  try {
    const resp = readTlv(response);
    const [statusInfo, tokenTlv] = children(resp);
    const statusFields = children(statusInfo!);
    const status = statusFields[0]!.content.reduce((n, b) => n * 256 + b, 0);
    if (status !== 0 && status !== 1) {
      const texts = statusFields[1]?.tag === TAG.sequence ? children(statusFields[1]).map((t) => Buffer.from(t.content).toString('utf8')) : [];
      throw new TimestampError('rejected', msg('tsa.rejected', { status, detail: texts.length ? `: ${texts.join('; ')}` : '' }));
    }
    if (!tokenTlv) throw badResponse(msg('tsa.detail.noToken'));
    token = tokenTlv.bytes;
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw badResponse(msg('tsa.detail.unreadable'));
  }
  let info: TstInfo;
  try {
    info = readTstInfo(token);
  } catch {
    throw badResponse(msg('tsa.detail.noTstInfo'));
  }
  if (info.hashAlgorithm !== OID.sha256 || hex(info.hashedMessage) !== hex(sha256Imprint) || info.nonce !== hex(nonce)) {
    throw new TimestampError('mismatch', msg('tsa.mismatch'));
  }
  return new Uint8Array(token);
}

/** Asks the TSA to timestamp a CMS signature value; returns the token (ContentInfo DER). */
export async function requestSignatureTimestamp(signatureValue: Uint8Array, options: TsaOptions): Promise<Uint8Array> {
  const imprint = new Uint8Array(createHash('sha256').update(signatureValue).digest());
  const nonce = newNonce();
  const response = await post(options, buildTimeStampReq(imprint, nonce));
  return acceptTimeStampResp(response, imprint, nonce);
}

/** For buildSignedData's `unsignedAttributesFor`: the signature-time-stamp attribute over the fresh signature. */
export function signatureTimestampAttribute(options: TsaOptions): (signatureValue: Uint8Array) => Promise<CmsAttribute[]> {
  return async (signatureValue) => [{ oid: OID.signatureTimeStampToken, values: [await requestSignatureTimestamp(signatureValue, options)] }];
}

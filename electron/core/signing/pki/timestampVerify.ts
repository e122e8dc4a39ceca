/** Checking an RFC 3161 signature timestamp: imprint, the TSA's own CMS signature, its purpose and its chain. */
import { createHash, X509Certificate } from 'node:crypto';
import { chainToRoot } from './certificateChain';
import { checkSignerInfo, digestName, OID, parseSignedData, type ParsedSignedData } from '../cms/cms';
import { child, readTlv } from '../cms/der';
import { readTstInfo } from './timestamp';

const TIME_STAMPING_EKU = '1.3.6.1.5.5.7.3.8';

export interface TimestampVerification {
  /** The time the TSA vouches for (genTime). */
  time: Date | null;
  tsaName: string | null;
  /** The token covers exactly this signature value. */
  imprintMatches: boolean;
  /** The TSA's signature over the TSTInfo verifies. */
  signatureValid: boolean;
  /** The TSA certificate is meant for timestamping (extendedKeyUsage timeStamping). */
  tsaPurposeOk: boolean;
  /** The TSA certificate chains to a configured root, valid at the timestamp time. */
  chainTrusted: boolean;
  valid: boolean;
}

const UNREADABLE: TimestampVerification = {
  time: null,
  tsaName: null,
  imprintMatches: false,
  signatureValid: false,
  tsaPurposeOk: false,
  chainTrusted: false,
  valid: false,
};

function eContent(token: Uint8Array): Uint8Array {
  const signedData = child(child(readTlv(token), 1), 0);
  return child(child(child(signedData, 2), 1), 0).content;
}

export interface VerifyTimestampOptions {
  /** The token (ContentInfo DER) from the id-aa-signatureTimeStampToken attribute. */
  token: Uint8Array;
  /** The SignerInfo signature value the token must cover. */
  signatureValue: Uint8Array;
  trustedRoots: Uint8Array[];
  /** Intermediates known besides those embedded in the token. */
  extraCertificates?: Uint8Array[];
}

export function verifyTimestampToken(options: VerifyTimestampOptions): TimestampVerification {
  let info;
  let parsed: ParsedSignedData;
  let tstInfoDer: Uint8Array;
  try {
    info = readTstInfo(options.token);
    parsed = parseSignedData(options.token);
    tstInfoDer = eContent(options.token);
  } catch {
    return UNREADABLE;
  }
  const imprintHash = digestName(info.hashAlgorithm);
  const imprintMatches =
    !!imprintHash && Buffer.from(createHash(imprintHash).update(options.signatureValue).digest()).equals(Buffer.from(info.hashedMessage));
  const contentHash = digestName(parsed.signerInfo.digestAlgorithm);
  const { digestMatches, signatureValid } = contentHash
    ? checkSignerInfo(parsed, new Uint8Array(createHash(contentHash).update(tstInfoDer).digest()))
    : { digestMatches: false, signatureValid: false };
  const tsaCert = parsed.signerCertificate;
  const x509 = tsaCert ? new X509Certificate(tsaCert) : null;
  const tsaPurposeOk = !!x509 && (x509.keyUsage ?? []).includes(TIME_STAMPING_EKU);
  const chainTrusted =
    !!tsaCert && chainToRoot(tsaCert, [...parsed.certificates, ...(options.extraCertificates ?? [])], options.trustedRoots, info.genTime).trusted;
  const result = {
    time: info.genTime,
    tsaName: x509 ? (x509.subject.split('\n').find((l) => l.startsWith('CN='))?.slice(3) ?? x509.subject) : null,
    imprintMatches,
    signatureValid: digestMatches && signatureValid,
    tsaPurposeOk,
    chainTrusted,
  };
  return { ...result, valid: imprintMatches && result.signatureValid && tsaPurposeOk && chainTrusted };
}

/** The signature timestamp of a parsed CMS signature, verified; null when the signature carries none. */
export function verifySignatureTimestamp(
  signature: ParsedSignedData,
  trustedRoots: Uint8Array[],
  extraCertificates: Uint8Array[] = [],
): TimestampVerification | null {
  const attribute = signature.signerInfo.unsignedAttributes.find((a) => a.oid === OID.signatureTimeStampToken);
  const token = attribute?.values[0];
  if (!token) return null;
  return verifyTimestampToken({ token, signatureValue: signature.signerInfo.signature, trustedRoots, extraCertificates });
}

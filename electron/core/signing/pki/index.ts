/** Certificates, chains to the configured roots, revocation (OCSP, CRL), RFC 3161 timestamps, and the DSS that keeps them in a PDF. */
export { assertMaySign, certificateHolder, describeCertificate, issuerAndSerial, readCertificates, signingRefusal, type CertificateInfo } from './certificates';
export { chainToRoot, type ChainResult } from './certificateChain';
export { fetchRevocation, revocationFromStored, revocationUrls, RevocationError, type RevocationInfo } from './revocation';
export { DEFAULT_TSA_TIMEOUT_MS, signatureTimestampAttribute, type TsaOptions } from './timestamp';
export { verifySignatureTimestamp, type TimestampVerification } from './timestampVerify';
export { addLtvToSignedPdf, appendDss, dssRevocationChecker, readDss, readDssFromPath, type LtvResult } from './dss';

/** CMS SignedData for PAdES and CAdES, detached CAdES signatures of files that are not PDFs, and the DER code under both. */
export { buildSignedData, checkSignerInfo, digestName, OID, parseSignedData, type BuildSignedDataOptions, type CmsAttribute, type ParsedSignedData } from './cms';
export { signFileDetached, verifyFileSignature, type FileSignatureReport } from './cades';
export * from './der';

/** Whoever holds the private key: the Signer interface, .p12 files, PKCS#11 tokens, and the signing thread that opens them. */
export type { KeyAlgorithm, Signer } from './signer';
export { openP12Signer } from './p12Signer';
export { openPkcs11Module, TokenError, withPkcs11Signer, type TokenCertificate } from './pkcs11Signer';
export { openSignerFromOptions, type SignerOptions } from './signerOptions';
export { SigningRefusal } from './signingRefusal';
export { createSigningWorker, sharedSigningWorker, useSigningWorkerEntry, type KeySource, type SigningWorker } from './signingWorker';

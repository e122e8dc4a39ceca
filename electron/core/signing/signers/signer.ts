/**
 * What the PDF and CMS code needs from whoever holds the private key. Asynchronous, so a .p12 key in memory and a
 * PKCS#11 token (which may prompt, block or be slow) look the same to callers. The key itself never leaves the signer.
 */
export type KeyAlgorithm = 'rsa' | 'ecdsa';

export interface Signer {
  /** DER of the signing certificate. */
  readonly certificate: Uint8Array;
  /** Further certificates (DER) the signer can provide, e.g. intermediates from the .p12 or the token; may be empty. */
  readonly chain: Uint8Array[];
  readonly keyAlgorithm: KeyAlgorithm;
  /**
   * Signs a SHA-256 digest: for RSA the PKCS#1 v1.5 signature over DigestInfo(SHA-256, digest);
   * for ECDSA the DER-encoded ECDSA-Sig-Value.
   */
  signDigest(sha256: Uint8Array): Promise<Uint8Array>;
}

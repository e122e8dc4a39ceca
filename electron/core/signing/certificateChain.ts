/** Building and checking a certificate path from a signer's certificate to one of the configured trusted roots. */
import { X509Certificate } from 'node:crypto';

export interface ChainResult {
  /** Leaf first; ends at a trusted root when `trusted`. */
  chain: X509Certificate[];
  trusted: boolean;
  /** Every certificate of the chain was within its validity period at `at`. */
  validAt: boolean;
}

function same(a: X509Certificate, b: X509Certificate): boolean {
  return a.raw.equals(b.raw);
}

function issuedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return issuer.ca && child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Walks issuer links through `pool` (certificates from the CMS, configured intermediates) until a trusted root is
 * reached. Signed PDFs often embed only the leaf, so the configured intermediates matter.
 */
export function buildChain(leaf: Uint8Array, pool: Uint8Array[], trustedRoots: Uint8Array[], at: Date): ChainResult {
  const roots = trustedRoots.map((r) => new X509Certificate(r));
  const candidates = [...pool.map((c) => new X509Certificate(c)), ...roots];
  const chain = [new X509Certificate(leaf)];
  let trusted = false;
  for (let depth = 0; depth < 10; depth++) {
    const current = chain[chain.length - 1]!;
    if (roots.some((r) => same(r, current))) {
      trusted = true;
      break;
    }
    const issuer = candidates.find((c) => !chain.some((x) => same(x, c)) && issuedBy(current, c));
    if (!issuer) break;
    chain.push(issuer);
  }
  const t = at.getTime();
  const validAt = chain.every((c) => new Date(c.validFrom).getTime() <= t && t <= new Date(c.validTo).getTime());
  return { chain, trusted, validAt };
}

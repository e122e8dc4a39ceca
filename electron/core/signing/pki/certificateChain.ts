/**
 * Path building from a certificate to one of the configured roots. Signed files often carry only the leaf, so the
 * caller may supply intermediates (the pool) besides those embedded in a CMS; every link is checked cryptographically
 * and for validity at the time that matters (the signing or timestamp time), and each issuer must be a CA.
 */
import { X509Certificate } from 'node:crypto';

export interface ChainResult {
  trusted: boolean;
  /** Leaf first, root last when trusted; as far as it could be built otherwise. */
  chain: Uint8Array[];
  /** Why the chain is not trusted, in short English for logs and JSON (the UI shows its own words). */
  problem?: 'noIssuer' | 'expired' | 'notCa' | 'tooLong';
}

const MAX_DEPTH = 8;

function validAt(cert: X509Certificate, at: Date): boolean {
  return new Date(cert.validFrom).getTime() <= at.getTime() && at.getTime() <= new Date(cert.validTo).getTime();
}

function issues(issuer: X509Certificate, subject: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

export function chainToRoot(leaf: Uint8Array, pool: Uint8Array[], roots: Uint8Array[], at: Date): ChainResult {
  const parse = (der: Uint8Array) => ({ der, x509: new X509Certificate(der) });
  const rootCerts = roots.map(parse);
  const poolCerts = pool.map(parse);
  const chain = [parse(leaf)];
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const current = chain[chain.length - 1]!;
    if (!validAt(current.x509, at)) return { trusted: false, chain: chain.map((c) => c.der), problem: 'expired' };
    if (rootCerts.some((r) => Buffer.from(r.der).equals(Buffer.from(current.der)))) return { trusted: true, chain: chain.map((c) => c.der) };
    const root = rootCerts.find((r) => issues(r.x509, current.x509));
    if (root) {
      if (!validAt(root.x509, at)) return { trusted: false, chain: [...chain, root].map((c) => c.der), problem: 'expired' };
      return { trusted: true, chain: [...chain, root].map((c) => c.der) };
    }
    const next = poolCerts.find((p) => !chain.some((c) => c.x509.fingerprint256 === p.x509.fingerprint256) && issues(p.x509, current.x509));
    if (!next) return { trusted: false, chain: chain.map((c) => c.der), problem: 'noIssuer' };
    if (!next.x509.ca) return { trusted: false, chain: [...chain, next].map((c) => c.der), problem: 'notCa' };
    chain.push(next);
  }
  return { trusted: false, chain: chain.map((c) => c.der), problem: 'tooLong' };
}

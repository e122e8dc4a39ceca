/**
 * A Signer over a PKCS#12 (.p12/.pfx) file. node-forge decodes the container (including OpenSSL 3's default AES/PBKDF2
 * protection); the RSA key is then handed to Node's crypto for the signing itself, which is native and constant-time.
 */
import { constants, createPrivateKey, createPublicKey, privateEncrypt, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { SigningRefusal } from './signingRefusal';
import { concat } from '../cms/der';
import type { Signer } from './signer';

/** DER prefix of DigestInfo { AlgorithmIdentifier sha256 NULL, OCTET STRING (32 bytes) } (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO_PREFIX = Uint8Array.from([0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20]);

function asn1ToBytes(asn1: forge.asn1.Asn1): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

/** forge re-encodes a parsed certificate from its cached TBSCertificate, so the DER is the original's byte for byte;
 * certificates forge cannot model (e.g. EC keys in the chain) come back as raw ASN.1 instead. */
function certificateDer(bag: forge.pkcs12.Bag): Uint8Array | null {
  if (bag.cert) return asn1ToBytes(forge.pki.certificateToAsn1(bag.cert));
  const raw = (bag as { asn1?: forge.asn1.Asn1 }).asn1;
  return raw ? asn1ToBytes(raw) : null;
}

function decode(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  } catch {
    throw new AppError('BAD_INPUT', msg('signing.p12Unreadable'));
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/MAC could not be verified/i.test(text)) throw new SigningRefusal(msg('signing.p12WrongPassword'));
    // The MAC (keyed from the password as BMPString) passed, so the password is right; but PBES2 (OpenSSL 3's default)
    // derives keys from its UTF-8 bytes, which forge gets wrong for non-ASCII passwords. Decrypt again with the UTF-8
    // bytes, the MAC already checked and removed so forge does not recompute it from the byte string. Whatever the
    // first failure said: forge's padding check lets about one wrong key in fifty through, and the garbage it then
    // decrypts fails later as unreadable DER.
    if (/[^\x00-\x7f]/.test(password)) {
      try {
        const withoutMac = forge.asn1.create(asn1.tagClass, asn1.type, true, (asn1.value as forge.asn1.Asn1[]).slice(0, 2));
        return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, forge.util.encodeUtf8(password));
      } catch {
        throw new SigningRefusal(msg('signing.p12WrongPassword'));
      }
    }
    if (/password|pad|decrypt/i.test(text)) throw new SigningRefusal(msg('signing.p12WrongPassword'));
    throw new AppError('BAD_INPUT', msg('signing.p12Unreadable'));
  }
}

function signWithRsa(key: KeyObject, sha256: Uint8Array): Uint8Array {
  const digestInfo = concat([SHA256_DIGEST_INFO_PREFIX, sha256]);
  return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
}

/** Opens a .p12/.pfx with its password. Wrong password or an unreadable file: AppError with a Vietnamese message. */
export function openP12Signer(bytes: Uint8Array, password: string): Signer {
  const p12 = decode(bytes, password);
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag! })[forge.pki.oids.keyBag!] ?? []),
  ];
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const keyBag = keyBags.find((bag) => bag.key);
  const rsaKey = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!rsaKey) throw new AppError('BAD_INPUT', msg('signing.p12NoKey'));

  // The signing certificate is the one whose public key matches the private key, whatever order the bags come in.
  const key = createPrivateKey({ key: forge.pki.privateKeyToPem(rsaKey), format: 'pem' });
  const publicKey = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const certs = certBags.flatMap((bag) => certificateDer(bag) ?? []);
  const own = certs.find((der) => new X509Certificate(der).publicKey.export({ type: 'spki', format: 'der' }).equals(publicKey));
  if (!own) throw new AppError('BAD_INPUT', msg('signing.p12NoKey'));

  return {
    certificate: own,
    chain: certs.filter((c) => c !== own),
    keyAlgorithm: 'rsa',
    signDigest: async (sha256) => signWithRsa(key, sha256),
  };
}

/**
 * Signing with a key that lives on a USB token, through the token's PKCS#11 library. The private key never leaves the
 * token: we send it the DigestInfo (RSA) or the bare digest (ECDSA) and receive the signature. The PIN is passed
 * straight to C_Login and never kept, logged or put into an error.
 */
// The package is CommonJS with its constants set at run time: only its default export carries them under ESM.
import pkcs11js from 'pkcs11js';
import type { PKCS11, Template } from 'pkcs11js';
import { AppError, type ErrorCode } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { describeCertificate, type CertificateInfo } from '../pki/certificates';
import { concat, integer, sequence } from '../cms/der';
import type { KeyAlgorithm, Signer } from './signer';

type Handle = Buffer;

export type TokenFailure =
  | 'moduleUnloadable'
  | 'noToken'
  | 'tokenNotFound'
  | 'manyTokens'
  | 'noKey'
  | 'keyNotFound'
  | 'manyKeys'
  | 'keyTypeUnsupported'
  | 'pinIncorrect'
  | 'pinLocked'
  | 'pinExpired'
  | 'pinInvalid'
  | 'removed'
  | 'failed';

/** A refusal or failure of the token, with a Vietnamese message ready to show and a reason callers can branch on. */
export class TokenError extends AppError {
  constructor(
    readonly reason: TokenFailure,
    message: string,
  ) {
    super(tokenErrorCode(reason), message);
    this.name = 'TokenError';
  }
}

function tokenErrorCode(reason: TokenFailure): ErrorCode {
  if (reason === 'removed' || reason === 'failed' || reason === 'moduleUnloadable') return 'INTERNAL';
  return 'BAD_INPUT';
}

export interface TokenSummary {
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
}

/** A certificate stored on the token, paired by CKA_ID with its key. */
export interface TokenCertificate {
  /** CKA_LABEL of the certificate object (the key usually carries the same label). */
  label: string;
  /** CKA_ID in hex: the link between a certificate and its private key. */
  id: string;
  certificate: Uint8Array;
  /** Subject, issuer, validity and key usage, for the person choosing a key. */
  info: CertificateInfo;
  /**
   * A key object with the same CKA_ID is visible without the PIN (its public key, usually): the certificate is one
   * the token can sign with. CA certificates stored on the token have none. Private keys show only after login.
   */
  hasKeyPair: boolean;
}

export interface Pkcs11Signer extends Signer {
  readonly tokenLabel: string;
  readonly keyLabel: string;
  /** Logs out and closes the session; safe to call twice. */
  close(): Promise<void>;
}

export interface OpenSignerOptions {
  /** Token label; may be left out when exactly one token is present. */
  token?: string;
  /** Label of the key or of its certificate; may be left out when the token holds exactly one signing key. */
  keyLabel?: string;
  pin: string;
}

export interface Pkcs11Module {
  readonly path: string;
  listTokens(): TokenSummary[];
  /** Certificates on the token, readable without the PIN. */
  listCertificates(token?: string): TokenCertificate[];
  /** Logs in with the PIN and returns a signer bound to one key; close it (or use withPkcs11Signer) when done. */
  openSigner(options: OpenSignerOptions): Promise<Pkcs11Signer>;
  /** Closes every session still open and releases the library. */
  close(): void;
}

// DigestInfo ::= SEQUENCE { AlgorithmIdentifier sha256 NULL, OCTET STRING(32) } without its last 32 bytes.
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');
const CKK_RSA = 0;
const CKK_EC = 3;

/**
 * A PKCS#11 library may be initialised once per process; two opens of the same path share it, and the last close
 * finalises it, so one window closing its token list does not pull the library from under a signing in progress.
 */
const loaded = new Map<string, { lib: PKCS11; users: number }>();

function acquireLibrary(path: string): PKCS11 {
  const entry = loaded.get(path);
  if (entry) {
    entry.users += 1;
    return entry.lib;
  }
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(path);
    initialize(lib);
  } catch {
    throw new TokenError('moduleUnloadable', msg('token.moduleUnloadable', { path }));
  }
  loaded.set(path, { lib, users: 1 });
  return lib;
}

/**
 * Cryptoki's initialisation belongs to the process, not to the thread that asked for it: a signing thread that was
 * stopped in the middle of a job (a hung token) leaves the library initialised for its successor, which then uses it.
 */
function initialize(lib: PKCS11): void {
  try {
    lib.C_Initialize();
  } catch (error) {
    if (ckrCode(error) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw error;
  }
}

function releaseLibrary(path: string): void {
  const entry = loaded.get(path);
  if (!entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  loaded.delete(path);
  try {
    entry.lib.C_Finalize();
  } catch {
    // A library whose device vanished may refuse to finalise; there is nothing left to release then.
  }
  entry.lib.close();
}

function ckrCode(error: unknown): string | undefined {
  return error instanceof pkcs11js.Pkcs11Error ? /CKR_\w+/.exec(error.message)?.[0] : undefined;
}

const REMOVAL_CODES = new Set(['CKR_DEVICE_REMOVED', 'CKR_TOKEN_NOT_PRESENT', 'CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED', 'CKR_DEVICE_ERROR']);

/** Maps a Cryptoki error to what a person can act on; only codes are kept, never the call's arguments. */
export function tokenErrorFrom(error: unknown, finalPinTry = false): TokenError {
  if (error instanceof TokenError) return error;
  const code = ckrCode(error);
  switch (code) {
    case 'CKR_PIN_INCORRECT':
      return new TokenError('pinIncorrect', msg(finalPinTry ? 'token.pinIncorrectFinalTry' : 'token.pinIncorrect'));
    case 'CKR_PIN_LOCKED':
      return new TokenError('pinLocked', msg('token.pinLocked'));
    case 'CKR_PIN_EXPIRED':
      return new TokenError('pinExpired', msg('token.pinExpired'));
    case 'CKR_PIN_LEN_RANGE':
    case 'CKR_PIN_INVALID':
      return new TokenError('pinInvalid', msg('token.pinInvalid'));
  }
  if (code && REMOVAL_CODES.has(code)) return new TokenError('removed', msg('token.removed'));
  return new TokenError('failed', msg('token.failed', { code: code ?? msg('token.unknownCode') }));
}

/** CK_ULONG attributes arrive in the platform's width and byte order (8 bytes little-endian on x64 Linux/Windows). */
function readUlong(value: Buffer): number {
  return value.length === 8 ? Number(value.readBigUInt64LE()) : value.readUInt32LE();
}

/** Cryptoki failures become TokenErrors; anything else is a defect in our code and travels on unchanged. */
function rethrown(error: unknown): unknown {
  return error instanceof pkcs11js.Pkcs11Error ? tokenErrorFrom(error) : error;
}

const trimmed = (text: string) => text.replace(/[\s\0]+$/, '');

export function openPkcs11Module(path: string): Pkcs11Module {
  const lib = acquireLibrary(path);
  const openSigners = new Set<Pkcs11Signer>();
  let closed = false;

  function presentTokens(): { slot: Handle; summary: TokenSummary }[] {
    // An uninitialised token (e.g. SoftHSM2's spare slot) holds no keys: it is not offered.
    return lib.C_GetSlotList(true).flatMap((slot) => {
      const info = lib.C_GetTokenInfo(slot);
      if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) return [];
      return {
        slot,
        summary: { label: trimmed(info.label), manufacturer: trimmed(info.manufacturerID), model: trimmed(info.model), serial: trimmed(info.serialNumber) },
      };
    });
  }

  function pickToken(label?: string): { slot: Handle; summary: TokenSummary } {
    const tokens = presentTokens();
    const labels = tokens.map((t) => t.summary.label).join(', ');
    if (tokens.length === 0) throw new TokenError('noToken', msg('token.noToken'));
    if (label !== undefined) {
      const match = tokens.find((t) => t.summary.label === label);
      if (!match) throw new TokenError('tokenNotFound', msg('token.tokenNotFound', { label, labels }));
      return match;
    }
    if (tokens.length > 1) throw new TokenError('manyTokens', msg('token.manyTokens', { labels }));
    return tokens[0]!;
  }

  function find(session: Handle, template: Template): Handle[] {
    lib.C_FindObjectsInit(session, template);
    try {
      return lib.C_FindObjects(session, 100);
    } finally {
      lib.C_FindObjectsFinal(session);
    }
  }

  function readCertificates(session: Handle): TokenCertificate[] {
    const keyIds = new Set(
      [pkcs11js.CKO_PUBLIC_KEY, pkcs11js.CKO_PRIVATE_KEY].flatMap((keyClass) =>
        find(session, [{ type: pkcs11js.CKA_CLASS, value: keyClass }]).map((h) => lib.C_GetAttributeValue(session, h, [{ type: pkcs11js.CKA_ID }])[0]!.value.toString('hex')),
      ),
    );
    return find(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }]).map((handle) => {
      const [label, id, value] = lib.C_GetAttributeValue(session, handle, [
        { type: pkcs11js.CKA_LABEL },
        { type: pkcs11js.CKA_ID },
        { type: pkcs11js.CKA_VALUE },
      ]);
      const certificate = new Uint8Array(value!.value);
      const idHex = id!.value.toString('hex');
      return { label: label!.value.toString('utf8'), id: idHex, certificate, info: describeCertificate(certificate), hasKeyPair: keyIds.has(idHex) };
    });
  }

  function withSession<T>(slot: Handle, use: (session: Handle) => T): T {
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      return use(session);
    } finally {
      lib.C_CloseSession(session);
    }
  }

  function assertOpen(): void {
    if (closed) throw new TokenError('failed', msg('token.failed', { code: 'module closed' }));
  }

  return {
    path,
    listTokens() {
      assertOpen();
      try {
        return presentTokens().map((t) => t.summary);
      } catch (error) {
        throw rethrown(error);
      }
    },
    listCertificates(token) {
      assertOpen();
      try {
        const { slot } = pickToken(token);
        return withSession(slot, readCertificates);
      } catch (error) {
        throw rethrown(error);
      }
    },
    async openSigner(options) {
      assertOpen();
      let session: Handle | undefined;
      try {
        const { slot, summary } = pickToken(options.token);
        session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
        await login(lib, slot, session, options.pin);
        const key = pickKey(lib, session, readCertificates(session), summary.label, options.keyLabel, find);
        const signer = createTokenSigner(lib, slot, session, summary.label, key, () => openSigners.delete(signer));
        openSigners.add(signer);
        return signer;
      } catch (error) {
        if (session) closeQuietly(lib, session);
        throw rethrown(error);
      }
    },
    close() {
      if (closed) return;
      closed = true;
      for (const signer of openSigners) void signer.close();
      releaseLibrary(path);
    },
  };
}

async function login(lib: PKCS11, slot: Handle, session: Handle, pin: string): Promise<void> {
  try {
    lib.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    if (ckrCode(error) === 'CKR_USER_ALREADY_LOGGED_IN') return;
    // The token tells whether the next wrong PIN locks it; read after the failure so the count is current.
    let finalTry = false;
    try {
      finalTry = (lib.C_GetTokenInfo(slot).flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0;
    } catch {
      // Token info is only a hint for the message.
    }
    throw tokenErrorFrom(error, finalTry);
  }
}

interface TokenKey {
  handle: Handle;
  label: string;
  algorithm: KeyAlgorithm;
  certificate: Uint8Array;
  chain: Uint8Array[];
}

function pickKey(
  lib: PKCS11,
  session: Handle,
  certificates: TokenCertificate[],
  tokenLabel: string,
  wantedLabel: string | undefined,
  find: (session: Handle, template: Template) => Handle[],
): TokenKey {
  const pairs = find(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_SIGN, value: true },
  ]).flatMap((handle) => {
    const [label, id, keyType] = lib.C_GetAttributeValue(session, handle, [
      { type: pkcs11js.CKA_LABEL },
      { type: pkcs11js.CKA_ID },
      { type: pkcs11js.CKA_KEY_TYPE },
    ]);
    const idHex = id!.value.toString('hex');
    const cert = certificates.find((c) => c.id === idHex);
    if (!cert) return [];
    return [{ handle, label: label!.value.toString('utf8') || cert.label, certLabel: cert.label, keyType: readUlong(keyType!.value), cert }];
  });
  if (pairs.length === 0) throw new TokenError('noKey', msg('token.noKey', { token: tokenLabel }));
  const labels = pairs.map((p) => p.label).join(', ');
  let chosen = pairs[0]!;
  if (wantedLabel !== undefined) {
    const match = pairs.find((p) => p.label === wantedLabel || p.certLabel === wantedLabel);
    if (!match) throw new TokenError('keyNotFound', msg('token.keyNotFound', { token: tokenLabel, label: wantedLabel, labels }));
    chosen = match;
  } else if (pairs.length > 1) {
    throw new TokenError('manyKeys', msg('token.manyKeys', { token: tokenLabel, labels }));
  }
  const algorithm: KeyAlgorithm | undefined = chosen.keyType === CKK_RSA ? 'rsa' : chosen.keyType === CKK_EC ? 'ecdsa' : undefined;
  if (!algorithm) throw new TokenError('keyTypeUnsupported', msg('token.keyTypeUnsupported'));
  return {
    handle: chosen.handle,
    label: chosen.label,
    algorithm,
    certificate: chosen.cert.certificate,
    // Tokens often carry the issuing CA certificates too; offering them lets the CMS embed the chain.
    chain: certificates.filter((c) => c !== chosen.cert).map((c) => c.certificate),
  };
}

function createTokenSigner(
  lib: PKCS11,
  slot: Handle,
  session: Handle,
  tokenLabel: string,
  key: TokenKey,
  onClose: () => void,
): Pkcs11Signer {
  let open = true;
  const signer: Pkcs11Signer = {
    certificate: key.certificate,
    chain: key.chain,
    keyAlgorithm: key.algorithm,
    tokenLabel,
    keyLabel: key.label,
    async signDigest(sha256) {
      if (sha256.length !== 32) throw new RangeError('signDigest expects a SHA-256 digest (32 bytes)');
      if (!open) throw new TokenError('failed', msg('token.failed', { code: 'session closed' }));
      const input = key.algorithm === 'rsa' ? Buffer.concat([SHA256_DIGEST_INFO_PREFIX, sha256]) : Buffer.from(sha256);
      const mechanism = key.algorithm === 'rsa' ? pkcs11js.CKM_RSA_PKCS : pkcs11js.CKM_ECDSA;
      try {
        lib.C_SignInit(session, { mechanism }, key.handle);
        const signature = await lib.C_SignAsync(session, input, Buffer.alloc(1024));
        return key.algorithm === 'rsa' ? new Uint8Array(signature) : ecdsaRawToDer(signature);
      } catch (error) {
        if (!tokenPresent(lib, slot, tokenLabel)) throw new TokenError('removed', msg('token.removed'));
        throw rethrown(error);
      }
    },
    async close() {
      if (!open) return;
      open = false;
      onClose();
      closeQuietly(lib, session);
    },
  };
  return signer;
}

/**
 * Some libraries report a pulled token only indirectly (a stale object handle, a general error); asking for the
 * token again tells removal apart from a real signing refusal.
 */
function tokenPresent(lib: PKCS11, slot: Handle, label: string): boolean {
  try {
    return lib.C_GetSlotList(true).some((s) => s.equals(slot) && trimmed(lib.C_GetTokenInfo(s).label) === label);
  } catch {
    return false;
  }
}

function closeQuietly(lib: PKCS11, session: Handle): void {
  try {
    lib.C_Logout(session);
  } catch {
    // Not logged in, or the token is gone: closing the session is what matters.
  }
  try {
    lib.C_CloseSession(session);
  } catch {
    // A removed token has already dropped its sessions.
  }
}

/** PKCS#11 returns ECDSA signatures as r||s; CMS wants ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new RangeError('ECDSA signature must be r||s of equal halves');
  const half = raw.length / 2;
  const positiveInteger = (bytes: Uint8Array): Uint8Array => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
    const body = bytes.subarray(start);
    return integer(body[0]! & 0x80 ? concat([Uint8Array.of(0), body]) : body);
  };
  return sequence(positiveInteger(raw.subarray(0, half)), positiveInteger(raw.subarray(half)));
}

/** Opens a signer, runs the work, and always logs out, closes the session and releases the library. */
export async function withPkcs11Signer<T>(modulePath: string, options: OpenSignerOptions, work: (signer: Pkcs11Signer) => Promise<T>): Promise<T> {
  const module = openPkcs11Module(modulePath);
  try {
    const signer = await module.openSigner(options);
    try {
      return await work(signer);
    } finally {
      await signer.close();
    }
  } finally {
    module.close();
  }
}

/**
 * What the signing thread and its caller say to each other. Everything is plain data: the thread opens keys itself
 * from the bytes or the token library named here, so no private key and no open session ever crosses back, and the
 * secret that opens a key travels only in the job that uses it.
 */
import type { VerifyOutput } from '../../../../shared/contract';
import type { ErrorCode } from '../../../../shared/errors';
import type { SignPdfResult, SignProgress } from '../pdfSigner';
import type { TokenCertificate } from './pkcs11Signer';
import type { LtvRequest } from '../ltvSigning';
import type { AppearanceRequest } from '../appearance/signatureAppearance';

/** The key to sign with: a .p12/.pfx with its password, or a key on a PKCS#11 token with its PIN. */
export type KeySource =
  | { kind: 'p12'; bytes: Uint8Array; secret: string }
  | { kind: 'pkcs11'; module: string; token?: string; keyLabel?: string; secret: string };

export interface VerifyJob {
  file: string;
  /** DER certificates trusted as roots. */
  trustedRoots: Uint8Array[];
  /** Intermediates to use when a signature embeds only its leaf. */
  extraCertificates: Uint8Array[];
  /** Revocation from the file's DSS; `online` also asks the CA's services when the DSS says nothing. */
  revocation: { online: boolean; timeoutMs?: number };
}

export interface SignJob {
  input: string;
  output: string;
  key: KeySource;
  appearance: AppearanceRequest;
  /** The trusted intermediates: those that chain the signer's certificate are embedded when the key lacks them. */
  extraCertificates: Uint8Array[];
  /** RFC 3161 timestamp authority for PAdES B-T; none: B-B. */
  tsaUrl?: string;
  /** PAdES B-LT: store chain and revocation answers in a DSS revision after signing (see signPdfWithLtv). */
  ltv?: LtvRequest;
}

export interface SignedJob {
  certificate: Uint8Array;
  byteRange: SignPdfResult['byteRange'];
}

export interface TokenKeyCertificate extends TokenCertificate {
  /** Label of the token holding it. */
  token: string;
}

/** Each operation's input and answer. Only `sign` reports progress. */
export interface SigningOps {
  verify: { input: VerifyJob; output: VerifyOutput };
  /** Opens the .p12 with its password (proving it) and answers the signing certificate's DER. */
  p12Certificate: { input: { bytes: Uint8Array; secret: string }; output: Uint8Array };
  /** Certificates on every token the library offers, readable without the PIN. */
  tokenCertificates: { input: { module: string }; output: TokenKeyCertificate[] };
  /** Signs; answers the DER of the certificate that signed and the new signature's /ByteRange, which names it. */
  sign: { input: SignJob; output: SignedJob };
}

export type SigningOp = keyof SigningOps;

export interface SigningRequest<K extends SigningOp = SigningOp> {
  id: number;
  op: K;
  input: SigningOps[K]['input'];
}

/** A failure as the thread reports it: an AppError keeps its code, message and fields; anything else is a defect. */
export type FailureData = { app: true; code: ErrorCode; message: string; fields?: Record<string, string> } | { app: false; message: string; stack?: string };

export type SigningReply =
  | { id: number; kind: 'progress'; progress: SignProgress }
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'failed'; failure: FailureData };

/** The thread's first message: its modules are loaded and jobs may come. */
export const SIGNING_THREAD_READY = 'signing-thread-ready';

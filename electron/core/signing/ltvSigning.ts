/**
 * Signing for long-term validation (PAdES B-LT), the one sequence `vanthu sign --ltv` and the app's signing thread
 * both run: sign, then store the new signature's chain and fresh revocation answers as a DSS revision of the same
 * file. A signature whose DSS step failed is not what was asked for, so the caller must drop the file: the failure is
 * told apart from a failure to sign (LtvStepFailure) for the caller to say so.
 */
import { AppError } from '../../../shared/errors';
import { addLtvToSignedPdf, type LtvResult } from './pki/dss';
import { signPdf, type SignPdfRequest, type SignPdfResult } from './pdfSigner';

export class LtvStepFailure extends AppError {
  constructor(cause: AppError) {
    super(cause.code, cause.message, cause.fields);
    this.name = 'LtvStepFailure';
  }
}

export interface LtvRequest {
  /** Certificates that may complete the chains (trusted intermediates and roots): the self-signed ones end them. */
  chainCandidates: Uint8Array[];
}

/** signPdf; with `ltv` also the DSS step on the signed output, whose failures (a responder down, a revoked
 * certificate, no chain) throw LtvStepFailure. */
export async function signPdfWithLtv(request: SignPdfRequest, ltv: LtvRequest | null): Promise<{ signed: SignPdfResult; ltv: LtvResult | null }> {
  const signed = await signPdf(request);
  if (!ltv) return { signed, ltv: null };
  // The CA's responders can take seconds each: the person sees what is being waited on.
  request.onProgress?.({ phase: 'revocation', done: 0, total: 0 });
  try {
    const extraCertificates = ltv.chainCandidates;
    return { signed, ltv: await addLtvToSignedPdf(request.output, signed.byteRange, extraCertificates.length ? { extraCertificates } : {}) };
  } catch (error) {
    throw error instanceof AppError ? new LtvStepFailure(error) : error;
  }
}

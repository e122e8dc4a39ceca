/**
 * The signing thread: decodes PKCS#12 files, talks to PKCS#11 tokens, parses, hashes, signs and verifies PDFs, all
 * of which block for long stretches (node-forge's PBKDF2 alone takes seconds for a strongly protected .p12). Jobs run
 * concurrently in this thread's own event loop; the app's main thread only posts them and hears the answers.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { dssRevocationChecker } from '../pki/dss';
import { openP12Signer } from './p12Signer';
import { LtvStepFailure, signPdfWithLtv } from '../ltvSigning';
import type { SignProgress } from '../pdfSigner';
import { openPkcs11Module, withPkcs11Signer } from './pkcs11Signer';
import type { Signer } from './signer';
import { judgeReport } from '../verify/signatureVerdict';
import {
  SIGNING_THREAD_READY,
  type FailureData,
  type KeySource,
  type SigningOp,
  type SigningOps,
  type SigningReply,
  type SigningRequest,
} from './signingWorkerProtocol';
import { signatureTimestampAttribute } from '../pki/timestamp';
import { verifyPdf } from '../verify/verifyPdf';

type Handlers = { [K in SigningOp]: (input: SigningOps[K]['input'], progress: (p: SignProgress) => void) => Promise<SigningOps[K]['output']> };

/** The secret leaves the job as it is handed to the key's opener, so nothing in this thread holds it afterwards. */
function takeSecret(holder: { secret: string }): string {
  const { secret } = holder;
  holder.secret = '';
  return secret;
}

async function withKey<T>(key: KeySource, use: (signer: Signer) => Promise<T>): Promise<T> {
  if (key.kind === 'p12') return use(openP12Signer(key.bytes, takeSecret(key)));
  const { token, keyLabel } = key;
  return withPkcs11Signer(key.module, { ...(token ? { token } : {}), ...(keyLabel ? { keyLabel } : {}), pin: takeSecret(key) }, use);
}

const handlers: Handlers = {
  async verify(job) {
    const report = await verifyPdf(job.file, {
      trustedRoots: job.trustedRoots,
      extraCertificates: job.extraCertificates,
      checkRevocation: dssRevocationChecker(job.revocation),
    });
    return judgeReport(report);
  },
  async p12Certificate(input) {
    return openP12Signer(input.bytes, takeSecret(input)).certificate;
  },
  async tokenCertificates({ module: path }) {
    const module = openPkcs11Module(path);
    try {
      return module.listTokens().flatMap((token) => module.listCertificates(token.label).map((c) => ({ ...c, token: token.label })));
    } finally {
      module.close();
    }
  },
  async sign(job, progress) {
    return withKey(job.key, async (signer) => {
      try {
        const { signed } = await signPdfWithLtv(
          {
            input: job.input,
            output: job.output,
            signer,
            appearance: job.appearance,
            extraCertificates: job.extraCertificates,
            ...(job.tsaUrl ? { unsignedAttributesFor: signatureTimestampAttribute({ url: job.tsaUrl }) } : {}),
            onProgress: progress,
          },
          job.ltv ?? null,
        );
        return { certificate: signer.certificate, byteRange: signed.byteRange };
      } catch (error) {
        // Only the message crosses to the app: it must say here that the signature asked for was not made.
        if (error instanceof LtvStepFailure) throw new AppError(error.code, msg('signingUi.ltvFailed', { reason: error.message }));
        throw error;
      }
    });
  },
};

function failureData(error: unknown): FailureData {
  if (error instanceof AppError) return { app: true, code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  if (error instanceof Error) return { app: false, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { app: false, message: String(error) };
}

const port = parentPort;
if (!port) throw new Error('signingWorkerThread runs only as a worker thread');
const reply = (message: SigningReply) => port.postMessage(message);

port.on('message', (request: SigningRequest) => {
  const handler = handlers[request.op] as (input: unknown, progress: (p: SignProgress) => void) => Promise<unknown>;
  handler(request.input, (progress) => reply({ id: request.id, kind: 'progress', progress })).then(
    (value) => reply({ id: request.id, kind: 'done', value }),
    (error: unknown) => reply({ id: request.id, kind: 'failed', failure: failureData(error) }),
  );
});

port.postMessage(SIGNING_THREAD_READY);

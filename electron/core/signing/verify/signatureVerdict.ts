/**
 * From the engine's per-signature report to what a person acts on: each signature is valid, invalid (the bytes, the
 * covered revision, the certificate's validity, revocation, the timestamp or later page changes fail) or untrusted
 * (sound, but its certificate does not chain to a configured root); the file's verdict is the worst of them.
 */
import type { SignatureCheck, VerifyOutput } from '../../../../shared/contract';
import type { SignatureReport, VerifyReport } from './verifyPdf';

function verdictOf(s: SignatureReport): SignatureCheck['verdict'] {
  const broken =
    !s.intact ||
    !s.coversRevision ||
    !s.certificateValidAtSigningTime ||
    s.changesAfter === 'disallowed' ||
    s.revocation === 'revoked' ||
    (s.timestamp !== null && !s.timestamp.valid);
  if (broken) return 'invalid';
  return s.trusted ? 'valid' : 'untrusted';
}

export function judgeReport(report: VerifyReport): VerifyOutput {
  const signatures: SignatureCheck[] = report.signatures.map((s) => ({
    index: s.index,
    signer: s.signer,
    issuer: s.certificate?.issuerCommonName ?? null,
    byteRange: s.byteRange,
    signingTime: s.signingTime,
    signingTimeSource: s.signingTimeSource,
    intact: s.intact,
    coversRevision: s.coversRevision,
    coversWholeFile: s.coversWholeFile,
    trusted: s.trusted,
    chain: s.chain,
    validAtSigningTime: s.certificateValidAtSigningTime,
    revocation: s.revocation,
    timestamp: s.timestamp,
    changesAfter: s.changesAfter,
    placement: s.placement,
    verdict: verdictOf(s),
    problems: s.problems,
  }));
  const verdicts = new Set(signatures.map((s) => s.verdict));
  const verdict = signatures.length === 0 ? 'unsigned' : verdicts.has('invalid') ? 'invalid' : verdicts.has('untrusted') ? 'untrusted' : 'valid';
  return { verdict, signatures };
}

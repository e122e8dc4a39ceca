import { readFile } from 'node:fs/promises';
import { vietnamIsoTime } from '../../../shared/domain/dates';
import { msg, type MessageKey } from '../../../shared/messages';
import { verifyFileSignature, type FileSignatureReport } from '../../core/signing/cms/cades';
import { describeCertificate } from '../../core/signing/pki/certificates';
import { parseCommandArgs } from '../args';
import { verificationCertificates } from '../certificateInputs';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { signingCliError } from './signFile';

const usage = 'vanthu verify-file <tệp> <tệp.p7s> [--trust <chứng-thư-gốc.pem>]... [--ca <chứng-thư-trung-gian.pem>]... [--json]';

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch {
    throw new CliError(EXIT.badInput, msg('fileSig.fileUnreadable', { file }));
  }
}

function reportLines(report: FileSignatureReport, trustGiven: boolean): string[] {
  const lines = [msg(report.valid ? 'fileSig.valid' : 'fileSig.invalid')];
  const s = report.signer;
  lines.push(
    s
      ? msg('fileSig.signer', { name: s.subjectCommonName, issuer: s.issuerCommonName, from: vietnamIsoTime(s.validFrom), to: vietnamIsoTime(s.validTo) })
      : msg('fileSig.signerUnknown'),
  );
  if (report.signingTime) lines.push(msg('fileSig.signingTime', { time: vietnamIsoTime(report.signingTime) }));
  lines.push(msg(report.intact ? 'fileSig.intact' : 'fileSig.modified'));
  lines.push(msg(report.signatureValid ? 'fileSig.signatureOk' : 'fileSig.signatureBad'));
  if (!trustGiven) lines.push(msg('fileSig.noTrust'));
  else if (report.trusted && report.chain) {
    lines.push(msg('fileSig.trusted', { chain: report.chain.chain.map((der) => describeCertificate(der).subjectCommonName).join(' → ') }));
  } else {
    const problem: MessageKey = `fileSig.chain.${report.chain?.problem ?? 'noIssuer'}`;
    lines.push(msg('fileSig.untrusted', { problem: msg(problem) }));
  }
  const t = report.timestamp;
  if (!t) lines.push(msg('fileSig.noTimestamp'));
  else if (t.valid && t.time) lines.push(msg('fileSig.timestampOk', { time: vietnamIsoTime(t.time), tsa: t.tsaName ?? '?' }));
  else {
    const failed = Object.entries({ imprintMatches: t.imprintMatches, signatureValid: t.signatureValid, tsaPurposeOk: t.tsaPurposeOk, chainTrusted: t.chainTrusted })
      .filter(([, ok]) => !ok)
      .map(([name]) => name);
    lines.push(msg('fileSig.timestampBad', { detail: failed.join(', ') }));
  }
  return lines;
}

function reportJson(report: FileSignatureReport): string {
  const { chain, ...rest } = report;
  return JSON.stringify(
    { ...rest, chainLength: chain?.chain.length ?? 0, chainProblem: chain?.problem ?? null },
    (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value),
    2,
  );
}

export const verifyFileCommand: Command = {
  name: 'verify-file',
  summary: msg('fileSig.verifySummary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      { trust: { type: 'string', multiple: true }, ca: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } },
      usage,
    );
    const [file, p7sPath, ...extra] = positionals;
    if (!file || !p7sPath || extra.length) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: '<tệp> <tệp.p7s>' })}\n${usage}`);
    const { trustedRoots, extraCertificates } = await verificationCertificates(values, ctx);
    const p7s = await readInput(p7sPath);
    let report: FileSignatureReport;
    try {
      report = await verifyFileSignature({ file, p7s, trustedRoots, extraCertificates });
    } catch (error) {
      throw signingCliError(error);
    }
    if (values.json) ctx.out(reportJson(report));
    else for (const line of reportLines(report, trustedRoots.length > 0)) (report.valid ? ctx.out : ctx.err)(line);
    return report.valid ? EXIT.ok : EXIT.refused;
  },
};

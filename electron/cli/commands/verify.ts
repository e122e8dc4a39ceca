import { vietnamIsoTime } from '../../../shared/domain/dates';
import { msg } from '../../../shared/messages';
import { dssRevocationChecker } from '../../core/signing/pki/dss';
import { verifyPdf, type SignatureReport, type VerifyReport } from '../../core/signing/verify/verifyPdf';
import { parseCommandArgs } from '../args';
import { verificationCertificates } from '../certificateInputs';
import { CliError, EXIT } from '../cliError';
import type { Command } from '../command';
import { signingCliError } from './signFile';

const usage = `vanthu verify <tệp.pdf> [--trust <chứng-thư-gốc.pem>]... [--ca <chứng-thư-trung-gian.pem>]... [--online] [--json]
  Chứng thư tin cậy: các tệp --trust/--ca cùng danh sách quản lý bằng vanthu trust (thư mục dữ liệu --data).
  Tình trạng thu hồi lấy từ DSS trong tệp; --online hỏi thêm máy chủ OCSP/CRL khi DSS không có.`;

function statusLine(s: SignatureReport): string {
  const parts = [
    msg(s.intact ? 'verify.intact' : 'verify.notIntact'),
    msg(s.trusted ? 'verify.trusted' : 'verify.untrusted'),
    msg(s.changesAfter === 'none' ? 'verify.changesNone' : s.changesAfter === 'allowed' ? 'verify.changesAllowed' : 'verify.changesDisallowed'),
    ...(s.coversRevision ? [] : [msg('verify.rangeNotRevision')]),
    ...(s.certificateValidAtSigningTime ? [] : [msg('verify.expiredAtSigning')]),
    ...(s.revocation === 'revoked' ? [msg('verify.revoked')] : s.revocation === 'good' ? [msg('verify.notRevoked')] : []),
  ];
  return msg('verify.line', { index: s.index, signer: s.signer, time: s.signingTime ? vietnamIsoTime(new Date(s.signingTime)) : '?', status: parts.join('; ') });
}

/** The JSON other programs read: the verdict first, then each signature with the fields a caller decides on. */
function json(report: VerifyReport): string {
  return JSON.stringify(
    {
      valid: report.valid,
      signatures: report.signatures.map((s) => ({
        signer: s.signer,
        intact: s.intact,
        trusted: s.trusted,
        changesAfter: s.changesAfter,
        coversRevision: s.coversRevision,
        coversWholeFile: s.coversWholeFile,
        signingTime: s.signingTime,
        signingTimeSource: s.signingTimeSource,
        certificateValidAtSigningTime: s.certificateValidAtSigningTime,
        revocation: s.revocation,
        timestamp: s.timestamp,
        subFilter: s.subFilter,
        field: s.fieldName,
        issuer: s.certificate?.issuerCommonName ?? null,
        serialNumber: s.certificate?.serialNumber ?? null,
        chain: s.chain,
        byteRange: s.byteRange,
        changeDetails: s.changeDetails,
        valid: s.valid,
        problems: s.problems,
      })),
    },
    null,
    2,
  );
}

export const verifyCommand: Command = {
  name: 'verify',
  summary: msg('signing.verifySummary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        trust: { type: 'string', multiple: true },
        ca: { type: 'string', multiple: true },
        online: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      usage,
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new CliError(EXIT.badInput, `${msg('cli.usageError', { detail: '<tệp.pdf>' })}\n${usage}`);
    const { trustedRoots, extraCertificates } = await verificationCertificates(values, ctx);
    let report: VerifyReport;
    try {
      report = await verifyPdf(file, { trustedRoots, extraCertificates, checkRevocation: dssRevocationChecker({ online: values.online }) });
    } catch (error) {
      throw signingCliError(error);
    }
    if (values.json) ctx.out(json(report));
    else if (report.signatures.length === 0) ctx.err(msg('verify.noSignatures'));
    else {
      for (const s of report.signatures) (s.valid ? ctx.out : ctx.err)(statusLine(s));
      (report.valid ? ctx.out : ctx.err)(report.valid ? msg('verify.valid', { count: report.signatures.length }) : msg('verify.invalid'));
    }
    return report.valid ? EXIT.ok : EXIT.refused;
  },
};

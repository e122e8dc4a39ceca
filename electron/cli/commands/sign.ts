import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isIsoDate, todayInVietnam } from '../../../shared/domain/dates';
import { msg } from '../../../shared/messages';
import { appearanceForFile } from '../../core/signing/appearance/appearanceForFile';
import { certificateHolder } from '../../core/signing/pki/certificates';
import { writeFileSafely } from '../../core/signing/pdf/fileWrite';
import { writeErrorToAppError } from '../../core/signing/pdf/pdfOpen';
import { LtvStepFailure, signPdfWithLtv } from '../../core/signing/ltvSigning';
import { decodePng } from '../../core/signing/appearance/pngImage';
import { proposeApprovalPlace, proposeIssueTexts, proposeSealPlace } from '../../core/signing/appearance/signaturePlaces';
import type { AppearanceRequest, PageRect, SignatureKind, TextPosition } from '../../core/signing/appearance/signatureAppearance';
import { openSignerFromOptions } from '../../core/signing/signers/signerOptions';
import { signatureTimestampAttribute } from '../../core/signing/pki/timestamp';
import { parseCommandArgs } from '../args';
import { callOrFail } from '../callOrFail';
import { readCertificateFiles, trustStore } from '../certificateInputs';
import { CliError, EXIT } from '../cliError';
import type { Command, CommandContext } from '../command';
import { existingCore } from '../existingCore';
import {
  CHAIN_ARG_OPTIONS,
  LTV_ARG_OPTIONS,
  ltvReport,
  SIGNER_ARG_OPTIONS,
  signerOptionsFromArgs,
  signingCliError,
  tsaFromArgs,
} from './signFile';

const usage = `vanthu sign <vào.pdf> -o <ra.pdf>
    (--p12 <tệp.p12> --password-env <BIẾN> | --pkcs11 <thư-viện> [--token <nhãn>] [--key-label <nhãn>] --pin-env <BIẾN>)
    [--kind approval|issue|attachment|receipt] [--page <N> --rect <x,y,rộng,cao>] [--image <ảnh.png>]
    [--reason <lý do>] [--location <nơi ký>]
    [--number <số> --notation <ký hiệu> --date <YYYY-MM-DD>] [--number-at <trang,x,y>] [--date-at <trang,x,y>] [--forward <chuyển cho>] [--org <tên cơ quan>]
    [--ca <chứng-thư-trung-gian.pem>]... [--tsa <url> [--tsa-timeout <giây>]] [--ltv]
  approval (mặc định): ảnh chữ ký (--image) đặt giữa vùng --rect; không có --image thì ghi chữ: người ký, cơ quan
  (theo chứng thư số) và thời gian ký (giờ Việt Nam). Không có --rect thì vùng ký đặt giữa chức vụ và họ tên người ký
  ở trang cuối, không tìm thấy thì ở góc dưới bên phải trang cuối.
  issue: ảnh con dấu (--image, bắt buộc) trùm 1/3 bên trái vùng --rect, mặc định là chữ ký còn nguyên vẹn mới nhất
  trên văn bản; số/ký hiệu và ngày ghi tại --number-at/--date-at, không có cả hai thì ghi vào chỗ trống sau "Số:" và
  trong "ngày ... tháng ... năm ..." ở trang 1; attachment: số, ký hiệu và thời gian ký ở góc trên phải trang 1;
  receipt: dấu "ĐẾN" (Số = --number, Ngày = --date, Chuyển = --forward) trên trang 1, mặc định ở chỗ trống gần đầu trang;
  tên cơ quan lấy từ --org, nếu không thì từ hồ sơ cơ quan trong thư mục dữ liệu (--data). Tọa độ tính bằng point từ góc dưới trái.
  --ca: chứng thư CA trung gian đưa vào chữ ký khi USB token hay tệp .p12 không mang theo (cùng các chứng thư trung gian
  trong danh sách tin cậy của vanthu trust).
  --ltv: thêm chứng thư và phản hồi thu hồi (OCSP/CRL) vào DSS ngay sau khi ký (PAdES B-LT); không lấy được phản hồi
  thu hồi thì không ghi tệp ra.`;

const KINDS: SignatureKind[] = ['approval', 'issue', 'attachment', 'receipt'];

function usageError(detail: string): CliError {
  return new CliError(EXIT.badInput, `${msg('cli.usageError', { detail })}\n${usage}`);
}

function numbers(text: string, count: number, flag: string): number[] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) throw usageError(flag);
  return parts;
}

function textPosition(text: string | undefined, flag: string): TextPosition | undefined {
  if (text === undefined) return undefined;
  const [page, x, y] = numbers(text, 3, `${flag} <trang,x,y>`);
  return { page: page!, x: x!, y: y! };
}

/** The receiving organisation's name for the receipt stamp: --org, else the profile of an existing data folder. */
async function organisationName(given: string | undefined, ctx: CommandContext): Promise<string | undefined> {
  if (given !== undefined) return given.trim() || undefined;
  const core = await existingCore(ctx);
  const profile = core ? await callOrFail(core, 'org.get', {}) : null;
  return profile?.name.toUpperCase();
}

/** The --image bytes, refused now if they are not a PNG the appearance can draw: before the key is opened. */
async function readImage(file: string | undefined): Promise<Uint8Array | undefined> {
  if (file === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch {
    throw new CliError(EXIT.badInput, msg('fileSig.fileUnreadable', { file }));
  }
  try {
    decodePng(bytes);
  } catch (error) {
    throw signingCliError(error);
  }
  return bytes;
}

/**
 * An approval or issue without --rect gets the box from the document's text (the signer's block; for issue the
 * newest intact signature first), and an issue without --number-at/--date-at the number and date in page 1's blanks.
 */
async function placeFromText(
  input: string,
  request: AppearanceRequest,
  options: { holder: string; numberNotation: string | undefined; date: string; texts: boolean },
): Promise<AppearanceRequest> {
  let placed = request;
  if (request.kind === 'approval' && !request.rect) placed = { ...placed, rect: (await proposeApprovalPlace(input, options.holder)).rect };
  if (request.kind === 'issue' && !request.rect) placed = { ...placed, rect: (await proposeSealPlace(input)).rect };
  if (options.texts) {
    const values = { ...(options.numberNotation ? { numberNotation: options.numberNotation } : {}), date: options.date };
    placed = { ...placed, texts: (await proposeIssueTexts(input, values)).texts };
  }
  return placed;
}

export const signCommand: Command = {
  name: 'sign',
  summary: msg('signing.signSummary'),
  usage,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs(
      args,
      {
        output: { type: 'string', short: 'o' },
        kind: { type: 'string', default: 'approval' },
        page: { type: 'string' },
        rect: { type: 'string' },
        image: { type: 'string' },
        reason: { type: 'string' },
        location: { type: 'string' },
        number: { type: 'string' },
        notation: { type: 'string' },
        date: { type: 'string' },
        'number-at': { type: 'string' },
        'date-at': { type: 'string' },
        forward: { type: 'string' },
        org: { type: 'string' },
        ...LTV_ARG_OPTIONS,
        ...SIGNER_ARG_OPTIONS,
        ...CHAIN_ARG_OPTIONS,
      },
      usage,
    );
    const [input, ...extra] = positionals;
    if (!input || extra.length) throw usageError('<vào.pdf>');
    if (!values.output) throw usageError('-o <ra.pdf>');
    if (path.resolve(values.output) === path.resolve(input)) throw new CliError(EXIT.badInput, msg('signing.outputExists'));
    const kind = values.kind as SignatureKind;
    if (!KINDS.includes(kind)) throw usageError(`--kind ${KINDS.join('|')}`);
    if (values.date !== undefined && !isIsoDate(values.date)) throw new CliError(EXIT.badInput, msg('error.dateInvalid'));
    const tsa = tsaFromArgs(values, usage);
    const store = await trustStore(ctx);
    const extraCertificates = [...(await readCertificateFiles(values.ca)), ...store.intermediates];

    if (values.page !== undefined && values.rect === undefined) throw usageError(msg('signingCli.pageNeedsRect'));
    let rect: PageRect | undefined;
    if (values.rect !== undefined) {
      const [x, y, width, height] = numbers(values.rect, 4, '--rect <x,y,rộng,cao>');
      const page = values.page === undefined ? 1 : Number(values.page);
      if (!Number.isInteger(page) || page < 1) throw usageError('--page <N>');
      rect = { page, x: x!, y: y!, width: width!, height: height! };
    }

    if (kind === 'receipt' && !values.number) throw usageError('--number <số đến>');
    const numberNotation = [values.number, values.notation].filter((v) => v !== undefined && v !== '').join('/') || undefined;
    if (kind === 'attachment' && !numberNotation) throw new CliError(EXIT.badInput, `${msg('signing.numberRequired')}\n${usage}`);
    if (kind === 'issue' && values.image === undefined) throw new CliError(EXIT.badInput, `${msg('signing.sealRequired')}\n${usage}`);
    const date = values.date ?? todayInVietnam();
    const image = await readImage(values.image);
    const numberAt = textPosition(values['number-at'], '--number-at');
    const dateAt = textPosition(values['date-at'], '--date-at');
    const placeTexts = kind === 'issue' && !numberAt && !dateAt;
    const organisation = kind === 'receipt' ? await organisationName(values.org, ctx) : undefined;
    const appearance: AppearanceRequest = {
      kind,
      ...(rect ? { rect } : {}),
      ...(image ? { image } : {}),
      ...(kind === 'receipt'
        ? { receipt: { number: values.number ?? '', date, ...(values.forward !== undefined ? { forwardTo: values.forward } : {}), ...(organisation ? { organisation } : {}) } }
        : placeTexts
          ? {}
          : { ...(numberNotation ? { numberNotation } : {}), ...(kind === 'issue' ? { date } : {}), ...(numberAt ? { numberAt } : {}), ...(dateAt ? { dateAt } : {}) }),
    };

    let placed: AppearanceRequest;
    try {
      placed = await appearanceForFile(input, appearance);
    } catch (error) {
      throw signingCliError(error);
    }

    // With --ltv the signature and its DSS revision are written to a temporary file first: the output appears only
    // once both are there.
    const output = values.output;
    let ltvLine: string | null = null;
    try {
      const opened = await openSignerFromOptions(signerOptionsFromArgs(values));
      try {
        // Placed once the key is open: the approval's block is the one printing the certificate holder's name.
        const toSign = await placeFromText(input, placed, { holder: certificateHolder(opened.signer.certificate).name, numberNotation, date, texts: placeTexts });
        const signInto = async (target: string) => {
          const signed = await signPdfWithLtv(
            {
              input,
              output: target,
              signer: opened.signer,
              appearance: toSign,
              extraCertificates,
              ...(values.reason !== undefined ? { reason: values.reason } : {}),
              ...(values.location !== undefined ? { location: values.location } : {}),
              ...(tsa ? { unsignedAttributesFor: signatureTimestampAttribute(tsa) } : {}),
            },
            // The trusted roots end the chains the DSS stores when the signature carries none.
            values.ltv ? { chainCandidates: [...extraCertificates, ...store.roots] } : null,
          );
          if (signed.ltv) ltvLine = ltvReport(signed.ltv, ctx.err);
        };
        await (values.ltv
          ? writeFileSafely(output, signInto).catch((error: unknown) => {
              throw writeErrorToAppError(error, output);
            })
          : signInto(output));
      } finally {
        await opened.close();
      }
    } catch (error) {
      // Whatever stopped the DSS step, the signature asked for is not B-LT: say so, and that nothing was written.
      if (error instanceof LtvStepFailure) throw new CliError(EXIT.refused, `${error.message}\n${msg('signingPolish.ltvNotWritten', { file: output })}`);
      throw signingCliError(error);
    }
    ctx.out(msg('signing.signed', { file: output }));
    if (ltvLine) ctx.out(ltvLine);
    return EXIT.ok;
  },
};

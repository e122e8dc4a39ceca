/** Opening a PDF for signing and writing the result: reading and writing problems become AppErrors with the Vietnamese reason. */
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { PdfFile, PdfReadError } from './pdfFile';
import { PdfSyntaxError, type PdfRef } from './pdfObjects';
import { normaliseRotation, PageView } from './pageView';

/** A reading problem as an AppError; when signing, the message adds that nothing was signed. */
export function readErrorToAppError(error: unknown, signing = false): unknown {
  const unreadable = (text: string) => new AppError('UNREADABLE_FILE', signing ? `${text} ${msg('signing.nothingSigned')}` : text);
  if (error instanceof PdfReadError) {
    switch (error.problem) {
      case 'notPdf':
        return unreadable(msg('signing.notPdf'));
      case 'truncated':
        return unreadable(msg('signing.truncated'));
      case 'encrypted':
        return unreadable(msg('signing.encrypted'));
      case 'encryptedUnsupported':
        return unreadable(msg('signingEncrypted.unsupported', { detail: error.detail }));
      case 'brokenXref':
        return unreadable(msg('signing.brokenXref'));
      case 'unsupported':
        return unreadable(msg('signing.unsupportedPdf', { detail: error.message }));
    }
  }
  if (error instanceof PdfSyntaxError) return unreadable(msg('signing.brokenXref'));
  if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new AppError('UNREADABLE_FILE', msg('fileSig.fileUnreadable', { file: (error as NodeJS.ErrnoException).path ?? '' }));
  }
  return error;
}

/** A file-system failure while writing the output (missing folder, no permission, disk full) as a clear refusal. */
export function writeErrorToAppError(error: unknown, output: string): unknown {
  const code = error instanceof Error && 'code' in error ? String((error as NodeJS.ErrnoException).code) : null;
  if (!code || error instanceof AppError) return error;
  return new AppError('UNREADABLE_FILE', `${msg('signing.outputUnwritable', { file: output, code })} ${msg('signing.nothingSigned')}`);
}

/** Opens a PDF and checks that what an update relies on holds: cross-references point at their objects, pages exist. */
export function openPdfForUpdate(file: string): PdfFile {
  let pdf: PdfFile | null = null;
  try {
    pdf = PdfFile.open(file);
    pdf.checkOffsets();
    pdf.pageRefs();
    return pdf;
  } catch (error) {
    pdf?.close();
    throw readErrorToAppError(error, true);
  }
}

/** The page as displayed: its visible area (CropBox, else MediaBox) and its /Rotate. */
export function pageViewOf(file: PdfFile, pageRef: PdfRef): PageView {
  const page = file.dict(pageRef);
  const raw = (page && (file.inherited(page, 'CropBox') ?? file.inherited(page, 'MediaBox'))) as number[] | null;
  const box = Array.isArray(raw) && raw.length === 4 ? raw.map((v) => Number(file.resolve(v))) : [0, 0, 595.28, 841.89];
  return new PageView(
    [Math.min(box[0]!, box[2]!), Math.min(box[1]!, box[3]!), Math.max(box[0]!, box[2]!), Math.max(box[1]!, box[3]!)],
    normaliseRotation(page ? file.inherited(page, 'Rotate') : 0),
  );
}

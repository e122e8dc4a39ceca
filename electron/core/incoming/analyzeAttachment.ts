/** Reads an attached file and proposes register fields from it: what the clerk sees after dropping a PDF or a scan. */
import type { AnalyzeOutput, FileProblem } from '../../../shared/contract/types';
import { msg, type MessageKey } from '../../../shared/messages';
import { sniffMime } from '../content/sniffMime';
import { OCR_DEFAULTS, recogniseScan, type OcrOptions, type OcrReading } from '../ocr/recogniseScan';
import { readPdf, type ReadPdfOptions } from '../pdf/pdfText';
import { proposeFields } from './proposeFields';

const PROBLEM_MESSAGES: Record<FileProblem, MessageKey> = {
  empty: 'file.empty',
  notPdf: 'file.notPdf',
  damaged: 'file.damaged',
  encrypted: 'file.encrypted',
  noText: 'file.noText',
  tooLargeToRead: 'file.tooLargeToRead',
  ocrUnavailable: 'file.ocrUnavailable',
  ocrTimedOut: 'file.ocrTimedOut',
  ocrCancelled: 'file.ocrCancelled',
  ocrFailed: 'file.ocrFailed',
};

/** Pictures a scanner saves, which Tesseract reads as they are. */
const SCAN_PICTURES = new Set(['image/png', 'image/jpeg', 'image/tiff']);

export interface AnalyzeOptions extends ReadPdfOptions {
  /** Read scans with OCR (the app always does; without it a scan is only reported as having no text). */
  ocr?: OcrOptions;
}

/** `size` is the stored size in bytes (shown in the "too large" message). Never throws for a bad file. */
/** `unreadPages`: a long scan's pages left for the background (see OcrReading). */
export type Analysis = AnalyzeOutput & { text: string; unreadPages?: number[] };

export async function analyzeAttachment(file: string, size: number, options: AnalyzeOptions = {}): Promise<Analysis> {
  const { ocr, ...pdfOptions } = options;
  let reading: OcrReading = await readPdf(file, pdfOptions);
  let scanned = false;
  if (ocr && reading.problem === 'noText') {
    reading = await recogniseScan(file, { kind: 'pdf', pageCount: reading.pageCount }, ocr);
    scanned = true;
  } else if (ocr && reading.problem === 'notPdf' && SCAN_PICTURES.has(await sniffMime(file, ''))) {
    reading = await recogniseScan(file, { kind: 'image' }, ocr);
    scanned = true;
  }
  const { problem } = reading;
  const proposal = proposeFields(reading.firstPage, {
    ...(reading.firstPageSize ? { pageWidth: reading.firstPageSize.width } : {}),
    lastPage: reading.lastPage,
  });
  return {
    pageCount: reading.pageCount,
    problem,
    message: problem ? msg(problemMessage(reading, scanned), { size: (size / (1024 * 1024)).toFixed(0), seconds: Math.ceil((ocr?.timeoutMs ?? OCR_DEFAULTS.timeoutMs) / 1000) }) : null,
    proposal,
    text: reading.text,
    ...(scanned ? { scanned } : {}),
    ...(reading.unreadPages ? { unreadPages: reading.unreadPages } : {}),
  };
}

function problemMessage(reading: OcrReading, scanned: boolean): MessageKey {
  if (reading.missing === 'vie') return 'file.ocrNoVietnamese';
  if (scanned && reading.problem === 'noText') return 'file.ocrNoText';
  return PROBLEM_MESSAGES[reading.problem as FileProblem];
}

/**
 * Reads a scanned document (a PDF without a text layer, or a PNG/JPEG/TIFF picture) with Tesseract's Vietnamese model
 * into the same reading a typed PDF gives: the first and last pages' positioned lines for the field proposals, and the
 * text for the full-text index. Page by page, with progress, under one time limit, and stopped at once when the clerk
 * cancels; whatever pages were read by then are kept. A long scan's pages past the page limit are named in the reading
 * for the background to read after registration (incoming/laterPages.ts). Never throws for a bad file or a missing
 * engine: the reading says what went wrong, and the clerk types the fields.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileProblem } from '../../../shared/contract/types';
import type { Extracted } from '../pdf/extractPdfText';
import { readPageImages } from '../pdf/pdfText';
import type { TextLine } from '../pdf/textLines';
import { OWNER_ONLY_DIR } from '../ownerOnly';
import { decodePgm, encodePgm, turnGreyscale } from './greyscale';
import { hocrPages, meanWordConfidence, type RecognisedPage } from './hocrLines';
import { pageOrientation, recogniseHocr, tesseractMissing, type TesseractConfig, type TesseractMissing } from './tesseract';

export interface OcrJob {
  signal?: AbortSignal;
  /** Pages recognised so far of those to read. */
  onProgress?: (done: number, total: number) => void;
}

export interface OcrOptions extends OcrJob {
  tesseract: TesseractConfig;
  /** The app's temp area: each scan's page pictures go to a folder of their own there, removed when it is read. */
  workDir: string;
  /** For the whole document; reaching it stops recognition with what was read so far (default 120 s). */
  timeoutMs?: number;
  /** Pages recognised at most: the first, the last (signature blocks land there) and those after the first. */
  maxPages?: number;
  /** These pages of a PDF and no others (the pages a first reading left for later), instead of the first ones. */
  pages?: number[];
}

/** `laterPages`: a long scan's pages read in the background after registration, at most this many (as a text PDF's). */
export const OCR_DEFAULTS = { timeoutMs: 120_000, maxPages: 10, laterPages: 200 } as const;

export type OcrReading = Omit<Extracted, 'edgeRuns'> & {
  missing?: TesseractMissing;
  /** A PDF's pages this reading left out for its page limit (read completely otherwise), up to OCR_DEFAULTS.laterPages. */
  unreadPages?: number[];
};

/** Width given to a picture's page when nothing says how large it was printed: scans are A4. */
const A4_WIDTH_PT = 595.28;

type Source = { kind: 'pdf'; pageCount: number | null } | { kind: 'image' };

interface PageJob {
  page: number;
  image: string;
  widthPt: number;
  dpi?: number;
  /** A picture written for this reading (PGM), which may be turned upright in place; a scanner's own file never is. */
  turnable?: { width: number; height: number };
}

/**
 * Below this mean word confidence the page may lie sideways or upside down, and Tesseract is asked how it lies: an
 * upright page costs no second look (see meanWordConfidence for the figures).
 */
const DOUBTFUL_CONFIDENCE = 60;

export async function recogniseScan(file: string, source: Source, o: OcrOptions): Promise<OcrReading> {
  const none: OcrReading = { pageCount: source.kind === 'pdf' ? source.pageCount : null, firstPage: [], lastPage: [], firstPageSize: null, text: '', problem: null };
  const missing = await tesseractMissing(o.tesseract);
  if (missing) return { ...none, problem: 'ocrUnavailable', missing };
  const timeoutMs = o.timeoutMs ?? OCR_DEFAULTS.timeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = o.signal ? AbortSignal.any([o.signal, deadline]) : deadline;
  // Scanned pages are documents too: their pictures and text stay their owner's alone, as the rest of the data folder.
  await fs.mkdir(o.workDir, { recursive: true, mode: OWNER_ONLY_DIR });
  const dir = await fs.mkdtemp(path.join(o.workDir, 'ocr-'));
  try {
    let jobs: PageJob[];
    let order: number[] = [];
    if (source.kind === 'pdf') {
      order = o.pages ?? pageOrder(source.pageCount ?? 1, o.maxPages ?? OCR_DEFAULTS.maxPages);
      const pictures = await readPageImages({ file, pages: order, outDir: dir }, timeoutMs);
      // Decoding the pictures counts against the same limit: the thread stopped for it is a time-out, not a bad file.
      if (pictures.problem) return { ...none, problem: signal.aborted ? stopReason(o.signal) : pictures.problem };
      jobs = pictures.images.map((p) => ({
        page: p.page,
        image: p.file,
        widthPt: p.widthPt,
        dpi: (p.width * 72) / p.widthPt,
        turnable: { width: p.width, height: p.height },
      }));
    } else jobs = [{ page: 1, image: file, widthPt: A4_WIDTH_PT }];

    const read = new Map<number, RecognisedPage>();
    let stopped: FileProblem | null = null;
    o.onProgress?.(0, jobs.length);
    for (const job of jobs) {
      if (signal.aborted) {
        stopped = stopReason(o.signal);
        break;
      }
      try {
        const { hocr, widthPt } = await readUpright(job, o.tesseract, signal);
        // A multi-page TIFF comes back as several pages.
        for (const [i, page] of hocrPages(hocr, widthPt).entries()) read.set(job.page + i, page);
      } catch {
        stopped = signal.aborted ? stopReason(o.signal) : 'ocrFailed';
        break;
      }
      o.onProgress?.(read.size, jobs.length);
    }
    const reading = readingOf(read, source.kind === 'pdf' ? source.pageCount : read.size || null, stopped);
    return source.kind === 'pdf' && !o.pages && !stopped ? { ...reading, ...unreadOf(order, source.pageCount) } : reading;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The page's hOCR, read upright: a page whose reading looks doubtful is turned the way Tesseract's orientation
 * detection says and read again, and the better of the two readings is kept (the detection can be wrong on a page with
 * little text). Pictures the clerk dropped are read as they are.
 */
async function readUpright(job: PageJob, tesseract: TesseractConfig, signal: AbortSignal): Promise<{ hocr: string; widthPt: number }> {
  const options = { ...(job.dpi ? { dpi: job.dpi } : {}), signal };
  const hocr = await recogniseHocr(tesseract, job.image, options);
  const confidence = meanWordConfidence(hocr);
  if (!job.turnable || confidence >= DOUBTFUL_CONFIDENCE) return { hocr, widthPt: job.widthPt };
  const turn = await pageOrientation(tesseract, job.image, options);
  if (turn === 0) return { hocr, widthPt: job.widthPt };
  const original = await fs.readFile(job.image);
  await fs.writeFile(job.image, encodePgm(turnGreyscale(decodePgm(original), turn)));
  const turned = await recogniseHocr(tesseract, job.image, options);
  if (meanWordConfidence(turned) <= confidence) return { hocr, widthPt: job.widthPt };
  // Lying on its side, the page's width is the picture's height, at the same resolution.
  const sideways = turn !== 180;
  return { hocr: turned, widthPt: sideways ? (job.widthPt * job.turnable.height) / job.turnable.width : job.widthPt };
}

const stopReason = (clerk: AbortSignal | undefined): FileProblem => (clerk?.aborted ? 'ocrCancelled' : 'ocrTimedOut');

/** Page 1 (the fields), then the last page (the signature), then the pages after the first, as many as allowed. */
function pageOrder(pageCount: number, maxPages: number): number[] {
  const order = [1, ...(pageCount > 1 ? [pageCount] : [])];
  for (let n = 2; n < pageCount && order.length < maxPages; n++) order.push(n);
  return order.slice(0, Math.max(1, maxPages));
}

/** The pages past the page limit, for the background. */
function unreadOf(order: number[], pageCount: number | null): { unreadPages?: number[] } {
  const looked = new Set(order);
  const unread: number[] = [];
  for (let n = 2; n < (pageCount ?? 0) && unread.length < OCR_DEFAULTS.laterPages; n++) if (!looked.has(n)) unread.push(n);
  return unread.length ? { unreadPages: unread } : {};
}

function readingOf(read: Map<number, RecognisedPage>, pageCount: number | null, stopped: FileProblem | null): OcrReading {
  const pages = [...read.entries()].sort(([a], [b]) => a - b);
  const first = read.get(1);
  const last = pages.length > 1 ? pages.at(-1)?.[1] : undefined;
  const anyText = pages.some(([, p]) => p.lines.length > 0);
  const text = (lines: TextLine[]) => lines.map((l) => l.text).join('\n');
  return {
    pageCount,
    firstPage: first?.lines ?? [],
    lastPage: last && pageCount !== null && pages.at(-1)?.[0] === pageCount ? last.lines : [],
    firstPageSize: first?.size ?? null,
    text: pages.map(([, p]) => text(p.lines)).join('\n\n'),
    problem: stopped ?? (anyText ? null : 'noText'),
  };
}

/**
 * Reads a PDF's text with pdf.js (legacy build, Node) into positioned lines. Runs inside the PDF-text worker thread
 * (pdfTextWorker.ts) so that a hostile file can be stopped from outside; nothing here guards against hangs.
 * pdf.js reads the file by ranges, only what the pages read need (cross-references, their content, their fonts):
 * reading the first and last pages of a 20 MB scan (the last one an image) takes about 2 MB of it, and the thread
 * never holds the whole file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { PDFDataRangeTransport, PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api';
import type { FileProblem } from '../../../shared/contract/types';
import { pdfJsTextItems, type PageBox, type PageTextItem } from '../../../shared/domain/pageText';
import { loadPdfJs, type PdfJs } from './pdfJsNode';
import { buildLines, type PositionedRun, type TextLine } from './textLines';

export interface ExtractLimits {
  /** Pages read for the full text; the first and last page are always read. */
  maxPages: number;
  /** Characters of full text kept (the full-text index needs no more). */
  maxTextChars: number;
  /** Also keep the first and last pages' runs as pdf.js reports them, for placing signatures and issue texts. */
  edgeRuns?: boolean;
}

export interface PageSize {
  width: number;
  height: number;
}

/** A page's text runs in user space and its visible box, as the renderer's pdf.js sees them. */
export interface PageRuns {
  /** From 1. */
  page: number;
  items: PageTextItem[];
  box: PageBox;
}

export interface Extracted {
  pageCount: number | null;
  firstPage: TextLine[];
  /** Lines of the last page when there are two or more pages, else empty: signature blocks often land there. */
  lastPage: TextLine[];
  firstPageSize: PageSize | null;
  text: string;
  problem: FileProblem | null;
  /** With `edgeRuns`: page 1's runs and the last page's (the same page for a one-page file). */
  edgeRuns?: { first: PageRuns; last: PageRuns };
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
}

function problemOf(error: unknown): FileProblem {
  const name = (error as { name?: string } | null)?.name;
  return name === 'PasswordException' ? 'encrypted' : 'damaged';
}

/** The file's bytes as pdf.js asks for them; a failed or short read (the file changed meanwhile) calls `stop`. */
function fileRanges(pdfjs: PdfJs, handle: FileHandle, length: number, stop: () => void): PDFDataRangeTransport {
  const ranges = new pdfjs.PDFDataRangeTransport(length, null);
  ranges.requestDataRange = (begin: number, end: number) => {
    const chunk = new Uint8Array(end - begin);
    handle.read(chunk, 0, chunk.length, begin).then(({ bytesRead }) => (bytesRead === chunk.length ? ranges.onDataRange(begin, chunk) : stop()), stop);
  };
  return ranges;
}

export async function extractPdfText(file: string, limits: ExtractLimits): Promise<Extracted> {
  const none: Extracted = { pageCount: null, firstPage: [], lastPage: [], firstPageSize: null, text: '', problem: null };
  const read = await withPdf(file, (doc) => extractFrom(doc, limits));
  return 'problem' in read ? { ...none, problem: read.problem } : read.value;
}

/**
 * Opens the file with pdf.js and hands the document to `use`. A file that does not open, or whose pages do not parse
 * (typically a truncated download), is a problem, never an exception.
 */
export async function withPdf<T>(file: string, use: (doc: PDFDocumentProxy, pdfjs: PdfJs) => Promise<T>): Promise<{ value: T } | { problem: FileProblem }> {
  const pdfjs = await loadPdfJs();
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return { problem: 'damaged' };
  }
  try {
    let task: PDFDocumentLoadingTask | null = null;
    const ranges = fileRanges(pdfjs, handle, (await handle.stat()).size, () => void task?.destroy());
    let doc: PDFDocumentProxy;
    try {
      task = pdfjs.getDocument({
        range: ranges,
        // Only the ranges the pages read need, never the rest of the file in the background.
        disableAutoFetch: true,
        disableStream: true,
        verbosity: pdfjs.VerbosityLevel.ERRORS,
        isEvalSupported: false,
        disableFontFace: true,
        useSystemFonts: false,
        // A PDF with only an owner password opens without asking; one with a user password must fail, not prompt.
        password: '',
      });
      doc = await task.promise;
    } catch (error) {
      return { problem: problemOf(error) };
    }
    try {
      return { value: await use(doc, pdfjs) };
    } catch (error) {
      return { problem: problemOf(error) };
    } finally {
      await doc.destroy();
    }
  } finally {
    await handle.close();
  }
}

async function extractFrom(doc: PDFDocumentProxy, limits: ExtractLimits): Promise<Extracted> {
  const pageCount = doc.numPages;
  const pagesToRead = Math.min(pageCount, limits.maxPages);
  const pageTexts: string[] = [];
  let firstPage: TextLine[] = [];
  let lastPage: TextLine[] = [];
  let firstPageSize: PageSize | null = null;
  const runs: PageRuns[] = [];
  let chars = 0;
  let anyText = false;
  for (let n = 1; n <= pageCount; n++) {
    const isEdge = n === 1 || n === pageCount;
    if (!isEdge && (n > pagesToRead || chars >= limits.maxTextChars)) continue;
    const page = await doc.getPage(n);
    const { lines, size, items } = await readPage(page, isEdge);
    if (isEdge && limits.edgeRuns) runs.push({ page: n, items, box: [...page.view] as unknown as PageBox });
    page.cleanup();
    if (lines.length > 0) anyText = true;
    if (n === 1) [firstPage, firstPageSize] = [lines, size];
    else if (n === pageCount) lastPage = lines;
    if (n <= pagesToRead && chars < limits.maxTextChars) {
      const pageText = lines.map((l) => l.text).join('\n');
      pageTexts.push(pageText);
      chars += pageText.length + 2;
    }
  }
  return {
    pageCount,
    firstPage,
    lastPage,
    firstPageSize,
    text: pageTexts.join('\n\n').slice(0, limits.maxTextChars),
    problem: anyText ? null : 'noText',
    ...(runs.length > 0 ? { edgeRuns: { first: runs[0]!, last: runs.at(-1)! } } : {}),
  };
}

/** Positioned text of one page; the font names (for bold) only where layout matters, as they cost a content pass. */
async function readPage(page: PDFPageProxy, wantFonts: boolean): Promise<{ lines: TextLine[]; size: PageSize; items: PageTextItem[] }> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items = (content.items as RawItem[]).filter((i) => typeof i.str === 'string' && i.str.trim() !== '');
  let fontNames = new Map<string, string>();
  if (wantFonts && items.length > 0) {
    await page.getOperatorList();
    fontNames = new Map(
      [...new Set(items.map((i) => i.fontName))].map((id) => [id, page.commonObjs.has(id) ? String(page.commonObjs.get(id)?.name ?? '') : '']),
    );
  }
  const runs: PositionedRun[] = items.map((item, order) => {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    const [x, y] = viewport.convertToViewportPoint(e, f) as [number, number];
    const fontSize = Math.hypot(c, d) || Math.hypot(a, b);
    return { text: item.str, x, y, width: item.width, fontSize, bold: isBoldFontName(fontNames.get(item.fontName) ?? ''), order };
  });
  return { lines: buildLines(runs), size: { width: viewport.width, height: viewport.height }, items: pdfJsTextItems(content.items) };
}

/** "ABCDEF+TimesNewRomanPS-BoldMT", "Times New Roman,Bold", "LiberationSerif-BoldItalic" … */
export function isBoldFontName(name: string): boolean {
  return /bold|black|heavy|semibd|demi/i.test(name.replace(/^[A-Z]{6}\+/, ''));
}

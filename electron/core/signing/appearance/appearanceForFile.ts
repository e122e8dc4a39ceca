/**
 * What an appearance must know about the document it goes on, read from the file before signing: the PDF/A part it
 * claims, so that the new objects keep it conforming; and for a receipt stamp without a given place, where page 1 has
 * text and annotations (earlier signatures' images live in theirs), so that the stamp's default place covers neither.
 * A file that cannot be signed, or a page it does not have, is refused here: before the key is opened and its PIN used.
 */
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import { readPdf } from '../../pdf/pdfText';
import type { Rect } from '../pdf/pageView';
import type { PdfFile } from '../pdf/pdfFile';
import { openPdfForUpdate, pageViewOf } from '../pdf/pdfOpen';
import { readPdfaConformance, type PdfaConformance } from '../pdf/pdfaConformance';
import type { AppearanceRequest } from './signatureAppearance';

function checkPages(request: AppearanceRequest, count: number): void {
  const pages = [request.rect?.page, request.numberAt?.page, request.dateAt?.page].filter((p) => p !== undefined);
  for (const page of pages) if (!Number.isInteger(page) || page < 1 || page > count) throw new AppError('BAD_INPUT', msg('signing.pageOutOfRange', { page, count }));
}

export async function appearanceForFile(input: string, request: AppearanceRequest): Promise<AppearanceRequest> {
  const file = openPdfForUpdate(input);
  const placing = request.kind === 'receipt' && !request.rect;
  let pdfa: PdfaConformance | null;
  let annotations: Rect[] = [];
  try {
    checkPages(request, file.pageRefs().length);
    pdfa = readPdfaConformance(file);
    if (placing) annotations = firstPageAnnotations(file);
  } finally {
    file.close();
  }
  return placing ? { ...request, pdfa, textBoxes: [...(await firstPageText(input)), ...annotations] } : { ...request, pdfa };
}

/** The /Rect of every annotation on page 1, in displayed points. */
function firstPageAnnotations(file: PdfFile): Rect[] {
  try {
    const pageRef = file.pageRefs()[0]!;
    const view = pageViewOf(file, pageRef);
    const annots = file.resolve(file.dict(pageRef)?.get('Annots'));
    return (Array.isArray(annots) ? annots : []).flatMap((annot) => {
      const rect = file.resolve(file.dict(annot)?.get('Rect'));
      const n = Array.isArray(rect) ? rect.map((v) => Number(file.resolve(v))) : [];
      if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return [];
      const box = view.rectFromUser([Math.min(n[0]!, n[2]!), Math.min(n[1]!, n[3]!), Math.max(n[0]!, n[2]!), Math.max(n[1]!, n[3]!)]);
      return box.width > 0 && box.height > 0 ? [box] : [];
    });
  } catch {
    // A damaged page tree is reported by signing itself.
    return [];
  }
}

/** Page 1's text lines as boxes in displayed points from the displayed lower-left corner (pdf.js measures from the top). */
async function firstPageText(input: string): Promise<Rect[]> {
  const reading = await readPdf(input, { maxPages: 1, maxTextChars: 10_000 });
  const height = reading.firstPageSize?.height;
  if (!height) return [];
  // A line's box reaches a font size above its baseline (accents on capitals) and a quarter below (descenders).
  return reading.firstPage.map((line) => ({ x: line.x, y: height - line.y - line.fontSize * 0.25, width: line.width, height: line.fontSize * 1.25 }));
}

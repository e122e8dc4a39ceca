/**
 * Joins whole PDFs into one (a work file's export: its cover and table, then each document's pages). pdf-lib copies
 * the pages into a new file, so signatures of the sources do not survive in it: the export is a reading copy, and
 * the signed originals travel beside it by hash in the XML package.
 */
import { PDFDocument } from 'pdf-lib';
import { cleanText, type PdfInfo } from './pdfWriter';

/** The pages of a PDF, or null when pdf-lib cannot read it (broken, encrypted): such a file is listed, not joined. */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch {
    return null;
  }
}

/** The parts' pages in order; a part that cannot be read is left out (callers probe with pdfPageCount first). */
export async function mergePdfs(parts: readonly Uint8Array[], info: PdfInfo): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of parts) {
    let source: PDFDocument;
    try {
      source = await PDFDocument.load(bytes, { updateMetadata: false });
    } catch {
      continue;
    }
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  out.setTitle(cleanText(info.title), { showInWindowTitleBar: true });
  if (info.subject) out.setSubject(cleanText(info.subject));
  if (info.author) out.setAuthor(cleanText(info.author));
  out.setCreator(info.creator ?? 'Vanthu');
  out.setProducer(info.creator ?? 'Vanthu');
  if (info.language) out.setLanguage(info.language);
  const created = info.creationDate ?? new Date();
  out.setCreationDate(created);
  out.setModificationDate(created);
  return out.save({ useObjectStreams: true });
}

/**
 * Which PDF/A part a file claims, from the pdfaid properties of the catalog's XMP metadata (ISO 19005-1 §6.7.11). A
 * signature added to a PDF/A file must keep it PDF/A: part 1 (PDF 1.4) forbids transparency, so images go without soft
 * masks; later parts allow it on a page only with a blending colour space, which the PDF/A output intent provides; and
 * every part forbids device colour spaces without a matching output intent, so new objects use CIE-based ones.
 */
import { isName, type PdfFile } from './pdfFile';
import { PdfStream } from './pdfObjects';

export interface PdfaIdentification {
  /** 1, 2, 3 or 4. */
  part: number;
  /** "A", "B", "U", … (empty when the file names none, as part 4 allows). */
  conformance: string;
}

export interface PdfaConformance extends PdfaIdentification {
  /** The catalog has a GTS_PDFA1 output intent. */
  outputIntent: boolean;
}

/** Reads pdfaid:part and pdfaid:conformance, written either as attributes or as elements. */
export function parsePdfaIdentification(xmp: string): PdfaIdentification | null {
  const property = (name: string): string | null => {
    const attribute = new RegExp(`pdfaid:${name}\\s*=\\s*(["'])\\s*([^"']*?)\\s*\\1`).exec(xmp);
    if (attribute) return attribute[2]!;
    const element = new RegExp(`<pdfaid:${name}>\\s*([^<]*?)\\s*</pdfaid:${name}>`).exec(xmp);
    return element ? element[1]! : null;
  };
  const part = Number(property('part'));
  if (!Number.isInteger(part) || part < 1) return null;
  return { part, conformance: (property('conformance') ?? '').toUpperCase() };
}

/** The PDF/A identification of an open file, or null when it claims none (or its metadata cannot be read). */
export function readPdfaConformance(file: PdfFile): PdfaConformance | null {
  try {
    const catalog = file.catalog();
    const metadata = file.resolve(catalog.get('Metadata'));
    if (!(metadata instanceof PdfStream)) return null;
    const identification = parsePdfaIdentification(Buffer.from(file.streamData(metadata)).toString('utf8'));
    if (!identification) return null;
    const intents = file.resolve(catalog.get('OutputIntents'));
    const outputIntent = Array.isArray(intents) && intents.some((intent) => isName(file.dict(intent)?.get('S'), 'GTS_PDFA1'));
    return { ...identification, outputIntent };
  } catch {
    // Unreadable metadata claims nothing; signing goes on as for any PDF.
    return null;
  }
}

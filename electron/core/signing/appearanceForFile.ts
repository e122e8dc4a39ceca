/**
 * What an appearance must know about the document it goes on, read from the file before signing: the PDF/A part it
 * claims, so that the new objects keep it conforming.
 */
import { PdfFile } from './pdfFile';
import { readPdfaConformance } from './pdfaConformance';
import type { AppearanceRequest } from './signatureAppearance';

export async function appearanceForFile(input: string, request: AppearanceRequest): Promise<AppearanceRequest> {
  let file: PdfFile;
  try {
    file = PdfFile.open(input);
  } catch {
    // Signing opens the file again and reports why it cannot be read.
    return request;
  }
  try {
    return { ...request, pdfa: readPdfaConformance(file) };
  } finally {
    file.close();
  }
}

/** What the PDF text thread and its caller say to each other. */
import type { ExtractLimits } from './extractPdfText';

export interface PdfTextJob extends ExtractLimits {
  file: string;
}

/** The thread's first message: pdf.js is loaded and jobs may come. Every later message answers one job. */
export const WORKER_READY = 'pdf-text-ready';

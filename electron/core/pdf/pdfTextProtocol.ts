/** What the PDF text thread and its caller say to each other. */
import type { ExtractLimits } from './extractPdfText';
import type { PageImagesJob } from './pageImages';

/** Read the text layer, or write the scanned pages' pictures out for OCR. */
export type PdfTextJob = ({ kind: 'text'; file: string } & ExtractLimits) | ({ kind: 'images' } & PageImagesJob);

/** The thread's first message: pdf.js is loaded and jobs may come. Every later message answers one job. */
export const WORKER_READY = 'pdf-text-ready';

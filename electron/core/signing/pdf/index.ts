/** PDF files read and written without an object graph: objects, cross-references, filters, encryption, incremental updates, the one file writer. */
export { PdfDict, PdfName, PdfRaw, PdfRef, PdfStream, PdfString, serialize, type PdfValue } from './pdfObjects';
export { PdfFile, PdfReadError, type XrefEntry } from './pdfFile';
export { IncrementalUpdate } from './incrementalUpdate';
export { openPdfForUpdate, pageViewOf, readErrorToAppError, writeErrorToAppError } from './pdfOpen';
export { PageView, type Box, type Rect } from './pageView';
export { readPdfaConformance, type PdfaConformance } from './pdfaConformance';
export { hashByteRanges, hashFilePrefix } from './hashRanges';
export { writeAt, writeFileSafely } from './fileWrite';
export { unfilterRows } from './pngPredictor';

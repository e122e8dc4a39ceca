/** Reads an attached file and proposes register fields from it: what the clerk sees after dropping a PDF. */
import type { AnalyzeOutput, FileProblem } from '../../../shared/contract/types';
import { msg, type MessageKey } from '../../../shared/messages';
import { readPdf, type ReadPdfOptions } from '../pdf/pdfText';
import { proposeFields } from './proposeFields';

const PROBLEM_MESSAGES: Record<FileProblem, MessageKey> = {
  empty: 'file.empty',
  notPdf: 'file.notPdf',
  damaged: 'file.damaged',
  encrypted: 'file.encrypted',
  noText: 'file.noText',
  tooLargeToRead: 'file.tooLargeToRead',
};

/** `size` is the stored size in bytes (shown in the "too large" message). Never throws for a bad file. */
export async function analyzeAttachment(file: string, size: number, options: ReadPdfOptions = {}): Promise<AnalyzeOutput & { text: string }> {
  const reading = await readPdf(file, options);
  const { problem } = reading;
  const proposal = proposeFields(reading.firstPage, {
    ...(reading.firstPageSize ? { pageWidth: reading.firstPageSize.width } : {}),
    lastPage: reading.lastPage,
  });
  return {
    pageCount: reading.pageCount,
    problem,
    message: problem ? msg(PROBLEM_MESSAGES[problem], { size: (size / (1024 * 1024)).toFixed(0) }) : null,
    proposal,
    text: reading.text,
  };
}

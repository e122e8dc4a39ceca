import { msg } from '../../../shared/messages';
import type { RegisterBook } from './registerBookEntry';
import { registerBookPdf } from './registerBookPdf';
import { FILE_STEMS, registerBookTable } from './registerBookTable';
import { registerBookXlsx } from './registerBookXlsx';

export type RegisterBookFormat = 'pdf' | 'xlsx';

export interface RegisterBookExportOptions {
  /** Where the bundled TrueType fonts are; resources/fonts of the source tree by default. */
  fontsDirectory?: string;
}

/**
 * Any register (the book's kind: incoming unless it says otherwise) as file bytes. The whole book is checked first: bad input throws AppError BAD_INPUT
 * and nothing is produced. Bytes, not a stream: a year of a big department (20,000 entries) is a few megabytes
 * and the writers build the file in memory anyway; the caller writes it out (atomically, through its temp file).
 */
export async function exportRegisterBook(
  book: RegisterBook,
  format: RegisterBookFormat,
  options: RegisterBookExportOptions = {},
): Promise<Uint8Array> {
  const table = registerBookTable(book);
  return format === 'pdf' ? registerBookPdf([table], options) : registerBookXlsx([table], options);
}

/** "so-van-ban-den_2026-01-01_2026-12-31.pdf", "so-van-ban-di_…": ASCII only, sorts by register and period. */
export function registerBookFileName(book: Pick<RegisterBook, 'from' | 'to' | 'kind'>, format: RegisterBookFormat): string {
  return `${msg(FILE_STEMS[book.kind ?? 'incoming'])}_${book.from}_${book.to}.${format}`;
}

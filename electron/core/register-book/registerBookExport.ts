import { msg } from '../../../shared/messages';
import { prepareRegisterBook } from './prepareRegisterBook';
import type { RegisterBook } from './registerBookEntry';
import { registerBookPdf } from './registerBookPdf';
import { registerBookXlsx } from './registerBookXlsx';

export type RegisterBookFormat = 'pdf' | 'xlsx';

export interface RegisterBookExportOptions {
  /** Where the bundled TrueType fonts are; resources/fonts of the source tree by default. */
  fontsDirectory?: string;
}

/**
 * The incoming register as file bytes. The whole book is checked first: bad input throws AppError BAD_INPUT
 * and nothing is produced. Bytes, not a stream: a year of a big department (20,000 entries) is a few megabytes
 * and the writers build the file in memory anyway; the caller writes it out (atomically, through its temp file).
 */
export async function exportRegisterBook(
  book: RegisterBook,
  format: RegisterBookFormat,
  options: RegisterBookExportOptions = {},
): Promise<Uint8Array> {
  const prepared = prepareRegisterBook(book);
  return format === 'pdf' ? registerBookPdf(prepared, options) : registerBookXlsx(prepared, options);
}

/** "so-van-ban-den_2026-01-01_2026-12-31.pdf": ASCII only, sorts by period. */
export function registerBookFileName(book: Pick<RegisterBook, 'from' | 'to'>, format: RegisterBookFormat): string {
  return `${msg('registerBook.fileStem')}_${book.from}_${book.to}.${format}`;
}

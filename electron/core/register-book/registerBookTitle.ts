import { shortVietnameseDate, yearOf } from '../../../shared/domain/dates';
import { msg } from '../../../shared/messages';
import type { RegisterBookHeading } from './registerBookEntry';

/** The lines of the title block, shared by the PDF and the spreadsheet. Text is NFC, as the book was validated. */
export interface RegisterBookTitle {
  parentOrganName: string | null;
  organName: string;
  /** "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN". */
  registerName: string;
  /** "Năm 2026" for a whole calendar year, "Từ ngày 01/03/2026 đến ngày 31/03/2026" otherwise. */
  period: string;
  /**
   * Lines under the period: "Từ số 1 đến số 245" when the entries are one sequence of one year, and the part of the
   * register printed ("Đơn vị chủ trì: Văn phòng") when the book is not the whole register.
   */
  notes: string[];
}

export function registerBookTitle(book: RegisterBookHeading, numbers: { first: number; last: number } | null): RegisterBookTitle {
  const upper = (s: string) => s.toLocaleUpperCase('vi');
  const year = yearOf(book.from);
  const wholeYear = book.from === `${year}-01-01` && book.to === `${year}-12-31`;
  return {
    parentOrganName: book.parentOrganName?.trim() ? upper(book.parentOrganName.trim()) : null,
    organName: upper(book.organName.trim()),
    registerName: upper(book.registerName.trim()),
    period: wholeYear
      ? msg('registerBook.year', { year })
      : msg('registerBook.range', { from: shortVietnameseDate(book.from), to: shortVietnameseDate(book.to) }),
    notes: [numbers ? msg('registerBook.numberRange', numbers) : '', book.scope?.trim() ?? ''].filter((s) => s !== ''),
  };
}

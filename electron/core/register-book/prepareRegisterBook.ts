import { isIsoDate, shortVietnameseDate } from '../../../shared/domain/dates';
import { AppError } from '../../../shared/errors';
import { msg, type MessageKey } from '../../../shared/messages';
import type { RegisterBook, RegisterBookEntry } from './registerBookEntry';

const nfc = (s: string) => s.normalize('NFC');

/**
 * Checks a book before anything is written and returns it with every text in NFC (decomposed input from other
 * systems would otherwise print as loose accents) and the entries in order of arrival.
 * Throws BAD_INPUT naming the first offending entry.
 */
export function prepareRegisterBook(book: RegisterBook): RegisterBook {
  if (!isIsoDate(book.from) || !isIsoDate(book.to) || book.from > book.to) {
    throw new AppError('BAD_INPUT', msg('registerBook.badRange'));
  }
  if (book.organName.trim() === '') throw new AppError('BAD_INPUT', msg('registerBook.organMissing'));
  const entries = book.entries.map((entry) => prepareEntry(entry, book.from, book.to));
  // Numbers restart each year, so the date orders first; within a day the number is the order of arrival.
  entries.sort((a, b) => (a.arrivalDate === b.arrivalDate ? a.arrivalNumber - b.arrivalNumber : a.arrivalDate < b.arrivalDate ? -1 : 1));
  return {
    organName: nfc(book.organName),
    ...(book.parentOrganName === undefined ? {} : { parentOrganName: nfc(book.parentOrganName) }),
    registerName: nfc(book.registerName),
    from: book.from,
    to: book.to,
    entries,
  };
}

function prepareEntry(entry: RegisterBookEntry, from: string, to: string): RegisterBookEntry {
  const number = Number.isInteger(entry.arrivalNumber) && entry.arrivalNumber > 0 ? entry.arrivalNumber : null;
  const bad = (column: MessageKey) =>
    new AppError('BAD_INPUT', msg('registerBook.badEntry', { number: number ?? String(entry.arrivalNumber), field: msg(column) }));
  if (number === null) throw bad('registerBook.col.arrivalNumber');
  if (!isIsoDate(entry.arrivalDate)) throw bad('registerBook.col.arrivalDate');
  if (entry.issuedDate !== '' && !isIsoDate(entry.issuedDate)) throw bad('registerBook.col.issuedDate');
  if (entry.handedOverDate !== null && !isIsoDate(entry.handedOverDate)) throw bad('registerBook.col.handedOverDate');
  if (entry.arrivalDate < from || entry.arrivalDate > to) {
    throw new AppError('BAD_INPUT', msg('registerBook.entryOutOfRange', { number, date: shortVietnameseDate(entry.arrivalDate) }));
  }
  return {
    arrivalDate: entry.arrivalDate,
    arrivalNumber: number,
    organName: nfc(entry.organName),
    codeNumber: nfc(entry.codeNumber),
    codeNotation: nfc(entry.codeNotation),
    issuedDate: entry.issuedDate,
    typeName: nfc(entry.typeName),
    subject: nfc(entry.subject),
    recipients: nfc(entry.recipients),
    handedOverDate: entry.handedOverDate,
    note: nfc(entry.note),
  };
}

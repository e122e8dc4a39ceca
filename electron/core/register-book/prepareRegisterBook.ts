import { isIsoDate, shortVietnameseDate } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { AppError } from '../../../shared/errors';
import { msg, type MessageKey } from '../../../shared/messages';
import type { OutgoingRegisterEntry, RegisterBookEntry, RegisterBookHeading, TrackingRegisterEntry } from './registerBookEntry';

const nfc = (s: string) => s.normalize('NFC');

/** What checking a book needs to know of its kind of entry. */
export interface EntryRules<E> {
  /** The entry checked and with every text in NFC; throws BAD_INPUT naming it. */
  prepare(entry: E, from: string, to: string): E;
  /** The order the register lists entries in. */
  compare(a: E, b: E): number;
}

/**
 * Checks a book before anything is written and returns it with every text in NFC (decomposed input from other
 * systems would otherwise print as loose accents) and the entries in the register's order.
 * Throws BAD_INPUT naming the first offending entry.
 */
export function prepareRegisterBook<B extends RegisterBookHeading & { entries: E[] }, E>(book: B, rules: EntryRules<E>): B {
  if (!isIsoDate(book.from) || !isIsoDate(book.to) || book.from > book.to) {
    throw new AppError('BAD_INPUT', msg('registerBook.badRange'));
  }
  if (book.organName.trim() === '') throw new AppError('BAD_INPUT', msg('registerBook.organMissing'));
  const entries = book.entries.map((entry) => rules.prepare(entry, book.from, book.to));
  entries.sort(rules.compare);
  const { parentOrganName, scope, ...rest } = book;
  return {
    ...rest,
    organName: nfc(book.organName),
    ...(parentOrganName === undefined ? {} : { parentOrganName: nfc(parentOrganName) }),
    ...(scope === undefined ? {} : { scope: nfc(scope) }),
    registerName: nfc(book.registerName),
    entries,
  } as B;
}

type ArrivalEntry = Pick<RegisterBookEntry, 'arrivalDate' | 'arrivalNumber'>;
type BadEntry = (column: MessageKey) => AppError;

/** The refusal naming an incoming document by its số đến and the column that is wrong. */
function badArrivalEntry(entry: ArrivalEntry, message: 'registerBook.badEntry' | 'trackingBook.badEntry'): BadEntry {
  return (column) => new AppError('BAD_INPUT', msg(message, { number: String(entry.arrivalNumber), field: msg(column) }));
}

/** The entry's số đến, once it and its ngày đến inside the book's period are checked. */
function checkArrival(entry: ArrivalEntry, from: string, to: string, bad: BadEntry): number {
  const number = entry.arrivalNumber;
  if (!Number.isInteger(number) || number <= 0) throw bad('registerBook.col.arrivalNumber');
  if (!isIsoDate(entry.arrivalDate)) throw bad('registerBook.col.arrivalDate');
  if (entry.arrivalDate < from || entry.arrivalDate > to) {
    throw new AppError('BAD_INPUT', msg('registerBook.entryOutOfRange', { number, date: shortVietnameseDate(entry.arrivalDate) }));
  }
  return number;
}

// Numbers restart each year, so the date orders first; within a day the number is the order of arrival.
const byArrival = (a: ArrivalEntry, b: ArrivalEntry) =>
  a.arrivalDate === b.arrivalDate ? a.arrivalNumber - b.arrivalNumber : a.arrivalDate < b.arrivalDate ? -1 : 1;

export const INCOMING_ENTRY_RULES: EntryRules<RegisterBookEntry> = {
  prepare(entry, from, to) {
    const bad = badArrivalEntry(entry, 'registerBook.badEntry');
    const number = checkArrival(entry, from, to, bad);
    if (entry.issuedDate !== '' && !isIsoDate(entry.issuedDate)) throw bad('registerBook.col.issuedDate');
    if (entry.handedOverDate !== null && !isIsoDate(entry.handedOverDate)) throw bad('registerBook.col.handedOverDate');
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
  },
  compare: byArrival,
};

export const OUTGOING_ENTRY_RULES: EntryRules<OutgoingRegisterEntry> = {
  prepare(entry, from, to) {
    // An outgoing document is named by its number and notation, as the clerk finds it on the paper.
    const code = nfc(joinCode(entry.codeNumber, entry.codeNotation)) || String(entry.number);
    const bad = (column: MessageKey) => new AppError('BAD_INPUT', msg('registerBook.outgoingBadEntry', { code, field: msg(column) }));
    if (!Number.isInteger(entry.number) || entry.number <= 0) throw bad('registerBook.col.code');
    if (!isIsoDate(entry.issuedDate)) throw bad('registerBook.col.issuedDate');
    if (entry.dispatchedDate !== null && !isIsoDate(entry.dispatchedDate)) throw bad('registerBook.col.handedOverDate');
    if (entry.copies !== null && (!Number.isInteger(entry.copies) || entry.copies < 0)) throw bad('registerBook.col.copies');
    if (entry.issuedDate < from || entry.issuedDate > to) {
      throw new AppError('BAD_INPUT', msg('registerBook.outgoingOutOfRange', { code, date: shortVietnameseDate(entry.issuedDate) }));
    }
    return {
      sequence: entry.sequence,
      number: entry.number,
      codeNumber: nfc(entry.codeNumber),
      codeNotation: nfc(entry.codeNotation),
      issuedDate: entry.issuedDate,
      typeName: nfc(entry.typeName),
      subject: nfc(entry.subject),
      signer: nfc(entry.signer),
      recipients: nfc(entry.recipients),
      fileCopyHolder: nfc(entry.fileCopyHolder),
      copies: entry.copies,
      dispatchedDate: entry.dispatchedDate,
      note: nfc(entry.note),
    };
  },
  // Each sequence (shared, per type, copies) counts on its own: within a day its numbers stay together and in order.
  compare: (a, b) =>
    a.issuedDate !== b.issuedDate ? (a.issuedDate < b.issuedDate ? -1 : 1) : a.sequence !== b.sequence ? (a.sequence < b.sequence ? -1 : 1) : a.number - b.number,
};

export const TRACKING_ENTRY_RULES: EntryRules<TrackingRegisterEntry> = {
  prepare(entry, from, to) {
    const bad = badArrivalEntry(entry, 'trackingBook.badEntry');
    const number = checkArrival(entry, from, to, bad);
    if (entry.issuedDate !== '' && !isIsoDate(entry.issuedDate)) throw bad('registerBook.col.issuedDate');
    if (entry.dueDate !== null && !isIsoDate(entry.dueDate)) throw bad('trackingBook.col.due');
    if (entry.closedDate !== null && !isIsoDate(entry.closedDate)) throw bad('trackingBook.col.progress');
    return {
      arrivalDate: entry.arrivalDate,
      arrivalNumber: number,
      typeName: nfc(entry.typeName),
      codeNumber: nfc(entry.codeNumber),
      codeNotation: nfc(entry.codeNotation),
      issuedDate: entry.issuedDate,
      organName: nfc(entry.organName),
      subject: nfc(entry.subject),
      lead: nfc(entry.lead),
      officer: nfc(entry.officer),
      cooperating: entry.cooperating.map(nfc),
      forInfo: entry.forInfo,
      dueDate: entry.dueDate,
      progress: nfc(entry.progress),
      closedDate: entry.closedDate,
      closeNote: nfc(entry.closeNote),
      replyCode: nfc(entry.replyCode),
      note: nfc(entry.note),
    };
  },
  compare: byArrival,
};

import { yearOf } from '../../../shared/domain/dates';
import { msg, type MessageKey } from '../../../shared/messages';
import { INCOMING_ENTRY_RULES, OUTGOING_ENTRY_RULES, prepareRegisterBook, TRACKING_ENTRY_RULES, type EntryRules } from './prepareRegisterBook';
import { INCOMING_REGISTER_COLUMNS, OUTGOING_REGISTER_COLUMNS, TRACKING_REGISTER_COLUMNS, type CellValue, type RegisterColumn } from './registerBookColumns';
import type { OutgoingRegisterEntry, RegisterBook, RegisterBookEntry, RegisterBookHeading, RegisterBookKind, TrackingRegisterEntry } from './registerBookEntry';
import { registerBookTitle, type RegisterBookTitle } from './registerBookTitle';

/** Everything that makes one register differ from the other; the writers see none of it, only the table it gives. */
interface RegisterKind<E> extends EntryRules<E> {
  columns: readonly RegisterColumn<E>[];
  /** The column that names an entry whose text runs over onto the next page. */
  continuationColumn: MessageKey;
  /**
   * Where the entry's number stands in its sequence, for the title's "Từ số … đến số …"; absent for a register that
   * lists only some of a sequence's numbers, where a range would suggest the ones between are there.
   */
  numbering?(entry: E): { sequence: string; number: number };
  emptyText: MessageKey;
  sheetName: MessageKey;
}

const INCOMING: RegisterKind<RegisterBookEntry> = {
  ...INCOMING_ENTRY_RULES,
  columns: INCOMING_REGISTER_COLUMNS,
  continuationColumn: 'registerBook.col.arrivalNumber',
  numbering: (e) => ({ sequence: '', number: e.arrivalNumber }),
  emptyText: 'registerBook.empty',
  sheetName: 'registerBook.sheetName',
};

const OUTGOING: RegisterKind<OutgoingRegisterEntry> = {
  ...OUTGOING_ENTRY_RULES,
  columns: OUTGOING_REGISTER_COLUMNS,
  continuationColumn: 'registerBook.col.code',
  numbering: (e) => ({ sequence: e.sequence, number: e.number }),
  emptyText: 'registerBook.outgoingEmpty',
  sheetName: 'registerBook.outgoingSheetName',
};

const TRACKING: RegisterKind<TrackingRegisterEntry> = {
  ...TRACKING_ENTRY_RULES,
  columns: TRACKING_REGISTER_COLUMNS,
  continuationColumn: 'registerBook.col.arrivalNumber',
  emptyText: 'trackingBook.empty',
  sheetName: 'trackingBook.sheetName',
};

/** The stem of the suggested file name of each register. */
export const FILE_STEMS: Record<RegisterBookKind, MessageKey> = {
  incoming: 'registerBook.fileStem',
  outgoing: 'registerBook.outgoingFileStem',
  tracking: 'trackingBook.fileStem',
};

/** A column as the writers print it: its header in words, its sizes and alignment. */
export type TableColumn = Omit<RegisterColumn<never>, 'header' | 'value'> & { header: string };

/** A checked register as the PDF and XLSX writers print it: title, columns, one row of values per entry. */
export interface RegisterTable {
  title: RegisterBookTitle;
  columns: readonly TableColumn[];
  rows: CellValue[][];
  /** Index of the column that names a row continued on the next page. */
  continuationColumn: number;
  /** The line across the table when there are no entries. */
  emptyText: string;
  sheetName: string;
}

/**
 * Checks the book (throws AppError BAD_INPUT naming the first wrong entry) and lays it out as its register's table.
 * Every kind goes through one generic path, so the writers never branch on the kind.
 */
export function registerBookTable(book: RegisterBook): RegisterTable {
  switch (book.kind) {
    case 'outgoing':
      return tableOf(book, OUTGOING);
    case 'tracking':
      return tableOf(book, TRACKING);
    default:
      return tableOf(book, INCOMING);
  }
}

function tableOf<E>(book: RegisterBookHeading & { entries: E[] }, kind: RegisterKind<E>): RegisterTable {
  const prepared = prepareRegisterBook(book, kind);
  return {
    title: registerBookTitle(prepared, numberRange(prepared, kind)),
    ...tableBody(kind.columns, prepared.entries),
    continuationColumn: kind.columns.findIndex((c) => c.header === kind.continuationColumn),
    emptyText: msg(kind.emptyText),
    sheetName: msg(kind.sheetName),
  };
}

/** The columns headed in words and one row of values per entry: what any report printed by these writers is made of. */
export function tableBody<E>(columns: readonly RegisterColumn<E>[], entries: readonly E[]): Pick<RegisterTable, 'columns' | 'rows'> {
  return {
    columns: columns.map(({ header, value: _, ...sizes }) => ({ ...sizes, header: msg(header) })),
    rows: entries.map((entry) => columns.map((c) => c.value(entry))),
  };
}

/** The first and last number, when they are one sequence's numbers of one year; a range over several would mislead. */
function numberRange<E>(book: RegisterBookHeading & { entries: E[] }, kind: RegisterKind<E>): { first: number; last: number } | null {
  if (!kind.numbering) return null;
  const numbers = book.entries.map(kind.numbering);
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (!first || !last || yearOf(book.from) !== yearOf(book.to)) return null;
  return numbers.every((n) => n.sequence === first.sequence) ? { first: first.number, last: last.number } : null;
}

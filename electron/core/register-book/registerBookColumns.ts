import { shortVietnameseDate } from '../../../shared/domain/dates';
import { joinCode } from '../../../shared/domain/documentCode';
import { msg, type MessageKey } from '../../../shared/messages';
import type { OutgoingRegisterEntry, RegisterBookEntry, TrackingRegisterEntry } from './registerBookEntry';

/** A typed spreadsheet value: dates are Excel dates, numbers are numbers, blanks are null. */
export type CellValue = string | number | Date | null;

/** A column of a register: how it is headed and sized in both formats, and what an entry of type E puts in it. */
export interface RegisterColumn<E> {
  header: MessageKey;
  /** Share of the printed table's width, in points of an A4 landscape page with a 20 mm binding margin. */
  pdfWidth: number;
  /** Excel column width, in characters. */
  xlsxWidth: number;
  align: 'left' | 'center';
  kind: 'date' | 'number' | 'text';
  value: (entry: E) => CellValue;
}

/** Empty text is a blank cell, not an empty string, so spreadsheet filters treat it as blank. */
export function textOrBlank(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/** Type name on its own line, then the summary, as both registers' "Tên loại và trích yếu nội dung" reads. */
function typeAndSubject(entry: { typeName: string; subject: string }): string {
  return [entry.typeName.trim(), entry.subject.trim()].filter((s) => s !== '').join('\n');
}

export function isoToExcelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // Midnight UTC: the spreadsheet writer counts days in UTC, so the serial is a whole day whatever the time zone.
  return new Date(Date.UTC(y, m - 1, d));
}

/** Số đến, as the incoming and the tracking registers print it. */
const ARRIVAL_NUMBER_COLUMN: RegisterColumn<{ arrivalNumber: number }> = {
  header: 'registerBook.col.arrivalNumber',
  pdfWidth: 40,
  xlsxWidth: 7,
  align: 'center',
  kind: 'number',
  value: (e) => e.arrivalNumber,
};

/** The ten columns of the incoming register, in the order of Decree 30 Appendix IV. */
export const INCOMING_REGISTER_COLUMNS: readonly RegisterColumn<RegisterBookEntry>[] = [
  { header: 'registerBook.col.arrivalDate', pdfWidth: 58, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.arrivalDate) },
  ARRIVAL_NUMBER_COLUMN,
  { header: 'registerBook.col.author', pdfWidth: 90, xlsxWidth: 22, align: 'left', kind: 'text', value: (e) => textOrBlank(e.organName) },
  { header: 'registerBook.col.code', pdfWidth: 88, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(joinCode(e.codeNumber, e.codeNotation)) },
  { header: 'registerBook.col.issuedDate', pdfWidth: 58, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.issuedDate) },
  { header: 'registerBook.col.subject', pdfWidth: 170, xlsxWidth: 48, align: 'left', kind: 'text', value: (e) => textOrBlank(typeAndSubject(e)) },
  { header: 'registerBook.col.recipients', pdfWidth: 84, xlsxWidth: 20, align: 'left', kind: 'text', value: (e) => textOrBlank(e.recipients) },
  { header: 'registerBook.col.handedOverDate', pdfWidth: 58, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.handedOverDate) },
  // Left empty on purpose: the receiver signs here on paper.
  { header: 'registerBook.col.signature', pdfWidth: 56, xlsxWidth: 12, align: 'center', kind: 'text', value: () => null },
  { header: 'registerBook.col.note', pdfWidth: 55, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(e.note) },
];

/**
 * The ten columns of the outgoing register, in the order of Decree 30 Appendix IV. The widths add up to the incoming
 * register's, so both fill the same printable width; a notation with a unit ("02/UBND-ĐCXD") stays on one line, the
 * signer and the places get room for several lines' names, and "Số lượng bản" stays a two-line header like the others.
 */
export const OUTGOING_REGISTER_COLUMNS: readonly RegisterColumn<OutgoingRegisterEntry>[] = [
  { header: 'registerBook.col.code', pdfWidth: 88, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(joinCode(e.codeNumber, e.codeNotation)) },
  { header: 'registerBook.col.issuedDate', pdfWidth: 58, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.issuedDate) },
  { header: 'registerBook.col.subject', pdfWidth: 140, xlsxWidth: 42, align: 'left', kind: 'text', value: (e) => textOrBlank(typeAndSubject(e)) },
  { header: 'registerBook.col.signer', pdfWidth: 86, xlsxWidth: 20, align: 'left', kind: 'text', value: (e) => textOrBlank(e.signer) },
  { header: 'registerBook.col.toPlaces', pdfWidth: 89, xlsxWidth: 24, align: 'left', kind: 'text', value: (e) => textOrBlank(e.recipients) },
  { header: 'registerBook.col.fileCopy', pdfWidth: 78, xlsxWidth: 18, align: 'left', kind: 'text', value: (e) => textOrBlank(e.fileCopyHolder) },
  { header: 'registerBook.col.copies', pdfWidth: 48, xlsxWidth: 8, align: 'center', kind: 'number', value: (e) => e.copies },
  { header: 'registerBook.col.handedOverDate', pdfWidth: 58, xlsxWidth: 11, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.dispatchedDate) },
  { header: 'registerBook.col.signature', pdfWidth: 56, xlsxWidth: 12, align: 'center', kind: 'text', value: () => null },
  { header: 'registerBook.col.note', pdfWidth: 56, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(e.note) },
];

/**
 * "Công văn số 125/STNMT-ĐĐBĐ ngày 18/11/2026 của Sở …", then the summary on its own line: the tracking register names
 * the document as a sentence does, leaving out what is unknown ("Không số" stands as it is, without "số").
 */
function documentSentence(entry: TrackingRegisterEntry): string {
  const code = joinCode(entry.codeNumber, entry.codeNotation).trim();
  const named = [
    entry.typeName.trim(),
    entry.codeNumber.trim() !== '' ? msg('trackingBook.doc.number', { code }) : code,
    entry.issuedDate ? msg('trackingBook.doc.date', { date: shortVietnameseDate(entry.issuedDate) }) : '',
    entry.organName.trim() ? msg('trackingBook.doc.organ', { organ: entry.organName.trim() }) : '',
  ];
  return [named.filter((s) => s !== '').join(' '), entry.subject.trim()].filter((s) => s !== '').join('\n');
}

/** Who leads (with the officer it was given to) and who co-operates, one line each. */
function handlers(entry: TrackingRegisterEntry): string {
  const lead = entry.forInfo
    ? msg('trackingBook.forInfo', { lead: entry.lead })
    : entry.officer
      ? msg('trackingBook.leadWithOfficer', { lead: entry.lead, officer: entry.officer })
      : msg('trackingBook.lead', { lead: entry.lead });
  const cooperating = entry.cooperating.length > 0 ? msg('trackingBook.cooperating', { units: entry.cooperating.join(', ') }) : '';
  return [lead, cooperating].filter((s) => s !== '').join('\n');
}

/** "Đã giải quyết ngày …" with the closing note once closed; before that the latest progress report. */
function progress(entry: TrackingRegisterEntry): string {
  if (entry.closedDate === null) return entry.progress;
  return [msg('trackingBook.closedOn', { date: shortVietnameseDate(entry.closedDate) }), entry.closeNote.trim()].filter((s) => s !== '').join('\n');
}

/**
 * The seven columns of the tracking register, in the order of Decree 30 Appendix IV. The widths add up to the other
 * registers', so all three fill the same printable width; the document and the progress take the most room, and a
 * reply's notation with a unit ("01/UBND-ĐCXD") stays on one line.
 */
export const TRACKING_REGISTER_COLUMNS: readonly RegisterColumn<TrackingRegisterEntry>[] = [
  ARRIVAL_NUMBER_COLUMN,
  { header: 'trackingBook.col.document', pdfWidth: 226, xlsxWidth: 51, align: 'left', kind: 'text', value: (e) => textOrBlank(documentSentence(e)) },
  { header: 'registerBook.col.recipients', pdfWidth: 126, xlsxWidth: 28, align: 'left', kind: 'text', value: (e) => textOrBlank(handlers(e)) },
  { header: 'trackingBook.col.due', pdfWidth: 62, xlsxWidth: 12, align: 'center', kind: 'date', value: (e) => isoToExcelDate(e.dueDate) },
  { header: 'trackingBook.col.progress', pdfWidth: 145, xlsxWidth: 32, align: 'left', kind: 'text', value: (e) => textOrBlank(progress(e)) },
  { header: 'trackingBook.col.reply', pdfWidth: 92, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(e.replyCode) },
  { header: 'registerBook.col.note', pdfWidth: 66, xlsxWidth: 16, align: 'left', kind: 'text', value: (e) => textOrBlank(e.note) },
];

/** The value as printed text: dates dd/mm/yyyy, blanks empty. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return shortVietnameseDate(value.toISOString().slice(0, 10));
  return String(value);
}

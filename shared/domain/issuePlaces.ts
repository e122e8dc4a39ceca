/**
 * Where the clerk's issuing signature writes the number and the date on page 1 of a Decree 30 document, found from the
 * page's text layer; what exactly is written there; and the key under which a template's places are remembered.
 *
 * A document waiting for its number prints "Số:      /QĐ-UBND" in the left header column and "Hà Tĩnh, ngày    tháng
 * năm 2026" in the right one. As on paper, only the blanks are filled: the number between "Số:" and the notation, the
 * day and the month between "ngày", "tháng" and "năm" (and the year when that is blank too). A page without such
 * blanks gets the whole lines ("Số: 125/QĐ-UBND", "ngày 15 tháng 11 năm 2026") under its header, never on it.
 */
import type { z } from 'zod';
import type * as s from '../contract/issuePlaces';
import { msg } from '../messages';
import { longVietnameseDate } from './dates';
import { foldVietnamese } from './fold';
import { textRows, type PageBox, type PageTextItem, type TextRow } from './pageText';

export type NumberPlace = z.output<typeof s.NumberPlace>;
export type DatePlace = z.output<typeof s.DatePlace>;
export type IssuePlaces = z.output<typeof s.IssuePlaces>;

export type { PageBox, PageTextItem } from './pageText';

export interface IssueProposal extends IssuePlaces {
  /** Whether the template's blanks were found (false: the default under the header). */
  found: boolean;
  /** Where the blanks sit, rounded, for the template key; null when none were found. */
  layout: string | null;
}

/** Header columns are searched in this top part of the page. */
const HEADER_PART = 0.45;
/** Characters that make a blank: spaces (also no-break ones), dot leaders, ellipses, underscores. */
const BLANK = '[\\s.…_]';
/** A number blank narrower than this (in font sizes) has no room for a number: the page is treated as blank-less. */
const MIN_NUMBER_BLANK = 1;

const mid = (a: number, b: number) => (a + b) / 2;
const round = (n: number) => Math.round(n * 100) / 100;

/** The blank between "Số:" and the notation: its centre and baseline. */
function findNumberBlank(row: TextRow) {
  const m = new RegExp(`(Số\\s*:)(${BLANK}*)\\/`, 'u').exec(row.text);
  if (!m) return null;
  const colon = row.cells[m.index + m[1]!.length - 1]!;
  const slash = row.cells[m.index + m[1]!.length + m[2]!.length]!;
  if (slash.x0 - colon.x1 < MIN_NUMBER_BLANK * slash.size) return null;
  return { x: mid(colon.x1, slash.x0), y: slash.y, size: slash.size };
}

/** The blanks of "ngày … tháng … năm …": where the day, month and (when blank) year go. */
function findDateBlanks(row: TextRow) {
  const m = new RegExp(`(ngày)(${BLANK}+)(tháng)(${BLANK}+)(năm)(${BLANK}*)(\\d{0,4})([.…_]*)`, 'u').exec(row.text);
  if (!m) return null;
  const at = (group: number) => m.index + m.slice(1, group).reduce((n, g) => n + (g ?? '').length, 0);
  const cell = (i: number) => row.cells[i]!;
  const dayEnd = cell(at(2) - 1).x1;
  const monthStart = cell(at(3)).x0;
  const monthEnd = cell(at(4) - 1).x1;
  const yearWordStart = cell(at(5)).x0;
  const size = cell(at(3)).size;
  const day = mid(dayEnd, monthStart);
  const month = mid(monthEnd, yearWordStart);
  const digits = m[7]!;
  let year: number | null = null;
  if (digits.length < 4) {
    const yearWordEnd = cell(at(6) - 1).x1;
    const start = digits.length > 0 ? cell(at(8) - 1).x1 : yearWordEnd + 0.25 * size;
    const matchedEnd = cell(m.index + m[0].length - 1).x1;
    // Dots after the printed digits bound the blank; a blank running to the line's end gets room for the year.
    const room = (4 - digits.length) * 0.5 * size;
    const end = matchedEnd - start >= size ? matchedEnd : start + room;
    // A blank narrower than the year: the year starts at the blank rather than running back into "năm".
    year = Math.max(mid(start, end), start + room / 2) - day;
  }
  return { x: day, y: cell(at(3)).y, size, blanks: { month: month - day, year, yearPrinted: digits } };
}

/**
 * Where the number and date go on page 1, from its text: the template's blanks when it has them, else whole lines
 * centred in the header's two columns just under the header (the first free band between text rows).
 */
export function proposeIssuePlaces(items: readonly PageTextItem[], box: PageBox): IssueProposal {
  const [left, bottom, right, top] = box;
  const width = right - left;
  const headerRows = textRows(items).filter((r) => r.y > top - (top - bottom) * HEADER_PART);
  const numberRow = headerRows.map(findNumberBlank).find((b) => b !== null && b.x < left + width * 0.55) ?? null;
  const dateRow = headerRows.map(findDateBlanks).find((b) => b !== null && b.x > left + width * 0.3) ?? null;
  if (numberRow && dateRow) {
    const numberAt: NumberPlace = { page: 1, x: round(numberRow.x), y: round(numberRow.y), size: round(numberRow.size), blank: true };
    const dateAt: DatePlace = {
      page: 1,
      x: round(dateRow.x),
      y: round(dateRow.y),
      size: round(dateRow.size),
      blanks: { month: round(dateRow.blanks.month), year: dateRow.blanks.year === null ? null : round(dateRow.blanks.year), yearPrinted: dateRow.blanks.yearPrinted },
    };
    const r5 = (n: number) => Math.round(n / 5) * 5;
    return { numberAt, dateAt, found: true, layout: `so ${r5(numberRow.x - left)} ${r5(top - numberRow.y)} ngay ${r5(dateRow.x - left)} ${r5(top - dateRow.y)}` };
  }
  const y = round(freeBandUnderHeader(headerRows, top));
  return {
    numberAt: { page: 1, x: round(left + width * 0.25), y, size: 13, blank: false },
    dateAt: { page: 1, x: round(left + width * 0.68), y, size: 13, blanks: null },
    found: false,
    layout: null,
  };
}

/**
 * A baseline for one 13 pt line that touches no text: under the first group of header rows, in the first gap between
 * rows tall enough for it; above the topmost text when the top part of the page has no such gap.
 */
function freeBandUnderHeader(headerRows: TextRow[], top: number): number {
  const size = 13;
  // Room above and below the written baseline: ascent plus the neighbour's descent, and the other way round.
  const clearance = 1.3 * size;
  for (let i = 0; i + 1 < headerRows.length; i++) {
    const above = headerRows[i]!;
    const below = headerRows[i + 1]!;
    if (above.y - below.y >= 2 * clearance) return above.y - clearance;
  }
  const topmost = headerRows[0];
  return topmost ? Math.min(top - size, topmost.y + clearance) : top - 4 * size;
}

/** One piece of text an issuing signature writes: centred at x, baseline y. */
export interface IssueTextPiece {
  text: string;
  page: number;
  x: number;
  y: number;
  size: number;
}

/** What is written where: only the missing parts into a template's blanks, else the whole lines. */
export function issueTextPieces(places: IssuePlaces, values: { numberNotation?: string; date?: string }): IssueTextPiece[] {
  const { numberAt, dateAt } = places;
  const pieces: IssueTextPiece[] = [];
  const at = (p: { page: number; x: number; y: number; size: number }, text: string, dx = 0) =>
    pieces.push({ text, page: p.page, x: round(p.x + dx), y: p.y, size: p.size });
  const notation = values.numberNotation?.trim();
  if (notation) at(numberAt, numberAt.blank ? (notation.split('/')[0] ?? notation) : msg('signing.numberLine', { number: notation }));
  if (!values.date) return pieces;
  const long = longVietnameseDate(values.date);
  const blanks = dateAt.blanks;
  if (!blanks) {
    at(dateAt, long);
    return pieces;
  }
  const [, day = '', month = '', year = ''] = /^ngày (\d+) tháng (\d+) năm (\d+)$/.exec(long) ?? [];
  at(dateAt, day);
  at(dateAt, month, blanks.month);
  if (blanks.year !== null) at(dateAt, year.startsWith(blanks.yearPrinted) ? year.slice(blanks.yearPrinted.length) : year, blanks.year);
  return pieces;
}

/**
 * The template a document was made from, as far as the places of its number and date go: the issuing organisation,
 * the document type, the page size, and where the header's blanks are (so two layouts of one type stay apart).
 */
export function issueTemplateKey(parts: { organId: string; typeName: string; box: PageBox; layout: string | null }): string {
  const [left, bottom, right, top] = parts.box;
  return [parts.organId, foldVietnamese(parts.typeName), `${Math.round(right - left)}x${Math.round(top - bottom)}`, parts.layout ?? 'no-blanks'].join('|');
}

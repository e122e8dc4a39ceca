/** Reads a printed register (incoming or outgoing) back from poppler's word boxes, cell by cell, as a person would. */
import { readingOrder, type PdfPageWords, type PdfWord } from './pdfWords';

export const HEADERS = [
  'Ngày đến',
  'Số đến',
  'Tác giả',
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Đơn vị hoặc người nhận',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
];
export const OUTGOING_HEADERS = [
  'Số, ký hiệu văn bản',
  'Ngày tháng văn bản',
  'Tên loại và trích yếu nội dung',
  'Người ký',
  'Nơi nhận văn bản',
  'Đơn vị, người nhận bản lưu',
  'Số lượng bản',
  'Ngày chuyển',
  'Ký nhận',
  'Ghi chú',
];
export const TRACKING_HEADERS = [
  'Số đến',
  'Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành',
  'Đơn vị hoặc người nhận',
  'Thời hạn giải quyết',
  'Tiến độ giải quyết',
  'Số, ký hiệu văn bản trả lời',
  'Ghi chú',
];

/** Which register is read: its headers, and the column whose first word (matching `key`) starts each entry. */
export interface RegisterLayout {
  headers: readonly string[];
  keyColumn: number;
  key: RegExp;
}
/** Each entry starts at its Số đến. */
export const INCOMING_LAYOUT: RegisterLayout = { headers: HEADERS, keyColumn: 1, key: /^\d+$/ };
/** Each entry starts at its số, ký hiệu ("01/QĐ-UBND"). */
export const OUTGOING_LAYOUT: RegisterLayout = { headers: OUTGOING_HEADERS, keyColumn: 0, key: /^\d+\// };
/** Each entry starts at its Số đến, the first column. */
export const TRACKING_LAYOUT: RegisterLayout = { headers: TRACKING_HEADERS, keyColumn: 0, key: /^\d+$/ };

// The register's left margin (20 mm for binding): where the table's first column begins.
const TABLE_LEFT = (20 * 72) / 25.4;
const BOTTOM_MARGIN = (15 * 72) / 25.4;

export interface ReadRow {
  page: number;
  cells: string[];
  /** True when the row began on an earlier page: a row taller than a page. */
  continues: boolean;
  /** The entry a continued part names in its key cell ("3 (tiếp)" in Số đến). */
  continuesNumber?: string;
}

export interface ReadRegister {
  headers: string[][];
  numberRows: string[][];
  rows: ReadRow[];
  pageLabels: string[];
  /** Words that stick out of their column or into the bottom margin. */
  overflowing: string[];
}

/**
 * Reads the register back from poppler's word boxes: the column number row "(1) … (10)" locates the columns, each
 * entry's key ("Số đến" in the incoming register) starts a row, and every other word lands in the column and row its
 * box lies in.
 */
export function readRegister(pages: PdfPageWords[], layout: RegisterLayout = INCOMING_LAYOUT): ReadRegister {
  const { headers, keyColumn, key } = layout;
  const result: ReadRegister = { headers: [], numberRows: [], rows: [], pageLabels: [], overflowing: [] };
  pages.forEach((page, index) => {
    const numberRow = page.words.filter((w) => /^\(\d+\)$/.test(w.text));
    const first = numberRow.find((w) => w.text === '(1)');
    if (!first) throw new Error(`page ${index + 1}: no column numbers`);
    const numbers = numberRow.filter((w) => Math.abs(w.yMin - first.yMin) < 1).sort((a, b) => a.xMin - b.xMin);
    result.numberRows.push(numbers.map((w) => w.text));
    // Column numbers are centred in their columns: each edge mirrors the previous one about a centre.
    const edges = [TABLE_LEFT];
    for (const w of numbers) edges.push(2 * ((w.xMin + w.xMax) / 2) - (edges[edges.length - 1] as number));
    const columnOf = (w: PdfWord) => {
      const column = edges.findIndex((edge, i) => i < edges.length - 1 && w.xMin >= edge - 0.5 && w.xMin < (edges[i + 1] as number));
      if (column < 0 || w.xMax > (edges[column + 1] as number) + 0.5) result.overflowing.push(`p${index + 1} "${w.text}"`);
      return column;
    };
    const footerTop = page.height - BOTTOM_MARGIN;
    const header = page.words.filter((w) => w.yMax <= first.yMin && w.yMin >= first.yMin - 38);
    result.headers.push(headers.map((_, c) => readingOrder(header.filter((w) => columnOf(w) === c)).map((w) => w.text).join(' ')));
    const body = page.words.filter((w) => w.yMin > first.yMax && w.yMin < footerTop);
    result.pageLabels.push(page.words.filter((w) => w.yMin >= footerTop).map((w) => w.text).join(' '));
    for (const w of page.words) if (w.yMin < footerTop && w.yMax > footerTop) result.overflowing.push(`p${index + 1} "${w.text}" in the margin`);

    const starts = body.filter((w) => columnOf(w) === keyColumn && key.test(w.text)).map((w) => w.yMin).sort((a, b) => a - b);
    const pageRows: ReadRow[] = starts.map(() => ({ page: index + 1, cells: headers.map(() => ''), continues: false }));
    const continuation: ReadRow = { page: index + 1, cells: headers.map(() => ''), continues: true };
    for (const w of readingOrder(body)) {
      let rowIndex = -1;
      while (rowIndex + 1 < starts.length && (starts[rowIndex + 1] as number) <= w.yMin + 2) rowIndex++;
      const row = rowIndex < 0 ? continuation : (pageRows[rowIndex] as ReadRow);
      const column = columnOf(w);
      row.cells[column] = row.cells[column] ? `${row.cells[column]} ${w.text}` : w.text;
    }
    if (continuation.cells.some((c) => c !== '')) result.rows.push(continuation);
    for (const row of pageRows) {
      const marker = /^(\S+) \(tiếp\)$/.exec(row.cells[keyColumn] ?? '');
      if (marker) Object.assign(row, { continues: true, continuesNumber: marker[1] }, { cells: row.cells.map((c, i) => (i === keyColumn ? '' : c)) });
    }
    result.rows.push(...pageRows);
  });
  return result;
}

/** Joins continuation parts onto the row they continue. */
export function wholeRows(rows: ReadRow[]): ReadRow[] {
  const whole: ReadRow[] = [];
  for (const row of rows) {
    const previous = whole[whole.length - 1];
    if (row.continues && previous) previous.cells = previous.cells.map((c, i) => [c, row.cells[i]].filter(Boolean).join(' '));
    else whole.push({ ...row, cells: [...row.cells] });
  }
  return whole;
}

import type ExcelJS from 'exceljs';
import { msg } from '../../../shared/messages';
import { loadBundledFont } from '../pdf/bundledFonts';
import { createTextMeasure, type TextMeasure } from '../pdf/textMeasure';
import { wrapText } from '../pdf/wrapText';
import { cellText, type CellValue } from './registerBookColumns';
import type { RegisterTable, TableColumn } from './registerBookTable';

/** The title block's first row under the period; the table's header comes after its notes, on row 6 at the earliest. */
const XLSX_FIRST_NOTE_ROW = 5;
const XLSX_MIN_HEADER_ROW = 6;

const FONT = { name: 'Times New Roman', size: 12 };
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const A4 = 9;
// Excel's height of one line of 12 pt Times New Roman, in points.
const LINE_HEIGHT = 15.75;
// Column widths count characters of the workbook's default font (7 px wide at 96 dpi), with 5 px of padding.
const columnPoints = (characters: number) => (characters * 7 - 5) * 0.75;
// Screen rendering differs a little from font metrics: wrap as if the column were a bit narrower, never clip.
const WRAP_SAFETY = 0.95;

/**
 * Spreadsheet programs do not grow rows to fit wrapped text when they open a file (neither Excel nor LibreOffice
 * does), so each row is given the height its longest cell needs, measured with Times New Roman's metrics.
 */
function rowHeight(columns: readonly TableColumn[], values: readonly CellValue[], measure: TextMeasure): number {
  let lines = 1;
  values.forEach((value, i) => {
    const width = columnPoints(columns[i]?.xlsxWidth ?? 10) * WRAP_SAFETY;
    lines = Math.max(lines, wrapText(cellText(value), width, (t) => measure(t, FONT.size)).length);
  });
  return lines * LINE_HEIGHT;
}

/**
 * Any register as an .xlsx workbook, set up to print like the PDF, from its checked table: one sheet per table (a
 * report's summary after its list). The workbook is named by the first table.
 */
export async function registerBookXlsx(tables: readonly [RegisterTable, ...RegisterTable[]], options: { fontsDirectory?: string } = {}): Promise<Uint8Array> {
  // Liberation Serif has the widths of Times New Roman, the face the sheet names.
  const [regular, bold] = await Promise.all([
    loadBundledFont('LiberationSerif-Regular', options.fontsDirectory),
    loadBundledFont('LiberationSerif-Bold', options.fontsDirectory),
  ]);
  const [measureRegular, measureBold] = await Promise.all([createTextMeasure(regular), createTextMeasure(bold)]);
  const measures = { regular: measureRegular, bold: measureBold };
  const { title } = tables[0];
  // Loaded only for a spreadsheet: the module costs about 12 MB of the core's memory from the moment it loads.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Vanthu';
  workbook.title = `${title.registerName} — ${title.organName} — ${title.period}`;
  workbook.created = new Date();
  for (const table of tables) addTableSheet(workbook, table, measures);
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** One table as a sheet of its own: the title block, the two header rows repeated on every printed page, the rows. */
function addTableSheet(workbook: ExcelJS.Workbook, table: RegisterTable, measures: { regular: TextMeasure; bold: TextMeasure }): void {
  const { title, columns } = table;
  const lastColumn = columns.length;
  const headerRowNumber = Math.max(XLSX_MIN_HEADER_ROW, XLSX_FIRST_NOTE_ROW + title.notes.length);
  const header = `${headerRowNumber}:${headerRowNumber + 1}`;
  const sheet = workbook.addWorksheet(table.sheetName, {
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: header,
      // Inches: 20 mm on the left for binding, as in the PDF.
      margins: { left: 0.79, right: 0.39, top: 0.59, bottom: 0.59, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: `&C${msg('registerBook.page', { page: '&P', total: '&N' })}` },
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRowNumber + 1 }],
  });

  // Column styles reach every entry cell without a style object per cell, which keeps 20,000 rows light.
  sheet.columns = columns.map((c) => ({
    width: c.xlsxWidth,
    style: {
      font: FONT,
      border: BORDER,
      alignment: { wrapText: true, vertical: 'top', horizontal: c.align },
      ...(c.kind === 'date' ? { numFmt: 'dd/mm/yyyy' } : {}),
    },
  }));

  const titleRow = (row: number, text: string, style: { bold?: boolean; size?: number; span: number }) => {
    sheet.mergeCells(row, 1, row, style.span);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.style = { font: { ...FONT, bold: style.bold ?? false, size: style.size ?? FONT.size }, alignment: { horizontal: 'center', vertical: 'middle' } };
  };
  // The organisation sits over the first four columns, as on an official paper; the title spans the table.
  if (title.parentOrganName) titleRow(1, title.parentOrganName, { span: 4 });
  titleRow(2, title.organName, { bold: true, span: 4 });
  titleRow(3, title.registerName, { bold: true, size: 16, span: lastColumn });
  sheet.getRow(3).height = 21;
  titleRow(4, title.period, { span: lastColumn });
  title.notes.forEach((note, i) => titleRow(XLSX_FIRST_NOTE_ROW + i, note, { span: lastColumn }));
  for (let row = 1; row < headerRowNumber; row++) {
    for (let col = 1; col <= lastColumn; col++) {
      // Cells would otherwise inherit the table's borders from their column's style.
      const cell = sheet.getCell(row, col);
      if (cell.master === cell && cell.value !== null) continue;
      cell.style = { font: FONT };
    }
  }

  const headerRow = sheet.getRow(headerRowNumber);
  const numberRow = sheet.getRow(headerRowNumber + 1);
  columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.value = c.header;
    cell.style = { font: { ...FONT, bold: true }, border: BORDER, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } };
    const number = numberRow.getCell(i + 1);
    number.value = `(${i + 1})`;
    number.style = { font: { ...FONT, italic: true, size: 11 }, border: BORDER, alignment: { horizontal: 'center' } };
  });
  headerRow.height = rowHeight(columns, columns.map((c) => c.header), measures.bold);

  if (table.rows.length === 0) {
    titleRow(headerRowNumber + 2, table.emptyText, { span: lastColumn });
    sheet.getCell(headerRowNumber + 2, 1).border = BORDER;
  }
  for (const values of table.rows) sheet.addRow(values).height = rowHeight(columns, values, measures.regular);
}

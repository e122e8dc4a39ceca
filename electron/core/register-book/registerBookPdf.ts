import { msg } from '../../../shared/messages';
import { loadBundledFont } from '../pdf/bundledFonts';
import { writeTablePdf, type TablePart, type TitleLine } from '../pdf/tablePdf';
import { cellText } from './registerBookColumns';
import type { RegisterTable } from './registerBookTable';

const A4_LANDSCAPE = [842, 595] as const;
const MM = 72 / 25.4;
// 20 mm on the left for binding; the others are what office printers reliably reach.
const MARGINS = { top: 15 * MM, right: 10 * MM, bottom: 15 * MM, left: 20 * MM };
const FONT_SIZE = 10;
// Two lines' height at least, so the "Ký nhận" cell has room for a handwritten signature.
const MIN_ROW_HEIGHT = 30;

/** The title block of a table: the organisation as a heading, then the register's name, its period and notes. */
function titleLines(title: RegisterTable['title']): TitleLine[] {
  const lines: TitleLine[] = [];
  if (title.parentOrganName) lines.push({ text: title.parentOrganName, size: 12, position: 'heading' });
  lines.push({ text: title.organName, size: 12, bold: true, position: 'heading', underline: true });
  lines.push({ text: title.registerName, size: 16, bold: true, gapBefore: 6 });
  lines.push({ text: title.period, size: 12 });
  for (const note of title.notes) lines.push({ text: note, size: 12 });
  return lines;
}

/** A table as the writer prints it, with its own title block, columns, and the column that names a continued row. */
function part(table: RegisterTable): TablePart {
  return {
    title: titleLines(table.title),
    columns: table.columns.map((c) => ({ header: c.header, width: c.pdfWidth, align: c.align })),
    numberColumns: true,
    // The entry's number (số đến, số ký hiệu) identifies the entry whose text runs over onto the next page.
    continuation: { columns: [table.continuationColumn], marker: msg('registerBook.continued') },
    rows: table.rows.map((row) => row.map(cellText)),
    emptyText: table.emptyText,
    minRowHeight: MIN_ROW_HEIGHT,
  };
}

/**
 * Any register as a PDF ready to print, sign and bind, from its checked table; a report's further tables (its
 * summary) follow from a new page each, numbered on. The document is named by the first table.
 */
export async function registerBookPdf(tables: readonly [RegisterTable, ...RegisterTable[]], options: { fontsDirectory?: string } = {}): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([
    loadBundledFont('LiberationSerif-Regular', options.fontsDirectory),
    loadBundledFont('LiberationSerif-Bold', options.fontsDirectory),
  ]);
  const [first, ...rest] = tables;
  const { title } = first;
  return writeTablePdf({
    fonts: { regular, bold },
    pageSize: A4_LANDSCAPE,
    margins: MARGINS,
    ...part(first),
    followedBy: rest.map(part),
    fontSize: FONT_SIZE,
    pageLabel: (page, total) => msg('registerBook.page', { page, total }),
    info: {
      title: `${title.registerName} — ${title.organName} — ${title.period}`,
      subject: title.registerName,
      author: title.organName,
      creator: 'Vanthu',
      language: 'vi',
    },
  });
}

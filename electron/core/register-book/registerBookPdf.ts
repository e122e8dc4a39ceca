import { msg } from '../../../shared/messages';
import { loadBundledFont } from '../pdf/bundledFonts';
import { writeTablePdf, type TitleLine } from '../pdf/tablePdf';
import { cellText } from './registerBookColumns';
import type { RegisterTable } from './registerBookTable';

const A4_LANDSCAPE = [842, 595] as const;
const MM = 72 / 25.4;
// 20 mm on the left for binding; the others are what office printers reliably reach.
const MARGINS = { top: 15 * MM, right: 10 * MM, bottom: 15 * MM, left: 20 * MM };
const FONT_SIZE = 10;
// Two lines' height at least, so the "Ký nhận" cell has room for a handwritten signature.
const MIN_ROW_HEIGHT = 30;

/** Any register as a PDF ready to print, sign and bind, from its checked table. */
export async function registerBookPdf(table: RegisterTable, options: { fontsDirectory?: string } = {}): Promise<Uint8Array> {
  const [regular, bold] = await Promise.all([
    loadBundledFont('LiberationSerif-Regular', options.fontsDirectory),
    loadBundledFont('LiberationSerif-Bold', options.fontsDirectory),
  ]);
  const { title } = table;
  const titleLines: TitleLine[] = [];
  if (title.parentOrganName) titleLines.push({ text: title.parentOrganName, size: 12, position: 'heading' });
  titleLines.push({ text: title.organName, size: 12, bold: true, position: 'heading', underline: true });
  titleLines.push({ text: title.registerName, size: 16, bold: true, gapBefore: 6 });
  titleLines.push({ text: title.period, size: 12 });
  for (const note of title.notes) titleLines.push({ text: note, size: 12 });

  return writeTablePdf({
    fonts: { regular, bold },
    pageSize: A4_LANDSCAPE,
    margins: MARGINS,
    title: titleLines,
    columns: table.columns.map((c) => ({ header: c.header, width: c.pdfWidth, align: c.align })),
    numberColumns: true,
    // The entry's number (số đến, số ký hiệu) identifies the entry whose text runs over onto the next page.
    continuation: { columns: [table.continuationColumn], marker: msg('registerBook.continued') },
    rows: table.rows.map((row) => row.map(cellText)),
    emptyText: table.emptyText,
    fontSize: FONT_SIZE,
    minRowHeight: MIN_ROW_HEIGHT,
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

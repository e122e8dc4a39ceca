import type { GlyphFont } from './glyphFont';
import { cleanText, hLine, LINE_SPACING, num, PdfWriter, type PdfInfo, type TextLine } from './pdfWriter';
import { wrapText } from './wrapText';

export interface TableColumn {
  header: string;
  /** Relative width; the columns are scaled together to fill the space between the margins. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A line of the title block (positions 'center' and 'heading'). */
export type TitleLine = TextLine;

/** One table of the document: its title block, its columns and its rows. */
export interface TablePart {
  /** Printed once, above the table on its first page. */
  title: readonly TitleLine[];
  columns: readonly TableColumn[];
  /** Adds the row "(1) (2) … (n)" under the headers, as printed registers number their columns. */
  numberColumns: boolean;
  /** One array of cell texts per row, as many cells as columns. Newlines in a cell start new lines. */
  rows: readonly (readonly string[])[];
  /** Shown across the table when there are no rows. */
  emptyText: string;
  /**
   * A row taller than a page continues on the next pages; there these columns repeat their first line followed by
   * the marker (e.g. the entry number and "(tiếp)"), so a reader knows whose text continues.
   */
  continuation?: { columns: readonly number[]; marker: string };
  /** Rows are at least this tall (points), e.g. to leave room for a handwritten signature. */
  minRowHeight?: number;
}

export interface TablePdfSpec extends TablePart {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** Width and height in points; [842, 595] is A4 landscape. */
  pageSize: readonly [number, number];
  margins: { top: number; right: number; bottom: number; left: number };
  fontSize: number;
  /** Further tables (a report's summary after its list), each from a new page; pages are numbered through them all. */
  followedBy?: readonly TablePart[];
  /** The footer of each page, e.g. "Trang 3/12". */
  pageLabel: (page: number, total: number) => string;
  info: PdfInfo;
}

const PAD_X = 3;
const PAD_Y = 3;
// Rendering yields to the event loop every so many pages, so a long book does not freeze the process hosting it.
const PAGES_PER_TICK = 50;

/** A row, or the part of a tall row that fits on one page: the wrapped lines of each cell. */
interface RowSlice {
  cells: string[][];
  height: number;
}

interface PageLayout {
  withTitle: boolean;
  rows: RowSlice[];
  empty: boolean;
}

/**
 * Writes a paginated table: wrapped cells, rows that never split across pages unless taller than a page, the header
 * repeated on every page, and a page label in the footer. Text is drawn with embedded subset TrueType fonts, so any
 * script the fonts cover (Vietnamese included) prints and extracts correctly.
 */
export async function writeTablePdf(spec: TablePdfSpec): Promise<Uint8Array> {
  const writer = await PdfWriter.create(spec.fonts);
  const parts: TablePart[] = [spec, ...(spec.followedBy ?? [])];
  const pages = parts.flatMap((part) => {
    const layout = new TableLayout({ ...spec, continuation: part.continuation, minRowHeight: part.minRowHeight, ...part }, writer);
    return layout.paginate().map((page) => ({ layout, page }));
  });
  for (let i = 0; i < pages.length; i++) {
    const { layout, page } = pages[i]!;
    writer.addPage(spec.pageSize, layout.render(page, i + 1, pages.length));
    if ((i + 1) % PAGES_PER_TICK === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return writer.save(spec.info);
}

/** Measures, paginates and draws; one instance per document. */
class TableLayout {
  private readonly widths: number[];
  private readonly lineHeight: number;
  private readonly headerCells: string[][];
  private readonly headerHeight: number;
  private readonly numberRowHeight: number;
  private readonly numberSize: number;
  private readonly tableTop: number;
  private readonly tableBottom: number;
  private readonly titleHeight: number;

  private readonly regular: GlyphFont;
  private readonly bold: GlyphFont;

  constructor(
    private readonly spec: TablePdfSpec,
    private readonly writer: PdfWriter,
  ) {
    this.regular = writer.regular;
    this.bold = writer.bold;
    const [pageWidth, pageHeight] = spec.pageSize;
    const { margins, columns, fontSize } = spec;
    const tableWidth = pageWidth - margins.left - margins.right;
    const totalWeight = columns.reduce((sum, c) => sum + c.width, 0);
    this.widths = columns.map((c) => (c.width / totalWeight) * tableWidth);
    this.lineHeight = fontSize * LINE_SPACING;
    this.headerCells = columns.map((c, i) => this.wrap(writer.bold, cleanText(c.header), i));
    this.headerHeight = Math.max(...this.headerCells.map((lines) => lines.length)) * this.lineHeight + 2 * PAD_Y;
    this.numberSize = fontSize - 1;
    this.numberRowHeight = spec.numberColumns ? this.numberSize * LINE_SPACING + 2 * PAD_Y : 0;
    this.tableTop = pageHeight - margins.top;
    // The footer sits in the bottom margin; the table may use everything above it.
    this.tableBottom = margins.bottom;
    const right = pageWidth - margins.right;
    this.titleHeight = spec.title.reduce((h, t) => h + writer.lineHeight(t, margins.left, right), 0) + (spec.title.length ? fontSize : 0);
  }

  private wrap(font: GlyphFont, text: string, column: number): string[] {
    const size = this.spec.fontSize;
    return wrapText(text, (this.widths[column] as number) - 2 * PAD_X, (t) => font.widthOfTextAtSize(t, size));
  }

  private slice(cells: string[][]): RowSlice {
    const lines = Math.max(1, ...cells.map((c) => c.length));
    return { cells, height: Math.max(lines * this.lineHeight + 2 * PAD_Y, this.spec.minRowHeight ?? 0) };
  }

  paginate(): PageLayout[] {
    const fullBody = this.tableTop - this.tableBottom - this.headerHeight - this.numberRowHeight;
    const pages: PageLayout[] = [];
    let page: PageLayout = { withTitle: true, rows: [], empty: false };
    let room = fullBody - this.titleHeight;
    const newPage = () => {
      pages.push(page);
      page = { withTitle: false, rows: [], empty: false };
      room = fullBody;
    };

    if (this.spec.rows.length === 0) page.empty = true;
    for (const row of this.spec.rows) {
      const cells = this.spec.columns.map((_, i) => this.wrap(this.regular, cleanText(row[i] ?? ''), i));
      const whole = this.slice(cells);
      if (whole.height <= room) {
        page.rows.push(whole);
        room -= whole.height;
        continue;
      }
      if (whole.height <= fullBody) {
        newPage();
        page.rows.push(whole);
        room -= whole.height;
        continue;
      }
      // Taller than a whole page: it starts on a fresh page and continues line by line onto the next ones.
      if (page.rows.length > 0) newPage();
      let rest = cells;
      const markers = this.continuationMarkers(cells);
      let first = true;
      while (rest.some((c) => c.length > 0)) {
        // A fresh page always takes at least one line, so even absurd margins cannot loop forever.
        const fits = Math.max(page.rows.length === 0 ? 1 : 0, Math.floor((room - 2 * PAD_Y) / this.lineHeight));
        const part = this.slice(rest.map((c, i) => (first || c.length > 0 ? c.slice(0, fits) : (markers[i] ?? []))));
        if (fits < 1 || (part.height > room && page.rows.length > 0)) {
          newPage();
          continue;
        }
        page.rows.push(part);
        room -= part.height;
        first = false;
        rest = rest.map((c) => c.slice(fits));
        if (rest.some((c) => c.length > 0)) newPage();
      }
    }
    pages.push(page);
    return pages;
  }

  /** What the continued parts of a split row show in the identifying columns: "3 (tiếp)" rather than nothing. */
  private continuationMarkers(cells: string[][]): (string[] | undefined)[] {
    const continuation = this.spec.continuation;
    if (!continuation) return [];
    return cells.map((lines, i) =>
      continuation.columns.includes(i) && lines[0] ? this.wrap(this.regular, `${lines[0]} ${cleanText(continuation.marker)}`, i) : undefined,
    );
  }

  render(page: PageLayout, pageNumber: number, pageCount: number): string[] {
    const out: string[] = [];
    const { margins, columns, fontSize } = this.spec;
    const left = margins.left;
    const right = this.spec.pageSize[0] - margins.right;
    let y = this.tableTop;
    if (page.withTitle) y = this.drawTitle(out);

    const top = y;
    this.drawRow(out, this.headerCells, y, this.headerHeight, this.bold, fontSize, () => 'center', true);
    y -= this.headerHeight;
    hLine(out, left, right, y);
    if (this.spec.numberColumns) {
      const numbers = columns.map((_, i) => [`(${i + 1})`]);
      this.drawRow(out, numbers, y, this.numberRowHeight, this.regular, this.numberSize, () => 'center', true);
      y -= this.numberRowHeight;
      hLine(out, left, right, y);
    }
    // Row separators follow the rows; vertical rules are drawn once per page, from the header to the last row.
    for (const row of page.rows) {
      this.drawRow(out, row.cells, y, row.height, this.regular, fontSize, (i) => columns[i]?.align ?? 'left', false);
      y -= row.height;
      hLine(out, left, right, y);
    }
    if (page.empty) {
      const height = this.lineHeight * 2 + 2 * PAD_Y;
      const text = cleanText(this.spec.emptyText);
      const width = this.regular.widthOfTextAtSize(text, fontSize);
      this.writer.text(out, this.regular, fontSize, (left + right - width) / 2, y - height / 2 - fontSize * 0.35, text);
      y -= height;
      hLine(out, left, right, y);
    }
    hLine(out, left, right, top);
    const columnEdges = [left];
    for (const w of this.widths) columnEdges.push((columnEdges[columnEdges.length - 1] as number) + w);
    for (const [i, x] of columnEdges.entries()) {
      // Inside the "no documents" row only the outer rules continue.
      const bottom = page.empty && i > 0 && i < columnEdges.length - 1 ? y + this.lineHeight * 2 + 2 * PAD_Y : y;
      out.push(`${num(x)} ${num(top)} m ${num(x)} ${num(bottom)} l S`);
    }

    const label = cleanText(this.spec.pageLabel(pageNumber, pageCount));
    const labelSize = fontSize - 1;
    const labelWidth = this.regular.widthOfTextAtSize(label, labelSize);
    this.writer.text(out, this.regular, labelSize, (left + right - labelWidth) / 2, margins.bottom / 2, label);
    return out;
  }

  /** Draws the title block and returns the y where the table starts. */
  private drawTitle(out: string[]): number {
    const { margins } = this.spec;
    const right = this.spec.pageSize[0] - margins.right;
    let y = this.tableTop;
    for (const line of this.spec.title) y = this.writer.drawLine(out, line, margins.left, right, y);
    return y - this.spec.fontSize;
  }

  private drawRow(
    out: string[],
    cells: string[][],
    top: number,
    height: number,
    font: GlyphFont,
    size: number,
    align: (column: number) => 'left' | 'center' | 'right',
    middle: boolean,
  ): void {
    const lineHeight = size * LINE_SPACING;
    // Centres the glyphs' full height (accents above capitals, dot below) inside each line's box.
    const baselineInLine = (lineHeight - (font.ascent + font.descent) * size) / 2 + font.ascent * size;
    let x = this.spec.margins.left;
    for (const [i, lines] of cells.entries()) {
      const width = this.widths[i] as number;
      const textTop = middle ? top - (height - lines.length * lineHeight) / 2 : top - PAD_Y;
      for (const [n, line] of lines.entries()) {
        if (line === '') continue;
        const lineWidth = font.widthOfTextAtSize(line, size);
        const how = align(i);
        const lx = how === 'left' ? x + PAD_X : how === 'right' ? x + width - PAD_X - lineWidth : x + (width - lineWidth) / 2;
        this.writer.text(out, font, size, lx, textTop - n * lineHeight - baselineInLine, line);
      }
      x += width;
    }
  }
}

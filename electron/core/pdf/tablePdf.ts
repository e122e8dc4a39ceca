import fontkit from '@pdf-lib/fontkit';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import { GlyphFont } from './glyphFont';
import { wrapText } from './wrapText';

export interface TableColumn {
  header: string;
  /** Relative width; the columns are scaled together to fill the space between the margins. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface TitleLine {
  text: string;
  size: number;
  bold?: boolean;
  /** 'heading': centred over the left part of the page, where Vietnamese official papers name the organisation. */
  position?: 'center' | 'heading';
  /** A short rule under the text, as under the organisation name of an official paper. */
  underline?: boolean;
  /** Extra space above the line, in points. */
  gapBefore?: number;
}

export interface TablePdfSpec {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** Width and height in points; [842, 595] is A4 landscape. */
  pageSize: readonly [number, number];
  margins: { top: number; right: number; bottom: number; left: number };
  /** Printed once, above the table on the first page. */
  title: readonly TitleLine[];
  columns: readonly TableColumn[];
  /** Adds the row "(1) (2) … (n)" under the headers, as printed registers number their columns. */
  numberColumns: boolean;
  /** One array of cell texts per row, as many cells as columns. Newlines in a cell start new lines. */
  rows: readonly (readonly string[])[];
  /** Shown across the table when there are no rows. */
  emptyText: string;
  fontSize: number;
  /**
   * A row taller than a page continues on the next pages; there these columns repeat their first line followed by
   * the marker (e.g. the entry number and "(tiếp)"), so a reader knows whose text continues.
   */
  continuation?: { columns: readonly number[]; marker: string };
  /** Rows are at least this tall (points), e.g. to leave room for a handwritten signature. */
  minRowHeight?: number;
  /** The footer of each page, e.g. "Trang 3/12". */
  pageLabel: (page: number, total: number) => string;
  info: { title: string; subject?: string; author?: string; creator?: string; language?: string; creationDate?: Date };
}

const PAD_X = 3;
const PAD_Y = 3;
const LINE_SPACING = 1.2;
const RULE_WIDTH = 0.6;
const HEADING_BLOCK_SHARE = 0.4;
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

/** Removes what a PDF text line cannot show: Unicode is composed (NFC), tabs become spaces, control characters go. */
function cleanCellText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, '');
}

/**
 * Writes a paginated table: wrapped cells, rows that never split across pages unless taller than a page, the header
 * repeated on every page, and a page label in the footer. Text is drawn with embedded subset TrueType fonts, so any
 * script the fonts cover (Vietnamese included) prints and extracts correctly.
 */
export async function writeTablePdf(spec: TablePdfSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = await GlyphFont.embed(doc, spec.fonts.regular);
  const bold = await GlyphFont.embed(doc, spec.fonts.bold);
  const layout = new TableLayout(spec, regular, bold);
  const pages = layout.paginate();

  for (let i = 0; i < pages.length; i++) {
    const page = doc.addPage([spec.pageSize[0], spec.pageSize[1]]);
    page.node.setFontDictionary(PDFName.of('F1'), regular.ref);
    page.node.setFontDictionary(PDFName.of('F2'), bold.ref);
    const content = layout.render(pages[i] as PageLayout, i + 1, pages.length);
    // Node's native zlib: pdf-lib's JavaScript deflate would take most of the time of a long book.
    const stream = doc.context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' });
    page.node.addContentStream(doc.context.register(stream));
    if ((i + 1) % PAGES_PER_TICK === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  const { info } = spec;
  doc.setTitle(cleanCellText(info.title), { showInWindowTitleBar: true });
  if (info.subject) doc.setSubject(cleanCellText(info.subject));
  if (info.author) doc.setAuthor(cleanCellText(info.author));
  if (info.creator) doc.setCreator(info.creator);
  doc.setProducer(info.creator ?? 'Vanthu');
  if (info.language) doc.setLanguage(info.language);
  const created = info.creationDate ?? new Date();
  doc.setCreationDate(created);
  doc.setModificationDate(created);
  return doc.save({ useObjectStreams: true, objectsPerTick: 2000 });
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

  constructor(
    private readonly spec: TablePdfSpec,
    private readonly regular: GlyphFont,
    private readonly bold: GlyphFont,
  ) {
    const [pageWidth, pageHeight] = spec.pageSize;
    const { margins, columns, fontSize } = spec;
    const tableWidth = pageWidth - margins.left - margins.right;
    const totalWeight = columns.reduce((sum, c) => sum + c.width, 0);
    this.widths = columns.map((c) => (c.width / totalWeight) * tableWidth);
    this.lineHeight = fontSize * LINE_SPACING;
    this.headerCells = columns.map((c, i) => this.wrap(bold, cleanCellText(c.header), i));
    this.headerHeight = Math.max(...this.headerCells.map((lines) => lines.length)) * this.lineHeight + 2 * PAD_Y;
    this.numberSize = fontSize - 1;
    this.numberRowHeight = spec.numberColumns ? this.numberSize * LINE_SPACING + 2 * PAD_Y : 0;
    this.tableTop = pageHeight - margins.top;
    // The footer sits in the bottom margin; the table may use everything above it.
    this.tableBottom = margins.bottom;
    this.titleHeight = spec.title.reduce((h, t) => h + (t.gapBefore ?? 0) + t.size * LINE_SPACING, 0) + (spec.title.length ? fontSize : 0);
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
      const cells = this.spec.columns.map((_, i) => this.wrap(this.regular, cleanCellText(row[i] ?? ''), i));
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
      continuation.columns.includes(i) && lines[0] ? this.wrap(this.regular, `${lines[0]} ${cleanCellText(continuation.marker)}`, i) : undefined,
    );
  }

  render(page: PageLayout, pageNumber: number, pageCount: number): string {
    const out: string[] = [`${RULE_WIDTH} w 0 G 0 g`];
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
      const text = cleanCellText(this.spec.emptyText);
      const width = this.regular.widthOfTextAtSize(text, fontSize);
      this.text(out, this.regular, fontSize, (left + right - width) / 2, y - height / 2 - fontSize * 0.35, text);
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

    const label = cleanCellText(this.spec.pageLabel(pageNumber, pageCount));
    const labelSize = fontSize - 1;
    const labelWidth = this.regular.widthOfTextAtSize(label, labelSize);
    this.text(out, this.regular, labelSize, (left + right - labelWidth) / 2, margins.bottom / 2, label);
    return out.join('\n');
  }

  /** Draws the title block and returns the y where the table starts. */
  private drawTitle(out: string[]): number {
    const { margins } = this.spec;
    const left = margins.left;
    const right = this.spec.pageSize[0] - margins.right;
    let y = this.tableTop;
    for (const line of this.spec.title) {
      y -= (line.gapBefore ?? 0) + line.size * LINE_SPACING;
      const font = line.bold ? this.bold : this.regular;
      const text = cleanCellText(line.text);
      const width = font.widthOfTextAtSize(text, line.size);
      const blockRight = line.position === 'heading' ? left + (right - left) * HEADING_BLOCK_SHARE : right;
      const x = (left + blockRight - width) / 2;
      const baseline = y + line.size * (LINE_SPACING - 1) + line.size * font.descent;
      this.text(out, font, line.size, x, baseline, text);
      if (line.underline) {
        const ruleWidth = width * 0.4;
        hLine(out, (left + blockRight - ruleWidth) / 2, (left + blockRight + ruleWidth) / 2, baseline - line.size * 0.35);
      }
    }
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
        this.text(out, font, size, lx, textTop - n * lineHeight - baselineInLine, line);
      }
      x += width;
    }
  }

  private text(out: string[], font: GlyphFont, size: number, x: number, y: number, text: string): void {
    const name = font === this.bold ? 'F2' : 'F1';
    out.push(`BT /${name} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${font.encode(text)} Tj ET`);
  }
}

function hLine(out: string[], x1: number, x2: number, y: number): void {
  out.push(`${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`);
}

/** Coordinates with two decimals: finer than any printer, and short content streams. */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

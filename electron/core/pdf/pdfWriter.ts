import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName } from 'pdf-lib';
import { loadFontkit } from './fontkit';
import { GlyphFont } from './glyphFont';
import { wrapText } from './wrapText';

/** A paragraph of text placed on its own lines: a title line, a heading, a line of a form. */
export interface TextLine {
  text: string;
  size: number;
  bold?: boolean;
  /**
   * 'heading': centred over the left part of the page, where Vietnamese official papers name the organisation;
   * 'signature': centred over the right part, where they date and sign; 'left' from the margin (plus `indent`).
   */
  position?: 'center' | 'heading' | 'signature' | 'left';
  /** Points from the left margin, for 'left' lines. */
  indent?: number;
  /** A short rule under the text, as under the organisation name of an official paper. */
  underline?: boolean;
  /** Extra space above the line, in points. */
  gapBefore?: number;
  /** Dots from the indent to the right margin instead of text: a blank line to write on by hand. */
  dotted?: boolean;
}

export interface PdfInfo {
  title: string;
  subject?: string;
  author?: string;
  creator?: string;
  language?: string;
  creationDate?: Date;
}

export const LINE_SPACING = 1.2;
const RULE_WIDTH = 0.6;
/** The share of the width a 'heading' or 'signature' block takes: on a landscape register, less than on a portrait form. */
const DEFAULT_SIDE_SHARE = 0.4;

/** Removes what a PDF text line cannot show: Unicode is composed (NFC), tabs become spaces, control characters go. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b\ufeff]/g, '');
}

/**
 * A PDF drawn with raw content streams in two embedded subset TrueType fonts (regular and bold), so any script the
 * fonts cover (Vietnamese included) prints and extracts correctly; the table and form writers share it.
 */
export class PdfWriter {
  private constructor(
    private readonly doc: PDFDocument,
    readonly regular: GlyphFont,
    readonly bold: GlyphFont,
    private readonly sideShare: number,
  ) {}

  static async create(fonts: { regular: Uint8Array; bold: Uint8Array }, options: { sideShare?: number } = {}): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.registerFontkit(await loadFontkit());
    return new PdfWriter(doc, await GlyphFont.embed(doc, fonts.regular), await GlyphFont.embed(doc, fonts.bold), options.sideShare ?? DEFAULT_SIDE_SHARE);
  }

  /** A page whose content is the operators drawn by text(), line() and hLine(); the fonts are /F1 and /F2. */
  addPage(size: readonly [number, number], operators: readonly string[]): void {
    const page = this.doc.addPage([size[0], size[1]]);
    page.node.setFontDictionary(PDFName.of('F1'), this.regular.ref);
    page.node.setFontDictionary(PDFName.of('F2'), this.bold.ref);
    const content = [`${RULE_WIDTH} w 0 G 0 g`, ...operators].join('\n');
    // Node's native zlib: pdf-lib's JavaScript deflate would take most of the time of a long book.
    const stream = this.doc.context.stream(deflateSync(Buffer.from(content, 'latin1')), { Filter: 'FlateDecode' });
    page.node.addContentStream(this.doc.context.register(stream));
  }

  async save(info: PdfInfo): Promise<Uint8Array> {
    const doc = this.doc;
    doc.setTitle(cleanText(info.title), { showInWindowTitleBar: true });
    if (info.subject) doc.setSubject(cleanText(info.subject));
    if (info.author) doc.setAuthor(cleanText(info.author));
    if (info.creator) doc.setCreator(info.creator);
    doc.setProducer(info.creator ?? 'Vanthu');
    if (info.language) doc.setLanguage(info.language);
    const created = info.creationDate ?? new Date();
    doc.setCreationDate(created);
    doc.setModificationDate(created);
    return doc.save({ useObjectStreams: true, objectsPerTick: 2000 });
  }

  text(out: string[], font: GlyphFont, size: number, x: number, y: number, text: string): void {
    const name = font === this.bold ? 'F2' : 'F1';
    out.push(`BT /${name} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${font.encode(text)} Tj ET`);
  }

  fontOf(line: Pick<TextLine, 'bold'>): GlyphFont {
    return line.bold ? this.bold : this.regular;
  }

  /** The line's text wrapped into the width its position leaves between `left` and `right`. */
  wrapLine(line: TextLine, left: number, right: number): string[] {
    const { from, to } = lineBox(line, left, right, this.sideShare);
    if (line.dotted) return ['.'.repeat(Math.max(1, Math.floor((to - from) / this.regular.widthOfTextAtSize('.', line.size))))];
    return wrapText(cleanText(line.text), to - from, (t) => this.fontOf(line).widthOfTextAtSize(t, line.size));
  }

  /** Height of the line once wrapped, with its gap above. */
  lineHeight(line: TextLine, left: number, right: number): number {
    return (line.gapBefore ?? 0) + this.wrapLine(line, left, right).length * line.size * LINE_SPACING;
  }

  /** Draws the wrapped line below `top` and returns the y under it. */
  drawLine(out: string[], line: TextLine, left: number, right: number, top: number): number {
    return this.drawWrapped(out, line, this.wrapLine(line, left, right), left, right, top - (line.gapBefore ?? 0));
  }

  /** Draws lines already wrapped by wrapLine (or a part of them) below `top`, and returns the y under them. */
  drawWrapped(out: string[], line: TextLine, wrapped: readonly string[], left: number, right: number, top: number): number {
    const font = this.fontOf(line);
    const { from, to } = lineBox(line, left, right, this.sideShare);
    let y = top;
    for (const [i, text] of wrapped.entries()) {
      y -= line.size * LINE_SPACING;
      const width = font.widthOfTextAtSize(text, line.size);
      const x = line.position === 'left' ? from : (from + to - width) / 2;
      const baseline = y + line.size * (LINE_SPACING - 1) + line.size * font.descent;
      this.text(out, font, line.size, x, baseline, text);
      // Under the last line only: the rule closes the block, as under a two-line organisation name.
      if (line.underline && i === wrapped.length - 1) {
        const ruleWidth = width * 0.4;
        hLine(out, (from + to - ruleWidth) / 2, (from + to + ruleWidth) / 2, baseline - line.size * 0.35);
      }
    }
    return y;
  }
}

/** Where a line's text may run: the part of the page its position names. */
function lineBox(line: TextLine, left: number, right: number, sideShare: number): { from: number; to: number } {
  const side = (right - left) * sideShare;
  switch (line.position) {
    case 'heading':
      return { from: left, to: left + side };
    case 'signature':
      return { from: right - side, to: right };
    case 'left':
      return { from: left + (line.indent ?? 0), to: right };
    default:
      return { from: left, to: right };
  }
}

export function hLine(out: string[], x1: number, x2: number, y: number): void {
  out.push(`${num(x1)} ${num(y)} m ${num(x2)} ${num(y)} l S`);
}

/** Coordinates with two decimals: finer than any printer, and short content streams. */
export function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

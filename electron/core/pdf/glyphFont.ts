import { randomInt } from 'node:crypto';
import type { PDFDocument, PDFFont, PDFRef } from 'pdf-lib';
import { loadFontkit } from './fontkit';
import { createTextMeasure, type TextMeasure } from './textMeasure';

/**
 * An embedded TrueType subset font that measures and encodes text one code point at a time, each code point once.
 * pdf-lib's own drawText shapes every string with fontkit (about 0.1 ms per short string), which makes a register of
 * 20,000 rows take minutes; a per-character cache makes it take seconds. The output is the same as pdf-lib's for text
 * without ligatures: pdf-lib draws glyph advances without kerning too, so measured and drawn widths agree exactly.
 */
export class GlyphFont {
  /** Code point → four hex digits: its glyph's code in the embedded subset (Identity-H). */
  private readonly glyphs = new Map<number, string>();

  private constructor(
    private readonly pdfFont: PDFFont,
    private readonly measure: TextMeasure,
    private readonly hasGlyph: (codePoint: number) => boolean,
    /** Height of the tallest accented capital above the baseline, at 1 pt. */
    readonly ascent: number,
    /** Depth below the baseline, at 1 pt (positive). */
    readonly descent: number,
  ) {}

  /** Embeds the font as a subset into doc; the document must have fontkit registered. */
  static async embed(doc: PDFDocument, bytes: Uint8Array): Promise<GlyphFont> {
    const face = (await loadFontkit()).create(bytes);
    const pdfFont = await doc.embedFont(bytes, { subset: true, customName: `${subsetTag()}+${face.postscriptName}` });
    return new GlyphFont(
      pdfFont,
      await createTextMeasure(bytes),
      (cp) => face.hasGlyphForCodePoint(cp),
      face.ascent / face.unitsPerEm,
      -face.descent / face.unitsPerEm,
    );
  }

  get ref(): PDFRef {
    return this.pdfFont.ref;
  }

  private glyph(codePoint: number): string {
    let hex = this.glyphs.get(codePoint);
    if (hex === undefined) {
      // A character the font lacks prints as "?" rather than an empty box, so the reader sees something is missing.
      const ch = this.hasGlyph(codePoint) ? String.fromCodePoint(codePoint) : '?';
      hex = this.pdfFont.encodeText(ch).toString().slice(1, -1);
      this.glyphs.set(codePoint, hex);
    }
    return hex;
  }

  widthOfTextAtSize(text: string, size: number): number {
    return this.measure(text, size);
  }

  /** The text as a PDF hex string operand, "<...>", ready for Tj. */
  encode(text: string): string {
    let hex = '';
    for (const ch of text) hex += this.glyph(ch.codePointAt(0) as number);
    return `<${hex}>`;
  }
}

/**
 * Six capital letters naming a subset (ISO 32000-1, 9.6.4), so readers and checkers such as pdffonts know the font is
 * not complete; random, as subsets of one font in different documents differ.
 */
function subsetTag(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + randomInt(26));
  return tag;
}

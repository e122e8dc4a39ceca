import { loadFontkit } from './fontkit';

/** Width in points of a text set in one font, at a given size; no kerning, as the PDF writers here draw it. */
export type TextMeasure = (text: string, size: number) => number;

/**
 * Measures text with a TrueType font's advance widths, each code point looked up once. Shared by the PDF table
 * writer and by the spreadsheet, which sizes its rows with the metrics of the face it names (Liberation Serif has the
 * widths of Times New Roman).
 */
export async function createTextMeasure(fontBytes: Uint8Array): Promise<TextMeasure> {
  const face = (await loadFontkit()).create(fontBytes);
  const perPoint = new Map<number, number>();
  const advance = (codePoint: number) => {
    let width = perPoint.get(codePoint);
    if (width === undefined) {
      // Characters the font lacks are drawn as "?", so they are measured as "?".
      const glyph = face.glyphForCodePoint(face.hasGlyphForCodePoint(codePoint) ? codePoint : 0x3f);
      width = glyph.advanceWidth / face.unitsPerEm;
      perPoint.set(codePoint, width);
    }
    return width;
  };
  return (text, size) => {
    let width = 0;
    for (const ch of text) width += advance(ch.codePointAt(0) as number);
    return width * size;
  };
}

/**
 * Subsets a TrueType font for text drawn into PDF appearance streams: glyphs are looked up per code point (the text is
 * NFC-normalised first, so Vietnamese letters are single precomposed code points the font maps directly), and the
 * subset's glyph ids double as CIDs under Identity-H.
 */
import { loadFontkit } from './fontkit';
import { loadBundledFont, type BundledFontName } from './bundledFonts';

export interface EncodedText {
  /** Two bytes per glyph (the CID), for a hex string operand of Tj. */
  hex: string;
  /** Width in text space units per 1 pt of font size. */
  widthPerPoint: number;
}

export interface FinishedSubset {
  postScriptName: string;
  fontFile: Uint8Array;
  /** CID → advance width in 1/1000 text space units. */
  widths: Map<number, number>;
  /** CID → the text it stands for (for the ToUnicode map, so the text can be searched and copied). */
  unicode: Map<number, string>;
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  italicAngle: number;
}

export interface SubsetFont {
  encode(text: string): EncodedText;
  finish(): Promise<FinishedSubset>;
}

/** Opens a bundled font (Liberation Serif: Times New Roman metrics, as Decree 30 asks) for subsetting. */
export async function openSubsetFont(name: BundledFontName = 'LiberationSerif-Regular', fontsDirectory?: string): Promise<SubsetFont> {
  return createSubsetFont(await loadBundledFont(name, fontsDirectory));
}

export async function createSubsetFont(bytes: Uint8Array): Promise<SubsetFont> {
  const font = (await loadFontkit()).create(bytes);
  const subset = font.createSubset();
  const scale = 1000 / font.unitsPerEm;
  const widths = new Map<number, number>([[0, 0]]);
  const unicode = new Map<number, string>();

  return {
    encode(text) {
      let hex = '';
      let width = 0;
      for (const ch of text.normalize('NFC')) {
        // A character the font lacks prints as "?", so the reader sees that something is missing.
        const codePoint = ch.codePointAt(0)!;
        const glyph = font.glyphForCodePoint(font.hasGlyphForCodePoint(codePoint) ? codePoint : 0x3f);
        const cid = subset.includeGlyph(glyph);
        const w = Math.round(glyph.advanceWidth * scale);
        widths.set(cid, w);
        if (!unicode.has(cid)) unicode.set(cid, ch);
        hex += cid.toString(16).padStart(4, '0');
        width += w;
      }
      return { hex, widthPerPoint: width / 1000 };
    },
    finish() {
      return new Promise((resolve, reject) => {
        const chunks: Uint8Array[] = [];
        try {
          subset
            .encodeStream()
            .on('data', (chunk) => chunks.push(chunk))
            .on('end', () => {
              const bbox = font.bbox;
              resolve({
                postScriptName: (font.postscriptName ?? 'LiberationSerif').replace(/[^A-Za-z0-9-]/g, ''),
                fontFile: Buffer.concat(chunks),
                widths,
                unicode,
                ascent: Math.round(font.ascent * scale),
                descent: Math.round(font.descent * scale),
                capHeight: Math.round(font.capHeight * scale),
                bbox: [bbox.minX, bbox.minY, bbox.maxX, bbox.maxY].map((v) => Math.round(v * scale)) as FinishedSubset['bbox'],
                italicAngle: font.italicAngle,
              });
            });
        } catch (error) {
          reject(error);
        }
      });
    },
  };
}

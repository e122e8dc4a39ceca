/**
 * PDF objects behind signature appearances: Type0 fonts over a TrueType subset (Identity-H, with a ToUnicode map so
 * the text stays searchable), PNG images with soft masks, and form XObjects that use them.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { openSubsetFont, type SubsetFont } from '../pdf/fontSubset';
import type { BundledFontName } from '../pdf/bundledFonts';
import type { IncrementalUpdate } from './incrementalUpdate';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from './pdfObjects';
import { decodePng } from './pngImage';

const name = (n: string): PdfName => new PdfName(n);

function flateStream(dict: PdfDict, data: Uint8Array): PdfStream {
  return new PdfStream(dict.set('Filter', name('FlateDecode')), deflateSync(data));
}

interface EmbeddedFont {
  ref: PdfRef;
  subset: SubsetFont;
  resourceName: string;
}

/** Collects the fonts and images one incremental update needs; fonts are written once all text is known. */
export class AppearanceResources {
  private readonly fonts = new Map<BundledFontName, EmbeddedFont>();
  private imageCount = 0;

  constructor(
    private readonly update: IncrementalUpdate,
    private readonly fontsDirectory?: string,
  ) {}

  async font(face: BundledFontName = 'LiberationSerif-Regular'): Promise<EmbeddedFont> {
    let font = this.fonts.get(face);
    if (!font) {
      font = { ref: this.update.allocate(), subset: await openSubsetFont(face, this.fontsDirectory), resourceName: `F${this.fonts.size + 1}` };
      this.fonts.set(face, font);
    }
    return font;
  }

  /** Adds a PNG as an image XObject (with its alpha channel as /SMask); returns its reference and size in pixels. */
  image(png: Uint8Array): { ref: PdfRef; width: number; height: number; resourceName: string } {
    const decoded = decodePng(png);
    const base = (components: number) =>
      new PdfDict([
        ['Type', name('XObject')],
        ['Subtype', name('Image')],
        ['Width', decoded.width],
        ['Height', decoded.height],
        ['ColorSpace', name(components === 3 ? 'DeviceRGB' : 'DeviceGray')],
        ['BitsPerComponent', 8],
      ]);
    const dict = base(decoded.components);
    if (decoded.alpha) dict.set('SMask', this.update.add(flateStream(base(1), decoded.alpha)));
    this.imageCount += 1;
    return { ref: this.update.add(flateStream(dict, decoded.color)), width: decoded.width, height: decoded.height, resourceName: `Im${this.imageCount}` };
  }

  /**
   * A form XObject of the given size drawing `content` with the named resources; `matrix` turns it (see PageView) so
   * that it reads upright on a rotated page.
   */
  form(width: number, height: number, content: string, fonts: EmbeddedFont[], images: { ref: PdfRef; resourceName: string }[], matrix: number[] | null): PdfRef {
    const resources = new PdfDict();
    if (fonts.length) resources.set('Font', new PdfDict(fonts.map((f) => [f.resourceName, f.ref])));
    if (images.length) resources.set('XObject', new PdfDict(images.map((i) => [i.resourceName, i.ref])));
    const dict = new PdfDict([
      ['Type', name('XObject')],
      ['Subtype', name('Form')],
      ['BBox', [0, 0, width, height]],
      ['Resources', resources],
    ]);
    if (matrix) dict.set('Matrix', matrix);
    return this.update.add(flateStream(dict, Buffer.from(content, 'latin1')));
  }

  /** Writes the font objects; call once all text has been encoded. */
  async finish(): Promise<void> {
    for (const font of this.fonts.values()) await this.writeFont(font);
  }

  private async writeFont(font: EmbeddedFont): Promise<void> {
    const f = await font.subset.finish();
    // A subset font's name carries a six-letter tag (§9.6.4); derive it from the subset so equal subsets agree.
    const digest = createHash('sha256').update(f.fontFile).digest();
    const tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
    const baseFont = name(`${tag}+${f.postScriptName}`);
    const fontFile = this.update.add(flateStream(new PdfDict([['Length1', f.fontFile.length]]), f.fontFile));
    const descriptor = this.update.add(
      new PdfDict([
        ['Type', name('FontDescriptor')],
        ['FontName', baseFont],
        ['Flags', 6],
        ['FontBBox', f.bbox],
        ['ItalicAngle', f.italicAngle],
        ['Ascent', f.ascent],
        ['Descent', f.descent],
        ['CapHeight', f.capHeight],
        ['StemV', 80],
        ['FontFile2', fontFile],
      ]),
    );
    const widths: PdfValue[] = [];
    for (const cid of [...f.widths.keys()].sort((a, b) => a - b)) widths.push(cid, [f.widths.get(cid)!]);
    const cidFont = this.update.add(
      new PdfDict([
        ['Type', name('Font')],
        ['Subtype', name('CIDFontType2')],
        ['BaseFont', baseFont],
        [
          'CIDSystemInfo',
          new PdfDict([
            ['Registry', new PdfString(Buffer.from('Adobe'))],
            ['Ordering', new PdfString(Buffer.from('Identity'))],
            ['Supplement', 0],
          ]),
        ],
        ['FontDescriptor', descriptor],
        ['W', widths],
        ['CIDToGIDMap', name('Identity')],
      ]),
    );
    const toUnicode = this.update.add(flateStream(new PdfDict(), Buffer.from(toUnicodeCMap(f.unicode), 'latin1')));
    this.update.set(
      font.ref,
      new PdfDict([
        ['Type', name('Font')],
        ['Subtype', name('Type0')],
        ['BaseFont', baseFont],
        ['Encoding', name('Identity-H')],
        ['DescendantFonts', [cidFont]],
        ['ToUnicode', toUnicode],
      ]),
    );
  }
}

function toUnicodeCMap(unicode: Map<number, string>): string {
  const entries = [...unicode].sort((a, b) => a[0] - b[0]);
  const lines: string[] = [];
  // bfchar blocks hold at most 100 entries (PDF 32000-1 §9.10.3 via the CMap specification).
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    lines.push(`${block.length} beginbfchar`);
    for (const [cid, text] of block) {
      lines.push(`<${cid.toString(16).padStart(4, '0')}> <${Buffer.from(text, 'utf16le').swap16().toString('hex')}>`);
    }
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

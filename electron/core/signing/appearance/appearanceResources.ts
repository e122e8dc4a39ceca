/**
 * PDF objects behind signature appearances: Type0 fonts over a TrueType subset (Identity-H, with a ToUnicode map so
 * the text stays searchable), PNG images with their transparency, and form XObjects that use them.
 *
 * In a PDF/A file the new objects must keep it PDF/A: colours are CIE-based (CalRGB, CalGray), which every part accepts
 * whatever the file's output intent; font subsets list their glyphs in a CIDSet; and images are cut out by a 1-bit
 * stencil /Mask instead of an /SMask in part 1, which knows no transparency, and in later parts unless the file's PDF/A
 * output intent gives the blending colour space that transparency on a page needs there.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { openSubsetFont, type SubsetFont } from '../../pdf/fontSubset';
import type { BundledFontName } from '../../pdf/bundledFonts';
import type { IncrementalUpdate } from '../pdf/incrementalUpdate';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfValue } from '../pdf/pdfObjects';
import type { PdfaConformance } from '../pdf/pdfaConformance';
import { decodePng, stencilFromAlpha } from './pngImage';

/** An sRGB-like colour in 0..1 per component. */
export type Rgb = [number, number, number];

// D65 white, the sRGB primaries and a 2.2 gamma: device-independent colour that renders as sRGB does.
const WHITE_POINT = [0.9505, 1, 1.089];
const CAL_RGB: PdfValue = [
  new PdfName('CalRGB'),
  new PdfDict([
    ['WhitePoint', WHITE_POINT],
    ['Gamma', [2.2, 2.2, 2.2]],
    ['Matrix', [0.4124, 0.2126, 0.0193, 0.3576, 0.7152, 0.1192, 0.1805, 0.0722, 0.9505]],
  ]),
];
const CAL_GRAY: PdfValue = [new PdfName('CalGray'), new PdfDict([['WhitePoint', WHITE_POINT], ['Gamma', 2.2]])];
const COLOR_SPACE_RESOURCE = 'CS0';

const component = (n: number): string => String(Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000);

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
  private pdfa: PdfaConformance | null = null;
  private calRgb: PdfRef | null = null;

  constructor(
    private readonly update: IncrementalUpdate,
    private readonly fontsDirectory?: string,
  ) {}

  /** Makes every object added from now on fit the PDF/A part the document claims. */
  conformTo(pdfa: PdfaConformance | null): void {
    this.pdfa = pdfa;
  }

  /** Operators setting the fill colour; a form drawing them must be made by form() of these resources. */
  fillColor(rgb: Rgb): string {
    return this.pdfa ? `/${COLOR_SPACE_RESOURCE} cs ${rgb.map(component).join(' ')} sc` : `${rgb.map(component).join(' ')} rg`;
  }

  strokeColor(rgb: Rgb): string {
    return this.pdfa ? `/${COLOR_SPACE_RESOURCE} CS ${rgb.map(component).join(' ')} SC` : `${rgb.map(component).join(' ')} RG`;
  }

  async font(face: BundledFontName = 'LiberationSerif-Regular'): Promise<EmbeddedFont> {
    let font = this.fonts.get(face);
    if (!font) {
      font = { ref: this.update.allocate(), subset: await openSubsetFont(face, this.fontsDirectory), resourceName: `F${this.fonts.size + 1}` };
      this.fonts.set(face, font);
    }
    return font;
  }

  /**
   * Adds a PNG as an image XObject with its alpha channel as /SMask, or where PDF/A rules out transparency as a stencil
   * /Mask (pixels at least half opaque are drawn); returns its reference and size in pixels.
   */
  image(png: Uint8Array): { ref: PdfRef; width: number; height: number; resourceName: string } {
    const decoded = decodePng(png);
    const cieBased = this.pdfa !== null;
    const colorSpace = (components: number): PdfValue =>
      components === 3 ? (cieBased ? this.calRgbRef() : name('DeviceRGB')) : cieBased ? CAL_GRAY : name('DeviceGray');
    const base = (components: number) =>
      new PdfDict([
        ['Type', name('XObject')],
        ['Subtype', name('Image')],
        ['Width', decoded.width],
        ['Height', decoded.height],
        ['ColorSpace', colorSpace(components)],
        ['BitsPerComponent', 8],
      ]);
    const dict = base(decoded.components);
    const transparencyAllowed = !this.pdfa || (this.pdfa.part >= 2 && this.pdfa.outputIntent);
    if (decoded.alpha && !transparencyAllowed) {
      const mask = new PdfDict([
        ['Type', name('XObject')],
        ['Subtype', name('Image')],
        ['Width', decoded.width],
        ['Height', decoded.height],
        ['ImageMask', true],
        ['BitsPerComponent', 1],
      ]);
      dict.set('Mask', this.update.add(flateStream(mask, stencilFromAlpha(decoded.alpha, decoded.width, decoded.height))));
    } else if (decoded.alpha) {
      const mask = base(1).set('ColorSpace', name('DeviceGray'));
      dict.set('SMask', this.update.add(flateStream(mask, decoded.alpha)));
    }
    this.imageCount += 1;
    return { ref: this.update.add(flateStream(dict, decoded.color)), width: decoded.width, height: decoded.height, resourceName: `Im${this.imageCount}` };
  }

  /**
   * A form XObject of the given size drawing `content` with the named resources; `matrix` turns it (see PageView) so
   * that it reads upright on a rotated page.
   */
  form(width: number, height: number, content: string, fonts: EmbeddedFont[], images: { ref: PdfRef; resourceName: string }[], matrix: number[] | null): PdfRef {
    const resources = new PdfDict();
    if (this.pdfa) resources.set('ColorSpace', new PdfDict([[COLOR_SPACE_RESOURCE, this.calRgbRef()]]));
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

  /** One CalRGB colour space object shared by every image and form of the update. */
  private calRgbRef(): PdfRef {
    this.calRgb ??= this.update.add(CAL_RGB);
    return this.calRgb;
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
        // PDF/A-1 requires a subset's CIDSet (ISO 19005-1 §6.3.5); later parts accept it when complete, as this one is.
        ...(this.pdfa ? ([['CIDSet', this.update.add(flateStream(new PdfDict(), cidSet(f.fontFile)))]] as [string, PdfValue][]) : []),
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

/** A bit per CID, high bit first, set for every glyph in the subset (CIDs are glyph ids here: CIDToGIDMap Identity). */
function cidSet(fontFile: Uint8Array): Uint8Array {
  const glyphs = trueTypeGlyphCount(fontFile);
  const bits = new Uint8Array(Math.ceil(glyphs / 8));
  for (let cid = 0; cid < glyphs; cid++) bits[cid >> 3] = bits[cid >> 3]! | (0x80 >> (cid & 7));
  return bits;
}

/** numGlyphs of the font's 'maxp' table. */
function trueTypeGlyphCount(fontFile: Uint8Array): number {
  const view = Buffer.from(fontFile.buffer, fontFile.byteOffset, fontFile.byteLength);
  const tables = view.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (view.toString('latin1', record, record + 4) === 'maxp') return view.readUInt16BE(view.readUInt32BE(record + 8) + 4);
  }
  throw new Error('the font subset has no maxp table');
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

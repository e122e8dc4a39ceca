/**
 * Tesseract's hOCR as the positioned lines the field proposals read (the same TextLine a PDF's text layer gives), so a
 * scan's fields are proposed by the same Decree 30 layout rules as a typed document's. Tesseract joins words across
 * the header's two columns into one line ("UBND TỈNH … CỘNG HÒA XÃ HỘI …"); its words go through the same line builder
 * as a PDF's runs, which splits them at the column gutter.
 */
import { buildLines, type PositionedRun, type TextLine } from '../pdf/textLines';

/**
 * Marks Tesseract itself doubts this much (0–100) and that hold no letter or digit are specks of noise read as "~" or
 * "—.,": dropped. Words are kept whatever their confidence: a number and notation read right is often scored low.
 */
const MIN_WORD_CONFIDENCE = 30;
/**
 * A "word" lower than this share of its line's size is a speck read as a letter ("^", "ổ" beside a signer's title, where
 * the line also holds the smaller "Nơi nhận" list); a dash standing alone ("TÀI CHÍNH - KẾ HOẠCH") is kept.
 */
const MIN_WORD_HEIGHT = 0.35;

function isSpeck(text: string, height: number, lineSize: number, confidence: number): boolean {
  if (/^[-–—]$/u.test(text)) return false;
  return height < MIN_WORD_HEIGHT * lineSize || (confidence < MIN_WORD_CONFIDENCE && !/[\p{L}\p{N}]/u.test(text));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (_, e: string) => ENTITIES[e] ?? '');

/** `bbox 306 158 1518 196; baseline 0.004 -12; x_size 38` → its numbers by name. */
function properties(title: string): Map<string, number[]> {
  return new Map(
    title.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.map(Number)];
    }),
  );
}

interface Line {
  left: number;
  bottom: number;
  slope: number;
  offset: number;
  size: number;
}

export interface RecognisedPage {
  lines: TextLine[];
  /** The page's size in points. */
  size: { width: number; height: number };
}

/**
 * Each page of the hOCR (a multi-page TIFF gives several) as lines in points, the page `pageWidthPt` wide: sizes and
 * gaps then mean what they mean on a PDF page.
 */
export function hocrPages(hocr: string, pageWidthPt: number): RecognisedPage[] {
  return hocr
    .split(/(?=<div class='ocr_page')/)
    .filter((part) => part.startsWith("<div class='ocr_page'"))
    .map((part) => {
      // The first box is the page's (its title also names the image file, whose path may hold any character).
      const [, width = 1, height = 1] = (/\bbbox \d+ \d+ (\d+) (\d+)/.exec(part) ?? []).map(Number);
      const scale = pageWidthPt / Math.max(1, width);
      return { lines: pageLines(part, scale), size: { width: pageWidthPt, height: height * scale } };
    });
}

interface Word {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  size: number;
}

function pageLines(hocr: string, scale: number): TextLine[] {
  const words: Word[] = [];
  const slopes: number[] = [];
  let line: Line | null = null;
  const tags = /<span class='(ocr_line|ocr_caption|ocr_header|ocr_textfloat|ocrx_word)'[^>]*?title=(["'])(.*?)\2[^>]*>([^<]*)/g;
  for (const [, kind, , title = '', inner = ''] of hocr.matchAll(tags)) {
    const p = properties(title);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = p.get('bbox') ?? [];
    if (kind !== 'ocrx_word') {
      const [slope = 0, offset = 0] = p.get('baseline') ?? [];
      line = { left: x0, bottom: y1, slope, offset, size: p.get('x_size')?.[0] ?? y1 - y0 };
      // Long lines tell the page's skew; a short one's slope is mostly the noise of a few letters.
      if (x1 - x0 > 10 * line.size) slopes.push(slope);
      continue;
    }
    const text = decode(inner).trim();
    if (!line || !text || isSpeck(text, y1 - y0, line.size, p.get('x_wconf')?.[0] ?? 100)) continue;
    // The baseline under the word's middle: a slightly skewed scan's line rises or falls along the page.
    const baseline = line.bottom + line.offset + line.slope * ((x0 + x1) / 2 - line.left);
    words.push({ text, x0, x1, baseline, size: line.size });
  }
  // The page turned straight (small angles: a shear by the median slope), so that the words of one printed row share
  // a baseline again, and rows side by side in two columns stay level with each other.
  const skew = median(slopes);
  const runs = words.map(
    (w, order): PositionedRun => ({
      // Every hOCR word is a word: the trailing space keeps it apart from the next however tight the print.
      text: `${w.text} `,
      x: (w.x0 + skew * w.baseline) * scale,
      y: (w.baseline - skew * (w.x0 + w.x1) * 0.5) * scale,
      width: (w.x1 - w.x0) * scale,
      fontSize: w.size * scale,
      bold: false,
      order,
    }),
  );
  return buildLines(runs);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? (sorted[Math.floor(sorted.length / 2)] as number) : 0;
}

/**
 * Tesseract's mean confidence (0–100) in the words of an hOCR that hold a letter or digit; 0 with none. An upright page
 * reads at 90 and more even scanned noisy; a page lying sideways or upside down reads as shapes, at 40 or so.
 */
export function meanWordConfidence(hocr: string): number {
  const scores = [...hocr.matchAll(/<span class='ocrx_word'[^>]*?\bx_wconf (\d+)[^>]*>([^<]*)/g)]
    .filter(([, , text = '']) => /[\p{L}\p{N}]/u.test(decode(text)))
    .map(([, score]) => Number(score));
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
}

/**
 * What a signature looks like on the page, per Decree 30 Appendix I:
 * - approval: the signer's handwritten-signature image (blue PNG, transparent), centred in the area the caller gives;
 * - issue: the organisation's red seal over the left third of that area, plus the number/notation and the date written
 *   as separate locked annotations where the caller says (annotations, so earlier signatures stay valid);
 * - attachment: no image; number/notation and the ISO 8601 signing time (+07:00), Times 10 pt, top right of page 1;
 * - receipt: the "ĐẾN" box (Số, Ngày, Chuyển) on page 1.
 */
import { longVietnameseDate, shortVietnameseDate } from '../../../shared/domain/dates';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/messages';
import type { AppearanceResources } from './appearanceResources';
import type { PdfRef } from './pdfObjects';

export type SignatureKind = 'approval' | 'issue' | 'attachment' | 'receipt';

/** A rectangle on a page, in PDF points from the page's lower-left corner; page numbers start at 1. */
export interface PageRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where a line of text starts (its baseline), in PDF points. */
export interface TextPosition {
  page: number;
  x: number;
  y: number;
  /** Font size in points (default 13, the size Decree 30 uses for the number and date lines). */
  size?: number;
}

export interface AppearanceRequest {
  kind: SignatureKind;
  /** approval and issue: the signer's image area. receipt: the box (default: top left of page 1). */
  rect?: PageRect;
  /** approval: the signature image. issue: the seal image. PNG with a transparent background. */
  image?: Uint8Array;
  /** Full number and notation, e.g. "125/QĐ-UBND" (issue, attachment). */
  numberNotation?: string;
  /** The document's date, YYYY-MM-DD (issue). */
  date?: string;
  numberAt?: TextPosition;
  dateAt?: TextPosition;
  /** Seal width in points (issue); default: the height of the area, about the physical seal's size. */
  sealSize?: number;
  receipt?: { number: string; date: string; forwardTo?: string; organisation?: string };
}

export type Box = [number, number, number, number];

export interface PlacedAnnotation {
  /** Page index, 0-based. */
  pageIndex: number;
  rect: Box;
  appearance: PdfRef;
  /** Text of a FreeText annotation; undefined for the signature widget. */
  contents?: string;
}

export interface BuiltAppearances {
  signature: PlacedAnnotation;
  annotations: PlacedAnnotation[];
}

/** "2026-11-15T10:20:30+07:00": Vietnam time, ISO 8601, as Decree 30 asks for attachments and copies. */
export function vietnamIsoTime(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 19) + '+07:00';
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''));

export async function buildAppearances(
  request: AppearanceRequest,
  resources: AppearanceResources,
  pageBox: (pageIndex: number) => Box,
  pageCount: number,
  signingTime: Date,
): Promise<BuiltAppearances> {
  const checkPage = (page: number): number => {
    if (!Number.isInteger(page) || page < 1 || page > pageCount) throw new AppError('BAD_INPUT', msg('signing.pageOutOfRange', { page, count: pageCount }));
    return page - 1;
  };

  /** An image scaled to fit (keeping its proportions) and centred in a w×h box. */
  const imageForm = (png: Uint8Array, width: number, height: number): PdfRef => {
    const img = resources.image(png);
    const scale = Math.min(width / img.width, height / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    const content = `q ${num(w)} 0 0 ${num(h)} ${num((width - w) / 2)} ${num((height - h) / 2)} cm /${img.resourceName} Do Q`;
    return resources.form(width, height, content, [], [img]);
  };

  const textForm = async (lines: { text: string; size: number; bold?: boolean }[], options: { padding: number; align: 'left' | 'right' | 'center'; border?: string; color?: string; minWidth?: number; minHeight?: number }) => {
    const encoded = [];
    for (const line of lines) {
      const font = await resources.font(line.bold ? 'LiberationSerif-Bold' : 'LiberationSerif-Regular');
      encoded.push({ ...line, font, enc: font.subset.encode(line.text) });
    }
    const lineHeights = encoded.map((l) => l.size * 1.25);
    const textWidth = Math.max(...encoded.map((l) => l.enc.widthPerPoint * l.size));
    const blockHeight = lineHeights.reduce((a, b) => a + b, 0);
    const width = Math.max(textWidth + 2 * options.padding, options.minWidth ?? 0);
    const height = Math.max(blockHeight + 2 * options.padding, options.minHeight ?? 0);
    let y = height - (height - blockHeight) / 2;
    let content = '';
    if (options.border) content += `q ${options.border} RG 1 w 0.5 0.5 ${num(width - 1)} ${num(height - 1)} re S Q\n`;
    content += `BT ${options.color ?? '0 g'}\n`;
    encoded.forEach((l, i) => {
      y -= lineHeights[i]!;
      const w = l.enc.widthPerPoint * l.size;
      const x = options.align === 'left' ? options.padding : options.align === 'right' ? width - options.padding - w : (width - w) / 2;
      content += `/${l.font.resourceName} ${num(l.size)} Tf 1 0 0 1 ${num(x)} ${num(y + l.size * 0.25)} Tm <${l.enc.hex}> Tj\n`;
    });
    content += 'ET';
    const fonts = [...new Set(encoded.map((l) => l.font))];
    return { width, height, form: (w = width, h = height) => resources.form(w, h, content, fonts, []) };
  };

  const textAt = async (text: string, at: TextPosition): Promise<PlacedAnnotation> => {
    const pageIndex = checkPage(at.page);
    const size = at.size ?? 13;
    const t = await textForm([{ text, size }], { padding: 0, align: 'left' });
    // The form's origin sits a quarter of the size below the baseline (room for descenders).
    const y = at.y - size * 0.25;
    return { pageIndex, rect: [at.x, y, at.x + t.width, y + t.height], appearance: t.form(), contents: text.normalize('NFC') };
  };

  switch (request.kind) {
    case 'approval': {
      if (!request.image) throw new AppError('BAD_INPUT', msg('signing.imageRequired'));
      const r = requireRect(request.rect);
      const pageIndex = checkPage(r.page);
      return { signature: { pageIndex, rect: [r.x, r.y, r.x + r.width, r.y + r.height], appearance: imageForm(request.image, r.width, r.height) }, annotations: [] };
    }
    case 'issue': {
      if (!request.image) throw new AppError('BAD_INPUT', msg('signing.sealRequired'));
      const r = requireRect(request.rect);
      const pageIndex = checkPage(r.page);
      const side = request.sealSize ?? r.height;
      // The seal's right edge sits one third into the signer's image area, so it covers that area's left third.
      const x2 = r.x + r.width / 3;
      const yMid = r.y + r.height / 2;
      const rect: Box = [x2 - side, yMid - side / 2, x2, yMid + side / 2];
      const signature = { pageIndex, rect, appearance: imageForm(request.image, side, side) };
      const annotations: PlacedAnnotation[] = [];
      const firstBox = pageBox(0);
      if (request.numberNotation) {
        const at = request.numberAt ?? { page: 1, x: firstBox[0] + (firstBox[2] - firstBox[0]) * 0.12, y: firstBox[3] - 120 };
        annotations.push(await textAt(msg('signing.numberLine', { number: request.numberNotation }), at));
      }
      if (request.date) {
        const at = request.dateAt ?? { page: 1, x: firstBox[0] + (firstBox[2] - firstBox[0]) * 0.55, y: firstBox[3] - 120 };
        annotations.push(await textAt(longVietnameseDate(request.date), at));
      }
      return { signature, annotations };
    }
    case 'attachment': {
      if (!request.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'));
      const box = pageBox(0);
      const t = await textForm(
        [
          { text: msg('signing.numberLine', { number: request.numberNotation }), size: 10 },
          { text: vietnamIsoTime(signingTime), size: 10 },
        ],
        { padding: 2, align: 'right' },
      );
      const margin = 20;
      const rect: Box = [box[2] - margin - t.width, box[3] - margin - t.height, box[2] - margin, box[3] - margin];
      return { signature: { pageIndex: 0, rect, appearance: t.form() }, annotations: [] };
    }
    case 'receipt': {
      const receipt = request.receipt;
      if (!receipt) throw new AppError('BAD_INPUT', msg('signing.numberRequired'));
      const lines = [
        ...(receipt.organisation ? [{ text: receipt.organisation, size: 9, bold: true }] : []),
        { text: msg('signing.receiptTitle'), size: 14, bold: true },
        { text: msg('signing.receiptNumber', { number: receipt.number }), size: 10 },
        { text: msg('signing.receiptDate', { date: /^\d{4}-\d{2}-\d{2}$/.test(receipt.date) ? shortVietnameseDate(receipt.date) : receipt.date }), size: 10 },
        { text: msg('signing.receiptForward', { to: receipt.forwardTo ?? '' }), size: 10 },
      ];
      // The paper stamp is 50 × 35 mm; the box keeps at least that size and grows with long text.
      const t = await textForm(lines, { padding: 6, align: 'center', border: '0.8 0 0', color: '0.8 0 0 rg', minWidth: request.rect?.width ?? 141.7, minHeight: request.rect?.height ?? 99.2 });
      const box = pageBox(0);
      const r = request.rect ?? { page: 1, x: box[0] + 36, y: box[3] - 36 - t.height, width: t.width, height: t.height };
      const pageIndex = checkPage(r.page);
      return { signature: { pageIndex, rect: [r.x, r.y, r.x + r.width, r.y + r.height], appearance: t.form(r.width, r.height) }, annotations: [] };
    }
  }
}

function requireRect(rect: PageRect | undefined): PageRect {
  if (!rect || !(rect.width > 0) || !(rect.height > 0)) throw new AppError('BAD_INPUT', msg('error.badInput'));
  return rect;
}

/**
 * What a signature looks like on the page, per Decree 30 Appendix I:
 * - approval: the signer's handwritten-signature image (blue PNG, transparent), centred in the area the caller gives;
 *   without an image, the signer's name, organisation and signing time (Vietnam time) written there instead;
 * - issue: the organisation's red seal over the left third of that area, plus the number/notation and the date written
 *   as separate locked annotations where the caller says (annotations, so earlier signatures stay valid);
 * - attachment: no image; number/notation and the ISO 8601 signing time (+07:00), Times 10 pt, top right of page 1;
 * - receipt: the "ĐẾN" box (Số, Ngày, Chuyển), opaque and bordered, on page 1 where it covers no text.
 * Rectangles the caller gives are in the page's user space; everything is drawn upright as the page is displayed,
 * and "top right" means the displayed corner, whatever the page's /Rotate.
 */
import { longVietnameseDate, shortVietnameseDate, vietnamIsoTime, vietnamLocalTime } from '../../../../shared/domain/dates';
import { freeSpot } from '../../../../shared/domain/pageText';
import { AppError } from '../../../../shared/errors';
import { msg } from '../../../../shared/messages';
import type { AppearanceResources, Rgb } from './appearanceResources';
import { PageView, type Box, type Rect } from '../pdf/pageView';
import type { PdfaConformance } from '../pdf/pdfaConformance';
import type { PdfRef } from '../pdf/pdfObjects';

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
  /** approval and issue: the signer's image area. receipt: the box (default: free space near the top of page 1). */
  rect?: PageRect;
  /** approval: the signature image. issue: the seal image. PNG with a transparent background. */
  image?: Uint8Array;
  /** approval without an image: who is written as the signer (signPdf takes it from the certificate when absent). */
  signedBy?: { name: string; organisation?: string };
  /** Full number and notation, e.g. "125/QĐ-UBND" (issue, attachment). */
  numberNotation?: string;
  /** The document's date, YYYY-MM-DD (issue). */
  date?: string;
  numberAt?: TextPosition;
  dateAt?: TextPosition;
  /** issue: further text, e.g. only the number, day and month written into a template's blanks. */
  texts?: { text: string; at: TextPosition }[];
  /** Seal width in points (issue); default: the height of the area, about the physical seal's size. */
  sealSize?: number;
  receipt?: { number: string; date: string; forwardTo?: string; organisation?: string };
  /** attachment of an electronic copy: its heading ("SAO Y") and the copying organisation, above the number. */
  copy?: { heading: string; organisation: string };
  /**
   * receipt without a rect: where page 1 has text and annotations (appearanceForFile reads them), in displayed points
   * from the displayed lower-left corner, so that the stamp's default place covers none of it.
   */
  textBoxes?: Rect[];
  /** The PDF/A part the document claims (readPdfaConformance): the new objects keep it conforming. */
  pdfa?: PdfaConformance | null;
}

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

const RED: Rgb = [0.8, 0, 0];
const WHITE: Rgb = [1, 1, 1];
/** The blue of a signature on paper, for the approval written as text. */
const INK_BLUE: Rgb = [0, 0, 0.6];
/** Kept free between the stamp and the page's edges (freeSpot keeps it clear of text). */
const EDGE = 20;

/**
 * The highest, then leftmost, place for a w×h box whose bottom stays at or above `lowest` and which keeps clear of
 * every text box; null when there is none. Displayed coordinates.
 */
export function freePlace(page: { width: number; height: number }, w: number, h: number, textBoxes: Rect[], lowest: number): Rect | null {
  const bottom = Math.max(lowest, EDGE);
  return freeSpot({ x: EDGE, y: bottom, width: page.width - 2 * EDGE, height: page.height - EDGE - bottom }, w, h, textBoxes, 'topLeft');
}

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, ''));

export async function buildAppearances(
  request: AppearanceRequest,
  resources: AppearanceResources,
  pageView: (pageIndex: number) => PageView,
  pageCount: number,
  signingTime: Date,
): Promise<BuiltAppearances> {
  const checkPage = (page: number): number => {
    if (!Number.isInteger(page) || page < 1 || page > pageCount) throw new AppError('BAD_INPUT', msg('signing.pageOutOfRange', { page, count: pageCount }));
    return page - 1;
  };

  const userRect = (r: PageRect): Box => [r.x, r.y, r.x + r.width, r.y + r.height];
  resources.conformTo(request.pdfa ?? null);

  /** An image scaled to fit (keeping its proportions) and centred in a w×h box. */
  const imageForm = (png: Uint8Array, view: PageView, width: number, height: number): PdfRef => {
    const img = resources.image(png);
    const scale = Math.min(width / img.width, height / img.height);
    const w = img.width * scale;
    const h = img.height * scale;
    const content = `q ${num(w)} 0 0 ${num(h)} ${num((width - w) / 2)} ${num((height - h) / 2)} cm /${img.resourceName} Do Q`;
    return resources.form(width, height, content, [], [img], view.appearanceMatrix);
  };

  const textForm = async (lines: { text: string; size: number; bold?: boolean }[], options: { padding: number; align: 'left' | 'right' | 'center'; border?: Rgb; color?: Rgb; background?: Rgb; minWidth?: number; minHeight?: number }) => {
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
    if (options.background) content += `q ${resources.fillColor(options.background)} 0 0 ${num(width)} ${num(height)} re f Q\n`;
    if (options.border) content += `q ${resources.strokeColor(options.border)} 1 w 0.5 0.5 ${num(width - 1)} ${num(height - 1)} re S Q\n`;
    content += `BT ${resources.fillColor(options.color ?? [0, 0, 0])}\n`;
    encoded.forEach((l, i) => {
      y -= lineHeights[i]!;
      const w = l.enc.widthPerPoint * l.size;
      const x = options.align === 'left' ? options.padding : options.align === 'right' ? width - options.padding - w : (width - w) / 2;
      content += `/${l.font.resourceName} ${num(l.size)} Tf 1 0 0 1 ${num(x)} ${num(y + l.size * 0.25)} Tm <${l.enc.hex}> Tj\n`;
    });
    content += 'ET';
    const fonts = [...new Set(encoded.map((l) => l.font))];
    return { width, height, form: (view: PageView) => resources.form(width, height, content, fonts, [], view.appearanceMatrix) };
  };

  const textAt = async (text: string, at: TextPosition): Promise<PlacedAnnotation> => {
    const pageIndex = checkPage(at.page);
    const view = pageView(pageIndex);
    const size = at.size ?? 13;
    const t = await textForm([{ text, size }], { padding: 0, align: 'left' });
    // The form's origin sits a quarter of the size below the baseline (room for descenders).
    const [x, y] = view.fromUser(at.x, at.y);
    const rect = view.rectToUser({ x, y: y - size * 0.25, width: t.width, height: t.height });
    return { pageIndex, rect, appearance: t.form(view), contents: text.normalize('NFC') };
  };

  switch (request.kind) {
    case 'approval': {
      if (!request.image && !request.signedBy) throw new AppError('BAD_INPUT', msg('signing.imageRequired'));
      const r = requireRect(request.rect);
      const pageIndex = checkPage(r.page);
      const view = pageView(pageIndex);
      const d = view.rectFromUser(userRect(r));
      if (request.image) return { signature: { pageIndex, rect: userRect(r), appearance: imageForm(request.image, view, d.width, d.height) }, annotations: [] };
      const who = request.signedBy!;
      const local = vietnamLocalTime(signingTime);
      const lines = [
        { text: msg('signing.approvalSigner', { name: who.name }), size: 10, bold: true },
        ...(who.organisation ? [{ text: msg('signing.approvalOrganisation', { organisation: who.organisation }), size: 10 }] : []),
        { text: msg('signing.approvalTime', { time: `${shortVietnameseDate(local.slice(0, 10))} ${local.slice(11)} +07:00` }), size: 10 },
      ];
      const padding = 2;
      // A long name or organisation shrinks the text to fit the box rather than spill over the title or the name.
      const natural = await textForm(lines, { padding, align: 'center' });
      const scale = Math.min(1, d.width / natural.width, d.height / natural.height);
      const t = await textForm(
        lines.map((l) => ({ ...l, size: l.size * scale })),
        { padding: padding * scale, align: 'center', color: INK_BLUE, minWidth: d.width, minHeight: d.height },
      );
      return { signature: { pageIndex, rect: userRect(r), appearance: t.form(view) }, annotations: [] };
    }
    case 'issue': {
      if (!request.image) throw new AppError('BAD_INPUT', msg('signing.sealRequired'));
      const r = requireRect(request.rect);
      const pageIndex = checkPage(r.page);
      const view = pageView(pageIndex);
      const d = view.rectFromUser(userRect(r));
      const side = request.sealSize ?? d.height;
      // The seal's right edge sits one third into the signer's image area, so it covers that area's left third.
      const seal: Rect = { x: d.x + d.width / 3 - side, y: d.y + d.height / 2 - side / 2, width: side, height: side };
      const signature = { pageIndex, rect: view.rectToUser(seal), appearance: imageForm(request.image, view, side, side) };
      const annotations: PlacedAnnotation[] = [];
      // Without positions: in the top margin over the header's two columns. Decree 30 keeps 20–25 mm free above the
      // header, so the lines cover nothing there; the app proposes the template's blanks instead.
      const first = pageView(0);
      const defaultAt = (fraction: number): TextPosition => {
        const [x, y] = first.toUser(first.width * fraction, first.height - 36);
        return { page: 1, x, y };
      };
      if (request.numberNotation) annotations.push(await textAt(msg('signing.numberLine', { number: request.numberNotation }), request.numberAt ?? defaultAt(0.12)));
      if (request.date) annotations.push(await textAt(longVietnameseDate(request.date), request.dateAt ?? defaultAt(0.55)));
      for (const piece of request.texts ?? []) annotations.push(await textAt(piece.text, piece.at));
      return { signature, annotations };
    }
    case 'attachment': {
      if (!request.numberNotation) throw new AppError('BAD_INPUT', msg('signing.numberRequired'));
      const view = pageView(0);
      const t = await textForm(
        [
          ...(request.copy ? [{ text: request.copy.heading, size: 10, bold: true }, { text: request.copy.organisation, size: 10 }] : []),
          { text: msg('signing.numberLine', { number: request.numberNotation }), size: 10 },
          { text: vietnamIsoTime(signingTime), size: 10 },
        ],
        { padding: 2, align: 'right' },
      );
      const margin = 20;
      const rect = view.rectToUser({ x: view.width - margin - t.width, y: view.height - margin - t.height, width: t.width, height: t.height });
      return { signature: { pageIndex: 0, rect, appearance: t.form(view) }, annotations: [] };
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
      const pageIndex = checkPage(request.rect?.page ?? 1);
      const view = pageView(pageIndex);
      const given = request.rect ? view.rectFromUser(userRect(request.rect)) : null;
      // Like the paper stamp (50 × 35 mm at least, growing with long text): a bordered box, here opaque so that the
      // page's text never shows through it. Decree 30 fixes no size for an electronic stamp, so it may shrink to fit.
      const stamp = (scale: number) =>
        textForm(
          lines.map((l) => ({ ...l, size: l.size * scale })),
          { padding: 8 * scale, align: 'center', border: RED, color: RED, background: WHITE, minWidth: given?.width ?? 141.7 * scale, minHeight: given?.height ?? 99.2 * scale },
        );
      if (request.rect) {
        const t = await stamp(1);
        return { signature: { pageIndex, rect: userRect(request.rect), appearance: t.form(view) }, annotations: [] };
      }
      // Free space in the upper part of the page first, a smaller stamp there next, then anywhere on the page; a page
      // with no room at all, or whose text was not read, gets it in the top-right corner.
      const attempts: [number, number][] = [
        [1, view.height * 0.4],
        [0.75, view.height * 0.4],
        [1, 0],
      ];
      for (const [scale, lowest] of request.textBoxes ? attempts : []) {
        const t = await stamp(scale);
        const place = freePlace(view, t.width, t.height, request.textBoxes ?? [], lowest);
        if (place) return { signature: { pageIndex, rect: view.rectToUser(place), appearance: t.form(view) }, annotations: [] };
      }
      const t = await stamp(1);
      const corner = { x: view.width - EDGE - t.width, y: view.height - EDGE - t.height, width: t.width, height: t.height };
      return { signature: { pageIndex, rect: view.rectToUser(corner), appearance: t.form(view) }, annotations: [] };
    }
  }
}

function requireRect(rect: PageRect | undefined): PageRect {
  if (!rect || !(rect.width > 0) || !(rect.height > 0)) throw new AppError('BAD_INPUT', msg('error.badInput'));
  return rect;
}

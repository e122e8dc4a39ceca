import { cleanText, LINE_SPACING, PdfWriter, type PdfInfo, type TextLine } from './pdfWriter';

export interface FormPdfSpec {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  /** Width and height in points; [595, 842] is A4 portrait. */
  pageSize: readonly [number, number];
  margins: { top: number; right: number; bottom: number; left: number };
  /** Top to bottom; a paragraph that does not fit the rest of the page starts the next, or goes on line by line onto it when longer than a page. */
  lines: readonly TextLine[];
  /** The footer of a page; empty prints none (a one-page form needs no page number). */
  pageLabel: (page: number, total: number) => string;
  labelSize: number;
  info: PdfInfo;
  /** The share of the width the 'heading' and 'signature' blocks take (half, on a portrait page). */
  sideShare?: number;
}

/** A form of text lines (a slip, a note), on as many pages as it needs, with the table writer's fonts and lines. */
export async function writeFormPdf(spec: FormPdfSpec): Promise<Uint8Array> {
  const writer = await PdfWriter.create(spec.fonts, { sideShare: spec.sideShare ?? 0.5 });
  const { margins } = spec;
  const left = margins.left;
  const right = spec.pageSize[0] - margins.right;
  const top = spec.pageSize[1] - margins.top;
  const pages: string[][] = [[]];
  let y = top;
  for (const line of spec.lines) {
    const wrapped = writer.wrapLine(line, left, right);
    const lineHeight = line.size * LINE_SPACING;
    // The gap above a line is dropped at the top of a page, where it would only push the text down.
    let gap = y === top ? 0 : (line.gapBefore ?? 0);
    // A paragraph that fits on a page is not split: it starts the next one instead.
    const height = wrapped.length * lineHeight;
    if (y !== top && y - gap - height < margins.bottom && height <= top - margins.bottom) {
      pages.push([]);
      y = top;
      gap = 0;
    }
    for (let from = 0; from < wrapped.length; ) {
      const fits = Math.floor((y - gap - margins.bottom) / lineHeight);
      if (fits < 1 && y !== top) {
        pages.push([]);
        y = top;
        gap = 0;
        continue;
      }
      const part = wrapped.slice(from, from + Math.max(1, fits));
      y = writer.drawWrapped(pages[pages.length - 1] as string[], line, part, left, right, y - gap);
      from += part.length;
      gap = 0;
    }
  }
  pages.forEach((out, i) => {
    const label = cleanText(spec.pageLabel(i + 1, pages.length));
    if (label !== '') {
      const width = writer.regular.widthOfTextAtSize(label, spec.labelSize);
      writer.text(out, writer.regular, spec.labelSize, (left + right - width) / 2, margins.bottom / 2, label);
    }
    writer.addPage(spec.pageSize, out);
  });
  return writer.save(spec.info);
}

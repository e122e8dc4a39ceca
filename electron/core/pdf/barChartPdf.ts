/**
 * A one-page horizontal bar chart of percentages drawn with vector operators (rectangles and lines, no image), with the
 * table writer's embedded fonts: a report's chart that prints sharp and whose labels extract as text.
 */
import { cleanText, num, PdfWriter, type PdfInfo, type TextLine } from './pdfWriter';

export interface BarChartSpec {
  fonts: { regular: Uint8Array; bold: Uint8Array };
  pageSize: readonly [number, number];
  margins: { top: number; right: number; bottom: number; left: number };
  /** Lines above the chart (title, period). */
  title: readonly TextLine[];
  /** One bar per item, top to bottom; a null value draws no bar and shows `valueText` alone. */
  bars: readonly { label: string; value: number | null; valueText: string; emphasis?: boolean }[];
  /** The axis labels under the chart at 0, 25, 50, 75 and 100. */
  tick: (value: number) => string;
  /** Lines under the chart (a definition, a note). */
  footnotes: readonly TextLine[];
  info: PdfInfo;
}

const BAR_FILL = '0.18 0.38 0.66 rg';
const TOTAL_FILL = '0.75 0.2 0.15 rg';
const GRID = '0.8 G';
const LABEL_SIZE = 10;

export async function writeBarChartPdf(spec: BarChartSpec): Promise<Uint8Array> {
  const writer = await PdfWriter.create(spec.fonts);
  const { margins } = spec;
  const left = margins.left;
  const right = spec.pageSize[0] - margins.right;
  const out: string[] = [];
  let y = spec.pageSize[1] - margins.top;
  for (const line of spec.title) y = writer.drawLine(out, line, left, right, y);
  y -= 14;

  // Labels take the width of the longest one (up to a third of the page); the value text sits right of each bar.
  const labelWidth = Math.min(
    (right - left) / 3,
    Math.max(...spec.bars.map((b) => writer.fontOf({ bold: b.emphasis }).widthOfTextAtSize(cleanText(b.label), LABEL_SIZE))) + 8,
  );
  const valueWidth = 48;
  const x0 = left + labelWidth;
  const plotWidth = right - valueWidth - x0;
  const footHeight = spec.footnotes.reduce((h, l) => h + writer.lineHeight(l, left, right), 0) + 30;
  const rowHeight = Math.max(12, Math.min(28, (y - margins.bottom - footHeight) / Math.max(1, spec.bars.length)));
  const barHeight = rowHeight * 0.6;
  const plotTop = y;
  const plotBottom = y - rowHeight * spec.bars.length;

  // The grid first, so the bars cover it.
  out.push('q', GRID);
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = x0 + (plotWidth * tick) / 100;
    out.push(`${num(x)} ${num(plotTop)} m ${num(x)} ${num(plotBottom)} l S`);
    const text = cleanText(spec.tick(tick));
    const w = writer.regular.widthOfTextAtSize(text, LABEL_SIZE - 1);
    writer.text(out, writer.regular, LABEL_SIZE - 1, x - w / 2, plotBottom - 12, text);
  }
  out.push('Q');

  spec.bars.forEach((bar, i) => {
    const rowTop = plotTop - i * rowHeight;
    const baseline = rowTop - rowHeight / 2 - LABEL_SIZE * 0.35;
    const font = writer.fontOf({ bold: bar.emphasis });
    const label = cleanText(bar.label);
    // A label longer than its column is cut with an ellipsis rather than run into the bars.
    let shown = label;
    while (shown.length > 1 && font.widthOfTextAtSize(shown, LABEL_SIZE) > labelWidth - 8) shown = `${shown.slice(0, -2)}…`;
    writer.text(out, font, LABEL_SIZE, left, baseline, shown);
    const width = bar.value === null ? 0 : (plotWidth * Math.max(0, Math.min(100, bar.value))) / 100;
    if (width > 0) out.push('q', bar.emphasis ? TOTAL_FILL : BAR_FILL, `${num(x0)} ${num(rowTop - (rowHeight + barHeight) / 2)} ${num(width)} ${num(barHeight)} re f`, 'Q');
    writer.text(out, font, LABEL_SIZE, x0 + width + 4, baseline, cleanText(bar.valueText));
  });
  out.push(`${num(x0)} ${num(plotTop)} m ${num(x0)} ${num(plotBottom)} l S`);

  let footY = plotBottom - 24;
  for (const line of spec.footnotes) footY = writer.drawLine(out, line, left, right, footY);
  writer.addPage(spec.pageSize, out);
  return writer.save(spec.info);
}

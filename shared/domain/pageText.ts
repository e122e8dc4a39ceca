/**
 * A PDF page's text as positioned runs, and the rows of characters built from them: what the proposals of where a
 * signature, the number or the date go (issuePlaces, signerBlock) read. The runs come from pdf.js, in the renderer or
 * in the core's reading thread; nothing here needs either.
 */

/** One run of text as a PDF reader reports it, in user space: left end and baseline, horizontal. */
export interface PageTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** The page's visible box in user space: [left, bottom, right, top] (pdf.js's `page.view`). */
export type PageBox = readonly [number, number, number, number];

/** A rectangle in a page's user space: lower-left corner, width and height. */
export interface PageArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface RawTextItem {
  str?: unknown;
  transform?: unknown;
  width?: unknown;
}

/** pdf.js's `getTextContent().items` as runs; marked-content entries (no text) are left out. */
export function pdfJsTextItems(items: readonly unknown[]): PageTextItem[] {
  return (items as RawTextItem[]).flatMap((i) => {
    const t = i.transform;
    if (typeof i.str !== 'string' || !Array.isArray(t) || typeof i.width !== 'number') return [];
    const [, , c = 0, d = 0, e = 0, f = 0] = t as number[];
    return [{ text: i.str, x: e, y: f, width: i.width, size: Math.hypot(c, d) }];
  });
}

/**
 * Advance widths of Times (the face Decree 30 prescribes) per 1000 units, for the printable ASCII range. Only the
 * proportions within one run matter: a run's real width, reported by the reader, scales them.
 */
const TIMES_WIDTHS = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278,
  564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944,
  722, 722, 611, 333, 278, 333, 469, 500, 333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
  278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

function charWidth(ch: string): number {
  if (/\s/.test(ch)) return 250;
  if (ch === '…') return 1000;
  // Vietnamese letters are as wide as their base letter; đ/Đ as d/D.
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace('đ', 'd').replace('Đ', 'D');
  const code = base.charCodeAt(0);
  return code >= 32 && code <= 126 ? TIMES_WIDTHS[code - 32]! : 500;
}

export interface TextCell {
  ch: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** One row of characters across the whole page; `cells[i]` is where `text[i]` sits. */
export interface TextRow {
  text: string;
  cells: TextCell[];
  y: number;
  size: number;
}

/** Rows of characters, top first, each with its text. */
export function textRows(items: readonly PageTextItem[]): TextRow[] {
  const cells: TextCell[] = [];
  for (const item of items) {
    const chars = [...item.text.normalize('NFC')];
    if (chars.length === 0 || !(item.size > 0)) continue;
    const total = chars.reduce((sum, ch) => sum + charWidth(ch), 0);
    const scale = item.width > 0 && total > 0 ? item.width / total : item.size / 1000;
    let x = item.x;
    for (const ch of chars) {
      const w = charWidth(ch) * scale;
      cells.push({ ch, x0: x, x1: x + w, y: item.y, size: item.size });
      x += w;
    }
  }
  cells.sort((a, b) => b.y - a.y);
  const grouped: TextCell[][] = [];
  for (const cell of cells) {
    const row = grouped.at(-1);
    if (row && Math.abs(row[0]!.y - cell.y) < 0.4 * Math.max(row[0]!.size, cell.size)) row.push(cell);
    else grouped.push([cell]);
  }
  return grouped.map((row) => {
    row.sort((a, b) => a.x0 - b.x0);
    const out: TextCell[] = [];
    for (const cell of row) {
      const prev = out.at(-1);
      // A gap the PDF did not fill with a space character still separates words (and may be a template's blank).
      if (prev && cell.x0 - prev.x1 > 0.15 * cell.size && !/\s/.test(prev.ch) && !/\s/.test(cell.ch)) {
        out.push({ ch: ' ', x0: prev.x1, x1: cell.x0, y: cell.y, size: cell.size });
      }
      out.push(cell);
    }
    const size = Math.max(...out.map((c) => c.size));
    const y = out.reduce((sum, c) => sum + c.y, 0) / out.length;
    return { text: out.map((c) => c.ch).join(''), cells: out, y, size };
  });
}

/** A piece of a row between column gutters: the header's two columns, "Nơi nhận" beside the signer's block. */
export interface TextSegment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** A horizontal gap wider than this (in font sizes) between characters of one row is a column gutter. */
const COLUMN_GAP = 1.6;

/** Each row cut at its column gutters, top first; white space at a segment's ends is dropped. */
export function textSegments(rows: readonly TextRow[]): TextSegment[] {
  const out: TextSegment[] = [];
  for (const row of rows) {
    let current: TextCell[] = [];
    const flush = () => {
      const text = current.map((c) => c.ch).join('').trim();
      const inked = current.filter((c) => !/\s/.test(c.ch));
      if (text && inked.length > 0) {
        out.push({ text, x0: inked[0]!.x0, x1: inked.at(-1)!.x1, y: row.y, size: Math.max(...inked.map((c) => c.size)) });
      }
      current = [];
    };
    let lastInked: TextCell | null = null;
    for (const cell of row.cells) {
      const inked = !/\s/.test(cell.ch);
      if (inked && lastInked && cell.x0 - lastInked.x1 > COLUMN_GAP * Math.max(cell.size, lastInked.size)) flush();
      current.push(cell);
      if (inked) lastInked = cell;
    }
    flush();
  }
  return out;
}

/** Kept free between a placed box and any text. */
const CLEARANCE = 4;

/**
 * A w×h place inside `area` that keeps CLEARANCE from every box in `taken`, searched on a 4 pt grid from one corner:
 * `topLeft` tries the highest rows first and each from the left, `bottomRight` the lowest rows first and each from
 * the right. Null when there is none. Any coordinate system whose y grows upwards.
 */
export function freeSpot(area: PageArea, w: number, h: number, taken: readonly PageArea[], from: 'topLeft' | 'bottomRight'): PageArea | null {
  const clear = (x: number, y: number) =>
    taken.every((b) => x + w + CLEARANCE <= b.x || b.x + b.width + CLEARANCE <= x || y + h + CLEARANCE <= b.y || b.y + b.height + CLEARANCE <= y);
  const top = area.y + area.height - h;
  const right = area.x + area.width - w;
  const ys: number[] = [];
  const xs: number[] = [];
  // The grid starts at the searched corner, so that corner itself is the first place tried.
  if (from === 'topLeft') {
    for (let y = top; y >= area.y; y -= 4) ys.push(y);
    for (let x = area.x; x <= right; x += 4) xs.push(x);
  } else {
    for (let y = area.y; y <= top; y += 4) ys.push(y);
    for (let x = right; x >= area.x; x -= 4) xs.push(x);
  }
  for (const y of ys) for (const x of xs) if (clear(x, y)) return { x, y, width: w, height: h };
  return null;
}

/** Turns positioned text runs into the lines a reader sees, keeping where each sits on the page for layout rules. */

/** One run of text as pdf.js places it; y is the baseline measured from the top of the page, in points. */
export interface PositionedRun {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
  bold: boolean;
  /** Position in the page's content stream: text of one flow is drawn in sequence, a neighbouring column elsewhere. */
  order: number;
}

/**
 * A line of text: runs on one baseline with no wide gap between them. Two columns printed side by side (the header's
 * issuing body and national motto, "Nơi nhận" and the signature) stay separate lines. Text is NFC.
 */
export interface TextLine {
  text: string;
  /** Left edge and baseline (from the page top), in points. */
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** Most of the line's characters are in a bold font. */
  bold: boolean;
}

/** Runs whose baselines differ by less than this share a row (fraction of the font size). */
const SAME_ROW = 0.4;
/** A horizontal gap wider than this (in font sizes) starts a new line: it is a column gutter, not a word space. */
const COLUMN_GAP = 1.6;
/**
 * Columns can sit closer than that ("UBND THÀNH PHỐ ĐÀ NẴNG" nearly touching the national motto): a gap wider than a
 * generous word space between runs that were not drawn one after the other also starts a new line.
 */
const FLOW_GAP = 0.5;
/** A gap wider than this (in font sizes) between runs of one line is a word space the PDF did not encode. */
const WORD_GAP = 0.15;

export function buildLines(runs: readonly PositionedRun[]): TextLine[] {
  const rows: PositionedRun[][] = [];
  for (const run of [...runs].sort((a, b) => a.y - b.y || a.x - b.x)) {
    const row = rows.at(-1);
    const anchor = row?.[0];
    if (row && anchor && Math.abs(run.y - anchor.y) < SAME_ROW * Math.max(run.fontSize, anchor.fontSize)) row.push(run);
    else rows.push([run]);
  }
  const lines: TextLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    let group: PositionedRun[] = [];
    for (const run of row) {
      const prev = group.at(-1);
      const gap = prev ? (run.x - (prev.x + prev.width)) / Math.max(run.fontSize, prev.fontSize) : 0;
      if (prev && (gap > COLUMN_GAP || (gap > FLOW_GAP && Math.abs(run.order - prev.order) !== 1))) {
        lines.push(joinRuns(group));
        group = [];
      }
      group.push(run);
    }
    if (group.length > 0) lines.push(joinRuns(group));
  }
  return lines.filter((l) => l.text !== '');
}

function joinRuns(group: PositionedRun[]): TextLine {
  let text = '';
  let boldChars = 0;
  let chars = 0;
  let prev: PositionedRun | null = null;
  for (const run of group) {
    const gap = prev ? run.x - (prev.x + prev.width) : 0;
    if (prev && gap > WORD_GAP * run.fontSize && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    text += run.text;
    const n = run.text.replace(/\s/g, '').length;
    chars += n;
    if (run.bold) boldChars += n;
    prev = run;
  }
  const first = group[0] as PositionedRun;
  const last = group.at(-1) as PositionedRun;
  return {
    text: text.normalize('NFC').replace(/\s+/g, ' ').trim(),
    x: first.x,
    // reduce, not Math.max(...): a hostile page can put hundreds of thousands of runs on one line.
    y: group.reduce((m, r) => Math.max(m, r.y), -Infinity),
    width: last.x + last.width - first.x,
    fontSize: group.reduce((m, r) => Math.max(m, r.fontSize), 0),
    bold: chars > 0 && boldChars * 2 > chars,
  };
}

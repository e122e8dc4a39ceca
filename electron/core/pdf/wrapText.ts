/** Width of a piece of text in points, at the size the caller cares about. */
export type Measure = (text: string) => number;

// Where a word too long for its cell may break: after these, a reader still sees where the word continues
// ("125/QĐ-" then "UBND").
const SOFT_BREAK_AFTER = new Set(['/', '-', '.', ',', ';', ':', ')', '_']);

/**
 * Breaks text into lines no wider than maxWidth: at spaces first, inside over-long words after / - . , and only as a
 * last resort between any two characters. Newlines in the text start new lines; blank lines are kept.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  const spaceWidth = measure(' ');
  for (const paragraph of text.split('\n')) {
    const words = paragraph.split(' ').filter((w) => w !== '');
    let line = '';
    // Widths add up glyph by glyph (the PDF writer applies no kerning), so the line is measured incrementally.
    let lineWidth = 0;
    for (const word of words) {
      const wordWidth = measure(word);
      if (line !== '' && lineWidth + spaceWidth + wordWidth <= maxWidth) {
        line = `${line} ${word}`;
        lineWidth += spaceWidth + wordWidth;
        continue;
      }
      if (line !== '') lines.push(line);
      if (wordWidth <= maxWidth) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      const pieces = breakWord(word, maxWidth, measure);
      lines.push(...pieces.slice(0, -1));
      line = pieces[pieces.length - 1] ?? '';
      lineWidth = measure(line);
    }
    lines.push(line);
  }
  return lines;
}

/** Splits one word wider than maxWidth into pieces that fit, preferring soft break points. */
function breakWord(word: string, maxWidth: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let chars = [...word];
  while (chars.length > 0) {
    let fit = 0;
    let softBreak = 0;
    let width = 0;
    while (fit < chars.length) {
      const ch = chars[fit] as string;
      width += measure(ch);
      if (width > maxWidth) break;
      fit++;
      if (SOFT_BREAK_AFTER.has(ch)) softBreak = fit;
    }
    // A cell narrower than one character still takes one character per line rather than looping forever.
    const take = fit === chars.length ? fit : Math.max(1, softBreak || fit);
    pieces.push(chars.slice(0, take).join(''));
    chars = chars.slice(take);
  }
  return pieces;
}

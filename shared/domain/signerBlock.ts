/**
 * Where the competent person's approval signature goes on the last page of a Decree 30 document, found from the page's
 * text. The document ends with the signer's block in the right column: an optional authority line ("TM. ỦY BAN NHÂN
 * DÂN", "KT. CHỦ TỊCH", "Q.", "TL.", "TUQ."), the title ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC"…), several empty lines for the
 * signature and the seal, then the signer's full name. The box goes in the middle of that gap (Appendix I: the image is
 * centred between the title and the name). A page without such a block gets the box in its bottom right corner, inside
 * the margins and off the text where there is room.
 */
import { foldVietnamese } from './fold';
import { freeSpot, textRows, textSegments, type PageArea, type PageBox, type PageTextItem, type TextSegment } from './pageText';

export interface SignerBlockPlace {
  /** In the page's user space. */
  rect: PageArea;
  /** Whether a title and a name with a gap between them were found (false: the bottom right corner). */
  found: boolean;
}

/** About the width of a handwritten signature image on paper (6 cm), and the most height the box takes (25 mm). */
const BOX_WIDTH = 170;
const BOX_MAX_HEIGHT = 70;
const CORNER_BOX_HEIGHT = 60;
/** Kept between the box and the title or the name. */
const PAD = 4;
/** The title's and the name's baselines are at least this many font sizes apart: room was left to sign. */
const MIN_GAP_LINES = 3;
/** Decree 30 margins (Appendix I): 20–25 mm top and bottom, 30–35 mm left, 15–20 mm right; the smallest of each. */
const MARGIN = { top: 56.7, bottom: 56.7, left: 85, right: 42.5 };

/** Upper-case words, not a heading that introduces something ("QUYẾT ĐỊNH:"), no figures. */
function isTitle(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toLocaleUpperCase('vi') && !/[:;]$/.test(text) && !/\d/.test(text);
}

/** Two to seven words, each starting with a capital and made of letters only: how a person's full name is printed. */
function isName(text: string): boolean {
  const words = text.split(/\s+/);
  return words.length >= 2 && words.length <= 7 && words.every((w) => /^\p{Lu}[\p{L}'’-]*$/u.test(w));
}

const overlapsHorizontally = (a: TextSegment, b: TextSegment) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
/** "(Đã ký)", "(Chữ ký, dấu)": printed in the gap by some drafts, and no reason to look further up. */
const isNote = (text: string) => /^\(.*\)$/.test(text);

/**
 * The approval box on a page from its text runs: centred between the signer's title and name when the page has a
 * signer's block (the one whose name is `signerName` when that is printed, else the lowest, then the rightmost),
 * else in the bottom right corner.
 */
export function proposeSignerBlockPlace(items: readonly PageTextItem[], box: PageBox, signerName?: string): SignerBlockPlace {
  const segments = textSegments(textRows(items));
  const wanted = signerName?.trim() ? foldVietnamese(signerName.trim()).replace(/\s+/g, ' ') : null;
  const named = (s: TextSegment) => wanted !== null && foldVietnamese(s.text).replace(/\s+/g, ' ').includes(wanted);

  const blocks: { title: TextSegment; name: TextSegment; named: boolean }[] = [];
  for (const name of segments) {
    const isTheSigner = named(name);
    if (!isTheSigner && !isName(name.text)) continue;
    const above = segments
      .filter((s) => s !== name && s.y > name.y + 0.5 * name.size && overlapsHorizontally(s, name) && !isNote(s.text))
      .sort((a, b) => a.y - b.y)[0];
    if (!above) continue;
    const roomy = above.y - name.y >= MIN_GAP_LINES * Math.max(above.size, name.size);
    if (roomy && (isTheSigner || isTitle(above.text))) blocks.push({ title: above, name, named: isTheSigner });
  }
  blocks.sort((a, b) => Number(b.named) - Number(a.named) || a.name.y - b.name.y || b.name.x1 - a.name.x1);
  const block = blocks[0];
  if (block) return { rect: between(block.title, block.name, box), found: true };
  return { rect: bottomRight(segments, box), found: false };
}

/** The box centred in the gap under the title (its descenders) and over the name (its accented capitals). */
function between(title: TextSegment, name: TextSegment, box: PageBox): PageArea {
  const [left, , right] = box;
  const top = title.y - 0.3 * title.size - PAD;
  const bottom = name.y + 1.0 * name.size + PAD;
  const height = Math.max(Math.min(top - bottom, BOX_MAX_HEIGHT), 1);
  const width = Math.min(BOX_WIDTH, right - left - MARGIN.left - MARGIN.right);
  const centre = ((title.x0 + title.x1) / 2 + (name.x0 + name.x1) / 2) / 2;
  const x = Math.min(Math.max(centre - width / 2, left + MARGIN.left), right - MARGIN.right - width);
  return rounded({ x, y: (top + bottom) / 2 - height / 2, width, height });
}

function bottomRight(segments: readonly TextSegment[], box: PageBox): PageArea {
  const [left, bottom, right, top] = box;
  const inside: PageArea = { x: left + MARGIN.left, y: bottom + MARGIN.bottom, width: right - left - MARGIN.left - MARGIN.right, height: top - bottom - MARGIN.top - MARGIN.bottom };
  const width = Math.min(BOX_WIDTH, inside.width);
  const height = Math.min(CORNER_BOX_HEIGHT, inside.height);
  // A line's box reaches a font size above its baseline (accents on capitals) and a quarter below (descenders).
  const text = segments.map((s) => ({ x: s.x0, y: s.y - 0.25 * s.size, width: s.x1 - s.x0, height: 1.25 * s.size }));
  const corner = { x: inside.x + inside.width - width, y: inside.y, width, height };
  return rounded(freeSpot(inside, width, height, text, 'bottomRight') ?? corner);
}

const rounded = (r: PageArea): PageArea => {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { x: round(r.x), y: round(r.y), width: round(r.width), height: round(r.height) };
};

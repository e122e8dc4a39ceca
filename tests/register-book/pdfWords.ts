import { execFileSync } from 'node:child_process';

/** A word as poppler's pdftotext places it: points from the top-left corner of its page. */
export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPageWords {
  width: number;
  height: number;
  words: PdfWord[];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&#39;': "'" };

/** Every word of every page, with its box, as `pdftotext -bbox` extracts it (text is left exactly as extracted). */
export function pdfWords(path: string): PdfPageWords[] {
  const html = execFileSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const pages: PdfPageWords[] = [];
  const tag = /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(tag)) {
    if (m[1]) {
      pages.push({ width: Number(m[1]), height: Number(m[2]), words: [] });
      continue;
    }
    const page = pages[pages.length - 1];
    if (!page) throw new Error('pdftotext -bbox: a word before any page');
    page.words.push({
      text: (m[7] ?? '').replace(/&(amp|lt|gt|quot|apos|#39);/g, (e) => ENTITIES[e] ?? e),
      xMin: Number(m[3]),
      yMin: Number(m[4]),
      xMax: Number(m[5]),
      yMax: Number(m[6]),
    });
  }
  return pages;
}

/** Words in reading order: lines top to bottom (a line is words whose tops are within 3 pt), left to right. */
export function readingOrder(words: PdfWord[]): PdfWord[] {
  const sorted = [...words].sort((a, b) => a.yMin - b.yMin);
  const lines: PdfWord[][] = [];
  for (const word of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as PdfWord).yMin - word.yMin) < 3) line.push(word);
    else lines.push([word]);
  }
  return lines.flatMap((line) => line.sort((a, b) => a.xMin - b.xMin));
}

export function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}

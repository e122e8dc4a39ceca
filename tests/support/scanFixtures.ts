/**
 * Scanned paper for OCR tests: a generated document's pages rendered to greyscale pixels by poppler's pdftoppm, turned
 * by a slight skew and sprinkled with noise here (on the raw pixels, seeded, so a run can be replayed), then wrapped in
 * a PDF with no text layer, one picture per page, as a scanner's PDF is.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, PDFName } from 'pdf-lib';
import { decodePgm, turnGreyscale, type Greyscale, type QuarterTurn } from '../../electron/core/ocr/greyscale';
import { mulberry32 } from './prng';

const run = promisify(execFile);

export interface ScanLook {
  /** Resolution of the scan (default 200 dpi, Circular 01/2019's minimum for digitised paper). */
  dpi?: number;
  /** Rotation in degrees, positive clockwise: paper fed a little askew (default 0.6°). */
  skewDegrees?: number;
  /** Grey-level noise amplitude, 0–255 (default 24), plus dark specks on about this share of pixels (default 0.001). */
  noise?: number;
  specks?: number;
  seed?: number;
  /** Pages scanned (default: all). */
  pages?: number;
  /** Paper laid on the scanner sideways or upside down: the page turned clockwise by this much (default 0). */
  turned?: QuarterTurn;
}

/** A PDF of the pages of `pdf` as a scanner would make it; written to `out`. */
export async function makeScanPdf(pdf: string, out: string, look: ScanLook = {}): Promise<void> {
  const dpi = look.dpi ?? 200;
  const scan = await PDFDocument.create();
  for (const page of await renderPages(pdf, dpi, look.pages)) addScanPage(scan, turnGreyscale(roughen(page, look), look.turned ?? 0), dpi);
  await writeFile(out, await scan.save());
}

/** Page 1 of `pdf` as a PNG picture (greyscale, skewed, noisy), as a scanner saves to a file. */
export async function makeScanPng(pdf: string, out: string, look: ScanLook = {}): Promise<void> {
  const dpi = look.dpi ?? 200;
  const [page] = await renderPages(pdf, dpi, 1);
  const dir = await mkdtemp(join(tmpdir(), 'vanthu-scan-'));
  try {
    // pdftoppm stands in for a PNG encoder: the roughened pixels go in as a one-page PDF and come out at their own size.
    const single = await PDFDocument.create();
    addScanPage(single, roughen(page!, look), dpi);
    await writeFile(join(dir, 'page.pdf'), await single.save());
    await run('pdftoppm', ['-r', String(dpi), '-gray', '-png', '-singlefile', join(dir, 'page.pdf'), join(dir, 'page')]);
    await writeFile(out, await readFile(join(dir, 'page.png')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A page the size the picture was scanned at, drawing only the picture (Flate-compressed greyscale). */
function addScanPage(doc: PDFDocument, image: Greyscale, dpi: number): void {
  const [w, h] = [(image.width * 72) / dpi, (image.height * 72) / dpi];
  const stream = doc.context.flateStream(image.pixels, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: image.width,
    Height: image.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  const page = doc.addPage([w, h]);
  page.node.setXObject(PDFName.of('Scan'), doc.context.register(stream));
  page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(`q ${w} 0 0 ${h} 0 0 cm /Scan Do Q`)));
}

/** The pages as greyscale pixels, by pdftoppm (PGM output). */
export async function renderPages(pdf: string, dpi: number, pages?: number): Promise<Greyscale[]> {
  const dir = await mkdtemp(join(tmpdir(), 'vanthu-scan-'));
  try {
    await run('pdftoppm', ['-r', String(dpi), '-gray', ...(pages ? ['-l', String(pages)] : []), pdf, join(dir, 'p')]);
    const files = (await readdir(dir)).filter((f) => f.endsWith('.pgm')).sort();
    return Promise.all(files.map(async (f) => decodePgm(await readFile(join(dir, f)))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Turns the page about its centre (nearest pixel, white outside) and adds noise and specks. */
export function roughen(page: Greyscale, look: ScanLook): Greyscale {
  const { width, height, pixels } = page;
  const angle = ((look.skewDegrees ?? 0.6) * Math.PI) / 180;
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  const [cx, cy] = [width / 2, height / 2];
  const random = mulberry32(look.seed ?? 1);
  const noise = look.noise ?? 24;
  const specks = look.specks ?? 0.001;
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // The source pixel that lands here once the page is turned clockwise by `angle`.
      const sx = Math.round(cos * (x - cx) + sin * (y - cy) + cx);
      const sy = Math.round(-sin * (x - cx) + cos * (y - cy) + cy);
      let v = sx >= 0 && sx < width && sy >= 0 && sy < height ? (pixels[sy * width + sx] as number) : 255;
      v += (random() - 0.5) * 2 * noise;
      if (random() < specks) v = random() * 90;
      out[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width, height, pixels: out };
}

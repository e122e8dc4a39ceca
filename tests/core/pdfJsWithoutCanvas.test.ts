/**
 * The PDF-text thread loads pdf.js without the native canvas module (Skia), which cost it 29 MB and paints nothing
 * it needs; the 2-D matrix given to pdf.js instead computes what the canvas module's DOMMatrix computes.
 */
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPdfJs } from '../../electron/core/pdf/pdfJsNode';
import { readPdf } from '../../electron/core/pdf/pdfText';
import { cleanupFixtures, makeDocumentPdf } from '../support/documentFixtures';

afterAll(() => cleanupFixtures());

interface Matrix {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
  scaleSelf(sx: number, sy?: number): Matrix;
  translateSelf(tx: number, ty?: number): Matrix;
}
type MatrixClass = new () => Matrix;
/** `+ 0` makes -0 (a zero scaled by a negative factor) +0: the same term. */
const terms = (m: Matrix) => [m.a, m.b, m.c, m.d, m.e, m.f].map((x) => x + 0);
const loadedLibraries = () => (process.report.getReport() as unknown as { sharedObjects: string[] }).sharedObjects;

describe('pdf.js without @napi-rs/canvas', () => {
  // First in this file: the comparison below loads the canvas module into this process.
  it('reads a PDF in its thread without loading the canvas library into the process', async () => {
    const reading = await readPdf(await makeDocumentPdf('congVan'));
    expect(reading.problem).toBeNull();
    expect(reading.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(loadedLibraries().filter((file) => /skia|napi-rs|canvas/i.test(file))).toEqual([]);
  }, 60_000);

  it('gives pdf.js a matrix that scales and translates as DOMMatrix does', async () => {
    const fromPdfJs = createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.min.mjs'));
    const Canvas = (fromPdfJs('@napi-rs/canvas') as { DOMMatrix: MatrixClass }).DOMMatrix;
    // The probe of the test above sees the library once it is loaded.
    expect(loadedLibraries().filter((file) => /skia|napi-rs|canvas/i.test(file))).not.toEqual([]);
    await loadPdfJs();
    const Ours = (globalThis as unknown as { DOMMatrix: MatrixClass }).DOMMatrix;
    expect(Ours).not.toBe(Canvas);
    // As pdf.js outlines a Type3 glyph of width × height pixels, and a translation then a uniform scale.
    for (const [width, height] of [[10, 20], [3, 7]] as const) {
      const glyph = (M: MatrixClass) => terms(new M().scaleSelf(1 / width, -1 / height).translateSelf(0, -height));
      expect(glyph(Ours)).toEqual(glyph(Canvas));
    }
    const moved = (M: MatrixClass) => terms(new M().translateSelf(5, 3).scaleSelf(2));
    expect(moved(Ours)).toEqual(moved(Canvas));
  });
});

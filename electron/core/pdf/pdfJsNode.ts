/**
 * pdf.js's Node build, loaded without @napi-rs/canvas. On load pdf.js takes DOMMatrix, ImageData and Path2D from
 * that native module (Skia, a 33 MB library), which alone took the PDF-text thread from 19 to 48 MB before its first
 * file; this thread reads text and decodes scanned pages' pictures, and neither paints on a canvas (a page drawn as
 * outlines does: useCanvasForDrawing). Outside painting,
 * pdf.js makes one DOMMatrix at load and uses scaleSelf and translateSelf when it outlines a Type3 font's glyphs:
 * this module gives it a matrix that does that, and answers its request for the canvas module with nothing.
 * Runs inside the PDF-text worker thread only.
 */
import { createRequire, Module } from 'node:module';
import { fileURLToPath } from 'node:url';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.min.mjs');

/** A 2-D affine matrix [a b c d e f], as DOMMatrix names its terms. */
class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;

  scaleSelf(sx = 1, sy = sx): this {
    [this.a, this.b, this.c, this.d] = [this.a * sx, this.b * sx, this.c * sy, this.d * sy];
    return this;
  }

  translateSelf(tx = 0, ty = 0): this {
    this.e += this.a * tx + this.c * ty;
    this.f += this.b * tx + this.d * ty;
    return this;
  }
}

let loaded: Promise<PdfJs> | null = null;
/** pdf.js's own require and the canvas module's path, kept to bring the canvas in when a page must be drawn. */
let held: { fromPdfJs: NodeJS.Require; canvas: string } | null = null;

/** This module's file: the thread may be compiled to CommonJS, where import.meta is empty. */
const here = () => ((import.meta.url as string | undefined) ? fileURLToPath(import.meta.url) : __filename);

/**
 * pdf.js's API, with its "worker" handed over: in Node it runs in the calling thread, found without a path lookup. The
 * minified builds are the same code in half the source: tsx (the command line, development) rewrites each module it
 * loads, which for pdf.js's full builds alone took about 100 MB more of the process's peak memory.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const globals = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
    globals.DOMMatrix ??= AffineMatrix;
    const fromPdfJs = createRequire(createRequire(here()).resolve('pdfjs-dist/legacy/build/pdf.min.mjs'));
    let canvas: string | null = null;
    try {
      canvas = fromPdfJs.resolve('@napi-rs/canvas');
    } catch {
      // Not installed: pdf.js's own request for it fails, and it keeps the matrix above.
    }
    if (canvas) {
      const empty = new Module(canvas);
      empty.loaded = true;
      fromPdfJs.cache[canvas] = empty;
      held = { fromPdfJs, canvas };
    }
    globals.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.min.mjs');
    return import('pdfjs-dist/legacy/build/pdf.min.mjs');
  })();
  return loaded;
}

/**
 * Brings the real canvas module in, for the rare page whose text is drawn as outlines and must be painted to be read
 * (pageImages.ts): pdf.js asks for it by name each time it makes a canvas, and paints with its matrix and paths.
 * From then on this thread carries the library, as pdf.js's own loading would have made it do from the start.
 */
export function useCanvasForDrawing(): void {
  if (!held) return;
  const { fromPdfJs, canvas } = held;
  held = null;
  delete fromPdfJs.cache[canvas];
  const real = fromPdfJs(canvas) as { DOMMatrix: unknown; ImageData: unknown; Path2D: unknown };
  Object.assign(globalThis, { DOMMatrix: real.DOMMatrix, ImageData: real.ImageData, Path2D: real.Path2D });
}

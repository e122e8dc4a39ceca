/**
 * The scanned images of a PDF without a text layer, written out for OCR. A scanner's PDF draws each page as one
 * picture; pdf.js decodes it (JPEG, Flate, CCITT, JBIG2 …) in the PDF-text worker thread, so no renderer or poppler
 * has to be installed on the office PC beside the app, and the picture is read at the resolution it was scanned at.
 * A page that draws its text as outlines (a PDF printed with fonts turned to curves: no text layer, no picture) is
 * drawn by pdf.js itself onto @napi-rs/canvas, brought into the thread only then (pdfJsNode.ts), and read like a scan.
 * Runs inside that worker (pdfTextWorker.ts).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PDFDocumentProxy, PDFOperatorList, PDFPageProxy, RenderParameters } from 'pdfjs-dist/types/src/display/api';
import type { FileProblem } from '../../../shared/contract/types';
import { encodePgm } from '../ocr/greyscale';
import { withPdf } from './extractPdfText';
import { useCanvasForDrawing, type PdfJs } from './pdfJsNode';

export interface PageImagesJob {
  file: string;
  /** Page numbers from 1, in the order wanted; pages past the end are skipped. */
  pages: number[];
  /** Where the images are written (one PGM file per page). */
  outDir: string;
}

/** Resolution a page drawn from outlines is rendered at: that of the scans Tesseract reads well (Circular 01/2019's minimum). */
export const DRAWN_PAGE_DPI = 200;

/** Operations that paint shapes: a page holding any of them and no picture has its text drawn as outlines, maybe. */
const shapeOps = ({ OPS }: PdfJs) => new Set<number>([OPS.constructPath, OPS.fill, OPS.eoFill, OPS.stroke, OPS.fillStroke, OPS.eoFillStroke, OPS.shadingFill]);

export interface PageImage {
  page: number;
  /** A greyscale PGM (P5), which Tesseract reads as it is. */
  file: string;
  width: number;
  height: number;
  /** The page's width in points: pixels × widthPt / width places recognised text as the PDF's own text would be. */
  widthPt: number;
}

export interface PageImages {
  pageCount: number | null;
  /** Blank pages (no picture, no shape) are left out. */
  images: PageImage[];
  problem: FileProblem | null;
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

export async function writePageImages(job: PageImagesJob): Promise<PageImages> {
  const out = await withPdf(job.file, async (doc, pdfjs) => {
    const images: PageImage[] = [];
    const shapes = shapeOps(pdfjs);
    for (const n of job.pages.filter((p) => p >= 1 && p <= doc.numPages)) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      const picture = (await largestPicture(page, ops, pdfjs)) ?? (ops.fnArray.some((fn) => shapes.has(fn)) ? await drawPage(doc, page, pdfjs) : null);
      if (picture) {
        const file = path.join(job.outDir, `page-${n}.pgm`);
        await writeFile(file, pgm(picture, pdfjs));
        images.push({ page: n, file, width: picture.width, height: picture.height, widthPt: page.getViewport({ scale: 1 }).width });
      }
      page.cleanup();
    }
    return { pageCount: doc.numPages, images };
  });
  return 'problem' in out ? { pageCount: null, images: [], problem: out.problem } : { ...out.value, problem: null };
}

/** The page's biggest picture by pixels: the scan itself, not a logo or a stamp pasted on it. */
async function largestPicture(page: PDFPageProxy, ops: PDFOperatorList, { OPS }: PdfJs): Promise<DecodedImage | null> {
  let best: DecodedImage | null = null;
  for (const [i, fn] of ops.fnArray.entries()) {
    let image: DecodedImage | null = null;
    if (fn === OPS.paintImageXObject) {
      const id = String((ops.argsArray[i] as unknown[])[0]);
      const store = id.startsWith('g_') ? page.commonObjs : page.objs;
      image = await new Promise<DecodedImage | null>((resolve) => store.get(id, (img: DecodedImage | null) => resolve(img)));
    } else if (fn === OPS.paintInlineImageXObject) image = (ops.argsArray[i] as DecodedImage[])[0] ?? null;
    if (image?.data && (!best || image.width * image.height > best.width * best.height)) best = image;
  }
  return best;
}

interface DrawingCanvas {
  canvas: unknown;
  context: { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
}

/** The page rendered on a white background at DRAWN_PAGE_DPI, as RGBA pixels. */
async function drawPage(doc: PDFDocumentProxy, page: PDFPageProxy, { ImageKind }: PdfJs): Promise<DecodedImage> {
  useCanvasForDrawing();
  const viewport = page.getViewport({ scale: DRAWN_PAGE_DPI / 72 });
  const [width, height] = [Math.ceil(viewport.width), Math.ceil(viewport.height)];
  const factory = (doc as unknown as { canvasFactory: { create(w: number, h: number): DrawingCanvas; destroy(c: DrawingCanvas): void } }).canvasFactory;
  const drawing = factory.create(width, height);
  try {
    const target = { canvasContext: drawing.context, canvas: drawing.canvas } as unknown as Pick<RenderParameters, 'canvasContext' | 'canvas'>;
    await page.render({ ...target, viewport, background: 'white' }).promise;
    return { width, height, kind: ImageKind.RGBA_32BPP, data: drawing.context.getImageData(0, 0, width, height).data };
  } finally {
    factory.destroy(drawing);
  }
}

/** Greyscale from whatever pdf.js decoded: 1 bit per pixel (a set bit is white), RGB or RGBA. */
function pgm({ width, height, kind, data }: DecodedImage, { ImageKind }: PdfJs): Buffer {
  const grey = Buffer.alloc(width * height);
  const src = data as Uint8Array;
  if (kind === ImageKind.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) grey[y * width + x] = (src[y * rowBytes + (x >> 3)] ?? 255) & (0x80 >> (x & 7)) ? 255 : 0;
    }
  } else {
    const step = kind === ImageKind.RGB_24BPP ? 3 : 4;
    for (let p = 0, s = 0; p < grey.length; p++, s += step) {
      grey[p] = ((src[s] ?? 0) * 299 + (src[s + 1] ?? 0) * 587 + (src[s + 2] ?? 0) * 114) / 1000;
    }
  }
  return encodePgm({ width, height, pixels: grey });
}
